// A register above the 200 MB upload limit through `zhiliang enterprises import` (the path the upload's
// 413 names): writes a generated CSV of N rows (default 1 200 000, ~232 MiB) for the demo authority's
// region, then runs the real command on a fresh embedded data directory (or DATABASE_URL) under
// /usr/bin/time -v, sampling the command's RSS every second (the CLI process holds the PGlite worker).
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-cli-large.ts 1200000
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEnterprises } from '../src/enterprises/generate';
import { generatorAreas } from '../src/enterprises/generate-areas';
import { writeRegisterCsv } from '../src/enterprises/register-file';
import { syntheticToInput } from '../src/enterprises/service';
import { DEMO_TENANT } from '../src/org/seed';

const n = Number(process.argv[2] ?? 1_200_000);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entcli-'));
const BIN = fileURLToPath(new URL('../bin/zhiliang.js', import.meta.url));
try {
  const csv = path.join(tmp, '全省名录.csv');
  const t0 = performance.now();
  await writeRegisterCsv(csv, (function* () {
    for (const e of generateEnterprises({ count: n, areas: generatorAreas(DEMO_TENANT.regionCode), seed: 11, firstSerial: 2_000_000 })) yield syntheticToInput(e);
  })());
  const bytes = fs.statSync(csv).size;
  console.log(`csv: ${n} rows, ${(bytes / 1024 / 1024).toFixed(0)} MiB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const env = { ...process.env, ZHILIANG_DATA_DIR: path.join(tmp, 'data'), DATABASE_URL: process.env.DATABASE_URL ?? '' };
  const t1 = performance.now();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, BIN, 'enterprises', 'import', csv, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const samples: number[] = [];
  const timer = setInterval(() => {
    // the node process is the time process's child
    try {
      const kids = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      for (const k of kids) {
        const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${k}/status`, 'utf8'));
        if (m) samples.push(Number(m[1]) / 1024);
      }
    } catch {
      /* ended */
    }
  }, 1000);
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? 1)));
  clearInterval(timer);
  const secs = (performance.now() - t1) / 1000;
  const r = out ? (JSON.parse(out) as { imported: number; updated: number; unchanged: number; refused: unknown[] }) : null;
  const hwm = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  const q = (f: number) => samples.length ? samples[Math.min(samples.length - 1, Math.floor(samples.length * f))]! : 0;
  const byTime = [q(0.1), q(0.25), q(0.5), q(0.75), q(0.95)].map((x) => x.toFixed(0));
  console.log(`exit ${code}; ${secs.toFixed(1)} s (${Math.round(n / secs)} rows/s incl. first start of the data dir); imported ${r?.imported} updated ${r?.updated} refused ${r?.refused.length}`);
  console.log(`peak RSS (VmHWM) ${hwm ? (Number(hwm[1]) / 1024).toFixed(0) : '?'} MiB; RSS at 10/25/50/75/95 % of the run: ${byTime.join(' / ')} MiB; load ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}`);
  if (code !== 0) console.log(err.slice(-2000));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
