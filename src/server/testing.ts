// Helpers for HTTP tests: an app on a seeded test database with a clock the test moves, and
// signing in through the real login route; or an app whose sessions are fake (token → actor), for
// tests of the plans routes that set up their own actors.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Actor } from '../org/auth/model';
import type { SessionInfo } from '../org/auth/service';
import { loadConfig, type Config } from '../core/config';
import type { Db } from '../core/db';
import { AppError } from '../core/errors';
import { seedDemo } from '../org/seed';
import { eq } from 'drizzle-orm';
import { users } from '../org/auth/tables';
import { buildApp } from './app';
import { SESSION_COOKIE, type SessionResolver } from '../core/http/session';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** Moves the app's clock forward. */
  advance(ms: number): void;
  now(): Date;
}

/**
 * An app on the demo authority. The demo accounts must change their (public) password at the first
 * sign-in; tests of other things start from accounts past that step (`firstSignInDone`, default
 * true: the flag is cleared directly in the database, as a fixture). Pass `{ firstSignInDone: false }`
 * to test the first sign-in itself.
 */
export async function seededApp(db: Db, opts: { firstSignInDone?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const seeded = await seedDemo(db);
  if (opts.firstSignInDone ?? true) {
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.tenantId, seeded.tenantId));
  }
  const config = loadConfig(opts.env ?? {});
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const app = await buildApp({ db, config, clock, webDir: '/nonexistent-web-dir' });
  await app.ready();
  return {
    app,
    db,
    config,
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
  };
}

/** The session cookie value set by a response, if any. */
export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

/** Signs in through POST /api/auth/login; returns the cookie header to send afterwards. */
export async function signIn(app: FastifyInstance, username: string, password: string, tenantId?: number | string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(tenantId !== undefined ? { tenantId: String(tenantId) } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  const token = sessionCookieOf(res);
  expect(token).toBeTruthy();
  return `${SESSION_COOKIE}=${token}`;
}

// --- fake sessions: the cookie zl_session=<token> signs in as sessions.get(token) ---------------------

/**
 * A session resolver over `sessions` (token → actor; 401 UNAUTHORIZED for an unknown token). The
 * session expires an hour after `expiresFrom()` (default: the wall clock).
 */
export function fakeSessionResolver(sessions: ReadonlyMap<string, Actor>, expiresFrom: () => Date = () => new Date()): SessionResolver {
  return async (token) => {
    const a = sessions.get(token);
    if (!a) throw new AppError('UNAUTHORIZED', '请先登录', 401);
    const now = new Date();
    return {
      actor: a,
      expiresAt: new Date(expiresFrom().getTime() + 3600_000),
      user: { id: 1, tenantId: a.tenantId, username: a.username, displayName: a.displayName, role: a.role, departmentId: a.departmentId, active: true, lockedUntil: null, mustChangePassword: false, createdAt: now, updatedAt: now, version: 1 },
    } satisfies SessionInfo;
  };
}

/**
 * A ready app (default config, no web files) whose sessions are `sessions` (read on every request,
 * so the test may add actors later), on `clock` (default: the system clock).
 */
export async function fakeSessionApp(
  db: Db,
  sessions: ReadonlyMap<string, Actor>,
  opts: { clock?: () => Date; expiresFrom?: () => Date } = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    db,
    config: loadConfig({}),
    webDir: '/nonexistent',
    ...(opts.clock ? { clock: opts.clock } : {}),
    resolveSession: fakeSessionResolver(sessions, opts.expiresFrom),
  });
  await app.ready();
  return app;
}

/** The cookie header of the fake session `who`. */
export function sessionHeaders(who: string): { cookie: string } {
  return { cookie: `${SESSION_COOKIE}=${who}` };
}

/** A request as the fake session `who` (null: signed out), with an optional JSON body. */
export function callAs(
  app: FastifyInstance,
  who: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, ...(who ? { headers: sessionHeaders(who) } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
}
