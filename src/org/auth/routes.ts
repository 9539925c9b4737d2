// /api/auth: sign in, sign out, the current user, password change.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { OkResponse } from '../../core/http/schemas';
import { clearSessionCookie, requireSession, setSessionCookie } from '../../core/http/session';
import type { Db } from '../../core/db';
import { userNames } from '../users/describe';
import type { PublicUser } from './model';
import { actorOf as actorOfUser } from './service';
import { ChangePasswordBody, LoginBody, UserResponse, type CurrentUser } from './schemas';
import { changePassword, login, logout } from './service';

/** The user as /api/auth/me shows it: with the names of their department and authority. */
export async function currentUserOut(db: Db, user: PublicUser): Promise<CurrentUser> {
  const d = await userNames(db, actorOfUser({ ...user, role: user.role }), user);
  return {
    id: String(user.id),
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId === null ? null : String(user.departmentId),
    departmentName: d.departmentName,
    tenantId: String(user.tenantId),
    tenantName: d.tenantName,
  };
}

export async function authRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authOptions = () => ({ now: ctx.clock, sessionTtlHours: ctx.config.sessionTtlHours });

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['登录'],
        summary: '登录',
        description: '成功后设置 httpOnly Cookie `zl_session`。连续 5 次密码错误锁定 15 分钟（423 ACCOUNT_LOCKED）。',
        body: LoginBody,
        response: { 200: UserResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 423: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password, tenantId } = request.body;
      const result = await login(
        ctx.db,
        { username, password, tenantId: tenantId === undefined ? undefined : Number(tenantId), requestId: request.id },
        authOptions(),
      );
      setSessionCookie(reply, result.token);
      return { user: await currentUserOut(ctx.db, result.user) };
    },
  );

  r.post(
    '/auth/logout',
    {
      schema: {
        tags: ['登录'],
        summary: '退出登录',
        description: '结束当前会话并清除 Cookie；未登录时也返回成功。',
        response: { 200: OkResponse },
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await logout(ctx.db, request.sessionToken);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/auth/me',
    {
      schema: {
        tags: ['登录'],
        summary: '当前用户',
        security: [{ session: [] }],
        response: { 200: UserResponse, 401: ErrorBody },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return { user: await currentUserOut(ctx.db, session.user) };
    },
  );

  r.post(
    '/auth/password',
    {
      schema: {
        tags: ['登录'],
        summary: '修改本人密码',
        description: '当前会话保持登录，本人的其他会话全部退出。',
        security: [{ session: [] }],
        body: ChangePasswordBody,
        response: { 200: OkResponse, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await changePassword(ctx.db, actor, {
        oldPassword: request.body.oldPassword,
        newPassword: request.body.newPassword,
        currentToken: request.sessionToken ?? undefined,
      });
      return { ok: true as const };
    },
  );
}
