// Sessions on the HTTP side: the session cookie (httpOnly, SameSite=Lax; over HTTPS `__Host-` and
// Secure), the signed-in user on every API request, and the guard routes call before doing anything.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/** The cookie over plain HTTP (a LAN, http://localhost). */
export const SESSION_COOKIE = 'zl_session';
/**
 * The cookie over HTTPS (directly, or behind a proxy trusted with ZHILIANG_TRUST_PROXY that says
 * X-Forwarded-Proto: https). The `__Host-` prefix makes the browser refuse it unless it is Secure,
 * host-only and for path /, so a sibling subdomain or plain-HTTP page cannot plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = '__Host-zl_session';

/**
 * Who acts in a request, and the signed-in session, as the organisation's auth gives them. Core
 * declares only what the HTTP kit itself reads; src/org/auth/service.ts completes both by
 * declaration merging (with its Actor and SessionInfo), so routes get the full types while core
 * imports nothing of the domains.
 */
export interface HttpActor {
  /** the HTTP request id, recorded in the audit log */
  requestId?: string;
}
export interface HttpSession {
  actor: HttpActor;
  /** the user must choose a new password before anything else (demo accounts, admin-set passwords) */
  passwordChangePending?: boolean;
}

export const passwordChangeRequired = () =>
  new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码（首次登录或管理员重置密码后须设置新密码）', 403);

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, or null. Set for /api requests carrying the cookie. */
    session: HttpSession | null;
    /** Why the cookie did not give a session (expired, account disabled, unknown token). */
    sessionError: AppError | null;
    /** The raw session token from the cookie, when there is one. */
    sessionToken: string | null;
  }
}

export type SessionResolver = (token: string, now: Date, requestId: string) => Promise<HttpSession>;

/** Did the request come over HTTPS (as Fastify sees it: the socket, or a trusted proxy's header)? */
export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** The session cookie's name for this request: only the `__Host-` one is read over HTTPS. */
export function sessionCookieName(request: FastifyRequest): string {
  return isHttps(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function registerSessions(app: FastifyInstance, opts: { resolve: SessionResolver; clock: () => Date }): void {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionError', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if ((request.routeOptions.config as { bare?: boolean }).bare) return; // /api/health: no user needed
    const token = request.cookies?.[sessionCookieName(request)];
    if (!token) return;
    request.sessionToken = token;
    try {
      request.session = await opts.resolve(token, opts.clock(), request.id);
    } catch (err) {
      // A bad or expired cookie is not an error by itself: routes that need a user answer 401.
      if (err instanceof AppError && err.status < 500) request.sessionError = err;
      else throw err;
    }
  });
}

/** 401 UNAUTHENTICATED, saying why when the cookie was there but is no longer good. */
export function unauthenticated(reason?: AppError | null): AppError {
  if (reason && (reason.code === 'SESSION_EXPIRED' || reason.code === 'ACCOUNT_DISABLED')) {
    return new AppError('UNAUTHENTICATED', reason.message, 401);
  }
  if (reason) return new AppError('UNAUTHENTICATED', '登录已失效，请重新登录', 401);
  return new AppError('UNAUTHENTICATED', '请先登录', 401);
}

/**
 * The signed-in session, or 401 UNAUTHENTICATED. While the user must change the password, 403
 * PASSWORD_CHANGE_REQUIRED — except for the calls that pass `allowPasswordChangePending`
 * (the current user, the password change, sign-out).
 */
export function requireSession(request: FastifyRequest, opts: { allowPasswordChangePending?: boolean } = {}): HttpSession {
  if (!request.session) throw unauthenticated(request.sessionError);
  if (request.session.passwordChangePending && !opts.allowPasswordChangePending) throw passwordChangeRequired();
  return request.session;
}

const cookieOptions = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isHttps(request) });

// No Expires: a browser-session cookie. The server decides expiry (idle and absolute lifetimes).
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(request), token, cookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), cookieOptions(request));
}
