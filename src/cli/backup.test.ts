// `zhiliang db backup` / `db restore` round-trip the demo authority: every table's row count and a
// checksum of its rows are the same after restore. Embedded: the backup is taken from a RUNNING server
// (which holds the data directory) through its control socket. PostgreSQL (TEST_DATABASE_URL): pg_dump
// and the portable format, each into a database of its own created and dropped here; and the embedded
// backup restored onto PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config';
import { createDb } from '../core/db/index';
import { tableChecksums } from '../core/db/backup';
import { freshServerDatabase, TEST_DATABASE_URL } from '../core/db/testing';
import { AppError } from '../core/errors';
import { prepareDatabase } from '../server/database';
import { startServer, type RunningServer } from '../server/start';
import { seededEmbeddedDataDir } from '../server/testing-datadir';
import { seedDemo } from '../org/seed';
import { importDemoPlans } from '../plans/import';
import { dbBackup, dbRestore } from './backup';

type Sums = Awaited<ReturnType<typeof tableChecksums>>;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** DATABASE_URL of the environment must not leak into the commands under test. */
function withoutDatabaseUrl<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  return fn().finally(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  });
}

async function withDatabaseUrl<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

async function embeddedChecksums(dataDir: string): Promise<Sums> {
  const h = await createDb({ dataDir, poolSize: 1 });
  try {
    return await tableChecksums(h.db);
  } finally {
    await h.close();
  }
}

async function serverChecksums(url: string): Promise<Sums> {
  const h = await createDb({ databaseUrl: url, dataDir: tmp, poolSize: 1 });
  try {
    return await tableChecksums(h.db);
  } finally {
    await h.close();
  }
}

function expectDemoAuthority(sums: Sums): void {
  expect(sums.tenants.rows).toBe(1);
  expect(sums.plans.rows).toBeGreaterThanOrEqual(5);
  expect(sums.targets.rows).toBeGreaterThan(20);
  expect(sums.audit_log.rows).toBeGreaterThan(0);
  expect(sums.regions.rows).toBeGreaterThan(3000);
}

describe('db backup / restore, embedded, server running', () => {
  let dataDir: string;
  let server: RunningServer;
  let original: Sums;
  const file = path.join(tmp, 'embedded.zlbak');

  beforeAll(async () => {
    dataDir = await seededEmbeddedDataDir();
    server = await startServer(loadConfig({ ZHILIANG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), {
      print: () => {},
      webDir: '/nonexistent-web-dir',
    });
    original = await tableChecksums(server.handle.db);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
  });

  it('backs up through the running server, which keeps answering, and restores every row into an empty data dir', async () => {
    expectDemoAuthority(original);
    const r = await withoutDatabaseUrl(() => dbBackup(file, { dataDir }));
    expect(r.via).toBe('running-server');
    expect(r.format).toBe('zhiliang');
    expect(r.rows).toBe(Object.values(original).reduce((n, t) => n + t.rows, 0));
    const health = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/api/health`);
    expect(health.status).toBe(200);

    const target = path.join(tmp, 'restored');
    const restored = await withoutDatabaseUrl(() => dbRestore(file, { dataDir: target }));
    expect(restored.rows).toBe(r.rows);
    expect(await embeddedChecksums(target)).toEqual(original);
  });

  it('refuses to restore into a data directory that is not empty, and leaves it untouched', async () => {
    const busy = path.join(tmp, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'keep me');
    const err = await withoutDatabaseUrl(() => dbRestore(file, { dataDir: busy })).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('DATA_DIR_NOT_EMPTY');
    expect(err.message).toContain('不是空的');
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);
    // the running server's own directory as well
    const own = await withoutDatabaseUrl(() => dbRestore(file, { dataDir })).catch((e) => e);
    expect(own.code).toBe('DATA_DIR_NOT_EMPTY');
  });

  it('refuses a truncated backup and leaves the target directory empty for another try', async () => {
    const whole = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    const cut = path.join(tmp, 'cut.zlbak');
    fs.writeFileSync(cut, zlib.gzipSync(whole.slice(0, Math.floor(whole.length / 2))));
    const target = path.join(tmp, 'from-cut');
    fs.mkdirSync(target);
    const err = await withoutDatabaseUrl(() => dbRestore(cut, { dataDir: target })).catch((e) => e);
    expect(err.code).toBe('BACKUP_INVALID');
    expect(fs.readdirSync(target)).toEqual([]);
  });

  describe.skipIf(!TEST_DATABASE_URL)('onto PostgreSQL', () => {
    it('restores the embedded backup into an empty PostgreSQL database with the same rows', async () => {
      const dst = await freshServerDatabase(TEST_DATABASE_URL!);
      try {
        await withDatabaseUrl(dst.url, () => dbRestore(file, {}));
        expect(await serverChecksums(dst.url)).toEqual(original);
      } finally {
        await dst.drop();
      }
    });
  });
});

describe.skipIf(!TEST_DATABASE_URL)('db backup / restore, PostgreSQL', () => {
  let src: Awaited<ReturnType<typeof freshServerDatabase>>;
  let original: Sums;
  beforeAll(async () => {
    src = await freshServerDatabase(TEST_DATABASE_URL!);
    const h = await createDb({ databaseUrl: src.url, dataDir: tmp, poolSize: 2 });
    try {
      await prepareDatabase(h.db);
      const seeded = await seedDemo(h.db);
      await importDemoPlans(h.db, seeded.tenantId, { log: () => {} });
      original = await tableChecksums(h.db);
    } finally {
      await h.close();
    }
  });
  afterAll(async () => {
    await src?.drop();
  });

  for (const portable of [false, true]) {
    it(`round-trips the demo authority through ${portable ? 'the portable format' : 'pg_dump / pg_restore'}`, async () => {
      expectDemoAuthority(original);
      const file = path.join(tmp, portable ? 'pg.zlbak' : 'pg.dump');
      const r = await withDatabaseUrl(src.url, () => dbBackup(file, { portable }));
      expect(r.format).toBe(portable ? 'zhiliang' : 'pg_dump');
      const dst = await freshServerDatabase(TEST_DATABASE_URL!);
      try {
        await withDatabaseUrl(dst.url, () => dbRestore(file, {}));
        expect(await serverChecksums(dst.url)).toEqual(original);
        // a second restore onto the now filled database is refused
        const again = await withDatabaseUrl(dst.url, () => dbRestore(file, {})).catch((e) => e);
        expect(again.code).toBe('DATABASE_NOT_EMPTY');
      } finally {
        await dst.drop();
      }
    });
  }
});
