import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './index';
import { LOCK_FILE } from './lock';
import { preparedOnce } from './prepared';
import { migrate } from './migrate';
import { freshEmbeddedDataDir, freshServerDatabase, TEST_DATABASE_URL } from './testing';

const FIXTURE = fileURLToPath(new URL('./open-datadir.fixture.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
async function dataDir(): Promise<string> {
  const d = await freshEmbeddedDataDir();
  dirs.push(d);
  return d;
}

/** Runs the fixture in another process and resolves with its first JSON line. */
function runFixture(dir: string, mode: 'try' | 'hold' | 'exit'): { child: ReturnType<typeof spawn>; first: Promise<Record<string, unknown>> } {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let errOut = '';
  child.stderr!.on('data', (b) => (errOut += b));
  const first = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout!.on('data', (b) => {
      out += b;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.on('exit', (code) => reject(new Error(`fixture exited ${code} without output: ${errOut}`)));
  });
  return { child, first };
}

/** A reference-data loader standing in for a domain's (the regions): 1000 rows, loaded once. */
async function probeReferenceData(db: Db): Promise<number> {
  await db.execute(sql`create table if not exists reference_probe (n int)`);
  const { rows } = await db.execute(sql`select count(*)::int as n from reference_probe`);
  if ((rows[0] as { n: number }).n > 0) return 0;
  const res = await db.execute(sql`insert into reference_probe select generate_series(1, 1000)`);
  return res.rowCount ?? 0;
}

const exited = (child: ReturnType<typeof spawn>) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('embedded database: PGlite in a worker thread behind pglite-socket', () => {
  it('answers node-postgres on a loopback port that is not 5432, each concurrent query with its own answer', async () => {
    const h = await createDb({ dataDir: await dataDir(), poolSize: 4 });
    try {
      expect(h.mode).toBe('embedded');
      expect(h.address!.host).toBe('127.0.0.1');
      expect(h.address!.port).not.toBe(5432);
      // a plain pg client, like any PostgreSQL client would, sees a PostgreSQL server there
      const c = new pg.Client({ host: '127.0.0.1', port: h.address!.port, user: 'postgres', database: 'postgres' });
      await c.connect();
      try {
        const { rows } = await c.query('select version() as v');
        expect(rows[0].v).toMatch(/PostgreSQL/);
      } finally {
        await c.end();
      }
      // one session, one connection (issue 7: several connections mixed their Parse/Bind/Execute):
      // 40 parametrised queries and 10 transactions at once, each gets its own answer
      const queries = Array.from({ length: 40 }, (_, i) => h.db.execute(sql`select ${i}::int as n, ${`q${i}`}::text as s`));
      const txs = Array.from({ length: 10 }, (_, i) =>
        h.db.transaction(async (tx) => {
          const a = await tx.execute(sql`select ${i}::int as n`);
          const b = await tx.execute(sql`select ${i * 2}::int as n, txid_current() as x`);
          return [a.rows[0].n, b.rows[0].n];
        }),
      );
      const got = await Promise.all(queries);
      expect(got.map((r) => [r.rows[0].n, r.rows[0].s])).toEqual(Array.from({ length: 40 }, (_, i) => [i, `q${i}`]));
      expect(await Promise.all(txs)).toEqual(Array.from({ length: 10 }, (_, i) => [i, i * 2]));
    } finally {
      await h.close();
    }
  });

  it('runs a statement prepared once (named) again after the pool replaced its connection (PGlite keeps the session and its names)', async () => {
    const h = await createDb({ dataDir: await dataDir() });
    try {
      const catalog = pgTable('pg_database', { datname: text('datname') });
      const q = () =>
        preparedOnce(h.db, 'probe_database', () =>
          h.db.select({ name: catalog.datname, n: sql<number>`${sql.placeholder('n')}::int + 1` }).from(catalog).where(eq(catalog.datname, sql.placeholder('db'))),
        )!;
      expect(await q().execute({ n: 1, db: 'postgres' })).toEqual([{ name: 'postgres', n: 2 }]);
      // the connection breaks (or idles out): the pool opens another to the same PGlite session
      const c = await h.pool.connect();
      c.release(true);
      expect(await q().execute({ n: 41, db: 'postgres' })).toEqual([{ name: 'postgres', n: 42 }]);
      expect(await q().execute({ n: 1, db: 'template1' })).toEqual([{ name: 'template1', n: 2 }]);
    } finally {
      await h.close();
    }
  });

  it('runs a query on db from inside a transaction on the transaction itself instead of waiting for ever', async () => {
    const h = await createDb({ dataDir: await dataDir() });
    try {
      await h.db.execute(sql`create table t_nested (id int primary key)`);
      const seen = await h.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t_nested values (1)`);
        // the one connection is this transaction's: the query on db joins it (and sees its row)
        const r = await h.db.execute(sql`select count(*)::int as n from t_nested`);
        return r.rows[0].n;
      });
      expect(seen).toBe(1);
      // a transaction begun on db inside another one is a savepoint of it: the outer one stays atomic
      await expect(
        h.db.transaction(async (tx) => {
          await tx.execute(sql`insert into t_nested values (2)`);
          await h.db.transaction(async (inner) => {
            await inner.execute(sql`insert into t_nested values (3)`);
          });
          throw new Error('outer fails after the inner one committed');
        }),
      ).rejects.toThrow('outer fails');
      const { rows } = await h.db.execute(sql`select array_agg(id order by id) as ids from t_nested`);
      expect(rows[0].ids).toEqual([1]);
      // and other work waits its turn meanwhile, then runs
      const order: string[] = [];
      const tx = h.db.transaction(async (t) => {
        await t.execute(sql`select pg_sleep(0.2)`);
        order.push('tx');
      });
      const q = h.db.execute(sql`select 1`).then(() => order.push('query'));
      await Promise.all([tx, q]);
      expect(order).toEqual(['tx', 'query']);
    } finally {
      await h.close();
    }
  });

  it('answers SERVER_BUSY (503) instead of queueing for ever when the connection does not come', async () => {
    const h = await createDb({ dataDir: await dataDir(), dbWaitMs: 300, dbMaxWaiting: 2 });
    try {
      let release!: () => void;
      const held = h.pool.hold(() => new Promise<void>((r) => (release = r)));
      await new Promise((r) => setTimeout(r, 50));
      const waiting = [h.db.execute(sql`select 1`), h.pool.query('select 2')].map((p) => p.then(() => 'answered', (e) => e));
      // a third waiter is refused at once: the queue is full
      const third = await h.pool.query('select 3').then(() => 'answered', (e) => e);
      expect(third).toMatchObject({ code: 'SERVER_BUSY', status: 503 });
      for (const w of await Promise.all(waiting)) {
        const e = (w as { cause?: unknown }).cause ?? w; // drizzle wraps the driver's error
        expect(e).toMatchObject({ code: 'SERVER_BUSY', status: 503, message: expect.stringContaining('繁忙') });
      }
      release();
      await held;
      // the connection is free again: queries are answered
      expect((await h.pool.query('select 4 as n')).rows[0].n).toBe(4);
    } finally {
      await h.close();
    }
  });

  it('leaves the main thread free while a long query runs (the database is on its own thread)', async () => {
    const h = await createDb({ dataDir: await dataDir() });
    try {
      let done = false;
      let turns = 0;
      const q = h.db.execute(sql`select count(*)::int as n from generate_series(1, 3000000)`).then((r) => {
        done = true;
        return r.rows[0];
      });
      while (!done) {
        await new Promise((r) => setImmediate(r));
        turns++;
      }
      expect(await q).toEqual({ n: 3000000 });
      // on the main thread PGlite would block the event loop for the whole query: a handful of turns
      expect(turns).toBeGreaterThan(1000);
    } finally {
      await h.close();
    }
  });

  it('keeps its data across a restart, and the lock file is gone after close', async () => {
    const dir = await dataDir();
    let h = await createDb({ dataDir: dir });
    await h.db.execute(sql`create table restart_probe (word text)`);
    await h.db.execute(sql`insert into restart_probe values ('质量')`);
    await h.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    h = await createDb({ dataDir: dir });
    try {
      const { rows } = await h.db.execute(sql`select word from restart_probe`);
      expect(rows).toEqual([{ word: '质量' }]);
      await migrate(h.db); // the migrations survived the restart: none is applied twice
      const journal = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../drizzle/meta/_journal.json', import.meta.url)), 'utf8'));
      const { rows: applied } = await h.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied[0]).toEqual({ n: journal.entries.length });
    } finally {
      await h.close();
    }
  });

  it('refuses a second process on the same data dir, naming the holder pid, and the holder keeps working', async () => {
    const dir = await dataDir();
    const h = await createDb({ dataDir: dir });
    try {
      await h.db.execute(sql`create table lock_probe (n int)`);
      const { child, first } = runFixture(dir, 'try');
      const answer = await first;
      await exited(child);
      expect(answer.ok).toBe(false);
      expect(answer.code).toBe('DATA_DIR_LOCKED');
      expect(answer.message).toContain(`pid ${process.pid}`);
      expect(answer.message).toContain('正被另一个进程');
      expect(child.exitCode).toBe(3);
      // the holder is untouched
      await h.db.execute(sql`insert into lock_probe values (1)`);
      const { rows } = await h.db.execute(sql`select count(*)::int as n from lock_probe`);
      expect(rows[0]).toEqual({ n: 1 });
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await h.close();
    }
  });

  it('refuses a second createDb on the same data dir inside one process as well', async () => {
    const dir = await dataDir();
    const h = await createDb({ dataDir: dir });
    try {
      await expect(createDb({ dataDir: dir })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED', details: { pid: process.pid } });
      const { rows } = await h.db.execute(sql`select 1 as one`);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await h.close();
    }
  });

  it('takes over the lock of a process that was killed, and what it committed is still there', async () => {
    const dir = await dataDir();
    const { child, first } = runFixture(dir, 'hold');
    const answer = await first;
    expect(answer.ok).toBe(true);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(answer.pid));
    child.kill('SIGKILL');
    await exited(child);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true); // stale: nobody removed it

    const h = await createDb({ dataDir: dir });
    try {
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      const { rows } = await h.db.execute(sql`select n from crash_probe`);
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await h.close();
    }
  });

  it('takes over a lock file whose pid is not alive', async () => {
    const dir = await dataDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${dead}\n`);
    const h = await createDb({ dataDir: dir });
    try {
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await h.close();
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('releases the lock when the holding process gets %s', async (signal) => {
    const dir = await dataDir();
    const { child, first } = runFixture(dir, 'hold');
    expect((await first).ok).toBe(true);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    child.kill(signal);
    await exited(child);
    expect(child.signalCode).toBe(signal);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('releases the lock when the holding process exits without closing', async () => {
    const dir = await dataDir();
    const { child, first } = runFixture(dir, 'exit');
    expect((await first).ok).toBe(true);
    await exited(child);
    expect(child.exitCode).toBe(0);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});

if (TEST_DATABASE_URL) describe('server mode (TEST_DATABASE_URL)', () => {
  it('connects to the PostgreSQL server, and two servers migrating at once take turns under the advisory lock', async () => {
    const fresh = await freshServerDatabase(TEST_DATABASE_URL!);
    const a = await createDb({ databaseUrl: fresh.url, dataDir: os.tmpdir() });
    const b = await createDb({ databaseUrl: fresh.url, dataDir: os.tmpdir() });
    try {
      expect(a.mode).toBe('server');
      const [ra, rb] = await Promise.all([
        migrate(a.db, { referenceData: probeReferenceData }),
        migrate(b.db, { referenceData: probeReferenceData }),
      ]);
      // the reference data is loaded once, by whichever server held the lock first
      expect(ra.referenceRowsLoaded + rb.referenceRowsLoaded).toBe(1000);
      expect(Math.min(ra.referenceRowsLoaded, rb.referenceRowsLoaded)).toBe(0);
      // whoever came second found every migration there and ran none; a later start runs none either
      expect([ra.migrated, rb.migrated].sort()).toEqual([false, true]);
      expect((await migrate(a.db, { referenceData: probeReferenceData })).migrated).toBe(false);
      const { rows } = await a.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const journal = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../drizzle/meta/_journal.json', import.meta.url)), 'utf8'));
      expect(rows[0]).toEqual({ n: journal.entries.length });
    } finally {
      await a.close();
      await b.close();
      await fresh.drop();
    }
  });
});
if (!TEST_DATABASE_URL) {
  describe('server mode', () => {
    it.skip('PostgreSQL 层已跳过：未设置 TEST_DATABASE_URL (skipped: TEST_DATABASE_URL not set)', () => {});
  });
}

describe('bad database settings', () => {
  it('a data dir that cannot be created answers a Chinese error, not a stack trace', async () => {
    const file = path.join(os.tmpdir(), `zl-not-a-dir-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      await expect(createDb({ dataDir: path.join(file, 'sub') })).rejects.toMatchObject({
        code: 'DATA_DIR_UNAVAILABLE',
        message: expect.stringContaining('无法使用数据目录'),
      });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('an unreachable DATABASE_URL answers DATABASE_UNAVAILABLE', async () => {
    // a port nobody listens on: bind one, then close it
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    await expect(createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/none`, dataDir: os.tmpdir() })).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: expect.stringContaining('无法连接数据库'),
    });
  });
});
