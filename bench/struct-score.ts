// Quick scorer for the structural fields (metadata, topics, tasks, departments) on the seeds,
// computed the way ../shared/tools/score-extraction.mjs computes them, without the CLI.
//
//   npx tsx bench/struct-score.ts            # summary
//   VERBOSE=1 npx tsx bench/struct-score.ts  # per-field differences
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { normalizeText } from '../src/ingest/normalize';
import { extractMetadata } from '../src/ingest/metadata';
import { extractOutline } from '../src/ingest/outline';
import { extractTasks } from '../src/ingest/tasks';
import { collectDepartments } from '../src/ingest/departments';
import { classifyTopics } from '../src/ingest/topics';
import type { PlanMetadata, Task, TopicScore, OutlineNode } from '../src/ingest/model';

export const SHARED = new URL('../../shared/', import.meta.url);

let toSimplified: ((s: string) => string) | null = null;

/** Stand-in for the normalizer: enough to read the seeds (pinyin notes, Traditional script, full-width digits). */
export function roughNormalize(raw: string): string {
  let t = raw.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  if (/[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]\)/.test(t) && /\((?:[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü][a-z]*)\)/.test(t)) {
    t = t.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, '');
  }
  if (/[這們國會發與經說區為們質務關]/.test(t)) {
    toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
    t = toSimplified(t);
  }
  return t.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export interface SeedCase {
  name: string;
  text: string;
  gold: {
    metadata: PlanMetadata;
    topic: { category: string; subcategory: string | null };
    departments: string[];
    taskDepartments: Array<{ task: string; department: string; role: string }>;
  };
}

export function loadSeeds(): SeedCase[] {
  const goldDir = new URL('fixtures/seeds-gold/', SHARED);
  return readdirSync(goldDir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const gold = JSON.parse(readFileSync(new URL(f, goldDir), 'utf8'));
      const raw = readFileSync(new URL(`seeds/${gold.file}`, SHARED), 'utf8');
      // the project's normalizer, as the parser runs it; ROUGH=1 uses the stand-in instead
      const text = process.env.ROUGH ? roughNormalize(raw) : normalizeText(raw).text;
      return { name: gold.file as string, text, gold };
    });
}

// --- the scorer's comparison rules ---
const bigrams = (s: string) => {
  const t = String(s ?? '').replace(/\s+/g, '');
  if (t.length < 2) return [t];
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
};
export const dice = (a: string, b: string) => {
  const A = bigrams(a);
  const B = bigrams(b);
  const pool = new Map<string, number>();
  for (const x of B) pool.set(x, (pool.get(x) ?? 0) + 1);
  let hit = 0;
  for (const x of A) {
    const n = pool.get(x) ?? 0;
    if (n > 0) {
      hit++;
      pool.set(x, n - 1);
    }
  }
  return (2 * hit) / (A.length + B.length || 1);
};
export const norm = (s: unknown) =>
  String(s ?? '').replace(/\s+/g, '').replace(/[［\[【]/g, '〔').replace(/[］\]】]/g, '〕').replace(/％/g, '%');
export const similar = (a: string, b: string, min: number) => {
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x) || dice(x, y) >= min);
};

export interface StructPrediction {
  metadata: PlanMetadata;
  outline: OutlineNode[];
  tasks: Task[];
  departments: string[];
  topics: TopicScore[];
}

export function predict(text: string): StructPrediction {
  const metadata = extractMetadata(text);
  const outline = extractOutline(text);
  const tasks = extractTasks(text, outline);
  const departments = collectDepartments(tasks, text);
  const topics = classifyTopics(text, metadata);
  return { metadata, outline, tasks, departments, topics };
}

export function scoreMetadata(gold: PlanMetadata, pred: PlanMetadata): { hit: number; total: number; wrong: string[] } {
  let hit = 0;
  let total = 0;
  const wrong: string[] = [];
  for (const k of ['documentNumber', 'issuer', 'writtenDate', 'publishedDate', 'indexNumber'] as const) {
    if (gold[k] == null) continue;
    total++;
    if (norm(gold[k]) === norm(pred[k])) hit++;
    else wrong.push(`${k}: ${pred[k]} ≠ ${gold[k]}`);
  }
  if (gold.title != null) {
    total++;
    if (dice(norm(gold.title), norm(pred.title)) >= 0.8) hit++;
    else wrong.push(`title: ${pred.title} ≠ ${gold.title}`);
  }
  if (gold.period != null) {
    total++;
    if (pred.period && pred.period.startYear === gold.period.startYear && pred.period.endYear === gold.period.endYear) hit++;
    else wrong.push(`period: ${JSON.stringify(pred.period)} ≠ ${JSON.stringify(gold.period)}`);
  }
  return { hit, total, wrong };
}

export function scoreDepartments(gold: string[], pred: string[]) {
  const G = new Set(gold.map(norm));
  const P = new Set(pred.map(norm));
  let hit = 0;
  for (const p of P) if (G.has(p)) hit++;
  return { hit, goldTotal: G.size, predTotal: P.size, missing: [...G].filter((g) => !P.has(g)), extra: [...P].filter((p) => !G.has(p)) };
}

export function scorePairs(gold: SeedCase['gold']['taskDepartments'], tasks: Task[]) {
  const pred: Array<{ task: string; department: string }> = [];
  for (const t of tasks) for (const d of t.departments) pred.push({ task: t.title, department: d.name });
  const used = new Set<number>();
  let hit = 0;
  const missed: string[] = [];
  for (const g of gold) {
    const i = pred.findIndex((p, k) => !used.has(k) && norm(p.department) === norm(g.department) && similar(p.task, g.task, 0.5));
    if (i >= 0) {
      used.add(i);
      hit++;
    } else missed.push(`${g.task} / ${g.department}`);
  }
  const extra = pred.filter((_, k) => !used.has(k)).map((p) => `${p.task} / ${p.department}`);
  return { hit, goldTotal: gold.length, predTotal: pred.length, missed, extra };
}

const f1 = (hit: number, goldTotal: number, predTotal: number) => {
  const p = predTotal ? hit / predTotal : 0;
  const r = goldTotal ? hit / goldTotal : 0;
  return p + r > 0 ? (2 * p * r) / (p + r) : goldTotal === 0 && predTotal === 0 ? 1 : 0;
};

export function scoreAll(cases = loadSeeds()) {
  const t = { m: [0, 0], d: [0, 0, 0], p: [0, 0, 0], topic: [0, 0, 0] };
  const lines: string[] = [];
  for (const c of cases) {
    const pred = predict(c.text);
    const m = scoreMetadata(c.gold.metadata, pred.metadata);
    const d = scoreDepartments(c.gold.departments, pred.departments);
    const p = scorePairs(c.gold.taskDepartments, pred.tasks);
    const top = pred.topics[0];
    const topicOk = !!top && norm(top.category) === norm(c.gold.topic.category);
    const subOk = topicOk && norm(top.subcategory) === norm(c.gold.topic.subcategory);
    t.m[0] += m.hit; t.m[1] += m.total;
    t.d[0] += d.hit; t.d[1] += d.goldTotal; t.d[2] += d.predTotal;
    t.p[0] += p.hit; t.p[1] += p.goldTotal; t.p[2] += p.predTotal;
    t.topic[0] += topicOk ? 1 : 0; t.topic[1] += subOk ? 1 : 0; t.topic[2]++;
    lines.push(`${c.name}: metadata ${m.hit}/${m.total}; departments ${d.hit}/${d.goldTotal} found, ${d.hit}/${d.predTotal} right; task-dept ${p.hit}/${p.goldTotal} (pred ${p.predTotal}); topic ${top ? `${top.category}\\${top.subcategory}` : '-'} ${topicOk ? 'ok' : 'WRONG'}`);
    if (process.env.VERBOSE) {
      for (const w of m.wrong) lines.push(`   meta  ${w}`);
      for (const x of d.missing) lines.push(`   dept missing ${x}`);
      for (const x of d.extra) lines.push(`   dept extra   ${x}`);
      for (const x of p.missed) lines.push(`   pair missed ${x}`);
      for (const x of p.extra) lines.push(`   pair extra  ${x}`);
    }
  }
  return {
    lines,
    metadata: t.m[1] ? t.m[0] / t.m[1] : 0,
    departmentsF1: f1(t.d[0], t.d[1], t.d[2]),
    taskDepartmentsF1: f1(t.p[0], t.p[1], t.p[2]),
    topicTop1: t.topic[2] ? t.topic[0] / t.topic[2] : 0,
    topicTop1Sub: t.topic[2] ? t.topic[1] / t.topic[2] : 0,
  };
}

if (process.argv[1] && existsSync(process.argv[1]) && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const cases = loadSeeds();
  const s = scoreAll(cases);
  const ms = performance.now() - started;
  for (const l of s.lines) console.log(l);
  const f = (x: number) => x.toFixed(3);
  console.log(`departments F1=${f(s.departmentsF1)} | task-dept F1=${f(s.taskDepartmentsF1)} | metadata ${f(s.metadata)} | topic top1 ${f(s.topicTop1)} (sub ${f(s.topicTop1Sub)}) | ${ms.toFixed(0)} ms incl. loading`);
}
