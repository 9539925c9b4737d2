// The whole engine on every gold corpus, scored with the stricter scorer's rules
// (bench/corpus-score.ts = ../shared/tools/score-extraction.mjs: indicator Dice >= 0.5 or
// containment of at least 4 characters, maximum one-to-one matching). Each corpus keeps a floor on
// the pooled (micro) and the per-document mean (macro) scores, set a little below what the engine
// reached when the floor was written, so that a regression fails here:
//
//   seeds      ../shared/seeds with ../shared/fixtures/seeds-gold (the contract asks >= 0.98)
//   heldout    fixtures/heldout (17 documents)
//   corpus2    fixtures/corpus2/c2a_* (real pages, the part the engine was fixed against)
//   neverfix   fixtures/corpus2/neverfix (real pages never looked at while fixing; scored at the end)
//   corpus5    fixtures/corpus5 (12 real pages, 2026-12-03, the part the engine was fixed against)
//   corpus5nf  fixtures/corpus5/neverfix (6 real pages of the same batch, never fixed against)
//   corpus6    fixtures/corpus6 (7 real task-decomposition pages, 2026-12-03, the part the engine was fixed against)
//   corpus6nf  fixtures/corpus6/neverfix (4 real pages of the same batch, 50 gold pairs, never fixed against)
//   corpus7    fixtures/corpus7 (9 real pages, 2026-12-04, the part the engine was fixed against)
//   corpus7nf  fixtures/corpus7/neverfix (8 real pages of the same batch, never fixed against)
//   corpus8    fixtures/corpus8 (6 real pages, 2026-12-04, pairs and runs of targets, the part fixed against)
//   corpus8nf  fixtures/corpus8/neverfix (6 real pages of the same batch, never fixed against)
//   corpus9–28 and their never-fixed halves (corpusNnf): later batches, each split by number before its first run
//
// The numbers themselves: npx tsx bench/corpus-score.ts (VERBOSE=1 for every miss).
import { describe, expect, it } from 'vitest';
import { formatSummary, scoreCorpus, type CorpusSummary } from '../../bench/corpus-score';

type Floors = Partial<Record<'targetsF1' | 'departmentsF1' | 'taskDepartmentsF1' | 'metadata', number>>;

function check(name: string, s: CorpusSummary, micro: Floors, macro: Floors) {
  const report = formatSummary(name, s, true);
  for (const [k, floor] of Object.entries(micro) as Array<[keyof Floors, number]>) {
    expect(s.micro[k], `${name} micro ${k}\n${report}`).toBeGreaterThanOrEqual(floor);
  }
  for (const [k, floor] of Object.entries(macro) as Array<[keyof Floors, number]>) {
    expect(s.macro[k] ?? 0, `${name} macro ${k}\n${report}`).toBeGreaterThanOrEqual(floor);
  }
}

describe('engine scores on the gold corpora (micro and macro floors)', () => {
  it('seeds stay at or above 0.98 on every field', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('seeds');
    expect(s.documents).toBe(5);
    // reached: targets 0.990 / 0.993, departments, pairs and metadata 1.000
    check('seeds', s, { targetsF1: 0.98, departmentsF1: 0.98, taskDepartmentsF1: 0.98, metadata: 0.98 }, { targetsF1: 0.98, departmentsF1: 0.98, taskDepartmentsF1: 0.98, metadata: 0.98 });
  });

  it('heldout', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('heldout');
    expect(s.documents).toBeGreaterThanOrEqual(17);
    // reached: targets 1.000 / 1.000, departments 1.000, pairs 1.000, metadata 0.988 / 0.985
    check('heldout', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus2, the fixed part (c2a_*)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus2', /^c2a_/);
    expect(s.documents).toBeGreaterThanOrEqual(30);
    // reached: targets 0.988 / 0.992; departments 1.000 / 1.000, pairs 1.000 / 1.000, metadata 0.905 / 0.833
    // (departments, pairs and metadata were 0.483, 0.595 and 0.608 before the engine-struct work of issue 9)
    check('corpus2', s, { targetsF1: 0.95, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.87 }, { targetsF1: 0.95, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.8 });
  });

  it('never-fixed slice (corpus2/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('neverfix');
    expect(s.documents).toBeGreaterThanOrEqual(8);
    // reached at the end of the work (first scored then): targets 0.783 / 0.824, metadata 0.577 / 0.402;
    // after the engine-struct work (scored once, misses not read): metadata 0.692 / 0.517, departments 0.333
    check('neverfix', s, { targetsF1: 0.75, metadata: 0.65 }, { targetsF1: 0.8, metadata: 0.5 });
  });

  it('corpus5, the fixed part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus5');
    expect(s.documents).toBe(12);
    // first seen (whole batch, engine at a1cd8af): targets 0.971, departments 0.516, pairs 0.170, metadata 0.854;
    // reached: targets 0.971 / 0.974, departments 1.000 / 1.000, pairs 0.974 / 0.667, metadata 0.976 / 0.984
    check('corpus5', s, { targetsF1: 0.95, departmentsF1: 0.97, taskDepartmentsF1: 0.95, metadata: 0.95 }, { targetsF1: 0.95, departmentsF1: 0.97, taskDepartmentsF1: 0.6, metadata: 0.95 });
  });

  it('corpus5 never-fixed slice (corpus5/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus5nf');
    expect(s.documents).toBe(6);
    // first seen and at the end (the same): targets 0.899 / 0.899, departments 0.933 / 0.944, pairs 0.400 / 0.500, metadata 0.850 / 0.867
    check('corpus5nf', s, { targetsF1: 0.87, departmentsF1: 0.9, taskDepartmentsF1: 0.35, metadata: 0.8 }, { targetsF1: 0.87, departmentsF1: 0.9, taskDepartmentsF1: 0.45, metadata: 0.82 });
  });

  it('corpus6, the fixed part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus6');
    expect(s.documents).toBe(7);
    // first seen (engine at 163cd0b, first 5 pages; e6fbf41 for c6_10/c6_11): targets 0.950, departments 0.800, pairs 0.778, metadata 0.579;
    // reached (d5c26be): targets 0.952 / 0.981, departments 1.000 / 1.000, pairs 1.000 / 1.000, metadata 1.000 / 1.000
    check('corpus6', s, { targetsF1: 0.93, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { targetsF1: 0.95, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus6 never-fixed slice (corpus6/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus6nf');
    expect(s.documents).toBe(4);
    // first seen (163cd0b): targets 0.971, departments 0.745, pairs 0.767, metadata 0.722;
    // at the end (d5c26be, scored once, misses not read): targets 0.971 / 0.952, departments 0.836 / 0.851, pairs 0.822 / 0.822, metadata 0.833 / 0.813
    check('corpus6nf', s, { targetsF1: 0.95, departmentsF1: 0.8, taskDepartmentsF1: 0.8, metadata: 0.8 }, { targetsF1: 0.93, departmentsF1: 0.8, taskDepartmentsF1: 0.8, metadata: 0.78 });
  });

  it('corpus7, the fixed part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus7');
    expect(s.documents).toBe(17);
    // batch 1 (9 pages) first seen (26fd3f6): targets 1.000, departments 1.000, pairs 1.000, metadata 0.894; batch 2 (8 pages,
    // 23 pairs) first seen with the fixed engine (3bcb664): targets 0.909, departments 0.182, pairs 0.000, metadata 0.917;
    // both fixed: 1.000 everywhere
    check('corpus7', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.97 }, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.97 });
  });

  it('corpus7 never-fixed slice (corpus7/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus7nf');
    expect(s.documents).toBe(8);
    // first seen (26fd3f6): targets 0.412, departments 0.000, pairs 0.000, metadata 0.882 (one table page holds all
    // 6 units, 9 pairs and 11 of 20 targets); at the end (d5bdd9b, misses not read): targets 0.444, metadata 0.941
    check('corpus7nf', s, { targetsF1: 0.38, metadata: 0.9 }, { targetsF1: 0.28, metadata: 0.9 });
  });

  it('corpus8, the fixed part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus8');
    expect(s.documents).toBe(6);
    // first seen (4df2c40): targets 0.588, departments 0.667, pairs 0.727, metadata 0.885; fixed (d5bdd9b): 1.000, 0.909, 0.923, 1.000
    check('corpus8', s, { targetsF1: 0.97, departmentsF1: 0.88, taskDepartmentsF1: 0.9, metadata: 0.97 }, { targetsF1: 0.97, departmentsF1: 0.9, taskDepartmentsF1: 0.9, metadata: 0.97 });
  });

  it('corpus8 never-fixed slice (corpus8/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus8nf');
    expect(s.documents).toBe(6);
    // first seen (4df2c40): targets 0.923, departments 0.545, pairs 0.622, metadata 0.778; at the end (d5bdd9b, misses not read):
    // targets 0.923, departments 0.545, pairs 0.622, metadata 0.852
    check('corpus8nf', s, { targetsF1: 0.9, departmentsF1: 0.5, taskDepartmentsF1: 0.6, metadata: 0.8 }, { targetsF1: 0.7, departmentsF1: 0.6, taskDepartmentsF1: 0.6, metadata: 0.8 });
  });

  it('corpus9, the fixed part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus9');
    expect(s.documents).toBe(4);
    // first seen (0344f72, gold as committed): targets 0.000, departments 0.000, pairs 0.000, metadata 0.714; with the two
    // gold corrections: 0.400, 0.286, 0.286, 0.714; fixed: 1.000, 1.000, 1.000, 0.929
    check('corpus9', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.9 }, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.9 });
  });

  it('corpus9 never-fixed slice (corpus9/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus9nf');
    expect(s.documents).toBe(4);
    // first seen (0344f72): targets 0.833, departments 1.000, pairs 1.000, metadata 1.000; at the end (misses not read): the same
    check('corpus9nf', s, { targetsF1: 0.8, departmentsF1: 0.95, taskDepartmentsF1: 0.95, metadata: 0.95 }, { targetsF1: 0.8, departmentsF1: 0.95, taskDepartmentsF1: 0.95, metadata: 0.95 });
  });

  it('corpus10, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus10');
    expect(s.documents).toBe(4);
    // first seen (f864d00) and unchanged: targets 0.286 (15 reported results of a news page read as targets), metadata 1.000
    check('corpus10', s, { targetsF1: 0.25, metadata: 0.95 }, { targetsF1: 0.45, metadata: 0.95 });
  });

  it('corpus10 never-fixed slice (corpus10/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus10nf');
    expect(s.documents).toBe(3);
    // first seen (f864d00): targets 0.706, metadata 0.875 (one unit read where the gold has none)
    check('corpus10nf', s, { targetsF1: 0.68, metadata: 0.85 }, { targetsF1: 0.43, metadata: 0.64 });
  });

  it('corpus11, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus11');
    expect(s.documents).toBe(4);
    // first seen: 0.944 · 0.885 · 0.911 · 0.800; fixed to 0.973 · 1.000 · 1.000 · 1.000
    check('corpus11', s, { targetsF1: 0.95, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus11 never-fixed slice (corpus11/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus11nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 0.732, pairs 0.807, metadata 0.944 (the session's start engine: 0.514 / 0.419)
    check('corpus11nf', s, { targetsF1: 0.95, departmentsF1: 0.7, taskDepartmentsF1: 0.78, metadata: 0.9 }, { departmentsF1: 0.64, taskDepartmentsF1: 0.64, metadata: 0.9 });
  });

  it('corpus12, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus12');
    expect(s.documents).toBe(4);
    // first seen: 1.000 · 0.895 · 0.880 · 0.714; fixed to 1.000 everywhere
    check('corpus12', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus12 never-fixed slice (corpus12/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus12nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.750, departments 0.550, pairs 0.500, metadata 1.000 (two tables one cell a line read as none)
    check('corpus12nf', s, { targetsF1: 0.72, departmentsF1: 0.52, taskDepartmentsF1: 0.47, metadata: 0.95 }, { departmentsF1: 0.28, taskDepartmentsF1: 0.28, metadata: 0.95 });
  });

  it('corpus13, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus13');
    expect(s.documents).toBe(4);
    // first seen: 0.947 · 0.971 · 0.388 · 0.923 (items numbered 1﹒ were no items); fixed to 1.000 everywhere
    check('corpus13', s, { targetsF1: 0.95, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus13 never-fixed slice (corpus13/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus13nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.800, departments 1.000, pairs 1.000, metadata 0.727
    check('corpus13nf', s, { targetsF1: 0.75, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.7 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.55 });
  });

  it('corpus14, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus14');
    expect(s.documents).toBe(3);
    // first seen: one false target, departments 0.909, pairs 0.909, metadata 0.833; fixed to none, 1.000, 1.000, 1.000
    check('corpus14', s, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
    expect(s.docs.reduce((a, d) => a + d.targets.predTotal, 0), 'targets read in pages that commit to none').toBe(0);
  });

  it('corpus14 never-fixed slice (corpus14/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus14nf');
    expect(s.documents).toBe(3);
    // first seen: departments 1.000, pairs 1.000, metadata 0.727 (no gold targets)
    check('corpus14nf', s, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.7 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.75 });
  });

  it('corpus15, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus15');
    expect(s.documents).toBe(4);
    // first seen: 0.933 · 1.000 · 1.000 · 0.545; fixed to 1.000 · 1.000 · 1.000 · 0.909 (a 【】-column issuer taken back)
    check('corpus15', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.88 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.9 });
  });

  it('corpus15 never-fixed slice (corpus15/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus15nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.933, departments 0.889, pairs 0.148, metadata 0.857
    check('corpus15nf', s, { targetsF1: 0.9, departmentsF1: 0.85, taskDepartmentsF1: 0.12, metadata: 0.82 }, { departmentsF1: 0.83, metadata: 0.65 });
  });

  it('corpus16, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus16');
    expect(s.documents).toBe(4);
    // first seen: 0.867 · 0.000 · 0.000 · 0.867 (a division of labour whose brackets close sentences); fixed to 1.000 everywhere
    check('corpus16', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus16 never-fixed slice (corpus16/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus16nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.889, departments 0.385, pairs 0.333, metadata 0.200; at the end 0.889 · 0.500 · 0.438 · 0.400
    check('corpus16nf', s, { targetsF1: 0.85, departmentsF1: 0.47, taskDepartmentsF1: 0.4, metadata: 0.37 }, { departmentsF1: 0.47, taskDepartmentsF1: 0.47, metadata: 0.47 });
  });

  it('corpus17, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus17');
    expect(s.documents).toBe(4);
    // first seen: 0.960 · 0.909 · 0.952 · 1.000; at the end 0.960 · 1.000 · 1.000 · 1.000
    check('corpus17', s, { targetsF1: 0.93, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus17 never-fixed slice (corpus17/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus17nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.500, departments 0.000, pairs 0.000, metadata 0.769
    check('corpus17nf', s, { targetsF1: 0.47, metadata: 0.73 }, { metadata: 0.63 });
  });

  it('corpus18, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus18');
    expect(s.documents).toBe(4);
    // first seen: 0.581 · 0.333 · 0.429 · 0.200 (a ministry's indicator table one cell a line); at the end 1.000 · 1.000 · 1.000 · 0.600
    check('corpus18', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.55 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.6 });
  });

  it('corpus18 never-fixed slice (corpus18/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus18nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.941, departments 0.000, pairs 0.000, metadata 0.727; at the end metadata 0.818
    check('corpus18nf', s, { targetsF1: 0.9, metadata: 0.78 }, { metadata: 0.47 });
  });

  it('corpus19, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus19');
    expect(s.documents).toBe(4);
    // first seen: 0.933 · 0.545 · 0.545 · 0.813; fixed to 1.000 everywhere
    check('corpus19', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus19 never-fixed slice (corpus19/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus19nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 1.000, pairs 1.000, metadata 0.750; at the end metadata 1.000
    check('corpus19nf', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus20, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus20');
    expect(s.documents).toBe(4);
    // first seen: 0.935 · 0.936 · 0.746 · 0.563; at the end 1.000 · 1.000 · 0.844 · 0.938 (c20_05's pair titles left)
    check('corpus20', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.8, metadata: 0.9 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.63, metadata: 0.9 });
  });

  it('corpus20 never-fixed slice (corpus20/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus20nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.774, departments 0.857, pairs 0.522, metadata 0.750
    check('corpus20nf', s, { targetsF1: 0.74, departmentsF1: 0.82, taskDepartmentsF1: 0.49, metadata: 0.72 }, { departmentsF1: 0.85, taskDepartmentsF1: 0.63, metadata: 0.55 });
  });

  it('corpus21, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus21');
    expect(s.documents).toBe(4);
    // first seen: 0.000 · 0.000 · 0.000 · 1.000 (a table pasted from Word, cells broken further); fixed to 1.000 everywhere
    check('corpus21', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus21 never-fixed slice (corpus21/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus21nf');
    expect(s.documents).toBe(4);
    // first seen: false targets only, departments 0.000, pairs 0.000, metadata 0.600
    check('corpus21nf', s, { metadata: 0.57 }, { metadata: 0.6 });
  });

  it('corpus22, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus22');
    expect(s.documents).toBe(4);
    // first seen: false targets · 0.914 · 0.898 · 0.500; at the end no false target · 1.000 · 0.962 · 1.000
    check('corpus22', s, { departmentsF1: 0.97, taskDepartmentsF1: 0.93, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.63, metadata: 0.95 });
    expect(s.docs.reduce((a, d) => a + d.targets.predTotal, 0) - s.docs.reduce((a, d) => a + d.targets.predHit, 0), 'targets read that no gold names').toBe(0);
  });

  it('corpus22 never-fixed slice (corpus22/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus22nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 1.000, pairs 0.767, metadata 1.000
    check('corpus22nf', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.73, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.83, metadata: 0.95 });
  });

  it('corpus23, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus23');
    expect(s.documents).toBe(4);
    // first seen: 0.667 · 0.000 · 0.000 · 0.875 (a PDF's table whose unit names break across lines); at the end
    // 0.667 · 1.000 · 1.000 · 0.875
    check('corpus23', s, { targetsF1: 0.63, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.83 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.85 });
  });

  it('corpus23 never-fixed slice (corpus23/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus23nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.818, departments 0.000 (units read where gold names none), pairs –, metadata 0.875
    check('corpus23nf', s, { targetsF1: 0.78, metadata: 0.83 }, { metadata: 0.9 });
  });

  it('corpus24, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus24');
    expect(s.documents).toBe(4);
    // first seen: 1.000 · 0.778 · 0.741 · 0.714; at the end 1.000 · 1.000 · 1.000 · 0.786
    check('corpus24', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.75 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.8 });
  });

  it('corpus24 never-fixed slice (corpus24/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus24nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 1.000, pairs 1.000, metadata 0.875
    check('corpus24nf', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.83 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.85 });
  });

  it('corpus25, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus25');
    expect(s.documents).toBe(4);
    // first seen: 1.000 everywhere
    check('corpus25', s, { targetsF1: 0.97, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.95 });
  });

  it('corpus25 never-fixed slice (corpus25/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus25nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 0.750, pairs 0.750, metadata 1.000
    check('corpus25nf', s, { targetsF1: 0.97, departmentsF1: 0.72, taskDepartmentsF1: 0.72, metadata: 0.95 }, { departmentsF1: 0.72, taskDepartmentsF1: 0.72, metadata: 0.95 });
  });

  it('corpus26, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus26');
    expect(s.documents).toBe(4);
    // first seen: 0.545 · 1.000 · 1.000 · 0.800; at the end 0.833 · 1.000 · 1.000 · 0.867
    check('corpus26', s, { targetsF1: 0.8, departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.83 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.97, metadata: 0.67 });
  });

  it('corpus26 never-fixed slice (corpus26/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus26nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.667, departments 0.000 (units read where gold names none), pairs –, metadata 0.444
    check('corpus26nf', s, { targetsF1: 0.63, metadata: 0.41 }, { metadata: 0.37 });
  });

  it('corpus27, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus27');
    expect(s.documents).toBe(4);
    // first seen: 0.857 · 0.000 · 0.000 · 0.692; at the end 0.857 · 1.000 · 0.958 · 0.692
    check('corpus27', s, { targetsF1: 0.82, departmentsF1: 0.97, taskDepartmentsF1: 0.93, metadata: 0.65 }, { departmentsF1: 0.97, taskDepartmentsF1: 0.93, metadata: 0.67 });
  });

  it('corpus27 never-fixed slice (corpus27/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus27nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.805, departments 0.909, pairs 0.923, metadata 0.667
    check('corpus27nf', s, { targetsF1: 0.77, departmentsF1: 0.87, taskDepartmentsF1: 0.89, metadata: 0.63 }, { departmentsF1: 0.87, taskDepartmentsF1: 0.89, metadata: 0.3 });
  });

  it('corpus28, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus28');
    expect(s.documents).toBe(4);
    // first seen: 0.741 · 0.000 · 0.000 · 0.571; at the end 0.741 · 0.000 · 0.000 · 1.000
    check('corpus28', s, { targetsF1: 0.7, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus28 never-fixed slice (corpus28/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus28nf');
    expect(s.documents).toBe(3);
    // first seen: targets (none core), departments 0.909, pairs 0.857, metadata 0.000; at the end metadata 1.000
    check('corpus28nf', s, { departmentsF1: 0.87, taskDepartmentsF1: 0.82, metadata: 0.95 }, { departmentsF1: 0.47, taskDepartmentsF1: 0.47, metadata: 0.95 });
  });

  it('corpus29, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus29');
    expect(s.documents).toBe(4);
    // first seen: 0.870 · 1.000 · 1.000 · 0.875; at the end 1.000 · 1.000 · 1.000 · 1.000
    check('corpus29', s, { targetsF1: 0.95, departmentsF1: 0.95, taskDepartmentsF1: 0.95, metadata: 0.95 }, { targetsF1: 0.95, metadata: 0.95 });
  });

  it('corpus29 never-fixed slice (corpus29/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus29nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 0.800, pairs 0.800, metadata 0.500
    check('corpus29nf', s, { targetsF1: 0.95, departmentsF1: 0.77, taskDepartmentsF1: 0.77, metadata: 0.45 }, { metadata: 0.3 });
  });

  it('corpus32, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus32');
    expect(s.documents).toBe(4);
    // first seen: 1.000 · 0.933 · 0.933 · 0.818; at the end 1.000 · 0.933 · 0.933 · 1.000
    check('corpus32', s, { targetsF1: 0.95, departmentsF1: 0.9, taskDepartmentsF1: 0.9, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus32 never-fixed slice (corpus32/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus32nf');
    expect(s.documents).toBe(4);
    // first seen: targets (none core; a figure of a report read as one), departments 1.000, pairs 1.000, metadata 1.000
    check('corpus32nf', s, { departmentsF1: 0.95, taskDepartmentsF1: 0.95, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus33, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus33');
    expect(s.documents).toBe(4);
    // no targets or units in the gold; first seen: metadata 0.833
    check('corpus33', s, { metadata: 0.8 }, { metadata: 0.8 });
  });

  it('corpus33 never-fixed slice (corpus33/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus33nf');
    expect(s.documents).toBe(3);
    // first seen: targets 0.909, no units in the gold, metadata 1.000
    check('corpus33nf', s, { targetsF1: 0.88, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus34, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus34');
    expect(s.documents).toBe(4);
    // first seen: 0.833 · 1.000 · 1.000 · 0.778; at the end 1.000 everywhere
    check('corpus34', s, { targetsF1: 0.95, departmentsF1: 0.95, taskDepartmentsF1: 0.95, metadata: 0.95 }, { targetsF1: 0.95, metadata: 0.95 });
  });

  it('corpus34 never-fixed slice (corpus34/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus34nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.667, departments 0.000, pairs 0.000, metadata 1.000
    check('corpus34nf', s, { targetsF1: 0.6, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus35, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus35');
    expect(s.documents).toBe(4);
    // first seen: 1.000 · 0.667 · 0.800 · 0.857; at the end 1.000 everywhere
    check('corpus35', s, { targetsF1: 0.95, departmentsF1: 0.95, taskDepartmentsF1: 0.95, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus35 never-fixed slice (corpus35/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus35nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 0.923, pairs 0.923, metadata 0.857
    check('corpus35nf', s, { targetsF1: 0.95, departmentsF1: 0.9, taskDepartmentsF1: 0.9, metadata: 0.8 }, { metadata: 0.8 });
  });

  it('corpus36, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus36');
    expect(s.documents).toBe(4);
    // first seen: 1.000 · 1.000 · 0.273 · 0.600; at the end 1.000 · 1.000 · 0.955 · 1.000
    check('corpus36', s, { targetsF1: 0.95, departmentsF1: 0.95, taskDepartmentsF1: 0.9, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus36 never-fixed slice (corpus36/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus36nf');
    expect(s.documents).toBe(4);
    // first seen: targets 1.000, departments 0.333, pairs 0.222, metadata 1.000
    check('corpus36nf', s, { targetsF1: 0.95, departmentsF1: 0.3, taskDepartmentsF1: 0.2, metadata: 0.95 }, { metadata: 0.95 });
  });

  it('corpus37, the working part', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus37');
    expect(s.documents).toBe(4);
    // first seen (not yet fixed): targets 0.690, departments 0.000, pairs 0.000, metadata 0.800
    check('corpus37', s, { targetsF1: 0.65, metadata: 0.75 }, { metadata: 0.7 });
  });

  it('corpus37 never-fixed slice (corpus37/neverfix)', { timeout: 120_000 }, async () => {
    const s = await scoreCorpus('corpus37nf');
    expect(s.documents).toBe(4);
    // first seen: targets 0.000, departments 0.000, pairs 0.000, metadata 0.917
    check('corpus37nf', s, { metadata: 0.9 }, { metadata: 0.9 });
  });
});
