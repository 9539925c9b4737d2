// The signed-in session of a token, kept in the process for a few seconds (decision 038): every
// signed-in request asked the database for its session and user (one statement of the one or two a
// light request makes; on the embedded database every statement waits in one queue).
//
// What is kept is the database's answer (the session row and its user row), not the verdict: the
// expiry checks and the touch of getSession run on every request as before, on the kept rows.
// Correctness rests on invalidation, not on the lifetime:
//
// - Every write to sessions or users through src/org/auth/store.ts (sign-in, sign-out, a session
//   expired or ended, a password changed or reset, an account edited or disabled) empties every kept
//   entry, in every database of the process, at once; the services call `sessionsChanged()` again
//   after their transaction commits, so that a request that read the rows between the write and its
//   commit cannot keep what it read.
// - A read keeps its answer only if no such write happened since the read began (an epoch).
// - `ttlMs` bounds what a write the process did not make can leave stale: a row changed by another
//   server process on the same PostgreSQL, or by hand in SQL. One process holds an embedded data
//   directory (its lock), so there the bound never applies. ZHILIANG_SESSION_CACHE_MS=0 turns the
//   cache off (several server processes on one PostgreSQL that must see each other's sign-outs at once).
import type { SessionRow, UserRow } from './tables';

export interface SessionAndUser {
  session: SessionRow;
  user: UserRow | null;
}

interface Entry {
  value: SessionAndUser;
  /** performance.now() when read from the database */
  at: number;
}

/** Default lifetime of a kept session (ms). */
export const DEFAULT_SESSION_CACHE_MS = 2000;
/** Most entries kept per database: beyond, the oldest go. */
const MAX_ENTRIES = 10_000;

let epoch = 0;
const caches = new WeakMap<object, Map<string, Entry>>();
/** Every map in use, to empty them all on a change (WeakMap cannot be iterated). */
const live = new Set<WeakRef<Map<string, Entry>>>();

/** A session or user row changed: nothing kept so far may be answered again. */
export function sessionsChanged(): void {
  epoch++;
  for (const ref of live) {
    const m = ref.deref();
    if (m) m.clear();
    else live.delete(ref);
  }
}

function cacheOf(db: object): Map<string, Entry> {
  let m = caches.get(db);
  if (!m) {
    m = new Map();
    caches.set(db, m);
    live.add(new WeakRef(m));
  }
  return m;
}

/** The kept rows of this token, if read less than `ttlMs` ago and unchanged since. */
export function keptSession(db: object, key: string, ttlMs: number): SessionAndUser | undefined {
  if (ttlMs <= 0) return undefined;
  const m = caches.get(db);
  const e = m?.get(key);
  if (!e) return undefined;
  if (performance.now() - e.at >= ttlMs) {
    m!.delete(key);
    return undefined;
  }
  return e.value;
}

/**
 * Reads the rows with `read` and keeps them unless a write happened meanwhile. `read` answering
 * nothing keeps nothing (an unknown token is asked again every time).
 */
export async function readAndKeep(db: object, key: string, ttlMs: number, read: () => Promise<SessionAndUser | undefined>): Promise<SessionAndUser | undefined> {
  const before = epoch;
  const at = performance.now();
  const value = await read();
  if (value && ttlMs > 0 && epoch === before) {
    const m = cacheOf(db);
    if (m.size >= MAX_ENTRIES) m.delete(m.keys().next().value!);
    m.set(key, { value, at });
  }
  return value;
}

/** Updates the kept session row after a touch (its last use and idle expiry moved). */
export function touchKept(db: object, key: string, lastSeenAt: Date, expiresAt: Date): void {
  const e = caches.get(db)?.get(key);
  if (e) e.value = { session: { ...e.value.session, lastSeenAt, expiresAt }, user: e.value.user };
}

/** Forgets one token (its session ended). */
export function forgetSession(db: object, key: string): void {
  caches.get(db)?.delete(key);
}
