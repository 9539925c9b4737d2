// Import time of each seed document end to end, through the same path as `zhiliang plans import`
// and the demo seed: read bytes → parse (document engine) → match departments → confirm (one
// transaction: plan, source, targets, tasks, departments, audit) → publish.
//
//   npx tsx bench/plans-import.ts [--runs N]
//
// Runs on a fresh embedded database (PGlite in a worker thread behind pglite-socket, the real
// createDb path) and, when TEST_DATABASE_URL is set, on a fresh database of that PostgreSQL.
// Each run imports a copy of the seed with trailing newlines appended (a new file for the hash,
// the same text after normalization), so nothing is skipped as a duplicate. Reported: median
// and min of the runs per seed, and how much of it is parsing (the engine alone, same bytes).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openTestDb, TEST_DATABASE_URL } from '../src/core/db/testing';
import { seedDemo } from '../src/org/seed';
import { importActor, importPlanFile, parseBytes } from '../src/plans/import';
import { SEED_FILES, seedBytes } from '../src/plans/testing';
import { setAuditKey } from '../src/org/audit/chain';

// Audit entries written here are signed with a key of this run (the server loads its own from the key directory).
setAuditKey((await import('node:crypto')).randomBytes(32));

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => x.toFixed(1).padStart(8);

async function bench(tier: 'pglite' | 'postgres'): Promise<void> {
  const t = await openTestDb(tier);
  try {
    const { tenantId } = await seedDemo(t.db);
    const actor = importActor(tenantId, '基准测试');
    // warm-up: loads the engine's dictionaries and the database's caches
    await importPlanFile(t.db, actor, new Uint8Array([...seedBytes(SEED_FILES[0]), 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a]), 'warmup.txt', { publish: true });
    console.log(`\n[${tier}] ${RUNS} runs per seed (ms)`);
    console.log('seed                          KB   targets tasks   import median    min   parse median');
    for (const file of SEED_FILES) {
      const bytes = seedBytes(file);
      const times: number[] = [];
      const parseTimes: number[] = [];
      let counts = { targets: 0, tasks: 0 };
      for (let i = 0; i < RUNS; i++) {
        const copy = new Uint8Array(bytes.length + i + 1);
        copy.set(bytes);
        copy.fill(0x0a, bytes.length);
        const t0 = performance.now();
        const r = await importPlanFile(t.db, actor, copy, file, { publish: true });
        times.push(performance.now() - t0);
        if (!r.created) throw new Error('unexpected duplicate');
        counts = r.counts;
        const p0 = performance.now();
        await parseBytes(bytes, file);
        parseTimes.push(performance.now() - p0);
      }
      console.log(
        `${file.padEnd(28)} ${(bytes.length / 1024).toFixed(1).padStart(5)} ${String(counts.targets).padStart(8)} ${String(counts.tasks).padStart(5)} ${ms(median(times))}     ${ms(Math.min(...times))} ${ms(median(parseTimes))}`,
      );
    }
  } finally {
    await t.dispose();
  }
}

console.log(`plans import benchmark — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString()}`);
await bench('pglite');
if (TEST_DATABASE_URL) await bench('postgres');
else console.log('\n[postgres] skipped: TEST_DATABASE_URL not set');
process.exit(0);
