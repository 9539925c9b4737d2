// Sessions on the HTTP side: the `zl_session` cookie (httpOnly, SameSite=Lax), the signed-in user
// on every API request, and the guard routes call before doing anything.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

export const SESSION_COOKIE = 'zl_session';

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
}

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

export function registerSessions(app: FastifyInstance, opts: { resolve: SessionResolver; clock: () => Date }): void {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionError', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies?.[SESSION_COOKIE];
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

/** The signed-in session, or 401 UNAUTHENTICATED. */
export function requireSession(request: FastifyRequest): HttpSession {
  if (!request.session) throw unauthenticated(request.sessionError);
  return request.session;
}

// No Expires: a browser-session cookie. The server decides expiry (sliding, config.sessionTtlHours).
// `secure: 'auto'`: Secure when the request came over HTTPS, plain on http://localhost.
export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' });
}
