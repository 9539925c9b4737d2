// Vitest setup file (vitest.config.ts): test databases of every domain are prepared the way the
// platform prepares its own (migrations and the regions), so tests of one domain see the reference
// data. Imported lazily: test files without a database do not load the regions.
import { setTestDbPreparer } from '../core/db/testing';

setTestDbPreparer('platform', async (db) => {
  const { prepareDatabase } = await import('./database');
  return prepareDatabase(db);
});
