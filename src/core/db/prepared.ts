// Queries built by drizzle once per database handle and shape, then run with placeholders (decision 038).
// Under issue 7's load the server's thread spent ~17 % building the same queries again for every
// request (drizzle's SQL assembly) and PostgreSQL planned them again each time (1.2 ms of 1.6 ms for
// the tracking statement). On a PostgreSQL server the statement is also named, so each connection
// parses and plans it once; on the embedded database it stays unnamed: PGlite is one session behind
// pglite-socket, and a replaced connection would meet the statement the old one had named.
import type { AppPool } from './pool';

const kept = new WeakMap<object, Map<string, unknown>>();

/**
 * The query `build()` makes, prepared once for `db` under `key` (the same key must always build the
 * same SQL: put every varying value in a `sql.placeholder`). Undefined for a transaction handle:
 * the caller runs the query as usual then.
 */
export function preparedOnce<P>(db: object, key: string, build: () => { prepare(name: string): P }): P | undefined {
  const client = (db as { $client?: AppPool }).$client;
  if (!client || typeof (client as { appOptions?: unknown }).appOptions !== 'object') return undefined;
  let m = kept.get(db);
  if (!m) kept.set(db, (m = new Map()));
  let p = m.get(key) as P | undefined;
  if (p === undefined) {
    // named on a PostgreSQL server only (holdRouting marks the embedded database's one connection)
    const name = client.appOptions.holdRouting ? undefined : `zl_${key}`;
    p = build().prepare(name as string);
    m.set(key, p);
  }
  return p;
}
