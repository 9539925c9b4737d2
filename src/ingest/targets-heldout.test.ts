// Target extraction on a corpus of single sentences and clauses (fixtures/targets-heldout.json)
// whose expected targets were written by hand from ../shared/contracts/plan-extraction.md before
// the extractor was run on them: many units, every comparator wording, Chinese numerals, ranges,
// 分别, shared values, lists, kinds, deadlines, and sentences with numbers that are no target
// (subsidies, caps, scores, procedure limits, names, the past, thresholds, rankings).
//
// Matching follows ../shared/tools/score-extraction.mjs: comparator, value (and valueMax) and unit
// equal, indicators matching as the stricter scorer has it (Dice on bigrams >= 0.5, or containment
// when the shorter side has at least 4 characters), one-to-one.
// TARGETS_VERBOSE=1 prints every miss and extra.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractTargets } from './targets';
import type { Target } from './model';
import { dice } from '../../bench/targets-score';

interface GoldTarget {
  indicator: string;
  comparator: string;
  value: number;
  valueMax?: number;
  unit: string;
  kind: string;
  deadline: number | null;
}
interface Item {
  id: string;
  text: string;
  period: { startYear: number; endYear: number } | null;
  targets: GoldTarget[];
}

const corpus: { items: Item[] } = JSON.parse(readFileSync(new URL('./fixtures/targets-heldout.json', import.meta.url), 'utf8'));

const norm = (s: string) => String(s ?? '').replace(/\s+/g, '').replace(/％/g, '%');
const similar = (a: string, b: string) => {
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && y.length > 0 && (dice(x, y) >= 0.5 || ((x.includes(y) || y.includes(x)) && Math.min(x.length, y.length) >= 4));
};
const sameNum = (a: number | undefined, b: number | undefined) => (a == null && b == null) || (a != null && b != null && Math.abs(a - b) < 1e-9);

function matchItem(gold: GoldTarget[], pred: Target[]): Array<[GoldTarget, Target]> {
  const used = new Set<number>();
  const pairs: Array<[GoldTarget, Target]> = [];
  for (const p of pred) {
    let best = -1;
    let bestScore = -1;
    gold.forEach((g, gi) => {
      if (used.has(gi) || g.comparator !== p.comparator || !sameNum(g.value, p.value) || !sameNum(g.valueMax, p.valueMax)) return;
      if (norm(g.unit) !== norm(p.unit) || !similar(g.indicator, p.indicator)) return;
      const s = dice(norm(g.indicator), norm(p.indicator));
      if (s > bestScore) { bestScore = s; best = gi; }
    });
    if (best >= 0) { used.add(best); pairs.push([gold[best], p]); }
  }
  return pairs;
}

const show = (t: { indicator: string; comparator: string; value: number; valueMax?: number; unit: string }) =>
  `${t.indicator} ${t.comparator} ${t.value}${t.valueMax !== undefined ? `-${t.valueMax}` : ''}${t.unit}`;

function score() {
  let gold = 0; let pred = 0; let hit = 0; let kindOk = 0; let deadlineOk = 0;
  let nonTargetItems = 0; let nonTargetClean = 0;
  const notes: string[] = [];
  for (const item of corpus.items) {
    const out = extractTargets(item.text, { period: item.period, outline: [] });
    const pairs = matchItem(item.targets, out);
    gold += item.targets.length;
    pred += out.length;
    hit += pairs.length;
    for (const [g, p] of pairs) {
      if (g.kind === p.kind) kindOk++; else notes.push(`${item.id}: kind ${show(g)}: ${p.kind}, expected ${g.kind}`);
      if (g.deadline === p.deadline) deadlineOk++; else notes.push(`${item.id}: deadline ${show(g)}: ${p.deadline}, expected ${g.deadline}`);
    }
    if (item.targets.length === 0) { nonTargetItems++; if (out.length === 0) nonTargetClean++; }
    for (const g of item.targets) if (!pairs.some(([x]) => x === g)) notes.push(`${item.id}: missed ${show(g)}`);
    for (const p of out) if (!pairs.some(([, y]) => y === p)) notes.push(`${item.id}: extra  ${show(p)}`);
  }
  return {
    precision: hit / (pred || 1), recall: hit / (gold || 1), kind: kindOk / (hit || 1), deadline: deadlineOk / (hit || 1),
    nonTargets: nonTargetClean / (nonTargetItems || 1), gold, pred, hit, notes,
  };
}

describe('target sentences held out from the rules', () => {
  const s = score();
  // eslint-disable-next-line no-console
  console.log(`targets-heldout: P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} (${s.hit}/${s.pred} right, ${s.hit}/${s.gold} found) kind=${s.kind.toFixed(3)} deadline=${s.deadline.toFixed(3)} non-target sentences clean=${s.nonTargets.toFixed(3)}`);
  // eslint-disable-next-line no-console
  if (process.env.TARGETS_VERBOSE) console.log(s.notes.join('\n'));

  it('has a corpus of the size it claims', () => {
    expect(corpus.items.length).toBeGreaterThanOrEqual(80);
    expect(corpus.items.filter((i) => i.targets.length === 0).length).toBeGreaterThanOrEqual(30);
  });

  it('finds the targets and little else', () => {
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('gives matched targets their kind and deadline', () => {
    expect(s.kind).toBeGreaterThanOrEqual(0.9);
    expect(s.deadline).toBeGreaterThanOrEqual(0.9);
  });

  it('reads nothing into sentences without a target', () => {
    expect(s.nonTargets).toBeGreaterThanOrEqual(0.95);
  });
});
