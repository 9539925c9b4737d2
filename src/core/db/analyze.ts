// Planner statistics for the embedded database. PGlite runs PostgreSQL in single-user mode: there is
// no autovacuum, so a table's statistics are those of its last explicit ANALYZE, or none at all. With
// none, the planner guesses a handful of rows and picks sequential scans and nested loops that cost
// milliseconds per small query and seconds per large one (issue 7's profile: 5–25 ms to read a
// plan's 10 target departments out of 20 000; the 驾驶舱's obligations query 2–3 s).
//
// analyzeStale() does what autovacuum would: it analyzes (and on the embedded database vacuums) each
// table that has grown by more than a tenth (in pages) since its statistics were gathered, or that
// has none. Cheap when nothing
// grew (one catalog query). On PostgreSQL autovacuum does this already; the function is harmless there.
import { sql } from 'drizzle-orm';
import type { Db } from './index';

/** A table is re-analyzed when it has grown past this many pages and by this share since its last statistics. */
const MIN_PAGES = 4;
const GROWTH = 0.1;

/**
 * Analyzes the tables of the current schema whose statistics are missing or stale; returns their
 * names. With `vacuum` (the embedded database, where nothing else does) they are vacuumed too: dead
 * rows are reclaimed and the visibility map set, without which an index-only scan (a count, a page
 * of the plan list) reads every row from the table anyway.
 */
export async function analyzeStale(db: Db, opts: { vacuum?: boolean } = {}): Promise<string[]> {
  const { rows } = await db.execute(sql`
    select c.relname as name, c.relpages as stat_pages, c.reltuples as stat_rows,
      (pg_relation_size(c.oid) / current_setting('block_size')::int) as pages
    from pg_class c
    where c.relkind = 'r' and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())`);
  const stale = (rows as { name: string; stat_pages: unknown; stat_rows: unknown; pages: unknown }[])
    .filter((r) => {
      const pages = Number(r.pages);
      if (pages < MIN_PAGES) return false;
      return Number(r.stat_rows) < 0 || pages > Number(r.stat_pages) * (1 + GROWTH);
    })
    .map((r) => r.name);
  for (const name of stale) await db.execute(opts.vacuum ? sql`vacuum (analyze) ${sql.identifier(name)}` : sql`analyze ${sql.identifier(name)}`);
  return stale;
}
