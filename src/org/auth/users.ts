import { pgErrorCode, type Db, type DbOrTx } from '../../core/db/index';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import { writeAudit } from '../audit/service';
import { selectDepartment } from '../departments/store';
import { assertCan } from './policy';
import { ROLES, type Actor, type PublicUser, type Role } from './model';
import { hashPassword } from './password';
import { passwordProblem } from './password-policy';
import { throttleOf, toPublicUser } from './service';
import { accountKey, type LoginThrottle } from '../../core/login-throttle';
import { sessionsChanged } from './session-cache';
import { deleteUserSessions, findUserById, findUserByUsername, insertUser, selectUsers, updateUserRow } from './store';

export const userNotFound = () => notFound('用户不存在', 'USER_NOT_FOUND');

export interface UserPage {
  items: PublicUser[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListUsersFilters {
  search?: string;
  role?: Role;
  departmentId?: number;
  active?: boolean;
  page?: number;
  pageSize?: number;
}

/** Admin only. */
export async function listUsers(db: Db, actor: Actor, f: ListUsersFilters = {}): Promise<UserPage> {
  assertCan(actor, 'users:manage');
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) {
    throw badRequest('分页参数无效', 'INVALID_PAGE');
  }
  const { items, total } = await selectUsers(db, {
    tenantId: actor.tenantId,
    search: f.search?.trim() || undefined,
    role: f.role,
    departmentId: f.departmentId,
    active: f.active,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: items.map(toPublicUser), total, page, pageSize };
}

/** Admin only; USER_NOT_FOUND for another tenant's id. */
export async function getUser(db: Db, actor: Actor, id: number): Promise<PublicUser> {
  assertCan(actor, 'users:manage');
  const u = await findUserById(db, actor.tenantId, id);
  if (!u) throw userNotFound();
  return toPublicUser(u);
}

async function checkRoleDepartment(db: DbOrTx, tenantId: number, role: Role, departmentId: number | null | undefined): Promise<number | null> {
  if (!ROLES.includes(role)) throw badRequest(`角色无效：${role}`, 'INVALID_ROLE');
  if (role !== 'department') {
    if (departmentId != null) throw badRequest('只有责任部门联络员需要绑定部门', 'DEPARTMENT_NOT_ALLOWED');
    return null;
  }
  if (departmentId == null) throw badRequest('责任部门联络员必须绑定一个部门', 'DEPARTMENT_REQUIRED');
  const d = await selectDepartment(db, tenantId, departmentId);
  if (!d || !d.active) throw badRequest('所选部门不存在或已停用', 'DEPARTMENT_NOT_FOUND');
  return d.id;
}

const USERNAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$/;

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departmentId?: number | null;
  /**
   * Must the user choose a new password at the first sign-in? Default true: a password an
   * administrator chose is known to someone else. Test fixtures pass false.
   */
  mustChangePassword?: boolean;
}

/** Admin (or the system actor of the CLI/seed); audited. USERNAME_TAKEN, WEAK_PASSWORD, DEPARTMENT_REQUIRED… */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<PublicUser> {
  assertCan(actor, 'users:manage');
  const username = (input.username ?? '').trim();
  if (!USERNAME_RE.test(username)) {
    throw badRequest('用户名须为 2–32 位字母、数字、下划线、点或连字符，且以字母或数字开头', 'INVALID_USERNAME');
  }
  const displayName = (input.displayName ?? '').trim();
  if (!displayName || [...displayName].length > 32) throw badRequest('请填写姓名（不超过 32 个字）', 'INVALID_DISPLAY_NAME');
  const problem = passwordProblem(input.password ?? '', username);
  if (problem) throw new AppError('WEAK_PASSWORD', problem, 400);
  const departmentId = await checkRoleDepartment(db, actor.tenantId, input.role, input.departmentId);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      if (await findUserByUsername(tx, actor.tenantId, username)) throw conflict(`用户名“${username}”已存在`, 'USERNAME_TAKEN');
      const u = await insertUser(tx, {
        tenantId: actor.tenantId,
        username,
        displayName,
        passwordHash,
        role: input.role,
        departmentId,
        mustChangePassword: input.mustChangePassword ?? true,
      });
      await writeAudit(tx, { actor, action: 'user.create', entityType: 'user', entityId: u.id, after: toPublicUser(u) });
      return toPublicUser(u);
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw conflict(`用户名“${username}”已存在`, 'USERNAME_TAKEN');
    throw e;
  }
}

export interface UpdateUserInput {
  /** the version the editor saw */
  version: number;
  displayName?: string;
  role?: Role;
  departmentId?: number | null;
  active?: boolean;
}

/** Admin only; audited; CONFLICT on a stale version. Disabling ends the user's sessions. */
export async function updateUser(db: Db, actor: Actor, id: number, patch: UpdateUserInput): Promise<PublicUser> {
  assertCan(actor, 'users:manage');
  if (!Number.isInteger(patch.version)) throw badRequest('缺少版本号', 'VERSION_REQUIRED');
  const out = await db.transaction(async (tx) => {
    const before = await findUserById(tx, actor.tenantId, id, true);
    if (!before) throw userNotFound();
    if (before.version !== patch.version) throw conflict();
    const role = patch.role ?? (before.role as Role);
    const departmentId = await checkRoleDepartment(
      tx,
      actor.tenantId,
      role,
      patch.departmentId !== undefined ? patch.departmentId : role === 'department' ? before.departmentId : null,
    );
    const displayName = patch.displayName !== undefined ? patch.displayName.trim() : before.displayName;
    if (!displayName || [...displayName].length > 32) throw badRequest('请填写姓名（不超过 32 个字）', 'INVALID_DISPLAY_NAME');
    const active = patch.active ?? before.active;
    if (actor.userId === id && (!active || role !== 'admin')) {
      throw badRequest('不能停用自己的账户或取消自己的管理员角色', 'CANNOT_DEMOTE_SELF');
    }
    const after = await updateUserRow(tx, actor.tenantId, id, {
      displayName,
      role,
      departmentId,
      active,
      updatedAt: new Date(),
      version: before.version + 1,
    });
    if (!active) await deleteUserSessions(tx, actor.tenantId, id);
    const action = before.active && !active ? 'user.disable' : !before.active && active ? 'user.enable' : 'user.update';
    await writeAudit(tx, { actor, action, entityType: 'user', entityId: id, before: toPublicUser(before), after: toPublicUser(after!) });
    return toPublicUser(after!);
  });
  sessionsChanged(); // committed: sessions kept in the process (decision 038) are read again
  return out;
}

/** Admin only: disables the account and ends its sessions. */
export async function disableUser(db: Db, actor: Actor, id: number, version: number): Promise<PublicUser> {
  return updateUser(db, actor, id, { version, active: false });
}

/**
 * Admin only: sets a new password that the user must change at the next sign-in, clears a lockout
 * (in the database and the sign-in throttle), ends the user's sessions; audited.
 */
export async function resetPassword(db: Db, actor: Actor, id: number, newPassword: string, opts: { throttle?: LoginThrottle } = {}): Promise<void> {
  assertCan(actor, 'users:manage');
  const user = await findUserById(db, actor.tenantId, id);
  if (!user) throw userNotFound();
  const problem = passwordProblem(newPassword ?? '', user.username);
  if (problem) throw new AppError('WEAK_PASSWORD', problem, 400);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await updateUserRow(tx, actor.tenantId, id, {
      passwordHash,
      failedLogins: 0,
      lockedUntil: null,
      mustChangePassword: true,
      updatedAt: new Date(),
      version: user.version + 1,
    });
    await deleteUserSessions(tx, actor.tenantId, id);
    await writeAudit(tx, { actor, action: 'user.reset_password', entityType: 'user', entityId: id });
  });
  sessionsChanged();
  throttleOf(db, opts).clearAccount(accountKey(actor.tenantId, user.username));
}
