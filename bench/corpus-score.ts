// Scores the whole document engine (parsePlan) on the gold corpora, in process, with the rules of
// ../shared/tools/score-extraction.mjs (strict indicator match: bigram Dice >= 0.5, or containment
// when the shorter side has at least 4 characters; maximum one-to-one matching of targets).
// Beside the totals (micro: counts pooled over all documents) it reports the mean of the
// per-document scores (macro), so that one long document cannot hide the others.
//
//   npx tsx bench/corpus-score.ts                  every corpus: seeds, heldout, corpus2, corpus2/neverfix, corpus3, corpus4
//   npx tsx bench/corpus-score.ts corpus2          one corpus (seeds | heldout | corpus2 | neverfix | corpus3 | corpus4 | corpus5 | corpus5nf | corpus5all | corpus6 | corpus6nf | corpus6all | corpus7 | corpus7nf | corpus7all | corpus8 | corpus8nf | corpus8all | corpus9 | corpus9nf | corpus9all | corpus10 | corpus10nf | corpus10all | corpus11 | corpus11nf | corpus11all | corpus12 | corpus12nf | corpus12all | corpus13 | corpus13nf | corpus13all | corpus14 | corpus14nf | corpus14all | corpus15 | corpus15nf | corpus15all | corpus16 | corpus16nf | corpus16all | corpus17 | corpus17nf | corpus17all | corpus18 | corpus18nf | corpus18all | corpus19 | corpus19nf | corpus19all | corpus20 | corpus20nf | corpus20all | corpus21 | corpus21nf | corpus21all | corpus22 | corpus22nf | corpus22all | corpus23 | corpus23nf | corpus23all | corpus24 | corpus24nf | corpus24all | corpus25 | corpus25nf | corpus25all | corpus26 | corpus26nf | corpus26all | corpus27 | corpus27nf | corpus27all | corpus28 | corpus28nf | corpus28all | corpus29 | corpus29nf | corpus29all | corpus32 | corpus32nf | corpus32all | corpus33 | corpus33nf | corpus33all | corpus34 | corpus34nf | corpus34all | corpus35 | corpus35nf | corpus35all | corpus36 | corpus36nf | corpus36all | corpus37 | corpus37nf | corpus37all | nfto10 | nfto14 | nf15to28 | nf29on | nfall | ownall)
//   VERBOSE=1 npx tsx bench/corpus-score.ts heldout   also every miss and extra
//   npx tsx bench/corpus-score.ts --json           totals as JSON
//   npx tsx bench/corpus-score.ts corpus2 --filter '^c2a_(2[6-9]|3)'   only the files whose name matches
//
// The never-fixed slices (src/ingest/fixtures/corpus2/neverfix, corpus3, corpus4) are only for the end-of-work score:
// do not read its misses while changing the engine.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parsePlan, type PlanExtraction } from '../src/ingest/index';

const ROOT = new URL('../', import.meta.url);
export const CORPORA: Record<string, { gold: URL; docs: URL }> = {
  seeds: { gold: new URL('../shared/fixtures/seeds-gold/', ROOT), docs: new URL('../shared/seeds/', ROOT) },
  heldout: { gold: new URL('src/ingest/fixtures/heldout/', ROOT), docs: new URL('src/ingest/fixtures/heldout/', ROOT) },
  corpus2: { gold: new URL('src/ingest/fixtures/corpus2/', ROOT), docs: new URL('src/ingest/fixtures/corpus2/', ROOT) },
  neverfix: { gold: new URL('src/ingest/fixtures/corpus2/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus2/neverfix/', ROOT) },
  // the third never-fixed slice (quality plans, 2026-12-02): scored first-seen and at the end only
  corpus3: { gold: new URL('src/ingest/fixtures/corpus3/', ROOT), docs: new URL('src/ingest/fixtures/corpus3/', ROOT) },
  // the fourth never-fixed slice (quality plans, 2026-12-02 evening): scored first-seen and at the end only
  corpus4: { gold: new URL('src/ingest/fixtures/corpus4/', ROOT), docs: new URL('src/ingest/fixtures/corpus4/', ROOT) },
  // the fifth batch (2026-12-03, pages that reach their task sections): 12 working documents ...
  corpus5: { gold: new URL('src/ingest/fixtures/corpus5/', ROOT), docs: new URL('src/ingest/fixtures/corpus5/', ROOT) },
  // ... and its never-fixed third, scored first-seen and at the end only
  corpus5nf: { gold: new URL('src/ingest/fixtures/corpus5/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus5/neverfix/', ROOT) },
  // the sixth batch (2026-12-03, pages chosen for their task-department pairs): 4 working documents ...
  corpus6: { gold: new URL('src/ingest/fixtures/corpus6/', ROOT), docs: new URL('src/ingest/fixtures/corpus6/', ROOT) },
  // ... and its never-fixed slice (3 documents, 38 of the 68 pairs), scored first-seen and at the end only
  corpus6nf: { gold: new URL('src/ingest/fixtures/corpus6/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus6/neverfix/', ROOT) },
  // the seventh batch (2026-12-04, metadata-heavy pages of many levels and years): 9 working documents ...
  corpus7: { gold: new URL('src/ingest/fixtures/corpus7/', ROOT), docs: new URL('src/ingest/fixtures/corpus7/', ROOT) },
  // ... and its never-fixed half (the 8 even-numbered pages), scored first-seen and at the end only
  corpus7nf: { gold: new URL('src/ingest/fixtures/corpus7/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus7/neverfix/', ROOT) },
  // the eighth batch (2026-12-04, pairs and runs of targets): 6 working documents and a never-fixed half
  corpus8: { gold: new URL('src/ingest/fixtures/corpus8/', ROOT), docs: new URL('src/ingest/fixtures/corpus8/', ROOT) },
  corpus8nf: { gold: new URL('src/ingest/fixtures/corpus8/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus8/neverfix/', ROOT) },
  corpus9: { gold: new URL('src/ingest/fixtures/corpus9/', ROOT), docs: new URL('src/ingest/fixtures/corpus9/', ROOT) },
  corpus9nf: { gold: new URL('src/ingest/fixtures/corpus9/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus9/neverfix/', ROOT) },
  corpus10: { gold: new URL('src/ingest/fixtures/corpus10/', ROOT), docs: new URL('src/ingest/fixtures/corpus10/', ROOT) },
  corpus10nf: { gold: new URL('src/ingest/fixtures/corpus10/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus10/neverfix/', ROOT) },
  // the eleventh and twelfth batches (2026-12-04, third session: pair-rich pages and negatives that name units)
  corpus11: { gold: new URL('src/ingest/fixtures/corpus11/', ROOT), docs: new URL('src/ingest/fixtures/corpus11/', ROOT) },
  corpus11nf: { gold: new URL('src/ingest/fixtures/corpus11/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus11/neverfix/', ROOT) },
  corpus12: { gold: new URL('src/ingest/fixtures/corpus12/', ROOT), docs: new URL('src/ingest/fixtures/corpus12/', ROOT) },
  corpus12nf: { gold: new URL('src/ingest/fixtures/corpus12/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus12/neverfix/', ROOT) },
  corpus13: { gold: new URL('src/ingest/fixtures/corpus13/', ROOT), docs: new URL('src/ingest/fixtures/corpus13/', ROOT) },
  corpus13nf: { gold: new URL('src/ingest/fixtures/corpus13/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus13/neverfix/', ROOT) },
  corpus14: { gold: new URL('src/ingest/fixtures/corpus14/', ROOT), docs: new URL('src/ingest/fixtures/corpus14/', ROOT) },
  corpus14nf: { gold: new URL('src/ingest/fixtures/corpus14/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus14/neverfix/', ROOT) },
  // the fifteenth and sixteenth batches (2026-12-04, sixth session: north/east/national and centre/south/west)
  corpus15: { gold: new URL('src/ingest/fixtures/corpus15/', ROOT), docs: new URL('src/ingest/fixtures/corpus15/', ROOT) },
  corpus15nf: { gold: new URL('src/ingest/fixtures/corpus15/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus15/neverfix/', ROOT) },
  corpus16: { gold: new URL('src/ingest/fixtures/corpus16/', ROOT), docs: new URL('src/ingest/fixtures/corpus16/', ROOT) },
  corpus16nf: { gold: new URL('src/ingest/fixtures/corpus16/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus16/neverfix/', ROOT) },
  // the seventeenth and eighteenth (same session, later: counties and townships; ministries and departments)
  corpus17: { gold: new URL('src/ingest/fixtures/corpus17/', ROOT), docs: new URL('src/ingest/fixtures/corpus17/', ROOT) },
  corpus17nf: { gold: new URL('src/ingest/fixtures/corpus17/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus17/neverfix/', ROOT) },
  corpus18: { gold: new URL('src/ingest/fixtures/corpus18/', ROOT), docs: new URL('src/ingest/fixtures/corpus18/', ROOT) },
  corpus18nf: { gold: new URL('src/ingest/fixtures/corpus18/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus18/neverfix/', ROOT) },
  // the nineteenth and twentieth (same session, last: city quality plans; 政府工作报告 分工 notices)
  corpus19: { gold: new URL('src/ingest/fixtures/corpus19/', ROOT), docs: new URL('src/ingest/fixtures/corpus19/', ROOT) },
  corpus19nf: { gold: new URL('src/ingest/fixtures/corpus19/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus19/neverfix/', ROOT) },
  corpus20: { gold: new URL('src/ingest/fixtures/corpus20/', ROOT), docs: new URL('src/ingest/fixtures/corpus20/', ROOT) },
  corpus20nf: { gold: new URL('src/ingest/fixtures/corpus20/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus20/neverfix/', ROOT) },
  // the twenty-first and twenty-second (same session: county and township plans; national and provincial 分工)
  corpus21: { gold: new URL('src/ingest/fixtures/corpus21/', ROOT), docs: new URL('src/ingest/fixtures/corpus21/', ROOT) },
  corpus21nf: { gold: new URL('src/ingest/fixtures/corpus21/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus21/neverfix/', ROOT) },
  corpus22: { gold: new URL('src/ingest/fixtures/corpus22/', ROOT), docs: new URL('src/ingest/fixtures/corpus22/', ROOT) },
  corpus22nf: { gold: new URL('src/ingest/fixtures/corpus22/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus22/neverfix/', ROOT) },
  // the twenty-third and twenty-fourth (same session, last: provincial and city quality work; county 任务分解)
  corpus23: { gold: new URL('src/ingest/fixtures/corpus23/', ROOT), docs: new URL('src/ingest/fixtures/corpus23/', ROOT) },
  corpus23nf: { gold: new URL('src/ingest/fixtures/corpus23/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus23/neverfix/', ROOT) },
  corpus24: { gold: new URL('src/ingest/fixtures/corpus24/', ROOT), docs: new URL('src/ingest/fixtures/corpus24/', ROOT) },
  corpus24nf: { gold: new URL('src/ingest/fixtures/corpus24/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus24/neverfix/', ROOT) },
  // the twenty-fifth and twenty-sixth (same session, last: 营商环境 分工; agriculture quality plans)
  corpus25: { gold: new URL('src/ingest/fixtures/corpus25/', ROOT), docs: new URL('src/ingest/fixtures/corpus25/', ROOT) },
  corpus25nf: { gold: new URL('src/ingest/fixtures/corpus25/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus25/neverfix/', ROOT) },
  corpus26: { gold: new URL('src/ingest/fixtures/corpus26/', ROOT), docs: new URL('src/ingest/fixtures/corpus26/', ROOT) },
  corpus26nf: { gold: new URL('src/ingest/fixtures/corpus26/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus26/neverfix/', ROOT) },
  // the twenty-seventh and twenty-eighth (same session, last: standards and metrology; food and drug safety)
  corpus27: { gold: new URL('src/ingest/fixtures/corpus27/', ROOT), docs: new URL('src/ingest/fixtures/corpus27/', ROOT) },
  corpus27nf: { gold: new URL('src/ingest/fixtures/corpus27/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus27/neverfix/', ROOT) },
  corpus28: { gold: new URL('src/ingest/fixtures/corpus28/', ROOT), docs: new URL('src/ingest/fixtures/corpus28/', ROOT) },
  corpus28nf: { gold: new URL('src/ingest/fixtures/corpus28/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus28/neverfix/', ROOT) },
  corpus29: { gold: new URL('src/ingest/fixtures/corpus29/', ROOT), docs: new URL('src/ingest/fixtures/corpus29/', ROOT) },
  corpus29nf: { gold: new URL('src/ingest/fixtures/corpus29/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus29/neverfix/', ROOT) },
  corpus32: { gold: new URL('src/ingest/fixtures/corpus32/', ROOT), docs: new URL('src/ingest/fixtures/corpus32/', ROOT) },
  corpus32nf: { gold: new URL('src/ingest/fixtures/corpus32/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus32/neverfix/', ROOT) },
  corpus33: { gold: new URL('src/ingest/fixtures/corpus33/', ROOT), docs: new URL('src/ingest/fixtures/corpus33/', ROOT) },
  corpus33nf: { gold: new URL('src/ingest/fixtures/corpus33/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus33/neverfix/', ROOT) },
  corpus34: { gold: new URL('src/ingest/fixtures/corpus34/', ROOT), docs: new URL('src/ingest/fixtures/corpus34/', ROOT) },
  corpus34nf: { gold: new URL('src/ingest/fixtures/corpus34/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus34/neverfix/', ROOT) },
  corpus35: { gold: new URL('src/ingest/fixtures/corpus35/', ROOT), docs: new URL('src/ingest/fixtures/corpus35/', ROOT) },
  corpus35nf: { gold: new URL('src/ingest/fixtures/corpus35/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus35/neverfix/', ROOT) },
  corpus36: { gold: new URL('src/ingest/fixtures/corpus36/', ROOT), docs: new URL('src/ingest/fixtures/corpus36/', ROOT) },
  corpus36nf: { gold: new URL('src/ingest/fixtures/corpus36/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus36/neverfix/', ROOT) },
  corpus37: { gold: new URL('src/ingest/fixtures/corpus37/', ROOT), docs: new URL('src/ingest/fixtures/corpus37/', ROOT) },
  corpus37nf: { gold: new URL('src/ingest/fixtures/corpus37/neverfix/', ROOT), docs: new URL('src/ingest/fixtures/corpus37/neverfix/', ROOT) },
};
/** Corpora scored as one: the documents of every part pooled (micro) and averaged (macro). */
export const UNIONS: Record<string, string[]> = { corpus5all: ['corpus5', 'corpus5nf'], corpus6all: ['corpus6', 'corpus6nf'], corpus7all: ['corpus7', 'corpus7nf'], corpus8all: ['corpus8', 'corpus8nf'], corpus9all: ['corpus9', 'corpus9nf'], corpus10all: ['corpus10', 'corpus10nf'], corpus11all: ['corpus11', 'corpus11nf'], corpus12all: ['corpus12', 'corpus12nf'], corpus13all: ['corpus13', 'corpus13nf'], corpus14all: ['corpus14', 'corpus14nf'], corpus15all: ['corpus15', 'corpus15nf'], corpus16all: ['corpus16', 'corpus16nf'], corpus17all: ['corpus17', 'corpus17nf'], corpus18all: ['corpus18', 'corpus18nf'], corpus19all: ['corpus19', 'corpus19nf'], corpus20all: ['corpus20', 'corpus20nf'], corpus21all: ['corpus21', 'corpus21nf'], corpus22all: ['corpus22', 'corpus22nf'], corpus23all: ['corpus23', 'corpus23nf'], corpus24all: ['corpus24', 'corpus24nf'], corpus25all: ['corpus25', 'corpus25nf'], corpus26all: ['corpus26', 'corpus26nf'], corpus27all: ['corpus27', 'corpus27nf'], corpus28all: ['corpus28', 'corpus28nf'], corpus29all: ['corpus29', 'corpus29nf'], corpus32all: ['corpus32', 'corpus32nf'], corpus37all: ['corpus37', 'corpus37nf'], corpus36all: ['corpus36', 'corpus36nf'], corpus35all: ['corpus35', 'corpus35nf'], corpus34all: ['corpus34', 'corpus34nf'], corpus33all: ['corpus33', 'corpus33nf'],
  // every never-fixed slice pooled, and every corpus of our own (all but the seeds) pooled
  // the never-fixed slices as they stood before corpus12 (for a like-for-like comparison across sessions)
  nfto10: ['neverfix', 'corpus3', 'corpus4', 'corpus5nf', 'corpus6nf', 'corpus7nf', 'corpus8nf', 'corpus9nf', 'corpus10nf'],
  // the never-fixed halves of the sixth session's fourteen batches (corpus15–28)
  nf15to28: ['corpus15nf', 'corpus16nf', 'corpus17nf', 'corpus18nf', 'corpus19nf', 'corpus20nf', 'corpus21nf', 'corpus22nf', 'corpus23nf', 'corpus24nf', 'corpus25nf', 'corpus26nf', 'corpus27nf', 'corpus28nf'],
  // the never-fixed halves of the seventh session's batches (corpus29 on)
  nf29on: ['corpus29nf', 'corpus32nf', 'corpus33nf', 'corpus34nf', 'corpus35nf', 'corpus36nf', 'corpus37nf'],
  // the never-fixed slices as they stood before corpus15 (the sixth session's like-for-like comparison)
  nfto14: ['neverfix', 'corpus3', 'corpus4', 'corpus5nf', 'corpus6nf', 'corpus7nf', 'corpus8nf', 'corpus9nf', 'corpus10nf', 'corpus11nf', 'corpus12nf', 'corpus13nf', 'corpus14nf'],
  nfall: ['neverfix', 'corpus3', 'corpus4', 'corpus5nf', 'corpus6nf', 'corpus7nf', 'corpus8nf', 'corpus9nf', 'corpus10nf', 'corpus11nf', 'corpus12nf', 'corpus13nf', 'corpus14nf', 'corpus15nf', 'corpus16nf', 'corpus17nf', 'corpus18nf', 'corpus19nf', 'corpus20nf', 'corpus21nf', 'corpus22nf', 'corpus23nf', 'corpus24nf', 'corpus25nf', 'corpus26nf', 'corpus27nf', 'corpus28nf', 'corpus29nf', 'corpus32nf', 'corpus33nf', 'corpus34nf', 'corpus35nf', 'corpus36nf', 'corpus37nf'],
  ownall: ['heldout', 'corpus2', 'neverfix', 'corpus3', 'corpus4', 'corpus5', 'corpus5nf', 'corpus6', 'corpus6nf', 'corpus7', 'corpus7nf', 'corpus8', 'corpus8nf', 'corpus9', 'corpus9nf', 'corpus10', 'corpus10nf', 'corpus11', 'corpus11nf', 'corpus12', 'corpus12nf', 'corpus13', 'corpus13nf', 'corpus14', 'corpus14nf', 'corpus15', 'corpus15nf', 'corpus16', 'corpus16nf', 'corpus17', 'corpus17nf', 'corpus18', 'corpus18nf', 'corpus19', 'corpus19nf', 'corpus20', 'corpus20nf', 'corpus21', 'corpus21nf', 'corpus22', 'corpus22nf', 'corpus23', 'corpus23nf', 'corpus24', 'corpus24nf', 'corpus25', 'corpus25nf', 'corpus26', 'corpus26nf', 'corpus27', 'corpus27nf', 'corpus28', 'corpus28nf', 'corpus29', 'corpus29nf', 'corpus32', 'corpus32nf', 'corpus33', 'corpus33nf', 'corpus34', 'corpus34nf', 'corpus35', 'corpus35nf', 'corpus36', 'corpus36nf', 'corpus37', 'corpus37nf'] };

interface GoldTarget { indicator: string; comparator: string; value: number; valueMax?: number; unit: string; core?: boolean }
export interface Gold {
  file: string;
  metadata?: Record<string, unknown> & { title?: string | null; period?: { startYear: number; endYear: number } | null };
  topic?: { category: string; subcategory: string | null };
  targets?: GoldTarget[];
  departments?: string[];
  taskDepartments?: Array<{ task: string; department: string; role: string }>;
}

// --- the scorer's measures ---------------------------------------------------------------------
const bigrams = (s: unknown): string[] => {
  const t = String(s ?? '').replace(/\s+/g, '');
  if (t.length < 2) return [t];
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
};
export const dice = (a: unknown, b: unknown): number => {
  const A = bigrams(a);
  const B = bigrams(b);
  const pool = new Map<string, number>();
  for (const x of B) pool.set(x, (pool.get(x) ?? 0) + 1);
  let hit = 0;
  for (const x of A) {
    const n = pool.get(x) ?? 0;
    if (n > 0) { hit++; pool.set(x, n - 1); }
  }
  return (2 * hit) / (A.length + B.length || 1);
};
const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, '').replace(/[［[【]/g, '〔').replace(/[］\]】]/g, '〕').replace(/％/g, '%');
const unitNorm = (u: unknown) => norm(u).replace(/㎡/g, '平方米');
const similar = (a: unknown, b: unknown, min: number) => {
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x) || dice(x, y) >= min);
};
const sameNum = (a?: number | null, b?: number | null) => (a == null && b == null) || (a != null && b != null && Math.abs(Number(a) - Number(b)) < 1e-9);
export const indicatorMatch = (a: unknown, b: unknown): boolean => {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  return dice(x, y) >= 0.5 || ((x.includes(y) || y.includes(x)) && Math.min(x.length, y.length) >= 4);
};

type PredTarget = PlanExtraction['targets'][number];

/** Maximum one-to-one matching of predicted to gold targets (augmenting paths, closer indicators first). */
export function matchTargets(gold: GoldTarget[], pred: Array<Pick<PredTarget, 'indicator' | 'comparator' | 'value' | 'valueMax' | 'unit'>>) {
  const edges = pred.map((p) => gold
    .map((g, gi) => ({ gi, s: dice(norm(g.indicator), norm(p.indicator)) }))
    .filter(({ gi }) => {
      const g = gold[gi];
      return g.comparator === p.comparator && sameNum(g.value, p.value) && sameNum(g.valueMax, p.valueMax)
        && unitNorm(g.unit) === unitNorm(p.unit) && indicatorMatch(g.indicator, p.indicator);
    })
    .sort((a, b) => b.s - a.s));
  const goldOf = new Map<number, number>();
  const augment = (pi: number, seen: Set<number>): boolean => {
    for (const { gi } of edges[pi]) {
      if (seen.has(gi)) continue;
      seen.add(gi);
      if (!goldOf.has(gi) || augment(goldOf.get(gi)!, seen)) { goldOf.set(gi, pi); return true; }
    }
    return false;
  };
  pred.forEach((_, pi) => augment(pi, new Set()));
  const matchedPred = new Set(goldOf.values());
  let coreHit = 0;
  for (const gi of goldOf.keys()) if (gold[gi].core !== false) coreHit++;
  return {
    predHit: goldOf.size, predTotal: pred.length, coreHit, coreTotal: gold.filter((g) => g.core !== false).length,
    missed: gold.filter((g, i) => !goldOf.has(i) && g.core !== false),
    extra: pred.filter((_, i) => !matchedPred.has(i)),
  };
}

const META = ['documentNumber', 'issuer', 'writtenDate', 'publishedDate', 'indexNumber'] as const;

export interface DocScore {
  file: string;
  targets: { predHit: number; predTotal: number; coreHit: number; coreTotal: number };
  departments: { hit: number; gold: number; pred: number };
  pairs: { hit: number; gold: number; pred: number };
  meta: { hit: number; total: number };
  misses: string[];
}

export function scoreDocument(gold: Gold, pred: PlanExtraction): DocScore {
  const misses: string[] = [];
  const t = matchTargets(gold.targets ?? [], pred.targets ?? []);
  for (const m of t.missed) misses.push(`missed target  ${m.indicator} ${m.comparator} ${m.value}${m.valueMax != null ? `-${m.valueMax}` : ''}${m.unit}`);
  for (const x of t.extra) misses.push(`extra target   ${x.indicator} ${x.comparator} ${x.value}${x.valueMax != null ? `-${x.valueMax}` : ''}${x.unit}`);
  const G = new Set((gold.departments ?? []).map(norm));
  const P = new Set((pred.departments ?? []).map(norm));
  let dHit = 0;
  for (const p of P) if (G.has(p)) dHit++; else misses.push(`extra dept     ${p}`);
  for (const g of G) if (!P.has(g)) misses.push(`missed dept    ${g}`);
  const pairs = (pred.tasks ?? []).flatMap((task) => (task.departments ?? []).map((d) => ({ task: task.title, department: d.name })));
  const used = new Set<number>();
  let pHit = 0;
  for (const g of gold.taskDepartments ?? []) {
    const i = pairs.findIndex((p, k) => !used.has(k) && norm(p.department) === norm(g.department) && similar(p.task, g.task, 0.5));
    if (i >= 0) { used.add(i); pHit++; } else misses.push(`missed pair    ${g.task} / ${g.department}`);
  }
  let mHit = 0;
  let mTot = 0;
  const gm = gold.metadata ?? {};
  const pm = (pred.metadata ?? {}) as unknown as Record<string, unknown>;
  for (const k of META) {
    if (gm[k] == null) continue;
    mTot++;
    if (norm(gm[k]) === norm(pm[k])) mHit++; else misses.push(`metadata ${k}: ${String(pm[k])} ≠ ${String(gm[k])}`);
  }
  if (gm.title != null) {
    mTot++;
    if (dice(norm(gm.title), norm(pm.title)) >= 0.8) mHit++; else misses.push(`metadata title: ${String(pm.title)} ≠ ${gm.title}`);
  }
  if (gm.period != null) {
    mTot++;
    const pp = pm.period as { startYear: number; endYear: number } | null;
    if (pp && pp.startYear === gm.period.startYear && pp.endYear === gm.period.endYear) mHit++; else misses.push(`metadata period: ${JSON.stringify(pp)}`);
  }
  return {
    file: gold.file,
    targets: { predHit: t.predHit, predTotal: t.predTotal, coreHit: t.coreHit, coreTotal: t.coreTotal },
    departments: { hit: dHit, gold: G.size, pred: P.size },
    pairs: { hit: pHit, gold: (gold.taskDepartments ?? []).length, pred: pairs.length },
    meta: { hit: mHit, total: mTot },
    misses,
  };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
/** F1 of one document's counts; null when the document has nothing to find and nothing was found. */
const docF1 = (hit: number, hitR: number, pred: number, gold: number): number | null =>
  pred === 0 && gold === 0 ? null : f1(ratio(hit, pred), ratio(hitR, gold));
const mean = (xs: Array<number | null>) => { const v = xs.filter((x): x is number => x != null); return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null; };

export interface CorpusSummary {
  documents: number;
  micro: { targetsP: number; targetsR: number; targetsF1: number; departmentsF1: number; taskDepartmentsF1: number; metadata: number };
  /** Means of per-document scores over the documents where the field has gold or predictions. */
  macro: { targetsF1: number | null; departmentsF1: number | null; taskDepartmentsF1: number | null; metadata: number | null };
  docs: Array<DocScore & { targetsF1: number | null }>;
}

export function summarize(docs: DocScore[]): CorpusSummary {
  const sum = (f: (d: DocScore) => number) => docs.reduce((a, d) => a + f(d), 0);
  const tP = ratio(sum((d) => d.targets.predHit), sum((d) => d.targets.predTotal));
  const tR = ratio(sum((d) => d.targets.coreHit), sum((d) => d.targets.coreTotal));
  const dF = f1(ratio(sum((d) => d.departments.hit), sum((d) => d.departments.pred)), ratio(sum((d) => d.departments.hit), sum((d) => d.departments.gold)));
  const pF = f1(ratio(sum((d) => d.pairs.hit), sum((d) => d.pairs.pred)), ratio(sum((d) => d.pairs.hit), sum((d) => d.pairs.gold)));
  const withF1 = docs.map((d) => ({ ...d, targetsF1: docF1(d.targets.predHit, d.targets.coreHit, d.targets.predTotal, d.targets.coreTotal) }));
  return {
    documents: docs.length,
    micro: { targetsP: tP, targetsR: tR, targetsF1: f1(tP, tR), departmentsF1: dF, taskDepartmentsF1: pF, metadata: ratio(sum((d) => d.meta.hit), sum((d) => d.meta.total)) },
    macro: {
      targetsF1: mean(withF1.map((d) => d.targetsF1)),
      departmentsF1: mean(docs.map((d) => docF1(d.departments.hit, d.departments.hit, d.departments.pred, d.departments.gold))),
      taskDepartmentsF1: mean(docs.map((d) => docF1(d.pairs.hit, d.pairs.hit, d.pairs.pred, d.pairs.gold))),
      metadata: mean(docs.map((d) => (d.meta.total > 0 ? d.meta.hit / d.meta.total : null))),
    },
    docs: withF1,
  };
}

/** Parses every gold-annotated document of a corpus and scores it. */
export async function scoreCorpus(name: keyof typeof CORPORA | string, filter?: RegExp): Promise<CorpusSummary> {
  if (UNIONS[name]) {
    const parts = await Promise.all(UNIONS[name].map((n) => scoreCorpus(n, filter)));
    return summarize(parts.flatMap((p) => p.docs));
  }
  const c = CORPORA[name];
  if (!c) throw new Error(`unknown corpus ${name}`);
  if (!existsSync(c.gold)) return summarize([]);
  const docs: DocScore[] = [];
  for (const f of readdirSync(c.gold).filter((x) => x.endsWith('.gold.json') && (!filter || filter.test(x))).sort()) {
    const gold = JSON.parse(readFileSync(new URL(f, c.gold), 'utf8')) as Gold;
    const bytes = new Uint8Array(readFileSync(new URL(gold.file, c.docs)));
    const pred = await parsePlan(bytes, gold.file);
    docs.push(scoreDocument(gold, pred));
  }
  return summarize(docs);
}

const fx = (x: number | null) => (x == null ? '  -  ' : x.toFixed(3));

export function formatSummary(name: string, s: CorpusSummary, verbose = false): string {
  const lines: string[] = [`== ${name} (${s.documents} documents)`];
  for (const d of s.docs) {
    lines.push(`  ${d.file}: targets ${d.targets.coreHit}/${d.targets.coreTotal} found, ${d.targets.predHit}/${d.targets.predTotal} right (F1 ${fx(d.targetsF1)}); departments ${d.departments.hit}/${d.departments.gold} found, ${d.departments.hit}/${d.departments.pred} right; task-dept ${d.pairs.hit}/${d.pairs.gold} (of ${d.pairs.pred}); metadata ${d.meta.hit}/${d.meta.total}`);
    if (verbose) for (const m of d.misses) lines.push(`      ${m}`);
  }
  const mi = s.micro;
  const ma = s.macro;
  lines.push(`  micro: targets P=${fx(mi.targetsP)} R=${fx(mi.targetsR)} F1=${fx(mi.targetsF1)} | departments F1=${fx(mi.departmentsF1)} | task-dept F1=${fx(mi.taskDepartmentsF1)} | metadata ${fx(mi.metadata)}`);
  lines.push(`  macro: targets F1=${fx(ma.targetsF1)} | departments F1=${fx(ma.departmentsF1)} | task-dept F1=${fx(ma.taskDepartmentsF1)} | metadata ${fx(ma.metadata)}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const fi = args.indexOf('--filter');
  const filter = fi >= 0 ? new RegExp(args[fi + 1]) : undefined;
  const names = args.filter((a, i) => !a.startsWith('--') && !(fi >= 0 && i === fi + 1));
  const list = names.length ? names : Object.keys(CORPORA);
  const out: Record<string, unknown> = {};
  for (const n of list) {
    const s = await scoreCorpus(n, filter);
    if (args.includes('--json')) out[n] = { documents: s.documents, micro: s.micro, macro: s.macro };
    else console.log(formatSummary(n, s, !!process.env.VERBOSE));
  }
  if (args.includes('--json')) console.log(JSON.stringify(out, null, 2));
}
