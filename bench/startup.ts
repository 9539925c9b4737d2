// Start-up benchmark: time from spawning `node bin/zhiliang.js serve` (what `npm start` runs once
// the web app is built) to the first page answering (GET / → 200), on a fresh embedded data
// directory and on an existing one; and the server's RSS once it answers.
//
//   npx tsx bench/startup.ts            # 2 fresh + 3 existing starts
//   BENCH_FRESH=1 BENCH_EXISTING=1 npx tsx bench/startup.ts
import fs from 'node:fs';
import path from 'node:path';
import { BIN, cpuMs, machine, median, rssMiB, spawnServe, stop, tempDataDir, waitFor200 } from './platform-process';

interface StartRun {
  kind: 'fresh' | 'existing';
  toPageMs: number;
  /** CPU time the server process used until the first page answered (user + system, all threads) */
  cpuMs: number;
  rssMiB: number;
  /**
   * A first start loads the demo's content after it answers (decision 045): from spawning to the
   * server's 'demo loaded' line, and RSS 0.5 s after it (the process with all of the demo loaded).
   * Without such a line (an existing data dir, or a server that loads it before answering): the page's.
   */
  demoLoadedMs: number;
  settledRssMiB: number;
  /** the server's own account of where the time went (its 'started' log line) */
  phases: Record<string, number>;
}

function phasesOf(output: string): Record<string, number> {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const j = JSON.parse(line) as { msg?: string; startupMs?: Record<string, number>; processUptimeMs?: number };
      if (j.msg === 'started' && j.startupMs) return { ...j.startupMs, processUptimeAtListen: j.processUptimeMs ?? NaN };
    } catch {
      /* not JSON */
    }
  }
  return {};
}

/** Whether the checkout under test has a ready template (dist/pglite-template/<key>/READY, or ZHILIANG_PGLITE_TEMPLATE_DIR's). */
function templateReady(): boolean {
  const root = process.env.ZHILIANG_PGLITE_TEMPLATE_DIR || path.join(path.dirname(path.dirname(BIN)), 'dist/pglite-template');
  try {
    return fs.readdirSync(root).some((k) => fs.existsSync(path.join(root, k, 'READY')));
  } catch {
    return false;
  }
}

async function startOnce(dataDir: string, kind: StartRun['kind']): Promise<StartRun> {
  const t0 = performance.now();
  const s = await spawnServe(dataDir, { LOG_LEVEL: 'info' });
  try {
    const toPageMs = await waitFor200(`http://127.0.0.1:${s.port}/`, s.child, t0, s.output);
    const cpu = cpuMs(s.child.pid!);
    // Let the first request's lazy work settle, then read RSS (includes the PGlite worker thread).
    await new Promise((r) => setTimeout(r, 500));
    const rss = rssMiB(s.child.pid!);
    let demoLoadedMs = toPageMs;
    let settledRss = rss;
    if (/示范数据（/.test(s.output())) {
      const until = performance.now() + 120_000;
      while (performance.now() < until && !/"demo loaded"|"demo load failed"/.test(s.output()) && s.child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
      demoLoadedMs = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 500));
      settledRss = rssMiB(s.child.pid!);
    }
    // a fresh start without a template builds one a few seconds after it answers (decision 039):
    // let it finish, so the next fresh start is a copy, as for a user whose first server runs on
    if (kind === 'fresh' && !process.env.BENCH_NO_TEMPLATE_WAIT && !templateReady()) {
      const until = performance.now() + 90_000;
      while (performance.now() < until && !s.output().includes('"database template"') && s.child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    }
    return { kind, toPageMs, cpuMs: cpu, rssMiB: rss, demoLoadedMs, settledRssMiB: settledRss, phases: phasesOf(s.output()) };
  } finally {
    await stop(s.child);
  }
}

export async function runStartup(fresh = Number(process.env.BENCH_FRESH ?? 2), existing = Number(process.env.BENCH_EXISTING ?? 3)) {
  const runs: StartRun[] = [];
  const dirs: string[] = [];
  try {
    for (let i = 0; i < fresh; i++) {
      const dir = tempDataDir();
      dirs.push(dir);
      const r = await startOnce(dir, 'fresh');
      runs.push(r);
      console.error(`fresh #${i + 1}: ${(r.toPageMs / 1000).toFixed(2)} s (cpu ${(r.cpuMs / 1000).toFixed(2)} s), RSS ${r.rssMiB.toFixed(0)} MiB; demo loaded ${(r.demoLoadedMs / 1000).toFixed(2)} s, RSS then ${r.settledRssMiB.toFixed(0)} MiB; phases ${JSON.stringify(r.phases)}`);
    }
    // "existing": a data directory already migrated and seeded by the first fresh start.
    const existingDir = dirs[0] ?? tempDataDir();
    if (!dirs.length) {
      dirs.push(existingDir);
      await startOnce(existingDir, 'fresh');
    }
    for (let i = 0; i < existing; i++) {
      const r = await startOnce(existingDir, 'existing');
      runs.push(r);
      console.error(`existing #${i + 1}: ${(r.toPageMs / 1000).toFixed(2)} s (cpu ${(r.cpuMs / 1000).toFixed(2)} s), RSS ${r.rssMiB.toFixed(0)} MiB; demo loaded ${(r.demoLoadedMs / 1000).toFixed(2)} s, RSS then ${r.settledRssMiB.toFixed(0)} MiB; phases ${JSON.stringify(r.phases)}`);
    }
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  const summary = (kind: StartRun['kind']) => {
    const rs = runs.filter((r) => r.kind === kind);
    return rs.length
      ? {
          runs: rs.length,
          medianSeconds: Number((median(rs.map((r) => r.toPageMs)) / 1000).toFixed(2)),
          allSeconds: rs.map((r) => Number((r.toPageMs / 1000).toFixed(2))),
          medianCpuSeconds: Number((median(rs.map((r) => r.cpuMs)) / 1000).toFixed(2)),
          medianRssMiB: Math.round(median(rs.map((r) => r.rssMiB))),
          allDemoLoadedSeconds: rs.map((r) => Number((r.demoLoadedMs / 1000).toFixed(2))),
          allRssMiB: rs.map((r) => Math.round(r.rssMiB)),
          allSettledRssMiB: rs.map((r) => Math.round(r.settledRssMiB)),
          medianPhasesMs: Object.fromEntries(
            Object.keys(rs[0].phases).map((k) => [k, Math.round(median(rs.map((r) => r.phases[k] ?? NaN)))]),
          ),
        }
      : null;
  };
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { machine: machine(), loadAverageAfter: load, fresh: summary('fresh'), existing: summary('existing') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runStartup();
  console.log(JSON.stringify(result, null, 2));
}
