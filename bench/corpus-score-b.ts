// (bench/corpus-score.ts scores whole corpora by directory; this one takes lists of documents, e.g.
// corpus2/neverfix-b.txt, the never-fixed slice of the c2b_ half.)
// Scores the whole engine (parsePlan) on a corpus of documents with gold answers, in one process,
// the way ../shared/tools/score-extraction.mjs scores them (same matching rules), and adds per-document
// (macro) figures beside the totals (micro), so that one long document does not hide the others.
//
//   npx tsx bench/corpus-score-b.ts --gold src/ingest/fixtures/corpus2 [--docs DIR] [--only LIST | --exclude LIST] [--prefix c2b_]
//   VERBOSE=1 npx tsx bench/corpus-score-b.ts …     every miss and extra, per document
//   --json                                         the summary as JSON
//
// LIST is a file with one document name (without extension) per line, e.g. neverfix-b.txt.
// Macro: the mean over documents of the per-document F1 (departments, task-department pairs) or accuracy
// (metadata); a document counts for a field only when its gold or the prediction has something there.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlan } from '../src/ingest/index';
import { dice, norm, similar } from './struct-score';

const args = process.argv.slice(2);
const opt = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const goldDirs = args.flatMap((a, i) => (args[i - 1] === '--gold' ? [a] : []));
if (!goldDirs.length) {
  console.error('usage: corpus-score.ts --gold DIR [--gold DIR] [--only LIST | --exclude LIST] [--prefix P] [--json]');
  process.exit(2);
}
const readList = (f: string | undefined) => (f ? new Set(readFileSync(f, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)) : null);
const only = readList(opt('--only'));
const exclude = readList(opt('--exclude'));
const prefix = opt('--prefix') ?? '';
const verbose = !!process.env.VERBOSE;

const f1 = (h: number, g: number, p: number) => {
  const P = p ? h / p : 0;
  const R = g ? h / g : 0;
  return P + R > 0 ? (2 * P * R) / (P + R) : 0;
};

interface Gold {
  file: string;
  metadata: Record<string, unknown> & { title?: string | null; period?: { startYear: number; endYear: number } | null };
  departments: string[];
  taskDepartments: Array<{ task: string; department: string }>;
}

const tot = { d: { h: 0, g: 0, p: 0 }, pr: { h: 0, g: 0, p: 0 }, m: { h: 0, t: 0 } };
const macro = { d: [] as number[], pr: [] as number[], m: [] as number[] };
const metaByField = new Map<string, { h: number; t: number }>();
const lines: string[] = [];
let docs = 0;

for (const dir of goldDirs) {
  for (const gf of readdirSync(dir).filter((f) => f.endsWith('.gold.json') && f.startsWith(prefix)).sort()) {
    const name = gf.replace(/\.gold\.json$/, '');
    if (only && !only.has(name)) continue;
    if (exclude && exclude.has(name)) continue;
    const gold = JSON.parse(readFileSync(join(dir, gf), 'utf8')) as Gold;
    const file = resolve(opt('--docs') ?? dir, gold.file);
    if (!existsSync(file)) throw new Error('no document ' + file);
    const pred = await parsePlan(new Uint8Array(readFileSync(file)), gold.file);
    docs++;
    const notes: string[] = [];
    // departments
    const G = new Set(gold.departments.map(norm));
    const P = new Set(pred.departments.map(norm));
    let dh = 0;
    for (const p of P) if (G.has(p)) dh++;
    else notes.push(`extra department ${p}`);
    for (const g of G) if (!P.has(g)) notes.push(`missed department ${g}`);
    tot.d.h += dh;
    tot.d.g += G.size;
    tot.d.p += P.size;
    if (G.size || P.size) macro.d.push(f1(dh, G.size, P.size));
    // pairs
    const pairs = pred.tasks.flatMap((t) => t.departments.map((d) => ({ task: t.title, department: d.name })));
    const used = new Set<number>();
    let ph = 0;
    for (const g of gold.taskDepartments) {
      const i = pairs.findIndex((p, k) => !used.has(k) && norm(p.department) === norm(g.department) && similar(p.task, g.task, 0.5));
      if (i >= 0) {
        used.add(i);
        ph++;
      } else notes.push(`missed pair ${g.task} / ${g.department}`);
    }
    pairs.forEach((p, k) => {
      if (!used.has(k)) notes.push(`extra pair ${p.task} / ${p.department}`);
    });
    tot.pr.h += ph;
    tot.pr.g += gold.taskDepartments.length;
    tot.pr.p += pairs.length;
    if (gold.taskDepartments.length || pairs.length) macro.pr.push(f1(ph, gold.taskDepartments.length, pairs.length));
    // metadata
    const gm = gold.metadata;
    const pm = pred.metadata as unknown as Record<string, unknown>;
    let mh = 0;
    let mt = 0;
    const field = (k: string, ok: boolean, shown: unknown) => {
      mt++;
      const f = metaByField.get(k) ?? { h: 0, t: 0 };
      f.t++;
      if (ok) {
        mh++;
        f.h++;
      } else notes.push(`metadata ${k}: ${JSON.stringify(shown)} ≠ ${JSON.stringify(gm[k])}`);
      metaByField.set(k, f);
    };
    for (const k of ['documentNumber', 'issuer', 'writtenDate', 'publishedDate', 'indexNumber']) if (gm[k] != null) field(k, norm(gm[k]) === norm(pm[k]), pm[k]);
    if (gm.title != null) field('title', dice(norm(gm.title), norm(pred.metadata.title)) >= 0.8, pred.metadata.title);
    if (gm.period != null) {
      const pp = pred.metadata.period;
      field('period', !!pp && pp.startYear === gm.period.startYear && pp.endYear === gm.period.endYear, pp);
    }
    tot.m.h += mh;
    tot.m.t += mt;
    if (mt) macro.m.push(mh / mt);
    lines.push(`${name}: departments ${dh}/${G.size} found, ${dh}/${P.size} right; task-dept ${ph}/${gold.taskDepartments.length} found, ${ph}/${pairs.length} right; metadata ${mh}/${mt}`);
    if (verbose) for (const n of notes) lines.push('   ' + n);
  }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const summary = {
  documents: docs,
  departments: { micro: f1(tot.d.h, tot.d.g, tot.d.p), macro: mean(macro.d), precision: tot.d.p ? tot.d.h / tot.d.p : 0, recall: tot.d.g ? tot.d.h / tot.d.g : 0, gold: tot.d.g },
  taskDepartments: { micro: f1(tot.pr.h, tot.pr.g, tot.pr.p), macro: mean(macro.pr), precision: tot.pr.p ? tot.pr.h / tot.pr.p : 0, recall: tot.pr.g ? tot.pr.h / tot.pr.g : 0, gold: tot.pr.g },
  metadata: { micro: tot.m.t ? tot.m.h / tot.m.t : 0, macro: mean(macro.m), fields: tot.m.t, byField: Object.fromEntries([...metaByField].map(([k, v]) => [k, `${v.h}/${v.t}`])) },
};
if (args.includes('--json')) console.log(JSON.stringify(summary, null, 2));
else {
  for (const l of lines) console.log(l);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `docs ${docs} | departments F1 micro ${f(summary.departments.micro)} macro ${f(summary.departments.macro)} (P ${f(summary.departments.precision)} R ${f(summary.departments.recall)}, ${tot.d.g} gold)` +
      ` | task-dept F1 micro ${f(summary.taskDepartments.micro)} macro ${f(summary.taskDepartments.macro)} (P ${f(summary.taskDepartments.precision)} R ${f(summary.taskDepartments.recall)}, ${tot.pr.g} gold)` +
      ` | metadata micro ${f(summary.metadata.micro)} macro ${f(summary.metadata.macro)} (${tot.m.t} fields)`,
  );
  console.log('metadata by field: ' + Object.entries(summary.metadata.byField).map(([k, v]) => `${k} ${v}`).join(', '));
}
