// The `zhiliang` command as a user runs it: a real process on a temp embedded data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/zhiliang.js');

let dataDir: string;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ZHILIANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete e.DATABASE_URL; // always the embedded database here
  delete e.NODE_OPTIONS;
  return e;
}

function run(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extra), encoding: 'utf8', timeout: 280_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}): ${output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`serve did not answer /api/health: ${output()}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-cli-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
});

describe('zhiliang CLI', { timeout: 600_000 }, () => {
  it('--help lists the platform commands in Chinese', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法：');
    expect(r.stdout).toMatch(/serve.*启动服务/);
    expect(r.stdout).toMatch(/db\b.*数据库/);
    expect(r.stdout).toMatch(/users\b.*用户管理/);

    const sub = run(['users', 'create', '--help']);
    expect(sub.status).toBe(0);
    expect(sub.stdout).toContain('--username');
    expect(sub.stdout).toContain('--department');
    expect(sub.stdout).toContain('选项：');
  });

  it('db migrate prepares a fresh data directory', () => {
    const r = run(['db', 'migrate']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('数据库迁移完成');
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    // the lock is released when the command ends
    expect(fs.existsSync(path.join(dataDir, 'zhiliang.lock'))).toBe(false);
  });

  it('users create adds an account; mistakes are one Chinese line with a code and exit 2', () => {
    const ok = run(['users', 'create', '--username', 'liaison7', '--role', 'department', '--password', 'Lx7pass2026', '--department', '区市场监管局', '--display-name', '王联络']);
    // the data directory was only migrated: the command creates the demo authority first, and says so
    expect(ok.stderr).toMatch(/^新的数据库：已创建示范单位/);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('已创建用户 liaison7');

    const again = run(['users', 'create', '--username', 'liaison7', '--role', 'office', '--password', 'Another7#Putuo']);
    expect(again.status).toBe(2);
    const lines = again.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^错误 \[[A-Z_]+\]：.*liaison7/);

    const badRole = run(['users', 'create', '--username', 'x1', '--role', 'boss', '--password', 'Boss12345']);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr.trim().split('\n')).toHaveLength(1);
    expect(badRole.stderr).toMatch(/^错误 \[[A-Z_]+\]：.*角色/);
    expect(badRole.stderr).not.toMatch(/\n\s+at /);

    const missing = run(['users', 'create', '--username', 'x2']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^错误 \[USAGE\]：缺少必填选项/);
  });

  it('audit verify passes a clean log, then names the first entry edited behind the application\'s back (exit 1)', async () => {
    const clean = run(['audit', 'verify']);
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/单位 1：审计日志完好，已校验 \d+ 条/);
    // the key is outside the data directory, readable by its owner only
    const keyFile = path.join(`${dataDir}-keys`, 'audit.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    const { createDb } = await import('../core/db/index');
    const h = await createDb({ dataDir, poolSize: 2 });
    let id: string;
    try {
      id = (await h.pool.query(`select id::text as id from audit_log where tenant_id = 1 and seq = 5`)).rows[0].id;
      await h.pool.query('alter table audit_log disable trigger audit_log_no_update_delete');
      await h.pool.query(`update audit_log set actor_name = '别人' where tenant_id = 1 and seq = 5`);
      await h.pool.query('alter table audit_log enable trigger audit_log_no_update_delete');
    } finally {
      await h.close();
    }
    const broken = run(['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`单位 1：审计日志被篡改。第一条损坏的记录：编号 ${id}，序号 5`);
    expect(broken.stdout).toContain('此前 4 条完好');
  });

  it('serve answers on PORT; a second serve on the same data directory is refused naming the pid', async () => {
    const port = await freePort();
    let out = '';
    const first = spawn(process.execPath, [BIN], { cwd: ROOT, env: env({ PORT: String(port) }) });
    first.stdout!.on('data', (d) => (out += d));
    first.stderr!.on('data', (d) => (out += d));
    try {
      await waitForHealth(port, first, () => out);
      expect(out).toContain(`http://localhost:${port}`);

      // the account made by `users create` signs in through the running server
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'liaison7', password: 'Lx7pass2026' }),
      });
      expect(login.status).toBe(200);
      const body = (await login.json()) as { user: { role: string; departmentName: string } };
      expect(body.user.role).toBe('department');
      expect(body.user.departmentName).toBe('区市场监管局');

      const secondPort = await freePort();
      const second = spawnSync(process.execPath, [BIN, 'serve'], {
        cwd: ROOT,
        env: env({ PORT: String(secondPort) }),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).not.toBe(0);
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`pid ${first.pid}`);
      expect(second.stderr).toContain('DATA_DIR_LOCKED');
      expect(second.stderr.trim().split('\n')).toHaveLength(1);

      // the first server is unharmed
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      first.kill('SIGTERM');
      const code = await exited(first);
      expect(code).toBe(0);
    }
    expect(fs.existsSync(path.join(dataDir, 'zhiliang.lock'))).toBe(false);
  });
});
