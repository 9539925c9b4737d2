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
import { ChangePasswordBody, LoginBody, SessionResponse, UserResponse, type CurrentUser } from './schemas';
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
    mustChangePassword: user.mustChangePassword,
  };
}

export async function authRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authOptions = () => ({
    now: ctx.clock,
    idleMinutes: ctx.config.sessionIdleMinutes,
    maxHours: ctx.config.sessionMaxHours,
    throttle: ctx.loginThrottle,
  });

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['登录'],
        summary: '登录',
        description:
          '成功后设置 httpOnly Cookie `zl_session`（HTTPS 下为 `__Host-zl_session`，带 Secure）。同一地址对同一用户名连续 5 次密码错误，该地址对该用户名锁定 15 分钟（423 ACCOUNT_LOCKED）；' +
          '多个地址合计 10 次失败，该用户名短暂锁定（1 分钟起，逐次加倍，最多 5 分钟）；同一地址 15 分钟内失败 20 次，该地址暂停登录（429 TOO_MANY_ATTEMPTS）。' +
          '只计失败：同一出口地址的多人正确登录不受限制。不存在的用户名与存在的用户名回答相同。返回的 mustChangePassword 为 true 时须先修改密码。',
        body: LoginBody,
        response: { 200: UserResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password, tenantId } = request.body;
      const result = await login(
        ctx.db,
        { username, password, tenantId: tenantId === undefined ? undefined : Number(tenantId), requestId: request.id, address: request.ip },
        authOptions(),
      );
      setSessionCookie(request, reply, result.token);
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
      clearSessionCookie(request, reply);
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
      const session = requireSession(request, { allowPasswordChangePending: true });
      return { user: await currentUserOut(ctx.db, session.user) };
    },
  );

  r.get(
    '/auth/session',
    {
      schema: {
        tags: ['登录'],
        summary: '当前会话',
        description: '已登录时返回当前用户（与 /api/auth/me 相同），未登录或会话已失效时返回 user: null；始终 200，供网页在登录前判断。',
        response: { 200: SessionResponse },
      },
    },
    async (request) => {
      const session = request.session;
      return { user: session ? await currentUserOut(ctx.db, session.user) : null };
    },
  );

  r.post(
    '/auth/password',
    {
      schema: {
        tags: ['登录'],
        summary: '修改本人密码',
        description: '当前会话保持登录，本人的其他会话全部退出；清除“须修改密码”标记。',
        security: [{ session: [] }],
        body: ChangePasswordBody,
        response: { 200: OkResponse, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request, { allowPasswordChangePending: true });
      await changePassword(ctx.db, actor, {
        oldPassword: request.body.oldPassword,
        newPassword: request.body.newPassword,
        currentToken: request.sessionToken ?? undefined,
      });
      return { ok: true as const };
    },
  );
}
