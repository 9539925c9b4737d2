import crypto from 'node:crypto';
import type { Db } from '../../core/db/index';
import { AppError, badRequest, unauthorized } from '../../core/errors';
import { writeAudit } from '../audit/service';
import { hashPassword, verifyDummy, verifyPassword } from './password';
import { systemActor, type Actor, type PublicUser, type Role } from './model';
import { passwordProblem } from './password-policy';
import { accountKey, LoginThrottle, type ThrottleVerdict } from '../../core/login-throttle';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionWithUser,
  findUserById,
  findUserByUsername,
  insertSession,
  tenantIds,
  touchSession,
  updateUserRow,
} from './store';
import type { UserRow } from './tables';
import { forgetSession, keptSession, readAndKeep, sessionsChanged, touchKept } from './session-cache';

export { hashPassword, verifyPassword } from './password';
export { passwordProblem } from './password-policy';

/** Injected clock, session lifetimes and throttle (tests move time; the server passes its config). */
export interface AuthOptions {
  now?: () => Date;
  /** a session unused this long ends (default 30) */
  idleMinutes?: number;
  /** a session ends this long after sign-in, used or not (default 12) */
  maxHours?: number;
  /** failed sign-ins (default: one per database handle, default limits) */
  throttle?: LoginThrottle;
  /** getSession: keep a token's session and user rows this long in the process (ms; default 0: ask every time). See session-cache.ts. */
  sessionCacheMs?: number;
}

const nowOf = (o?: AuthOptions) => (o?.now ? o.now() : new Date());
const idleMs = (o?: AuthOptions) => (o?.idleMinutes ?? 30) * 60_000;
const maxMs = (o?: AuthOptions) => (o?.maxHours ?? 12) * 3600_000;
/** The idle expiry is renewed at most once a minute per session. */
const TOUCH_INTERVAL_MS = 60_000;

const defaultThrottles = new WeakMap<object, LoginThrottle>();
/** The throttle a caller without its own uses: one per database (a deployment). */
export function throttleOf(db: Db, o?: AuthOptions): LoginThrottle {
  if (o?.throttle) return o.throttle;
  let t = defaultThrottles.get(db);
  if (!t) defaultThrottles.set(db, (t = new LoginThrottle()));
  return t;
}

/** When a session signed in at `createdAt` and last seen at `lastSeen` ends. */
function sessionEnd(createdAt: Date, lastSeen: Date, o?: AuthOptions): Date {
  return new Date(Math.min(lastSeen.getTime() + idleMs(o), createdAt.getTime() + maxMs(o)));
}

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
    mustChangePassword: u.mustChangePassword,
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
export const tooManyAttempts = (minutes: number) =>
  new AppError('TOO_MANY_ATTEMPTS', `登录失败次数过多，请在 ${minutes} 分钟后再试`, 429, { minutes });
export { passwordChangeRequired } from '../../core/http/session';
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
  /** the client's address (behind a trusted proxy: the forwarded one), for throttling */
  address?: string;
}

export interface LoginResult {
  /** put it in the httpOnly cookie; it is not stored anywhere else */
  token: string;
  expiresAt: Date;
  user: PublicUser;
}

function refusal(v: Exclude<ThrottleVerdict, { ok: true }>, now: Date): AppError {
  const minutes = minutesLeft(v.until, now);
  return v.scope === 'address' ? tooManyAttempts(minutes) : accountLocked(minutes);
}

/**
 * Signs a user in. Errors: INVALID_CREDENTIALS (用户名或密码错误); ACCOUNT_LOCKED (423) after
 * repeated failures of this name from this address, or from many addresses (a short, growing delay
 * for every address); TOO_MANY_ATTEMPTS (429) after many failures from this address; ACCOUNT_DISABLED;
 * TENANT_REQUIRED when several tenants exist and none is given. Unknown names are answered and
 * throttled exactly like existing ones, and cost the same time (a dummy argon2 verification).
 */
export async function login(db: Db, input: LoginInput, opts?: AuthOptions): Promise<LoginResult> {
  const now = nowOf(opts);
  const username = (input.username ?? '').trim();
  const password = input.password ?? '';
  const address = input.address ?? 'unknown';
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
  const throttle = throttleOf(db, opts);
  const key = accountKey(tenantId, username);
  const verdict = throttle.check(key, address, now);
  if (!verdict.ok) throw refusal(verdict, now);

  const user = await findUserByUsername(db, tenantId, username);
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyDummy(password), false);
  if (!user || !ok) {
    const locked = throttle.failure(key, address, now);
    if (!locked.ok) {
      // Same work whether or not the name exists: the lock shows in the admin's user list and the log.
      await db.transaction(async (tx) => {
        await updateUserRow(tx, tenantId, user?.id ?? -1, { lockedUntil: locked.until });
        await writeAudit(tx, {
          actor: { ...systemActor(tenantId, '登录防护'), requestId: input.requestId },
          action: 'auth.locked',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { username: username.slice(0, 64), address, scope: locked.scope, lockedUntil: locked.until },
        });
      });
      sessionsChanged();
      throw refusal(locked, now);
    }
    throw invalidCredentials();
  }
  if (!user.active) throw accountDisabled();
  throttle.success(key, address);

  const token = `${tenantId}.${crypto.randomBytes(32).toString('base64url')}`;
  const expiresAt = sessionEnd(now, now, opts);
  const tokenHash = hashToken(token);
  const updated = await db.transaction(async (tx) => {
    const u = await updateUserRow(tx, tenantId, user.id, { failedLogins: 0, lockedUntil: null });
    await deleteExpiredSessions(tx, tenantId, now);
    await insertSession(tx, { tenantId, tokenHash, userId: user.id, expiresAt, createdAt: now, lastSeenAt: now });
    await writeAudit(tx, { actor: actorOf(user, input.requestId), action: 'auth.login', entityType: 'user', entityId: user.id });
    return u!;
  });
  sessionsChanged();
  return { token, expiresAt, user: toPublicUser(updated) };
}

/** Ends the session of this token; unknown or malformed tokens are ignored. */
export async function logout(db: Db, token: string): Promise<void> {
  const parsed = parseToken(token);
  if (!parsed) return;
  await deleteSession(db, parsed.tenantId, parsed.tokenHash);
  sessionsChanged(); // committed: no request may answer from what it read before
}

export interface SessionInfo {
  user: PublicUser;
  /** pass it to services */
  actor: Actor;
  expiresAt: Date;
  /** user.mustChangePassword, for the HTTP kit's guard (requireSession) */
  passwordChangePending?: boolean;
}

// The HTTP kit (src/core/http/session.ts) carries sessions and actors of these types.
declare module '../../core/http/session' {
  interface HttpActor extends Actor {}
  interface HttpSession extends SessionInfo {}
}

/**
 * The signed-in user of a session token. Errors: UNAUTHORIZED (no/unknown token),
 * SESSION_EXPIRED, ACCOUNT_DISABLED. A session ends after `idleMinutes` without use or `maxHours`
 * after sign-in, whichever comes first.
 */
export async function getSession(db: Db, token: string | undefined | null, opts?: AuthOptions & { requestId?: string }): Promise<SessionInfo> {
  const parsed = parseToken(token ?? '');
  if (!parsed) throw unauthorized();
  const now = nowOf(opts);
  // the rows may come from the process's short-lived cache (decision 038); the checks below run on every request
  const key = `${parsed.tenantId}:${parsed.tokenHash}`;
  const ttl = opts?.sessionCacheMs ?? 0;
  const found = keptSession(db, key, ttl) ?? (await readAndKeep(db, key, ttl, () => findSessionWithUser(db, parsed.tenantId, parsed.tokenHash)));
  if (!found) throw unauthorized();
  const s = found.session;
  // Idle for too long, or signed in too long ago (the lifetimes may have been shortened since).
  if (s.expiresAt <= now || sessionEnd(s.createdAt, s.lastSeenAt, opts) <= now) {
    forgetSession(db, key);
    await deleteSession(db, parsed.tenantId, parsed.tokenHash);
    throw sessionExpired();
  }
  const user = found.user;
  if (!user || !user.active) {
    forgetSession(db, key);
    await deleteSession(db, parsed.tenantId, parsed.tokenHash);
    throw user ? accountDisabled() : unauthorized();
  }
  let expiresAt = s.expiresAt;
  if (now.getTime() - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    expiresAt = sessionEnd(s.createdAt, now, opts);
    await touchSession(db, parsed.tenantId, parsed.tokenHash, now, expiresAt);
    touchKept(db, key, now, expiresAt);
  }
  return { user: toPublicUser(user), actor: actorOf(user, opts?.requestId), expiresAt, passwordChangePending: user.mustChangePassword };
}

export interface ChangePasswordInput {
  oldPassword: string;
  newPassword: string;
  /** the session making the change stays signed in; the user's other sessions end */
  currentToken?: string;
}

/**
 * Changes the actor's own password and clears the must-change flag; ends the user's other sessions.
 * Errors: WRONG_PASSWORD (原密码不正确), WEAK_PASSWORD (the rule of password-policy.ts), SAME_PASSWORD.
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
    // No version bump: the version guards an administrator's edits (name, role, department, state),
    // which the user's own new password does not conflict with.
    await updateUserRow(tx, actor.tenantId, user.id, { passwordHash, mustChangePassword: false, updatedAt: new Date() });
    await deleteUserSessions(tx, actor.tenantId, user.id, keep);
    await writeAudit(tx, { actor, action: 'user.change_password', entityType: 'user', entityId: user.id });
  });
  sessionsChanged(); // committed: the other sessions are refused from the next request on
}
