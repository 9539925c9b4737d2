// Scores extractTargets alone on the seed documents against the gold answers, with the matching
// rules of ../shared/tools/score-extraction.mjs (comparator, value, valueMax and unit equal;
// indicator Dice on character bigrams >= 0.5, or containment when the shorter side has at least 4
// characters; one-to-one; recall over core targets).
//
//   npx tsx bench/targets-score.ts            per-seed found/right, misses and extras
//   npx tsx bench/targets-score.ts --pred DIR  also writes DIR/NAME.json for score-extraction.mjs
//   npx tsx bench/targets-score.ts --speed     also times the extractor on the seeds repeated to 2 MB

import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as OpenCC from 'opencc-js';
import { extractTargets } from '../src/ingest/targets';
import type { Target } from '../src/ingest/model';

const shared = new URL('../../shared/', import.meta.url);

export interface GoldTarget {
  indicator: string;
  comparator: string;
  value: number;
  valueMax?: number;
  unit: string;
  kind?: string;
  deadline?: number | null;
  core?: boolean;
  quote?: string;
}

export interface Seed {
  name: string;
  text: string;
  period: { startYear: number; endYear: number } | null;
  gold: GoldTarget[];
}

let converter: ((s: string) => string) | null = null;
/** The stand-in for normalization: pinyin annotations removed, Traditional → Simplified. */
export function simplify(text: string): string {
  converter ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return converter(text.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, '')).replace(/\r\n?/g, '\n');
}

export function loadSeeds(): Seed[] {
  const goldDir = new URL('fixtures/seeds-gold/', shared);
  const seedDir = new URL('seeds/', shared);
  return readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort().map((f) => {
    const gold = JSON.parse(readFileSync(new URL(f, goldDir), 'utf8'));
    const file: string = gold.file;
    let text = readFileSync(new URL(file, seedDir), 'utf8');
    if (/[發區質強]/.test(text)) text = simplify(text);
    return { name: file.replace(/\.[^.]+$/, ''), text, period: gold.metadata?.period ?? null, gold: gold.targets ?? [] };
  });
}

const bigrams = (s: string): string[] => {
  const t = s.replace(/\s+/g, '');
  if (t.length < 2) return [t];
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
};
export const dice = (a: string, b: string): number => {
  const A = bigrams(a);
  const B = bigrams(b);
  const pool = new Map<string, number>();
  for (const x of B) pool.set(x, (pool.get(x) ?? 0) + 1);
  let hit = 0;
  for (const x of A) { const n = pool.get(x) ?? 0; if (n > 0) { hit++; pool.set(x, n - 1); } }
  return (2 * hit) / (A.length + B.length || 1);
};
const norm = (s: string) => String(s ?? '').replace(/\s+/g, '').replace(/[［\[【]/g, '〔').replace(/[］\]】]/g, '〕').replace(/％/g, '%');
const unitNorm = (u: string) => norm(u).replace(/㎡/g, '平方米');
const similar = (a: string, b: string) => { const x = norm(a); const y = norm(b); return x.length > 0 && y.length > 0 && (dice(x, y) >= 0.5 || ((x.includes(y) || y.includes(x)) && Math.min(x.length, y.length) >= 4)); };
const sameNum = (a: number | undefined, b: number | undefined) => (a == null && b == null) || (a != null && b != null && Math.abs(Number(a) - Number(b)) < 1e-9);

export interface SeedScore {
  name: string;
  coreHit: number;
  coreTotal: number;
  predHit: number;
  predTotal: number;
  missed: GoldTarget[];
  extra: Target[];
}

export function scoreTargets(name: string, gold: GoldTarget[], pred: Target[]): SeedScore {
  const goldUsed = new Set<number>();
  const extra: Target[] = [];
  let predHit = 0;
  let coreHit = 0;
  for (const p of pred) {
    let best = -1;
    let bestScore = -1;
    gold.forEach((g, gi) => {
      if (goldUsed.has(gi)) return;
      if (g.comparator !== p.comparator || !sameNum(g.value, p.value) || !sameNum(g.valueMax, p.valueMax)) return;
      if (unitNorm(g.unit) !== unitNorm(p.unit)) return;
      if (!similar(g.indicator, p.indicator)) return;
      const s = dice(norm(g.indicator), norm(p.indicator));
      if (s > bestScore) { bestScore = s; best = gi; }
    });
    if (best >= 0) { goldUsed.add(best); predHit++; if (gold[best].core !== false) coreHit++; } else extra.push(p);
  }
  return {
    name, coreHit, predHit, predTotal: pred.length,
    coreTotal: gold.filter((g) => g.core !== false).length,
    missed: gold.filter((g, i) => !goldUsed.has(i) && g.core !== false),
    extra,
  };
}

export function runSeeds(): { seeds: SeedScore[]; precision: number; recall: number; f1: number } {
  const seeds = loadSeeds().map((s) => scoreTargets(s.name, s.gold, extractTargets(s.text, { period: s.period, outline: [] })));
  const sum = (k: 'coreHit' | 'coreTotal' | 'predHit' | 'predTotal') => seeds.reduce((a, s) => a + s[k], 0);
  const precision = sum('predHit') / (sum('predTotal') || 1);
  const recall = sum('coreHit') / (sum('coreTotal') || 1);
  return { seeds, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

function main() {
  const args = process.argv.slice(2);
  const predDir = args.includes('--pred') ? args[args.indexOf('--pred') + 1] : null;
  const res = runSeeds();
  for (const s of res.seeds) {
    console.log(`${s.name}: targets ${s.coreHit}/${s.coreTotal} found, ${s.predHit}/${s.predTotal} right`);
    for (const m of s.missed) console.log(`   missed: ${m.indicator} ${m.comparator} ${m.value}${m.valueMax != null ? '-' + m.valueMax : ''}${m.unit}   «${m.quote}»`);
    for (const x of s.extra) console.log(`   extra:  ${x.indicator} ${x.comparator} ${x.value}${x.valueMax != null ? '-' + x.valueMax : ''}${x.unit} (${x.kind}, ${x.deadline})`);
  }
  console.log(`targets P=${res.precision.toFixed(3)} R=${res.recall.toFixed(3)} F1=${res.f1.toFixed(3)}`);
  if (predDir) {
    mkdirSync(predDir, { recursive: true });
    for (const s of loadSeeds()) {
      const targets = extractTargets(s.text, { period: s.period, outline: [] });
      writeFileSync(`${predDir}/${s.name}.json`, JSON.stringify({ targets, departments: [], tasks: [], metadata: {}, topics: [] }, null, 1));
    }
    console.log(`predictions written to ${predDir}`);
  }
  if (args.includes('--speed')) {
    const all = loadSeeds().map((s) => s.text).join('\n');
    let big = '';
    while (big.length < 2_000_000) big += all + '\n';
    const bytes = Buffer.byteLength(big, 'utf8');
    const t0 = performance.now();
    const n = extractTargets(big, { period: { startYear: 2021, endYear: 2025 }, outline: [] }).length;
    const ms = performance.now() - t0;
    console.log(`speed: ${(bytes / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms = ${((bytes / 1e6) / (ms / 1000)).toFixed(1)} MB/s (${n} targets)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
