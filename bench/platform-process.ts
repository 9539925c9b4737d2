// Process helpers for the platform benchmarks (startup.ts, http.ts): free ports, spawning
// `zhiliang serve`, waiting for an answer, reading RSS, machine description.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The command to start; BENCH_BIN runs another checkout's (e.g. a worktree of the previous commit, for before/after). */
export const BIN = process.env.BENCH_BIN || path.join(ROOT, 'bin/zhiliang.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  port: number;
  output(): string;
}

/**
 * The node options `npm start` of the checkout under test runs the server with (its package.json
 * "start" script, e.g. `node --max-semi-space-size=4 bin/zhiliang.js serve`), so a benchmark starts
 * what a user starts.
 */
export function startNodeFlags(): string[] {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(path.dirname(BIN)), 'package.json'), 'utf8')) as { scripts?: { start?: string } };
    const m = /\bnode((?: --[\w=-]+)*) bin\/zhiliang\.js serve\b/.exec(pkg.scripts?.start ?? '');
    return m ? m[1].trim().split(' ').filter(Boolean) : [];
  } catch {
    return [];
  }
}

/** `node bin/zhiliang.js serve` on the embedded database in `dataDir`, on a free port. */
export async function spawnServe(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Spawned> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ZHILIANG_DATA_DIR: dataDir, PORT: String(port), ...extraEnv };
  delete env.DATABASE_URL;
  let out = '';
  const child = spawn(process.execPath, [...startNodeFlags(), BIN, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep only the head of the output (the banner), drain the rest.
  const keep = (d: Buffer) => {
    if (out.length < 200_000) out += d.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, port, output: () => out };
}

/** Polls `url` until it answers 200; returns milliseconds since `since` (performance.now()). */
export async function waitFor200(url: string, child: ChildProcess, since: number, output: () => string, timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 180) * 1000): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no answer from ${url}: ${output()}`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await done;
  clearTimeout(timer);
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/PID/stat. Unlike wall
 * time it hardly depends on what else runs on the machine, so it compares runs made under load.
 */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Resident set size of a process in MiB (VmRSS of /proc/PID/status). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!m) throw new Error('VmRSS not found');
  return Number(m[1]) / 1024;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} CPU (nproc ${os.availableParallelism()}), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-bench-'));
}
