// Issue 7, first critical finding: on the embedded database, concurrent requests got each other's
// answers (/api/auth/me answering 200 as another user, spurious 401s, "portal does not exist").
// The same load as the report, against a real embedded server (startServer: PGlite in its worker,
// the HTTP listener, the demo seed) on a fresh data dir: 12 clients signed in as the four demo roles
// loop GET /api/auth/me, one also creates plans. Every answer must be the client's own user.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config';
import { seededEmbeddedDataDir } from './testing-datadir';
import { DEMO_PASSWORD } from '../org/seed';
import { runIdentityLoad } from './identity-load';
import { startServer, type RunningServer } from './start';

describe('embedded server under concurrent sign-ins', () => {
  const LOAD_PASSWORD = 'Load#Clients-2026';
  let dataDir: string;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    dataDir = await seededEmbeddedDataDir();
    server = await startServer(loadConfig({ ZHILIANG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), {
      print: () => {},
      webDir: '/nonexistent-web-dir',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every client as its own user: no other user, no spurious 401, no 5xx', async () => {
    const baseUrl = server!.url.replace('localhost', '127.0.0.1');
    // the demo accounts must change the public password first: each does so once, as a user would
    for (const username of ['admin', 'office', 'dept', 'inspector']) {
      const login = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: baseUrl },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const change = await fetch(`${baseUrl}/api/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: baseUrl, cookie },
        body: JSON.stringify({ oldPassword: DEMO_PASSWORD, newPassword: LOAD_PASSWORD }),
      });
      expect(change.status, await change.text()).toBe(200);
    }
    const r = await runIdentityLoad({ baseUrl, password: LOAD_PASSWORD, clients: 12, durationMs: 4000, minPerClient: 8 });
    expect(r.problems).toEqual([]);
    // the load really ran: every client got answers, and plans were written meanwhile
    expect(Math.min(...r.perClient)).toBeGreaterThan(3);
    expect(r.plansCreated).toBeGreaterThan(0);

    // afterwards every session is still signed in as itself
    const again = await runIdentityLoad({ baseUrl, password: LOAD_PASSWORD, clients: 4, durationMs: 300, createPlans: false });
    expect(again.problems).toEqual([]);
  }, 60_000);
});
