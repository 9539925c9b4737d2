// Starts the real platform (`node bin/zhiliang.js serve`) on a free port with a fresh embedded data
// directory, and stops it again. Output is kept so that a failing start says why.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './web-build';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/org/seed-data/demo';

/**
 * The demo accounts' password in browser tests. The demo password is public, so the platform makes
 * every demo account choose a new one at the first sign-in; `startPlatform` takes that step through
 * the API (as each user would) and the tests sign in with this one.
 */
export const E2E_PASSWORD = 'E2e#Browser-2026';

/** The first sign-in of each demo account: sign in with the demo password, set E2E_PASSWORD. */
export async function completeFirstSignIns(url: string, usernames: readonly string[] = DEMO_ACCOUNTS.map((a) => a.username)): Promise<void> {
  for (const username of usernames) {
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`首次登录失败：${username}（HTTP ${login.status}）${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const change = await fetch(`${url}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, cookie },
      body: JSON.stringify({ oldPassword: DEMO_PASSWORD, newPassword: E2E_PASSWORD }),
    });
    if (change.status !== 200) throw new Error(`首次登录修改密码失败：${username}（HTTP ${change.status}）${await change.text()}`);
  }
}

export interface Platform {
  url: string;
  dataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the platform. Unless `firstSignIn: false`, the demo accounts have then chosen E2E_PASSWORD
 * (see completeFirstSignIns). Unless `waitForDemo: false`, the demo's content (loaded after the server
 * answers, decision 045) is all in.
 */
export async function startPlatform(opts: { firstSignIn?: boolean; waitForDemo?: boolean; env?: Record<string, string> } = {}): Promise<Platform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-e2e-'));
  const port = await freePort();
  // Browser tests walk pages, not the job queue or load shedding (each has its own tests): on a loaded
  // CI machine the queue's polling on the one embedded connection and 503s while the event loop runs
  // late only made the walks time out.
  const env: NodeJS.ProcessEnv = {
    ZHILIANG_JOBS: '0',
    ZHILIANG_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ZHILIANG_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL; // the embedded database in the temp directory, whatever the caller's environment
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/zhiliang.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));

  // Ready when the start banner names our port; a process that ends first failed to start.
  await new Promise<void>((resolve, reject) => {
    // The demo's content loads after the server answers (decision 045): the walks expect all of it.
    const onData = () => {
      const banner = out.includes(`:${port}`) && /已启动/.test(out) && out.includes('Ctrl+C');
      if (banner && (opts.waitForDemo === false || !out.includes('示范数据（') || /示范数据(已全部载入|载入失败)/.test(out))) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`平台服务未能启动（退出码 ${code ?? signal}）：\n${out}`));
    };
    const cleanup = () => {
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });

  const url = `http://127.0.0.1:${port}`;
  const health = await fetch(`${url}/api/health`);
  if (!health.ok) throw new Error(`平台服务健康检查失败（HTTP ${health.status}）：\n${out}`);
  if (opts.firstSignIn ?? true) await completeFirstSignIns(url);

  return {
    url,
    dataDir,
    output: () => out,
    async stop() {
      // Server-side errors (level ≥ 50) go to the test output, so a failure in CI shows its cause.
      const errors = out.split('\n').filter((l) => /"level":(50|60)/.test(l));
      if (errors.length) console.error(`平台服务记录的错误：\n${errors.join('\n')}`);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = waitForExit(child);
        child.kill('SIGTERM');
        // The server closes its database on SIGTERM; a hung shutdown is killed rather than left behind.
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    },
  };
}
