import crypto from 'node:crypto';
import type { Db } from '../../core/db/index';
import { AppError, badRequest, unauthorized } from '../../core/errors';
import { writeAudit } from '../audit/service';
import { hashPassword, verifyDummy, verifyPassword } from './password';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, passwordProblem, type Actor, type PublicUser, type Role } from './model';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  recordFailedLogin,
  tenantIds,
  touchSession,
  updateUserRow,
} from './store';
import type { UserRow } from './tables';

export { hashPassword, verifyPassword } from './password';

/** Injected clock and session lifetime (tests move time; the server passes config.sessionTtlHours). */
export interface AuthOptions {
  now?: () => Date;
  /** default 12 */
  sessionTtlHours?: number;
}

const nowOf = (o?: AuthOptions) => (o?.now ? o.now() : new Date());
const ttlMs = (o?: AuthOptions) => (o?.sessionTtlHours ?? 12) * 3600_000;
/** Sliding expiry is renewed at most once a minute per session. */
const TOUCH_INTERVAL_MS = 60_000;

export function toPublicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    tenantId: u.tenantId,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    departmentId: u.departmentId,
    active: u.active,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    version: u.version,
  };
}

export function actorOf(u: Pick<UserRow, 'tenantId' | 'id' | 'username' | 'displayName' | 'role' | 'departmentId'>, requestId?: string): Actor {
  return {
    tenantId: u.tenantId,
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    departmentId: u.departmentId,
    ...(requestId ? { requestId } : {}),
  };
}

export const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', '用户名或密码错误', 401);
export const accountLocked = (minutes: number) =>
  new AppError('ACCOUNT_LOCKED', `账户已锁定，请在 ${minutes} 分钟后再试`, 423, { minutes });
export const accountDisabled = () => new AppError('ACCOUNT_DISABLED', '账户已停用，请联系系统管理员', 403);
export const sessionExpired = () => new AppError('SESSION_EXPIRED', '登录已过期，请重新登录', 401);

function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Tokens carry their tenant (`<tenantId>.<random>`) so every session query filters by tenant. */
function parseToken(token: string): { tenantId: number; tokenHash: string } | null {
  const m = /^([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!m) return null;
  return { tenantId: Number(m[1]), tokenHash: hashToken(token) };
}

export interface LoginInput {
  /** may be omitted while the deployment has a single tenant */
  tenantId?: number;
  username: string;
  password: string;
  requestId?: string;
}

export interface LoginResult {
  /** put it in the httpOnly cookie; it is not stored anywhere else */
  token: string;
  expiresAt: Date;
  user: PublicUser;
}

/**
 * Signs a user in. Errors: INVALID_CREDENTIALS (用户名或密码错误), ACCOUNT_LOCKED after
 * 5 failures in a row, for 15 minutes (账户已锁定，请在 N 分钟后再试), ACCOUNT_DISABLED,
 * TENANT_REQUIRED when several tenants exist and none is given.
 */
export async function login(db: Db, input: LoginInput, opts?: AuthOptions): Promise<LoginResult> {
  const now = nowOf(opts);
  const username = (input.username ?? '').trim();
  const password = input.password ?? '';
  if (!username || !password) throw badRequest('请输入用户名和密码', 'CREDENTIALS_REQUIRED');
  let tenantId = input.tenantId;
  if (tenantId === undefined) {
    const ids = await tenantIds(db, 2);
    if (ids.length === 0) {
      await verifyDummy(password);
      throw invalidCredentials();
    }
    if (ids.length > 1) throw badRequest('请选择所属单位', 'TENANT_REQUIRED');
    tenantId = ids[0];
  }
  const user = await findUserByUsername(db, tenantId, username);
  if (!user) {
    await verifyDummy(password);
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) throw accountLocked(minutesLeft(user.lockedUntil, now));

  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const after = await recordFailedLogin(db, tenantId, user.id, MAX_FAILED_LOGINS, lockUntil);
    if (after?.lockedUntil && after.lockedUntil > now) {
      await writeAudit(db, {
        actor: actorOf(user, input.requestId),
        action: 'auth.locked',
        entityType: 'user',
        entityId: user.id,
        after: { lockedUntil: after.lockedUntil },
      });
      throw accountLocked(minutesLeft(after.lockedUntil, now));
    }
    throw invalidCredentials();
  }
  if (!user.active) throw accountDisabled();

  const token = `${tenantId}.${crypto.randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + ttlMs(opts));
  const tokenHash = hashToken(token);
  const updated = await db.transaction(async (tx) => {
    const u = await updateUserRow(tx, tenantId, user.id, { failedLogins: 0, lockedUntil: null });
    await deleteExpiredSessions(tx, tenantId, now);
    await insertSession(tx, { tenantId, tokenHash, userId: user.id, expiresAt, createdAt: now, lastSeenAt: now });
    await writeAudit(tx, { actor: actorOf(user, input.requestId), action: 'auth.login', entityType: 'user', entityId: user.id });
    return u!;
  });
  return { token, expiresAt, user: toPublicUser(updated) };
}

/** Ends the session of this token; unknown or malformed tokens are ignored. */
export async function logout(db: Db, token: string): Promise<void> {
  const parsed = parseToken(token);
  if (!parsed) return;
  await deleteSession(db, parsed.tenantId, parsed.tokenHash);
}

export interface SessionInfo {
  user: PublicUser;
  /** pass it to services */
  actor: Actor;
  expiresAt: Date;
}

// The HTTP kit (src/core/http/session.ts) carries sessions and actors of these types.
declare module '../../core/http/session' {
  interface HttpActor extends Actor {}
  interface HttpSession extends SessionInfo {}
}

/**
 * The signed-in user of a session token. Errors: UNAUTHORIZED (no/unknown token),
 * SESSION_EXPIRED, ACCOUNT_DISABLED. Expiry slides: each use renews it for the session lifetime.
 */
export async function getSession(db: Db, token: string | undefined | null, opts?: AuthOptions & { requestId?: string }): Promise<SessionInfo> {
  const parsed = parseToken(token ?? '');
  if (!parsed) throw unauthorized();
  const now = nowOf(opts);
  const s = await findSession(db, parsed.tenantId, parsed.tokenHash);
  if (!s) throw unauthorized();
  if (s.expiresAt <= now) {
    await deleteSession(db, parsed.tenantId, parsed.tokenHash);
    throw sessionExpired();
  }
  const user = await findUserById(db, parsed.tenantId, s.userId);
  if (!user || !user.active) {
    await deleteSession(db, parsed.tenantId, parsed.tokenHash);
    throw user ? accountDisabled() : unauthorized();
  }
  let expiresAt = s.expiresAt;
  if (now.getTime() - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    expiresAt = new Date(now.getTime() + ttlMs(opts));
    await touchSession(db, parsed.tenantId, parsed.tokenHash, now, expiresAt);
  }
  return { user: toPublicUser(user), actor: actorOf(user, opts?.requestId), expiresAt };
}

export interface ChangePasswordInput {
  oldPassword: string;
  newPassword: string;
  /** the session making the change stays signed in; the user's other sessions end */
  currentToken?: string;
}

/**
 * Changes the actor's own password. Errors: WRONG_PASSWORD (原密码不正确), WEAK_PASSWORD
 * (密码至少 8 位，且须同时包含字母和数字 …), SAME_PASSWORD.
 */
export async function changePassword(db: Db, actor: Actor, input: ChangePasswordInput): Promise<void> {
  if (actor.userId === null) throw unauthorized();
  const user = await findUserById(db, actor.tenantId, actor.userId);
  if (!user) throw unauthorized();
  if (!(await verifyPassword(user.passwordHash, input.oldPassword ?? ''))) {
    throw new AppError('WRONG_PASSWORD', '原密码不正确', 400);
  }
  const problem = passwordProblem(input.newPassword ?? '', user.username);
  if (problem) throw new AppError('WEAK_PASSWORD', problem, 400);
  if (input.newPassword === input.oldPassword) throw new AppError('SAME_PASSWORD', '新密码不能与原密码相同', 400);
  const passwordHash = await hashPassword(input.newPassword);
  const keep = input.currentToken ? parseToken(input.currentToken)?.tokenHash : undefined;
  await db.transaction(async (tx) => {
    await updateUserRow(tx, actor.tenantId, user.id, { passwordHash, updatedAt: new Date(), version: user.version + 1 });
    await deleteUserSessions(tx, actor.tenantId, user.id, keep);
    await writeAudit(tx, { actor, action: 'user.change_password', entityType: 'user', entityId: user.id });
  });
}
