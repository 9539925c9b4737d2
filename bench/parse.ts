// Benchmark of the document engine (issue 3): throughput, per-seed latency, peak memory.
//
//   npx tsx bench/parse.ts             full run (about a minute on a busy 2-core machine)
//   npx tsx bench/parse.ts --quick     fewer runs, 0.5 MB throughput input
//   npx tsx bench/parse.ts --mb 4      throughput on 4 MB instead of 2
//   npx tsx bench/parse.ts --write     also rewrite the results part of bench/parse.md
//
// One core: everything runs in this process, sequentially; the peak-RSS runs are child processes
// so that their memory is measured alone.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan, readDocument, extractPlan, DEFAULT_LIMITS } from '../src/ingest/index';
import { decodeText } from '../src/ingest/decode';
import { normalizeText } from '../src/ingest/normalize';
import { extractMetadata } from '../src/ingest/metadata';
import { extractOutline } from '../src/ingest/outline';
import { extractTargets } from '../src/ingest/targets';
import { extractTasks } from '../src/ingest/tasks';
import { collectDepartments } from '../src/ingest/departments';
import { classifyTopics } from '../src/ingest/topics';

const SEEDS = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const args = process.argv.slice(2);

// --- child mode: parse one file, print peak RSS -------------------------------------------------
if (args[0] === '--rss-child') {
  const file = args[1];
  const t0 = performance.now();
  let outcome: string;
  try {
    const r = await parsePlan(new Uint8Array(readFileSync(file)), 'big.txt');
    outcome = `parsed, ${r.targets.length} targets`;
  } catch (e) {
    outcome = `refused: ${(e as { code?: string }).code ?? String(e)}`;
  }
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS, ms, outcome }));
  process.exit(0);
}

const quick = args.includes('--quick');
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(SEEDS, f))) }));
const mb = (n: number) => n / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const f1 = (x: number) => x.toFixed(1);

function pad(s: string, w: number, right = false): string {
  let width = 0;
  for (const ch of s) width += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  const fill = ' '.repeat(Math.max(0, w - width));
  return right ? fill + s : s + fill;
}
function printTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 1);
  const line = (cells: string[]) => '| ' + cells.map((c, i) => pad(c, widths[i], i > 0)).join(' | ') + ' |';
  const out = [line(header), '|' + widths.map((w, i) => (i > 0 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|', ...rows.map(line)].join('\n');
  console.log(out);
  return out;
}

const report: string[] = [];
const cpu = cpus()[0]?.model ?? 'unknown';
const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
report.push(`machine: ${nproc} cores (nproc), ${cpu}, Node ${process.version}`);
console.log(report[0]);

// --- 1. per-seed latency after warm-up, with the time of each stage ------------------------------
const WARM = quick ? 3 : 10;
const RUNS = quick ? 10 : 30;
const perSeed: string[][] = [];
const time = (fn: () => unknown) => {
  const s = performance.now();
  fn();
  return performance.now() - s;
};
for (const s of seeds) {
  for (let i = 0; i < WARM; i++) await parsePlan(s.bytes, s.name);
  const whole: number[] = [];
  const st: Record<string, number[]> = { read: [], metadata: [], outline: [], targets: [], tasks: [], departments: [], topics: [] };
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await parsePlan(s.bytes, s.name);
    whole.push(performance.now() - t0);
    const r0 = performance.now();
    const doc = await readDocument(s.bytes, s.name);
    st.read.push(performance.now() - r0);
    const text = doc.text;
    let meta = extractMetadata(text);
    st.metadata.push(time(() => (meta = extractMetadata(text))));
    let outline = extractOutline(text);
    st.outline.push(time(() => (outline = extractOutline(text))));
    st.targets.push(time(() => extractTargets(text, { period: meta.period, outline })));
    let tasks = extractTasks(text, outline);
    st.tasks.push(time(() => (tasks = extractTasks(text, outline))));
    st.departments.push(time(() => collectDepartments(tasks, text)));
    st.topics.push(time(() => classifyTopics(text, meta)));
  }
  perSeed.push([s.name.slice(0, 3), `${(s.bytes.length / 1024).toFixed(1)} KB`, f1(median(whole)), f1(p95(whole)), ...Object.values(st).map((xs) => f1(median(xs)))]);
}
console.log(`\nper seed, ${WARM} warm-up runs, then ${RUNS} runs: median and p95 of parsePlan, median of each stage (ms):`);
report.push(`\nPer seed (${WARM} warm-up runs, then ${RUNS} timed runs): median and p95 of the whole parsePlan, median of each stage, ms. "read" = format detection + decoding + normalization:\n`);
report.push(printTable(['seed', 'size', 'parse', 'p95', 'read', 'metadata', 'outline', 'targets', 'tasks', 'depts', 'topics'], perSeed));

// --- 2. throughput on a few MB of Chinese text, with the time per stage -------------------------
// default 2 MB: tasks.ts is super-linear today, so larger inputs take minutes (see bench/parse.md)
const mbArg = args.indexOf('--mb');
const TARGET_BYTES = (mbArg >= 0 ? Number(args[mbArg + 1]) : quick ? 0.5 : 2) * 1_000_000;
const parts: string[] = [];
let size = 0;
for (let k = 0; size < TARGET_BYTES; k++) {
  const t = Buffer.from(seeds[k % seeds.length].bytes).toString('utf8');
  parts.push(t);
  size += Buffer.byteLength(t) + 1;
}
const bigText = parts.join('\n');
const bigBytes = new Uint8Array(Buffer.from(bigText, 'utf8'));
await parsePlan(bytesOfSeedsJoined(2), 'warm.txt'); // warm the code paths on a smaller input
const t0 = performance.now();
const big = await parsePlan(bigBytes, 'big.txt');
const totalMs = performance.now() - t0;
const stage = <T>(fn: () => T): [T, number] => {
  const s = performance.now();
  const r = fn();
  return [r, performance.now() - s];
};
const [decoded, decodeMs] = stage(() => decodeText(bigBytes));
const [norm, normMs] = stage(() => normalizeText(decoded.text));
const text = norm.text;
const [meta, metaMs] = stage(() => extractMetadata(text));
const [outline, outlineMs] = stage(() => extractOutline(text));
const [, targetsMs] = stage(() => extractTargets(text, { period: meta.period, outline }));
const [tasks, tasksMs] = stage(() => extractTasks(text, outline));
const [, deptMs] = stage(() => collectDepartments(tasks, text));
const [, topicsMs] = stage(() => classifyTopics(text, meta));
const stages: Array<[string, number]> = [
  ['decode (encoding detection)', decodeMs], ['normalize', normMs], ['metadata', metaMs], ['outline', outlineMs],
  ['targets', targetsMs], ['tasks', tasksMs], ['departments', deptMs], ['topics', topicsMs],
];
const stageSum = stages.reduce((a, [, ms]) => a + ms, 0);
console.log(`\nthroughput: ${mb(bigBytes.length).toFixed(2)} MB of UTF-8 Chinese text (the seeds repeated), one core:`);
report.push(`\nThroughput on ${mb(bigBytes.length).toFixed(2)} MB of UTF-8 Chinese text (the seeds repeated ${parts.length} times, ${big.targets.length} targets found), one core:\n`);
report.push(
  printTable(
    ['stage', 'ms', 'share', 'MB/s'],
    [
      ...stages.map(([n, ms]) => [n, f1(ms), `${((ms / stageSum) * 100).toFixed(0)}%`, (mb(bigBytes.length) / (ms / 1000)).toFixed(1)]),
      ['whole parsePlan', f1(totalMs), '', (mb(bigBytes.length) / (totalMs / 1000)).toFixed(2)],
    ],
  ),
);

function bytesOfSeedsJoined(copies: number): Uint8Array {
  return new Uint8Array(Buffer.from(Array.from({ length: copies }, (_, k) => Buffer.from(seeds[k % seeds.length].bytes).toString('utf8')).join('\n'), 'utf8'));
}

// --- 3. peak RSS: a 50 MB file (refused: over the 16 MiB text limit) and the largest accepted ---
const dir = mkdtempSync(join(tmpdir(), 'zhiliang-bench-'));
const rssRows: string[][] = [];
const sizes: Array<[string, number]> = [['50 MB text', 50_000_000], ['1 MB text (accepted)', 1_000_000]];
for (const [label, bytes] of sizes) {
  const file = join(dir, 'big.txt');
  const chunk = Buffer.from(bigText.slice(0, 200_000), 'utf8');
  const buf = Buffer.alloc(bytes);
  for (let o = 0; o < buf.length; o += chunk.length) chunk.copy(buf, o);
  // cut back to a whole character
  let end = buf.length;
  while (end > 0 && (buf[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && buf[end - 1] >= 0xc0) end--;
  writeFileSync(file, buf.subarray(0, end));
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss-child', file], { encoding: 'utf8', timeout: 600_000 });
  const line = child.stdout.trim().split('\n').pop() ?? '{}';
  try {
    const r = JSON.parse(line) as { maxRssKB: number; ms: number; outcome: string };
    rssRows.push([label, `${(r.maxRssKB / 1024).toFixed(0)} MB`, f1(r.ms), r.outcome]);
  } catch {
    rssRows.push([label, '?', '?', `child failed: ${child.stderr.split('\n')[0]}`]);
  }
}
rmSync(dir, { recursive: true, force: true });
console.log('\npeak RSS of a separate process parsing one large file:');
report.push(`\nPeak RSS of a separate process (node + tsx + the engine) parsing one large file; limits: file ${DEFAULT_LIMITS.maxFileBytes / 1048576} MiB, text file ${DEFAULT_LIMITS.maxTextFileBytes / 1048576} MiB, ${DEFAULT_LIMITS.maxTextChars} characters:\n`);
report.push(printTable(['input', 'peak RSS', 'ms', 'outcome'], rssRows));

if (args.includes('--write')) {
  const md = readFileSync(new URL('./parse.md', import.meta.url), 'utf8');
  const marker = '<!-- results -->';
  const head = md.includes(marker) ? md.slice(0, md.indexOf(marker) + marker.length) : md + '\n' + marker;
  writeFileSync(new URL('./parse.md', import.meta.url), `${head}\n\n${new Date().toISOString().slice(0, 10)}, ${report.join('\n')}\n`);
  console.log('\nwritten to bench/parse.md');
}
