// Queries built by drizzle once per database handle and shape, then run with placeholders (decision 038).
// Under issue 7's load the server's thread spent ~17 % building the same queries again for every
// request (drizzle's SQL assembly) and PostgreSQL planned them again each time (1.2 ms of 1.6 ms for
// the tracking statement). The statement is named, so each connection parses it once and PostgreSQL
// keeps its plan. PGlite is one session behind pglite-socket: names outlive a connection there, so
// the embedded pool deallocates them whenever it opens a connection (index.ts).
import type { AppPool } from './pool';

const kept = new WeakMap<object, Map<string, unknown>>();

/**
 * The query `build()` makes, prepared once for `db` under `key` (the same key must always build the
 * same SQL: put every varying value in a `sql.placeholder`). Undefined for a transaction handle:
 * the caller runs the query as usual then. `named: false` leaves the statement unnamed: drizzle still
 * builds it once, the database parses and plans it on every run.
 */
export function preparedOnce<P>(db: object, key: string, build: () => { prepare(name: string): P }, opts: { named?: boolean } = {}): P | undefined {
  const client = (db as { $client?: AppPool }).$client;
  if (!client || typeof (client as { appOptions?: unknown }).appOptions !== 'object') return undefined;
  let m = kept.get(db);
  if (!m) kept.set(db, (m = new Map()));
  let p = m.get(key) as P | undefined;
  if (p === undefined) {
    // unnamed (`named: false`): built once, planned by the database for each run's values (a plan kept
    // for any LIMIT and OFFSET can be a bad one)
    p = build().prepare((opts.named ?? true ? `zl_${key}` : undefined) as string);
    m.set(key, p);
  }
  return p;
}
