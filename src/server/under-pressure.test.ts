// Load shedding at the door (issue 7): while the server's event loop runs late, a request is answered
// at once with 503 SERVER_BUSY and Retry-After instead of joining a queue; once the loop catches up,
// requests are served again. ZHILIANG_MAX_EVENT_LOOP_DELAY_MS=0 turns it off.
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../core/config';
import type { Db } from '../core/db';
import { buildApp } from './app';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
  const a = await buildApp({ db: undefined as unknown as Db, config: loadConfig(env), webDir: '/nonexistent-web-dir' });
  await a.ready();
  return a;
}

/** Keeps the event loop busy for `ms`, then lets the pressure monitor take its next sample. */
async function stall(ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* busy: nothing else runs on this thread meanwhile */
  }
  await new Promise((r) => setTimeout(r, 20));
}

it('answers 503 SERVER_BUSY with Retry-After while the event loop is late, and serves again afterwards', async () => {
  app = await appWith({ ZHILIANG_MAX_EVENT_LOOP_DELAY_MS: '200' });
  // an unknown API path is 404 without touching the database
  expect((await app.inject({ method: 'GET', url: '/api/no-such-thing' })).statusCode).toBe(404);
  let busy;
  for (let i = 0; i < 5 && busy?.statusCode !== 503; i++) {
    await stall(1500);
    busy = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
  }
  expect(busy!.statusCode).toBe(503);
  expect(busy!.json()).toMatchObject({ code: 'SERVER_BUSY', message: '服务器繁忙，请稍后重试' });
  expect(busy!.headers['retry-after']).toBeTruthy();
  // the monitor samples once a second: after a calm few seconds the door opens again
  let after;
  for (let i = 0; i < 20 && after?.statusCode !== 404; i++) {
    await new Promise((r) => setTimeout(r, 500));
    after = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
  }
  expect(after!.statusCode).toBe(404);
});

it('sheds nothing when turned off', async () => {
  app = await appWith({ ZHILIANG_MAX_EVENT_LOOP_DELAY_MS: '0' });
  await stall(1500);
  expect((await app.inject({ method: 'GET', url: '/api/no-such-thing' })).statusCode).toBe(404);
});
