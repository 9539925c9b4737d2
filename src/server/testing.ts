// Helpers for HTTP tests: an app on a seeded test database with a clock the test moves, and
// signing in through the real login route.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../core/config';
import type { Db } from '../core/db';
import { seedDemo } from '../core/seed';
import { buildApp } from './app';
import { SESSION_COOKIE } from './session';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** Moves the app's clock forward. */
  advance(ms: number): void;
  now(): Date;
}

export async function seededApp(db: Db): Promise<TestApp> {
  await seedDemo(db);
  const config = loadConfig({});
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
