// Embedded database throughput and correctness under concurrency (issue 7, first finding).
//
//   npx tsx bench/embedded-db.ts [--seconds 5] [--callers 12]
//
// 1. Raw: `callers` concurrent async callers on one createDb handle (the embedded database of a fresh
//    migrated data dir), each looping a parametrised query (extended protocol, two parameters) whose
//    answer must echo the caller's own parameters, and every fifth a short transaction
//    (insert + select its own row + rollback). Counts queries/s, errors and wrong answers.
// 2. HTTP: startServer on a fresh data dir and the load of the issue (12 clients signed in as the
//    demo roles looping GET /api/auth/me, one creating plans): requests/s and wrong answers.
// Each phase stops after its duration; a phase that does not finish within 60 s more counts as hung.
import '../src/server/test-setup';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/core/config';
import { createDb } from '../src/core/db/index';
import { freshEmbeddedDataDir } from '../src/core/db/testing';
import { DEMO_PASSWORD } from '../src/org/seed';
import { runIdentityLoad } from '../src/server/identity-load';
import { startServer } from '../src/server/start';
import { machine } from './platform-process';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) || dflt : dflt;
};
const SECONDS = arg('seconds', 5);
const CALLERS = arg('callers', 12);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T | 'hung'> {
  return Promise.race([p, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref())]).then((v) => {
    if (v === 'hung') console.log(`${what}: no answer within ${ms} ms (hung)`);
    return v;
  });
}

async function raw(): Promise<void> {
  const dataDir = await freshEmbeddedDataDir();
  const handle = await createDb({ dataDir });
  const db = handle.db;
  await db.execute(sql`create table if not exists bench_echo (id bigint primary key, caller int not null)`);
  let ok = 0;
  let errors = 0;
  let wrong = 0;
  const samples: string[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  const run = Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      for (let n = 0; performance.now() < deadline; n++) {
        try {
          if (n % 5 === 4) {
            const id = caller * 1_000_000 + n;
            const got = await db.transaction(async (tx) => {
              await tx.execute(sql`insert into bench_echo (id, caller) values (${id}, ${caller})`);
              const rows = (await tx.execute(sql`select caller from bench_echo where id = ${id}`)).rows as { caller: number }[];
              tx.rollback();
              return rows;
            }).catch((e) => {
              if ((e as Error).message === 'Rollback') return 'rolled back';
              throw e;
            });
            if (got !== 'rolled back') wrong++;
          } else {
            const rows = (await db.execute(sql`select ${caller}::int as caller, ${n}::int as n`)).rows as { caller: number; n: number }[];
            if (rows[0]?.caller !== caller || rows[0]?.n !== n) {
              wrong++;
              if (samples.length < 3) samples.push(`caller ${caller} n ${n} got ${JSON.stringify(rows[0])}`);
            }
          }
          ok++;
        } catch (e) {
          errors++;
          if (samples.length < 3) samples.push((e as Error).message);
        }
      }
    }),
  );
  const res = await withTimeout(run, SECONDS * 1000 + 60_000, 'raw');
  const secs = (performance.now() - t0) / 1000;
  const leftover = (await withTimeout(db.execute(sql`select count(*)::int as n from bench_echo`), 10_000, 'leftover check')) as { rows: { n: number }[] } | 'hung';
  console.log(
    `raw, ${CALLERS} callers, ${SECONDS} s: ${(ok / secs).toFixed(0)} queries/s (${ok} answered), errors ${errors}, wrong answers ${wrong}${res === 'hung' ? ', HUNG' : ''}` +
      `, rows left by rolled-back transactions ${leftover === 'hung' ? 'unknown (hung)' : leftover.rows[0].n}`,
  );
  for (const s of samples) console.log(`  e.g. ${s}`);
  await withTimeout(handle.close(), 15_000, 'close');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function http(): Promise<void> {
  const dataDir = await freshEmbeddedDataDir();
  const server = await startServer(loadConfig({ ZHILIANG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), { print: () => {}, webDir: '/nonexistent-web-dir' });
  await server.demoLoaded;
  const baseUrl = server.url.replace('localhost', '127.0.0.1');
  const r = await withTimeout(runIdentityLoad({ baseUrl, password: DEMO_PASSWORD, clients: 12, durationMs: SECONDS * 1000 }), SECONDS * 1000 + 60_000, 'http');
  if (r !== 'hung') {
    console.log(
      `http, 12 clients, ${SECONDS} s: ${(r.requests / (r.elapsedMs / 1000)).toFixed(0)} requests/s (${r.requests}), plans created ${r.plansCreated}, wrong answers/errors ${r.problems.length}`,
    );
    const kinds = new Map<string, number>();
    for (const p of r.problems) {
      const k = p.replace(/^client \d+ \(\w+\): /, '').replace(/user \d+/, 'user N').slice(0, 90);
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    for (const [k, n] of [...kinds].slice(0, 6)) console.log(`  ${n} × ${k}`);
  }
  await withTimeout(server.close(), 15_000, 'server close');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

console.log(machine());
const which = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!which.length || which.includes('raw')) await raw();
if (!which.length || which.includes('http')) await http();
process.exit(0);
