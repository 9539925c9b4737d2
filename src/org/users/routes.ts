// /api/admin/users: the authority's accounts (admins).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { IdParams, isoOrNull } from '../../core/http/schemas';
import type { Actor, PublicUser } from '../auth/model';
import { assertCan } from '../auth/policy';
import { createUser, getUser, listUsers, resetPassword, updateUser } from '../auth/users';
import type { Db } from '../../core/db';
import { conflict } from '../../core/errors';
import { departmentNames } from './describe';
import { AdminUserResponse, CreateUserBody, UpdateUserBody, UserListQuery, UserListResponse, type AdminUser } from './schemas';

export async function adminUsersOut(db: Db, actor: Actor, users: PublicUser[]): Promise<AdminUser[]> {
  const names = await departmentNames(db, actor, users.map((u) => u.departmentId));
  return users.map((u) => ({
    id: String(u.id),
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId === null ? null : String(u.departmentId),
    departmentName: u.departmentId === null ? null : (names.get(u.departmentId) ?? null),
    active: u.active,
    lockedUntil: isoOrNull(u.lockedUntil),
    mustChangePassword: u.mustChangePassword,
    createdAt: isoOrNull(u.createdAt)!,
    updatedAt: isoOrNull(u.updatedAt)!,
    version: u.version,
  }));
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function userRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['用户管理'];
  const security = [{ session: [] }];

  r.get(
    '/admin/users',
    { schema: { tags, security, summary: '用户列表', querystring: UserListQuery, response: { 200: UserListResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'users:manage');
      const q = request.query;
      const page = await listUsers(ctx.db, actor, {
        search: q.q,
        role: q.role,
        departmentId: q.departmentId === undefined ? undefined : idNumber(q.departmentId),
        active: q.active === undefined ? undefined : q.active === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: await adminUsersOut(ctx.db, actor, page.items), total: page.total };
    },
  );

  r.post(
    '/admin/users',
    { schema: { tags, security, summary: '新建用户', body: CreateUserBody, response: { 200: AdminUserResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'users:manage');
      const b = request.body;
      const user = await createUser(ctx.db, actor, {
        username: b.username,
        displayName: b.displayName,
        role: b.role,
        password: b.password,
        departmentId: b.departmentId == null ? null : idNumber(b.departmentId),
      });
      const [out] = await adminUsersOut(ctx.db, actor, [user]);
      return { user: out };
    },
  );

  r.patch(
    '/admin/users/:id',
    {
      schema: {
        tags,
        security,
        summary: '修改用户',
        description: '修改姓名、角色、所属部门、启用状态，或重置密码（同时解除登录锁定并结束该用户的会话，该用户下次登录须修改密码）。需带读取时的 version。',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: AdminUserResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'users:manage');
      const id = idNumber(request.params.id);
      const { password, version, ...fields } = request.body;
      const changesFields = Object.values(fields).some((v) => v !== undefined);
      if (changesFields) {
        await updateUser(ctx.db, actor, id, {
          version,
          displayName: fields.displayName,
          role: fields.role,
          departmentId: fields.departmentId === undefined ? undefined : fields.departmentId === null ? null : idNumber(fields.departmentId),
          active: fields.active,
        });
      } else {
        // Only a password reset: still refuse a stale editor, as for any other change.
        const current = await getUser(ctx.db, actor, id);
        if (current.version !== version) {
          throw conflict();
        }
      }
      if (password !== undefined) await resetPassword(ctx.db, actor, id, password, { throttle: ctx.loginThrottle });
      const [out] = await adminUsersOut(ctx.db, actor, [await getUser(ctx.db, actor, id)]);
      return { user: out };
    },
  );
}
