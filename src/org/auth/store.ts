import { and, asc, count, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../core/db/index';
import { sessions, users, type SessionRow, type UserRow } from './tables';
import { tenants } from '../tenancy/tables';
import { sessionsChanged } from './session-cache';

// Every write to users or sessions below (the touch of a session's last use aside) empties the
// sessions kept in the process once it is done (session-cache.ts, decision 038); inside a
// transaction the services call it again after the commit.

export async function findUserByUsername(db: DbOrTx, tenantId: number, username: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
  return u;
}

export async function findUserById(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<UserRow | undefined> {
  const q = db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  const [u] = forUpdate ? await q.for('update') : await q;
  return u;
}

export async function tenantIds(db: DbOrTx, limit = 2): Promise<number[]> {
  const rows = await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id)).limit(limit);
  return rows.map((r) => r.id);
}

export async function updateUserRow(db: DbOrTx, tenantId: number, id: number, patch: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  try {
    const [u] = await db
      .update(users)
      .set(patch)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
      .returning();
    return u;
  } finally {
    sessionsChanged();
  }
}

export async function insertUser(db: DbOrTx, row: typeof users.$inferInsert): Promise<UserRow> {
  const [u] = await db.insert(users).values(row).returning();
  return u;
}

export async function selectUsers(
  db: Db,
  q: { tenantId: number; search?: string; role?: string; departmentId?: number; active?: boolean; limit: number; offset: number },
): Promise<{ items: UserRow[]; total: number }> {
  const conds: SQL[] = [eq(users.tenantId, q.tenantId)];
  if (q.search) {
    const like = `%${q.search.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.departmentId !== undefined) conds.push(eq(users.departmentId, q.departmentId));
  if (q.active !== undefined) conds.push(eq(users.active, q.active));
  const where = and(...conds);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(users).where(where).orderBy(asc(users.id)).limit(q.limit).offset(q.offset),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The session and its user in one query (every signed-in request asks; the user may be gone: null). */
export async function findSessionWithUser(db: DbOrTx, tenantId: number, tokenHash: string): Promise<{ session: SessionRow; user: UserRow | null } | undefined> {
  const [r] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .leftJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.tokenHash, tokenHash)));
  return r;
}

export async function touchSession(db: DbOrTx, tenantId: number, tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt, expiresAt })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.tokenHash, tokenHash)));
}

export async function deleteSession(db: DbOrTx, tenantId: number, tokenHash: string): Promise<number> {
  try {
    const r = await db
      .delete(sessions)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.tokenHash, tokenHash)))
      .returning({ t: sessions.tokenHash });
    return r.length;
  } finally {
    sessionsChanged();
  }
}

/** Ends all sessions of a user, except `keepTokenHash` if given. */
export async function deleteUserSessions(db: DbOrTx, tenantId: number, userId: number, keepTokenHash?: string): Promise<void> {
  const conds: SQL[] = [eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)];
  if (keepTokenHash) conds.push(sql`${sessions.tokenHash} <> ${keepTokenHash}`);
  try {
    await db.delete(sessions).where(and(...conds));
  } finally {
    sessionsChanged();
  }
}

export async function deleteExpiredSessions(db: DbOrTx, tenantId: number, now: Date): Promise<void> {
  try {
    await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), lt(sessions.expiresAt, now)));
  } finally {
    sessionsChanged();
  }
}
