/**
 * Test helpers for database tests of any domain.
 *
 *   forEachDb('departments', (getDb) => {
 *     it('...', async () => { const { db } = getDb(); ... });
 *   });
 *
 * runs the suite on a fresh embedded database (the real createDb path: PGlite in a worker thread
 * behind pglite-socket, a temp data dir per suite) and, when TEST_DATABASE_URL is set, again on a
 * fresh `zl_test_<random>` database created on that server and dropped afterwards. Without the
 * variable the PostgreSQL tier shows one skipped test saying why.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createDb, type Db, type DbHandle } from './index';
import { migrate, MIGRATIONS_FOLDER } from './migrate';

export interface TestDb {
  db: Db;
  handle: DbHandle;
  tier: 'pglite' | 'postgres';
  /** embedded tier: the temp data dir */
  dataDir?: string;
}

/**
 * What makes a fresh test database ready: by default the migrations alone. The vitest setup file
 * (src/server/test-setup.ts) sets the platform's (migrations and the reference data its domains
 * need), so core need not know any domain. The key names it in the template's cache key.
 */
let preparer: { key: string; prepare: (db: Db) => Promise<unknown> } = { key: 'migrate', prepare: (db) => migrate(db) };

export function setTestDbPreparer(key: string, prepare: (db: Db) => Promise<unknown>): void {
  preparer = { key, prepare };
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** A hash of the migrations and the PGlite version: a migrated template is reused while it matches. */
function templateKey(): string {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    const p = path.join(MIGRATIONS_FOLDER, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
  try {
    h.update(fs.readFileSync(path.join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json')));
  } catch {
    /* version unknown: hash of migrations only */
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * A fresh, migrated embedded data directory. The first call builds a migrated template under the
 * OS temp dir (keyed by the migrations) and later ones copy it, so each suite does not pay initdb.
 */
export async function freshEmbeddedDataDir(): Promise<string> {
  const template = path.join(os.tmpdir(), `zhiliang-test-template-${preparer.key}-${templateKey()}`);
  if (!fs.existsSync(path.join(template, 'READY'))) {
    const building = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-template-build-'));
    const h = await createDb({ dataDir: building, poolSize: 2 });
    try {
      await preparer.prepare(h.db);
    } finally {
      await h.close();
    }
    fs.writeFileSync(path.join(building, 'READY'), new Date().toISOString());
    try {
      fs.renameSync(building, template);
    } catch {
      fs.rmSync(building, { recursive: true, force: true }); // another process won the race: use theirs
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-test-'));
  fs.cpSync(path.join(template, 'pglite'), path.join(dir, 'pglite'), { recursive: true });
  return dir;
}

/** Creates `zl_test_<random>` on the TEST_DATABASE_URL server; returns its URL and a dropper. */
export async function freshServerDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zl_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Opens a migrated fresh database of the given tier; `dispose` closes and deletes it. */
export async function openTestDb(tier: 'pglite' | 'postgres'): Promise<TestDb & { dispose(): Promise<void> }> {
  if (tier === 'pglite') {
    const dataDir = await freshEmbeddedDataDir();
    const handle = await createDb({ dataDir, poolSize: 4 });
    await preparer.prepare(handle.db); // no-op on the template, but proves the path
    return {
      db: handle.db,
      handle,
      tier,
      dataDir,
      async dispose() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const fresh = await freshServerDatabase(TEST_DATABASE_URL);
  const handle = await createDb({ databaseUrl: fresh.url, dataDir: os.tmpdir(), poolSize: 4 });
  try {
    await preparer.prepare(handle.db);
  } catch (e) {
    await handle.close();
    await fresh.drop();
    throw e;
  }
  return {
    db: handle.db,
    handle,
    tier,
    async dispose() {
      await handle.close();
      await fresh.drop();
    },
  };
}

/**
 * Runs `suite` once per database tier (PGlite always, PostgreSQL when TEST_DATABASE_URL is set),
 * each on its own fresh migrated database shared by the tests of that tier.
 */
export function forEachDb(name: string, suite: (getDb: () => TestDb) => void): void {
  for (const tier of ['pglite', 'postgres'] as const) {
    describe(`${name} [${tier}]`, () => {
      if (tier === 'postgres' && !TEST_DATABASE_URL) {
        it.skip('PostgreSQL 层已跳过：未设置 TEST_DATABASE_URL (skipped: TEST_DATABASE_URL not set)', () => {});
        return;
      }
      let current: (TestDb & { dispose(): Promise<void> }) | undefined;
      beforeAll(async () => {
        current = await openTestDb(tier);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      suite(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      });
    });
  }
}
