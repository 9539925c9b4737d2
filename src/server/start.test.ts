// startServer: a first start seeds the demo authority and says how to sign in; a second start on the
// same data directory changes nothing.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../org/auth/model';
import { listUsers } from '../org/auth/users';
import { listAudit } from '../org/audit/service';
import { loadConfig } from '../core/config';
import { freshEmbeddedDataDir } from '../core/db/testing';
import { DEMO_PASSWORD } from '../org/seed';
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
