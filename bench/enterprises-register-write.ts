// Time to write a generated register into a fresh demo authority through the import's staging and
// merge (what first start and `zhiliang demo enterprises` do). Preliminary: not yet the import and
// search benchmarks of issue 11 (bench/enterprises-import.ts, bench/enterprises-search.ts).
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-register-write.ts 20000            (embedded)
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-register-write.ts 20000 postgres://…  (PostgreSQL)
// ZHILIANG_IMPORT_TRACE=1 adds the stage times on stderr.
import os from 'node:os'; import fs from 'node:fs'; import path from 'node:path'; import crypto from 'node:crypto';
import { createDb } from '../src/core/db/index';
import { prepareDatabase } from '../src/server/database';
import { seedDemo } from '../src/org/seed';
import { setAuditKey } from '../src/org/audit/chain';
import { systemActor } from '../src/org/auth/model';
import { generateRegister } from '../src/enterprises/service';
setAuditKey(crypto.randomBytes(32));
const url = process.argv[3];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entdemo-'));
const h = await createDb(url ? { databaseUrl: url, dataDir: dir } : { dataDir: dir });
await prepareDatabase(h.db);
const s = await seedDemo(h.db);
const n = Number(process.argv[2]);
const t0 = performance.now();
const r = await generateRegister(h.db, systemActor(s.tenantId), { count: n });
console.log(n, 'rows', Math.round(performance.now() - t0), 'ms', r.imported, r.rowsPerSecond);
await h.close();
fs.rmSync(dir, { recursive: true, force: true });
