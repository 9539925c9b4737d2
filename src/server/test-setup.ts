// Vitest setup file (vitest.config.ts): test databases of every domain are prepared the way the
// platform prepares its own (migrations and the regions), so tests of one domain see the reference
// data. Imported lazily: test files without a database do not load the regions.
import { setTestDbPreparer } from '../core/db/testing';

setTestDbPreparer('platform', async (db) => {
  const { prepareDatabase } = await import('./database');
  return prepareDatabase(db);
});

// Database tests write audit entries: sign them with a key of this test process.
import crypto from 'node:crypto';
import { hasAuditKey, setAuditKey } from '../org/audit/chain';
if (!hasAuditKey()) setAuditKey(crypto.randomBytes(32));
