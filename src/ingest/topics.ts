// Topic classification on the gov.cn 主题分类 taxonomy (22 categories, 121 subcategories).
//
// 1. When the document prints its own 主题分类 (e.g. 市场监管、安全生产监督-质量监督, or 质量监督 alone),
//    that label is mapped onto the taxonomy and ranked first.
// 2. Otherwise (and for the rest of the ranking) a linear model over jieba tokens fitted on labelled documents
//    (topic-model.ts, data/topic-model.json, scripts/train-topics.ts), with the lexicon as a prior: indicative
//    terms per subcategory (data/topic-lexicon.json), counted on jieba tokens, weighted by position (title ×)
//    and saturated in frequency, with terms shared by several subcategories weighted down. The lexicon is what
//    speaks for the subcategories the training documents do not cover.
import { readFileSync } from 'node:fs';
import type { Jieba } from '@node-rs/jieba';
import { sharedJieba } from './pos';
import type { PlanMetadata, TopicScore } from './model';
import { topicLabels } from './metadata';
import { logits, prepareModel, softmax, tokenCounts, vectorize, type LoadedTopicModel, type TopicClass, type TopicModelFile } from './topic-model';
import { dice } from './similarity';

interface Subcategory { category: string; subcategory: string }
interface Model {
  taxonomy: Array<{ name: string; subs: string[] }>;
  /** term → the subcategories it indicates, with the term's weight there */
  terms: Map<string, Array<{ sub: number; weight: number }>>;
  subs: Subcategory[];
  maxTermLength: number;
  /** the first two characters of every term, to skip most positions quickly */
  prefixes: Set<string>;
}

let model: Model | null = null;
let jieba: Jieba | null = null;

function loadModel(): Model {
  if (model) return model;
  const raw = JSON.parse(readFileSync(new URL('./data/govcn-topic-taxonomy.json', import.meta.url), 'utf8')) as Array<{ name: string; child: unknown }>;
  const taxonomy = raw.map((c) => ({ name: c.name, subs: Array.isArray(c.child) ? (c.child as Array<{ name: string }>).map((x) => x.name) : [] }));
  const lexicon = JSON.parse(readFileSync(new URL('./data/topic-lexicon.json', import.meta.url), 'utf8')) as Record<string, Record<string, string[]>>;
  const subs: Subcategory[] = [];
  const lists: Array<{ sub: number; terms: string[] }> = [];
  for (const c of taxonomy) {
    for (const s of c.subs) {
      subs.push({ category: c.name, subcategory: s });
      lists.push({ sub: subs.length - 1, terms: lexicon[c.name]?.[s] ?? [] });
    }
  }
  const df = new Map<string, number>();
  for (const l of lists) for (const t of new Set(l.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = new Map<string, Array<{ sub: number; weight: number }>>();
  let maxTermLength = 0;
  for (const l of lists) {
    const isOther = subs[l.sub].subcategory === '其他';
    for (const t of new Set(l.terms)) {
      // longer terms are more specific; shared terms and catch-all subcategories count less
      const weight = (1 / Math.sqrt(df.get(t)!)) * (t.length >= 4 ? 1.3 : t.length === 3 ? 1.1 : 1) * (isOther ? 0.6 : 1);
      if (!terms.has(t)) terms.set(t, []);
      terms.get(t)!.push({ sub: l.sub, weight });
      maxTermLength = Math.max(maxTermLength, t.length);
    }
  }
  const prefixes = new Set([...terms.keys()].map((t) => t.slice(0, 2)));
  model = { taxonomy, terms, subs, maxTermLength, prefixes };
  return model;
}

function tokenizer(): Jieba | null {
  // one instance for the whole engine (the target extractor tags with it too): the dictionary
  // takes most of a second to load
  jieba ??= sharedJieba();
  return jieba;
}

/** jieba tokens of a text (characters when the dictionary cannot be loaded). */
export function topicTokens(text: string): string[] {
  const j = tokenizer();
  return j ? j.cut(text, true) : [...text];
}

/** Counts of lexicon terms in a text: whole tokens, runs of 2–3 tokens, and terms inside longer tokens. */
export function termCounts(text: string, tokens: string[] = topicTokens(text)): Map<string, number> {
  const m = loadModel();
  const counts = new Map<string, number>();
  const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1);
  const tokenFreq = new Map<string, number>();
  for (const t of tokens) if (t.length >= 2) tokenFreq.set(t, (tokenFreq.get(t) ?? 0) + 1);
  // terms inside a token (or equal to it)
  const inside = new Map<string, string[]>();
  for (const tok of tokenFreq.keys()) {
    const found: string[] = [];
    for (let i = 0; i < tok.length; i++)
      for (let len = 2; len <= Math.min(m.maxTermLength, tok.length - i); len++) {
        const sub = tok.slice(i, i + len);
        if (m.terms.has(sub)) found.push(sub);
      }
    inside.set(tok, found);
  }
  for (const [tok, n] of tokenFreq) for (const t of inside.get(tok)!) counts.set(t, (counts.get(t) ?? 0) + n);
  // terms jieba splits into several tokens: read them off the text at token starts
  const starts: number[] = [];
  let pos = 0;
  let joined = true;
  for (const t of tokens) {
    const at = text.startsWith(t, pos) ? pos : text.indexOf(t, pos);
    if (at < 0) {
      joined = false;
      break;
    }
    starts.push(at);
    pos = at + t.length;
  }
  if (joined) {
    for (let i = 0; i + 1 < starts.length; i++) {
      if (!m.prefixes.has(text.slice(starts[i], starts[i] + 2))) continue;
      for (let k = 2; k <= 3 && i + k <= starts.length; k++) {
        const end = i + k < starts.length ? starts[i + k] : pos;
        if (end - starts[i] > m.maxTermLength) break;
        const sub = text.slice(starts[i], end);
        if (m.terms.has(sub)) add(sub);
      }
    }
  }
  return counts;
}

const K = 2;
const TOPIC_SAMPLE = 30_000;
const sat = (tf: number) => (tf <= 0 ? 0 : ((K + 1) * tf) / (K + tf));

function normName(s: string) {
  return s.replace(/\s+/g, '').replace(/监督$/, '监管').replace(/[（(].*?[)）]/g, '');
}

/** Maps a site's own 主题分类 value onto the taxonomy: 市场监管、安全生产监督-质量监督 → 市场监管、安全生产监管\质量监督. */
export function mapTopicLabel(label: string): { category: string; subcategory: string | null } | null {
  const m = loadModel();
  // one label, or several (城乡建设(含住房);城市规划): the first that names a class decides
  const parts = label.split(/[-\\/／＼>»—_|·\s;；,，]+|－/).map((p) => p.trim()).filter(Boolean);
  let category: string | null = null;
  let subcategory: string | null = null;
  for (const p of parts) {
    const cat =
      m.taxonomy.find((c) => normName(c.name) === normName(p) || (p.length >= 4 && (c.name.startsWith(p) || normName(c.name).startsWith(normName(p))))) ??
      (p.length >= 5 ? m.taxonomy.find((c) => dice(normName(c.name), normName(p)) >= 0.75) : undefined);
    if (cat && !category) {
      category = cat.name;
      continue;
    }
    const owners = m.taxonomy.filter((c) => c.subs.some((s) => s === p || normName(s) === normName(p)));
    if (owners.length) {
      const owner: { name: string; subs: string[] } | null | undefined = category ? owners.find((o) => o.name === category) : owners.length === 1 ? owners[0] : null;
      if (owner && !subcategory) {
        category = owner.name;
        subcategory = owner.subs.find((s: string) => s === p || normName(s) === normName(p)) ?? null;
      }
    }
  }
  return category ? { category, subcategory } : null;
}

let classList: TopicClass[] | null = null;
let lexiconClass: number[] | null = null;

/** The classes the model scores: every subcategory, and a category without subcategories as one class. */
export function topicClasses(): TopicClass[] {
  if (classList) return classList;
  const m = loadModel();
  return (classList = m.taxonomy.flatMap<TopicClass>((c) => (c.subs.length ? c.subs.map((s) => ({ category: c.name, subcategory: s })) : [{ category: c.name, subcategory: null }])));
}

/** Lexicon evidence per class (topicClasses order): the body's terms saturated in frequency, the title's counted three times. */
export function lexiconScores(body: Map<string, number>, head: Map<string, number>): Float64Array {
  const m = loadModel();
  const classes = topicClasses();
  if (!lexiconClass) {
    const at = new Map(classes.map((c, i) => [`${c.category}\\${c.subcategory}`, i]));
    lexiconClass = m.subs.map((s) => at.get(`${s.category}\\${s.subcategory}`)!);
  }
  const subClass = lexiconClass;
  const score = new Float64Array(classes.length);
  for (const [term, tf] of body) for (const { sub, weight } of m.terms.get(term)!) score[subClass[sub]] += weight * sat(tf);
  for (const [term] of head) for (const { sub, weight } of m.terms.get(term)!) score[subClass[sub]] += weight * 3;
  return score;
}

let topicModel: LoadedTopicModel | null | undefined;

/** The fitted model (data/topic-model.json), or null when it is absent or does not fit the taxonomy. */
export function loadTopicModel(): LoadedTopicModel | null {
  if (topicModel !== undefined) return topicModel;
  try {
    const file = JSON.parse(readFileSync(new URL('./data/topic-model.json', import.meta.url), 'utf8')) as TopicModelFile;
    const classes = topicClasses();
    const same = file.classes.length === classes.length && file.classes.every((c, i) => c.category === classes[i].category && c.subcategory === classes[i].subcategory);
    topicModel = same ? prepareModel(file) : null;
  } catch {
    topicModel = null;
  }
  return topicModel;
}

/** Class probabilities of a document by the model with its lexicon prior; null when nothing in it is indicative. */
export function topicProbabilities(title: string, bodyText: string): Float64Array | null {
  const bodyTokens = topicTokens(bodyText);
  const titleTokens = topicTokens(title);
  const lex = lexiconScores(termCounts(bodyText, bodyTokens), termCounts(title, titleTokens));
  const model = loadTopicModel();
  const lexAny = lex.some((v) => v > 0);
  if (!model) {
    if (!lexAny) return null;
    const sum = lex.reduce((a, b) => a + b, 0);
    return lex.map((v) => v / sum);
  }
  const x = vectorize(model.index, model.idf, model.titleWeight, tokenCounts(titleTokens), tokenCounts(bodyTokens));
  if (!x.idx.length && !lexAny) return null;
  return softmax(logits(model, x, lex));
}

export function classifyTopics(text: string, metadata: PlanMetadata): TopicScore[] {
  const m = loadModel();
  const title = metadata.title ?? text.slice(0, 80).split('\n').find((l) => l.trim()) ?? '';
  // the opening of a long document says what it is about; the cap keeps the cost bounded
  const p = topicProbabilities(title, text.length > TOPIC_SAMPLE ? text.slice(0, TOPIC_SAMPLE) : text);
  const classes = topicClasses();
  let out: TopicScore[] = [];
  if (p) {
    out = m.taxonomy
      .map((c) => {
        let total = 0;
        let best = -1;
        for (let i = 0; i < classes.length; i++) {
          if (classes[i].category !== c.name) continue;
          total += p[i];
          if (best < 0 || p[i] > p[best]) best = i;
        }
        return { category: c.name, subcategory: best >= 0 ? classes[best].subcategory : null, score: total };
      })
      .filter((c) => c.score >= 0.01)
      .sort((a, b) => b.score - a.score)
      .slice(0, 8)
      .map((c) => ({ ...c, score: round(c.score) }));
  }

  let mapped: { category: string; subcategory: string | null } | null = null;
  for (const own of topicLabels(text)) if ((mapped = mapTopicLabel(own))) break;
  if (mapped) {
    const sub =
      mapped.subcategory ??
      (p ? classes.map((c, i) => ({ c, v: p[i] })).filter((e) => e.c.category === mapped.category).sort((a, b) => b.v - a.v)[0]?.c.subcategory : null) ??
      null;
    out = out.filter((c) => c.category !== mapped.category).map((c) => ({ ...c, score: round(c.score * 0.5) }));
    out.unshift({ category: mapped.category, subcategory: sub, score: 1 });
  }
  return out;
}

const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
