// The template data directory (template.ts, decision 039): a new embedded data directory started
// from it holds exactly the schema of one migrated from scratch, and one that is not asked to be
// migrated (db restore's) stays empty. Embedded only: PostgreSQL has no data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, type DbHandle } from './index';
import { migrate } from './migrate';
import { templatePath, templateReady } from './template';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-template-test-'));
const templates = path.join(tmp, 'templates');
const saved = process.env.ZHILIANG_PGLITE_TEMPLATE_DIR;
beforeAll(() => {
  process.env.ZHILIANG_PGLITE_TEMPLATE_DIR = templates;
});
afterAll(() => {
  if (saved === undefined) delete process.env.ZHILIANG_PGLITE_TEMPLATE_DIR;
  else process.env.ZHILIANG_PGLITE_TEMPLATE_DIR = saved;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** What a user's data depends on: the migrations applied, every column, index, constraint, trigger, function and extension. */
async function schemaOf(db: Db) {
  const q = async (text: string) => (await db.$client.query(text)).rows;
  return {
    journal: await q('select hash, created_at::text from drizzle.__drizzle_migrations order by id'),
    columns: await q(
      `select table_schema, table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
        where table_schema not in ('pg_catalog', 'information_schema') order by 1, 2, 3`,
    ),
    indexes: await q(`select schemaname, tablename, indexname, indexdef from pg_indexes where schemaname not in ('pg_catalog') order by 1, 2, 3`),
    constraints: await q(
      `select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint
        where connamespace not in ('pg_catalog'::regnamespace) order by 1, 2`,
    ),
    triggers: await q(`select tgrelid::regclass::text as t, tgname from pg_trigger where not tgisinternal order by 1, 2`),
    functions: await q(`select proname, pg_get_function_identity_arguments(oid) as args from pg_proc where pronamespace = 'public'::regnamespace order by 1, 2`),
    extensions: await q('select extname, extversion from pg_extension order by 1'),
  };
}

async function opened<T>(dataDir: string, migratedTemplate: boolean, fn: (db: Db, h: DbHandle) => Promise<T>): Promise<T> {
  const h = await createDb({ dataDir, migratedTemplate });
  try {
    return await fn(h.db, h);
  } finally {
    await h.close();
  }
}

describe('template data directory (embedded)', () => {
  const dir = (name: string) => path.join(tmp, name);

  it('a data dir from the template has the same schema as one migrated from scratch, and later starts reuse it', async () => {
    // from scratch: initdb, then the migrations through the server's path
    const scratch = await opened(dir('scratch'), false, async (db) => {
      await migrate(db);
      return schemaOf(db);
    });
    // the first start with no template migrates as before, and builds the template when asked
    // (initdb + migrations on PGlite in a throwaway thread) …
    expect(fs.existsSync(templates)).toBe(false);
    const template = templatePath(templates, undefined);
    await opened(dir('first'), true, async (db, h) => {
      await migrate(db);
      expect(h.buildTemplate).toBeDefined();
      expect(await h.buildTemplate!()).toBe(true);
    });
    expect(templateReady(template)).toBe(true);
    expect(fs.readdirSync(templates)).toEqual([path.basename(template)]); // no build folder left
    // a data dir started straight from the template, before the start's own migrate
    const built = await opened(dir('from-template'), true, async (db, h) => {
      expect(h.buildTemplate).toBeUndefined();
      return schemaOf(db);
    });
    // … and the next one is a copy of it
    const copied = await opened(dir('second'), true, async (db) => {
      const before = await schemaOf(db);
      await migrate(db);
      expect(await schemaOf(db)).toEqual(before); // the copy was already complete
      return before;
    });
    expect(scratch.journal.length).toBeGreaterThan(10);
    expect(scratch.columns.length).toBeGreaterThan(100);
    expect(built).toEqual(scratch);
    expect(copied).toEqual(scratch);
    // the copy is a database of its own: writing in it leaves the template as it was
    await opened(dir('second'), true, (db) => db.$client.query(`create table only_here (x int)`));
    const third = await opened(dir('third'), true, schemaOf);
    expect(third).toEqual(scratch);
  });

  it('a new data dir not asked to be migrated (db restore) stays empty even when a template exists', async () => {
    const tables = await opened(dir('restore'), false, async (db) =>
      (await db.$client.query(`select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`)).rows[0].n,
    );
    expect(tables).toBe(0);
  });
});
