// HTTP throughput: GET /api/health on the real server (`zhiliang serve`, embedded database, request
// logging on as shipped) versus a bare Fastify hello-world answering the same JSON, measured in the
// same run with the same autocannon settings on loopback. Reported as a ratio.
//
//   npx tsx bench/http.ts                       # 10 connections, 5 s per measurement, 2 rounds
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=50 BENCH_ROUNDS=3 npx tsx bench/http.ts
//
// Rounds alternate bare → zhiliang → bare → zhiliang so that a change in the machine's load during
// the run hits both sides; the ratio is of the summed requests.
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { cpuMs, freePort, machine, spawnServe, stop, tempDataDir, waitFor200 } from './platform-process';
import fs from 'node:fs';

const HELLO = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

async function measure(url: string, connections: number, duration: number, pid: number) {
  // A 1 s warm-up, then the measured run.
  await autocannon({ url, connections, duration: 1 });
  const cpu0 = cpuMs(pid);
  const r = await autocannon({ url, connections, duration });
  const cpu = cpuMs(pid) - cpu0;
  return {
    requestsPerSecond: Math.round(r.requests.average),
    /** the server's CPU time per request (µs): the cost of a request, hardly changed by other load on the machine */
    serverCpuMicrosPerRequest: Math.round((cpu * 1000) / Math.max(1, r.requests.total)),
    latencyP50ms: r.latency.p50,
    latencyP99ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

export async function runHttp(
  connections = Number(process.env.BENCH_CONNECTIONS ?? 10),
  duration = Number(process.env.BENCH_SECONDS ?? 5),
  rounds = Number(process.env.BENCH_ROUNDS ?? 2),
) {
  const dataDir = tempDataDir();
  const helloPort = await freePort();
  const hello = spawn(process.execPath, ['--input-type=module', '-e', HELLO], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(helloPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const zl = await spawnServe(dataDir, { LOG_LEVEL: 'info' });
  // The server's request log goes to a pipe that spawnServe drains (keeping only the head): as in
  // production, each request writes a line.
  try {
    const t0 = performance.now();
    await waitFor200(`http://127.0.0.1:${helloPort}/api/health`, hello, t0, () => '');
    await waitFor200(`http://127.0.0.1:${zl.port}/api/health`, zl.child, t0, zl.output);
    // a first start loads the demo's content after it answers (decision 045): measure after that
    const until = performance.now() + 120_000;
    while (/示范数据（/.test(zl.output()) && !/"demo loaded"|"demo load failed"/.test(zl.output()) && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    const bare: Awaited<ReturnType<typeof measure>>[] = [];
    const zhiliang: Awaited<ReturnType<typeof measure>>[] = [];
    for (let i = 0; i < rounds; i++) {
      bare.push(await measure(`http://127.0.0.1:${helloPort}/api/health`, connections, duration, hello.pid!));
      zhiliang.push(await measure(`http://127.0.0.1:${zl.port}/api/health`, connections, duration, zl.child.pid!));
      console.error(`round ${i + 1}: bare ${bare[i].requestsPerSecond} req/s, zhiliang ${zhiliang[i].requestsPerSecond} req/s`);
    }
    const sum = (xs: { requestsPerSecond: number }[]) => xs.reduce((a, x) => a + x.requestsPerSecond, 0);
    return {
      machine: machine(),
      loadAverageAfter: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      settings: { connections, durationSeconds: duration, rounds, pipelining: 1 },
      bareFastify: bare,
      zhiliang,
      ratio: Number((sum(zhiliang) / sum(bare)).toFixed(3)),
      /** bare Fastify's CPU per request over zhiliang's: the throughput ratio when the CPU is the limit */
      cpuRatio: Number(
        (bare.reduce((a, x) => a + x.serverCpuMicrosPerRequest, 0) / zhiliang.reduce((a, x) => a + x.serverCpuMicrosPerRequest, 0)).toFixed(3),
      ),
    };
  } finally {
    await stop(zl.child);
    await stop(hello);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runHttp();
  console.log(JSON.stringify(result, null, 2));
}
