// The whole engine (parsePlan: bytes → PlanExtraction) on a held-out corpus of plan documents that
// are not the seeds: fixtures/heldout/NAME.{txt,html} with NAME.gold.json, in the format of
// ../shared/fixtures/seeds-gold. Regions, genres, topics and forms vary on purpose (metadata blocks in
// several layouts, an HTML page with site chrome, a GB18030 text, a hard-wrapped text, task tables
// as text, 牵头/配合 clauses, 责任单位 lines, duty paragraphs, a document cut off mid-sentence). The gold
// answers were written by hand from ../shared/contracts/plan-extraction.md before the parser was run.
//
// Scoring follows ../shared/tools/score-extraction.mjs. The thresholds sit a little below what the
// engine reaches, so that a regression fails here; raise them when the engine gets better.
// HELDOUT_VERBOSE=1 prints every miss.
//
//   node ../shared/tools/score-extraction.mjs --gold src/ingest/fixtures/heldout \
//     --docs src/ingest/fixtures/heldout --cmd 'node bin/zhiliang.js parse {file} --json'
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, type PlanExtraction } from './index';

const DIR = new URL('./fixtures/heldout/', import.meta.url);

interface GoldTarget { indicator: string; comparator: string; value: number; valueMax?: number; unit: string; core?: boolean }
interface Gold {
  file: string;
  metadata: Record<string, unknown> & { title?: string | null; period?: { startYear: number; endYear: number } | null };
  topic?: { category: string; subcategory: string | null };
  targets: GoldTarget[];
  departments: string[];
  taskDepartments: Array<{ task: string; department: string; role: string }>;
}

// --- the scorer's measures -----------------------------------------------------------------------
const bigrams = (s: string) => {
  const t = String(s ?? '').replace(/\s+/g, '');
  if (t.length < 2) return [t];
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
};
const dice = (a: string, b: string) => {
  const A = bigrams(a);
  const pool = new Map<string, number>();
  for (const x of bigrams(b)) pool.set(x, (pool.get(x) ?? 0) + 1);
  let hit = 0;
  for (const x of A) {
    const n = pool.get(x) ?? 0;
    if (n > 0) {
      hit++;
      pool.set(x, n - 1);
    }
  }
  return (2 * hit) / (A.length + bigrams(b).length || 1);
};
const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, '').replace(/[［[【]/g, '〔').replace(/[］\]】]/g, '〕').replace(/％/g, '%');
const similar = (a: string, b: string, min: number) => {
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x) || dice(x, y) >= min);
};
const sameNum = (a?: number | null, b?: number | null) => (a == null && b == null) || (a != null && b != null && Math.abs(a - b) < 1e-9);

interface Tally { targets: { predHit: number; predTotal: number; coreHit: number; coreTotal: number }; dept: { hit: number; gold: number; pred: number }; pairs: { hit: number; gold: number; pred: number }; meta: { hit: number; total: number }; topic: { hit: number; hitSub: number; total: number } }

function score(gold: Gold, pred: PlanExtraction, t: Tally, misses: string[]): void {
  const used = new Set<number>();
  for (const p of pred.targets) {
    let best = -1;
    let bestScore = -1;
    gold.targets.forEach((g, gi) => {
      if (used.has(gi) || g.comparator !== p.comparator || !sameNum(g.value, p.value) || !sameNum(g.valueMax, p.valueMax)) return;
      if (norm(g.unit).replace(/㎡/g, '平方米') !== norm(p.unit).replace(/㎡/g, '平方米') || !similar(g.indicator, p.indicator, 0.4)) return;
      const s = dice(norm(g.indicator), norm(p.indicator));
      if (s > bestScore) {
        bestScore = s;
        best = gi;
      }
    });
    t.targets.predTotal++;
    if (best >= 0) {
      used.add(best);
      t.targets.predHit++;
      if (gold.targets[best].core !== false) t.targets.coreHit++;
    } else misses.push(`extra target ${p.indicator} ${p.comparator} ${p.value}${p.unit}`);
  }
  gold.targets.forEach((g, gi) => {
    if (g.core === false) return;
    t.targets.coreTotal++;
    if (!used.has(gi)) misses.push(`missed target ${g.indicator} ${g.comparator} ${g.value}${g.unit}`);
  });

  const G = new Set(gold.departments.map(norm));
  const P = new Set(pred.departments.map(norm));
  for (const p of P) if (G.has(p)) t.dept.hit++;
  else misses.push(`extra department ${p}`);
  for (const g of G) if (!P.has(g)) misses.push(`missed department ${g}`);
  t.dept.gold += G.size;
  t.dept.pred += P.size;

  const pairs = pred.tasks.flatMap((task) => task.departments.map((d) => ({ task: task.title, department: d.name })));
  const taken = new Set<number>();
  for (const g of gold.taskDepartments) {
    const i = pairs.findIndex((p, k) => !taken.has(k) && norm(p.department) === norm(g.department) && similar(p.task, g.task, 0.5));
    if (i >= 0) {
      taken.add(i);
      t.pairs.hit++;
    } else misses.push(`missed pair ${g.task} / ${g.department}`);
  }
  t.pairs.gold += gold.taskDepartments.length;
  t.pairs.pred += pairs.length;

  const gm = gold.metadata;
  const pm = pred.metadata as unknown as Record<string, unknown>;
  for (const k of ['documentNumber', 'issuer', 'writtenDate', 'publishedDate', 'indexNumber']) {
    if (gm[k] == null) continue;
    t.meta.total++;
    if (norm(gm[k]) === norm(pm[k])) t.meta.hit++;
    else misses.push(`metadata ${k}: ${String(pm[k])} ≠ ${String(gm[k])}`);
  }
  if (gm.title != null) {
    t.meta.total++;
    if (dice(norm(gm.title), norm(pred.metadata.title)) >= 0.8) t.meta.hit++;
    else misses.push(`metadata title: ${pred.metadata.title} ≠ ${gm.title}`);
  }
  if (gm.period != null) {
    t.meta.total++;
    const pp = pred.metadata.period;
    if (pp && pp.startYear === gm.period.startYear && pp.endYear === gm.period.endYear) t.meta.hit++;
    else misses.push(`metadata period: ${JSON.stringify(pp)}`);
  }
  if (gold.topic) {
    t.topic.total++;
    const top = pred.topics[0];
    if (top && norm(top.category) === norm(gold.topic.category)) {
      t.topic.hit++;
      if (norm(top.subcategory) === norm(gold.topic.subcategory)) t.topic.hitSub++;
      else misses.push(`topic ${top.category}\\${top.subcategory} ≠ …\\${gold.topic.subcategory}`);
    } else misses.push(`topic ${top?.category} ≠ ${gold.topic.category}`);
  }
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

describe('held-out corpus (fixtures/heldout)', () => {
  const golds: Gold[] = readdirSync(DIR)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Gold);

  it('holds a varied corpus', () => {
    expect(golds.length).toBeGreaterThanOrEqual(17);
  });

  it('parses every document and scores at least the recorded level on every field', { timeout: 120_000 }, async () => {
    const t: Tally = {
      targets: { predHit: 0, predTotal: 0, coreHit: 0, coreTotal: 0 },
      dept: { hit: 0, gold: 0, pred: 0 },
      pairs: { hit: 0, gold: 0, pred: 0 },
      meta: { hit: 0, total: 0 },
      topic: { hit: 0, hitSub: 0, total: 0 },
    };
    const report: string[] = [];
    for (const gold of golds) {
      const bytes = new Uint8Array(readFileSync(new URL(gold.file, DIR)));
      const pred = await parsePlan(bytes, gold.file);
      if (gold.file.endsWith('.html')) expect(pred.source.format, gold.file).toBe('html');
      const misses: string[] = [];
      score(gold, pred, t, misses);
      if (misses.length) report.push(`${gold.file}:\n  ${misses.join('\n  ')}`);
    }
    if (process.env.HELDOUT_VERBOSE) console.log(report.join('\n'));
    const summary = {
      targetP: ratio(t.targets.predHit, t.targets.predTotal),
      targetR: ratio(t.targets.coreHit, t.targets.coreTotal),
      departmentsF1: f1(ratio(t.dept.hit, t.dept.pred), ratio(t.dept.hit, t.dept.gold)),
      taskDepartmentsF1: f1(ratio(t.pairs.hit, t.pairs.pred), ratio(t.pairs.hit, t.pairs.gold)),
      metadata: ratio(t.meta.hit, t.meta.total),
      topic: ratio(t.topic.hit, t.topic.total),
      topicSub: ratio(t.topic.hitSub, t.topic.total),
    };
    // reached when this was written (17 documents): departments 1.000, task-dept 1.000, metadata 0.988,
    // topic 1.000 / 0.941. targets.ts is another engineer's and was moving while the corpus was written
    // (P/R 0.96/0.83 on the first ten documents at the start, 0.99/1.00 on all seventeen at the end),
    // so its thresholds are loose.
    expect(summary.departmentsF1, report.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(summary.taskDepartmentsF1, report.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(summary.metadata, report.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(summary.topic, report.join('\n')).toBeGreaterThanOrEqual(0.92);
    expect(summary.topicSub, report.join('\n')).toBeGreaterThanOrEqual(0.85);
    expect(summary.targetP, report.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(summary.targetR, report.join('\n')).toBeGreaterThanOrEqual(0.8);
  });

  it('detects the GB18030 file and keeps its text', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('h07_chongqing_bishan_daqi.txt', DIR)));
    const r = await parsePlan(bytes, 'h07_chongqing_bishan_daqi.txt');
    expect(r.source.encoding.toLowerCase()).toMatch(/gb/);
    expect(r.text).toContain('璧山区2024年大气污染防治工作方案');
  });
});
