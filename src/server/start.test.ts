// startServer: a first start seeds the demo authority and says how to sign in; a second start on the
// same data directory changes nothing.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../org/auth/model';
import { listUsers } from '../org/auth/users';
import { listAudit } from '../org/audit/service';
import { loadConfig } from '../core/config';
import { freshEmbeddedDataDir } from '../core/db/testing';
import { sql } from 'drizzle-orm';
import { DEMO_LOAD_FINISH, DEMO_PASSWORD } from '../org/seed';
import { listTenants } from '../org/tenancy/service';
import { listDepartments } from '../org/departments/service';
import { startServer, type RunningServer } from './start';

describe('startServer on the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshEmbeddedDataDir();
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ server: RunningServer; lines: string[] }> {
    const lines: string[] = [];
    const config = loadConfig({ ZHILIANG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    const server = await startServer(config, { print: (l) => lines.push(l), webDir: '/nonexistent-web-dir' });
    await server.demoLoaded;
    return { server, lines };
  }

  async function snapshot(server: RunningServer) {
    const db = server.handle.db;
    const tenants = await listTenants(db);
    const actor = systemActor(tenants[0].id);
    return {
      tenants: tenants.map((t) => t.name),
      departments: (await listDepartments(db, actor, { includeInactive: true })).map((d) => [d.id, d.name, d.version]),
      users: (await listUsers(db, actor, { pageSize: 200 })).items.map((u) => [u.id, u.username, u.version]),
      audit: (await listAudit(db, actor, { pageSize: 1 })).total,
    };
  }

  it('seeds once, prints where to sign in, answers over HTTP; a second start changes nothing', async () => {
    const first = await start();
    let before: Awaited<ReturnType<typeof snapshot>>;
    try {
      const text = first.lines.join('\n');
      expect(text).toMatch(/已启动：http:\/\/localhost:\d+/);
      expect(text).toContain(DEMO_PASSWORD);
      for (const u of ['admin', 'office', 'dept', 'inspector']) expect(text).toContain(`用户名 ${u}`);
      expect(text).toContain('已导入并发布 5 个示范计划');

      const login = await fetch(`${first.server.url.replace('localhost', '127.0.0.1')}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);

      before = await snapshot(first.server);
      expect(before.tenants).toEqual(['示范区']);
      expect(before.departments.map((d) => d[1])).toContain('区市场监管局');
      expect(before.users.map((u) => u[1]).sort()).toEqual(['admin', 'dept', 'inspector', 'office']);
    } finally {
      await first.server.close();
    }

    const second = await start();
    try {
      const after = await snapshot(second.server);
      // the sign-in above wrote one audit row (auth.login); the restart itself writes none
      expect(after).toEqual(before!);
      expect(second.lines.join('\n')).not.toContain('已创建示范单位');
      // the seed plans are found imported by their hashes: nothing parsed or imported again
      expect(second.lines.join('\n')).not.toContain('示范计划');
    } finally {
      await second.server.close();
    }
  });
});

describe('a first start loads the demo content after it answers (decision 045)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshEmbeddedDataDir();
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const config = () => loadConfig({ ZHILIANG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });

  async function counts(server: RunningServer) {
    const one = async (q: ReturnType<typeof sql>) => Number((await server.handle.db.execute<{ n: string }>(q)).rows[0].n);
    return {
      plans: await one(sql`select count(*) as n from plans`),
      enterprises: await one(sql`select count(*) as n from enterprises`),
      inspectionItems: await one(sql`select count(*) as n from inspection_items`),
      samplingPlans: await one(sql`select count(*) as n from sampling_plans`),
      finished: await one(sql`select count(*) as n from audit_log where action = ${DEMO_LOAD_FINISH}`),
    };
  }

  it('a server stopped at once after answering leaves the rest to the next start, which loads it', async () => {
    const lines: string[] = [];
    const first = await startServer(config(), { print: (l) => lines.push(l), webDir: '/nonexistent-web-dir' });
    expect(lines.join('\n')).toContain('示范数据（计划、企业名录、双随机与监督抽查）正在载入');
    await first.close(); // at once: whatever was loaded stays, the rest waits

    const again: string[] = [];
    const second = await startServer(config(), { print: (l) => again.push(l), webDir: '/nonexistent-web-dir' });
    try {
      await second.demoLoaded;
      expect(again.join('\n')).toContain('示范数据已全部载入');
      const c = await counts(second);
      expect(c.plans).toBe(5);
      expect(c.enterprises).toBeGreaterThanOrEqual(2000);
      expect(c.inspectionItems).toBeGreaterThan(0);
      expect(c.samplingPlans).toBeGreaterThan(0);
      expect(c.finished).toBe(1);
      // the web app's question: signed in, it is no longer loading; signed out, no answer
      const url = second.url.replace('localhost', '127.0.0.1');
      expect((await fetch(`${url}/api/demo/status`)).status).toBe(401);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const change = await fetch(`${url}/api/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url, cookie },
        body: JSON.stringify({ oldPassword: DEMO_PASSWORD, newPassword: 'Start#Test-2026' }),
      });
      expect(change.status).toBe(200);
      const status = await fetch(`${url}/api/demo/status`, { headers: { cookie } });
      expect(await status.json()).toEqual({ loading: false });
    } finally {
      await second.close();
    }

    const third = await startServer(config(), { print: () => {}, webDir: '/nonexistent-web-dir' });
    try {
      await third.demoLoaded;
      // nothing loaded twice
      expect(await counts(third)).toMatchObject({ plans: 5, finished: 1 });
    } finally {
      await third.close();
    }
  });
});
