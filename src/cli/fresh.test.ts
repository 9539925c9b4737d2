// The command line on a fresh machine: the real `zhiliang` in a child process on a new temp data
// directory, with no `serve` before it; then the same commands while a server holds the directory.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEEDS_DIR } from '../plans/import';
import { SEED_FILES } from '../plans/testing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/zhiliang.js');

let dataDir: string;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ZHILIANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete e.DATABASE_URL; // the embedded database: the fresh-machine default
  delete e.NODE_OPTIONS;
  return e;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(), timeout: 170_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
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

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-fresh-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('zhiliang on a new data directory', () => {
  const seed = path.join(DEMO_SEEDS_DIR, SEED_FILES[2]);
  let planId: string;

  it('plans import migrates, creates the demo authority and imports, with no serve before it', async () => {
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
    const r = await run(['plans', 'import', seed, '--json']);
    expect(r.stderr).not.toContain('请先启动');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('已创建示范单位');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ created: true, status: 'draft' });
    planId = out.planId;
    expect(out.departmentsMatched).toBeGreaterThan(0); // matched against the demo authority's directory
    expect(fs.existsSync(path.join(dataDir, 'zhiliang.lock'))).toBe(false); // released at the end
  });

  it('plans list --json shows the imported plan with its counts, and the demo authority is not created twice', async () => {
    const r = await run(['plans', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('已创建示范单位');
    const rows = JSON.parse(r.stdout) as { id: string; title: string; status: string; targets: number; tasks: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(planId);
    expect(rows[0].status).toBe('draft');
    expect(rows[0].title.length).toBeGreaterThan(5);
    expect(rows[0].targets).toBeGreaterThan(0);
    expect(rows[0].tasks).toBeGreaterThan(0);

    const show = JSON.parse((await run(['plans', 'show', planId, '--json'])).stdout);
    expect(show.targets).toHaveLength(rows[0].targets);
    expect(show.tasks).toHaveLength(rows[0].tasks);

    const table = await run(['plans', 'list']);
    expect(table.stdout).toContain('草稿');
    expect(table.stdout).toContain(rows[0].title);
    expect(table.stdout).toContain('共 1 个计划');
  });

  it('calendar check answers 2027 dates with their source', async () => {
    const newYear = await run(['calendar', 'check', '2027-01-01']);
    expect(newYear.code, newYear.stderr).toBe(0);
    expect(newYear.stdout).toMatch(/^2027-01-01 星期五 休息日（元旦）\n来源：法定节假日推算/);
    const monday = await run(['calendar', 'check', '2027-03-01', '--json']);
    expect(JSON.parse(monday.stdout)).toMatchObject({ working: true, source: 'weekday_rule', sourceLabel: '常规工作日', yearStatus: 'estimate' });
    const saturday = await run(['calendar', 'check', '2026-10-10']);
    expect(saturday.stdout).toContain('工作日（国庆节调休上班）');
    expect(saturday.stdout).toContain('来源：官方安排');
    const bad = await run(['calendar', 'check', '2027-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('错误 [INVALID_DATE]：日期应为 YYYY-MM-DD 格式的真实日期：2027-02-30');
  });

  describe('while a server holds the data directory', () => {
    let server: ChildProcess;
    let port: number;

    beforeAll(async () => {
      port = await freePort();
      // no demo plans to import: the server is up sooner
      server = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: env({ PORT: String(port), ZHILIANG_SEED_DEMO: '0' }) });
      let out = '';
      server.stdout!.on('data', (d) => (out += d));
      server.stderr!.on('data', (d) => (out += d));
      const deadline = Date.now() + 110_000;
      for (;;) {
        if (server.exitCode !== null) throw new Error(`serve exited: ${out}`);
        if (Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
        const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    afterAll(async () => {
      if (server && server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
    });

    it('every database command refuses in one Chinese line naming the server pid, exit 2, and the server keeps answering', async () => {
      for (const args of [['plans', 'list'], ['plans', 'import', seed], ['calendar', 'check', '2027-01-01'], ['users', 'create', '--username', 'late1', '--role', 'office', '--password', 'Late1pass2026']]) {
        const r = await run(args);
        expect(r.code, args.join(' ')).toBe(2);
        const lines = r.stderr.trim().split('\n');
        const errors = lines.filter((l) => l.startsWith('错误'));
        expect(errors, args.join(' ')).toHaveLength(1);
        expect(lines.at(-1)).toBe(errors[0]); // progress lines (正在导入…) may come before it, nothing after
        expect(errors[0]).toMatch(/^错误 \[DATA_DIR_LOCKED\]：数据目录 .* 正被运行中的服务（pid \d+）使用/);
        expect(errors[0]).toContain(`pid ${server.pid}`);
        expect(r.stdout).toBe('');
      }
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    });
  });
});
