// A linear topic classifier over jieba tokens, fitted on labelled documents (scripts/train-topics.ts) and
// stored in data/topic-model.json. Pure functions: tokenizing is the caller's (topics.ts), so that the
// training script and the parser compute features the same way.
//
// Features: (1 + ln tf) · idf of each known token, the title's tokens weighted `titleWeight` times more,
// the vector scaled to unit length. Classes are the taxonomy's subcategories (and a category without
// subcategories as one class). A class's logit is its own weights plus its category's weights (shared by
// the category's subcategories, so a category learns from all its documents) plus a bias; the lexicon's
// evidence is added as a prior, `lexiconWeight` times its share of the best lexicon score.

export interface TopicClass {
  category: string;
  subcategory: string | null;
}

export interface TopicModelFile {
  version: 1;
  classes: TopicClass[];
  categories: string[];
  titleWeight: number;
  lexiconWeight: number;
  vocab: string[];
  idf: number[];
  /** per feature: [class, weight, class, weight, …] */
  sub: number[][];
  /** per feature: [category, weight, category, weight, …] */
  cat: number[][];
  bias: number[];
}

export interface LoadedTopicModel extends TopicModelFile {
  index: Map<string, number>;
  classCategory: number[];
}

export function prepareModel(file: TopicModelFile): LoadedTopicModel {
  const index = new Map(file.vocab.map((t, i) => [t, i]));
  const classCategory = file.classes.map((c) => file.categories.indexOf(c.category));
  return { ...file, index, classCategory };
}

/** Words that say nothing of a topic (document furniture, verbs of every plan); the rest is left to idf. */
const STOP = new Set([
  '关于', '印发', '通知', '意见', '实施', '方案', '工作', '进一步', '加强', '推进', '做好', '开展', '全面', '坚持', '建立', '健全',
  '完善', '提高', '提升', '落实', '贯彻', '有关', '各级', '部门', '单位', '人民政府', '政府', '办公室', '办公厅', '我们', '你们',
  '现将', '请结', '结合', '实际', '认真', '执行', '以下', '如下', '要求', '重要', '积极', '加快', '促进', '发展', '建设', '管理',
  '制定', '根据', '按照', '以及', '或者', '应当', '可以', '进行', '通过', '其他', '相关', '有效', '确保', '主要', '重点', '切实',
]);

const CJK = /[\u4e00-\u9fff]/;

/** Token counts that can be features: two or more characters, some Chinese, not a stop word. */
export function tokenCounts(tokens: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) {
    if (t.length < 2 || t.length > 12 || !CJK.test(t) || STOP.has(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

export interface SparseVector {
  idx: number[];
  val: number[];
}

/** The unit-length feature vector of a document; tokens the model does not know are dropped. */
export function vectorize(
  index: Map<string, number>,
  idf: ArrayLike<number>,
  titleWeight: number,
  title: Map<string, number>,
  body: Map<string, number>,
): SparseVector {
  const acc = new Map<number, number>();
  const add = (counts: Map<string, number>, w: number) => {
    for (const [t, n] of counts) {
      const i = index.get(t);
      if (i === undefined) continue;
      acc.set(i, (acc.get(i) ?? 0) + w * (1 + Math.log(n)) * idf[i]);
    }
  };
  add(body, 1);
  add(title, titleWeight);
  let norm = 0;
  for (const v of acc.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const idx = [...acc.keys()].sort((a, b) => a - b);
  return { idx, val: idx.map((i) => acc.get(i)! / norm) };
}

/** Class logits: own weights + category weights + bias + the lexicon prior. */
export function logits(model: LoadedTopicModel, x: SparseVector, lexicon: ArrayLike<number> | null): Float64Array {
  const C = model.classes.length;
  const catLogit = new Float64Array(model.categories.length);
  const out = new Float64Array(C);
  for (let k = 0; k < x.idx.length; k++) {
    const f = x.idx[k];
    const v = x.val[k];
    const s = model.sub[f];
    for (let j = 0; j < s.length; j += 2) out[s[j]] += v * s[j + 1];
    const c = model.cat[f];
    for (let j = 0; j < c.length; j += 2) catLogit[c[j]] += v * c[j + 1];
  }
  let lexMax = 0;
  if (lexicon) for (let i = 0; i < C; i++) lexMax = Math.max(lexMax, lexicon[i]);
  for (let i = 0; i < C; i++) {
    out[i] += catLogit[model.classCategory[i]] + model.bias[i];
    if (lexicon && lexMax > 0) out[i] += (model.lexiconWeight * lexicon[i]) / lexMax;
  }
  return out;
}

export function softmax(z: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]);
  const p = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += p[i] = Math.exp(z[i] - max);
  for (let i = 0; i < z.length; i++) p[i] /= sum;
  return p;
}

export interface TrainingExample {
  x: SparseVector;
  /** target distribution over classes (one class, or spread over a category's classes when the label has no subcategory) */
  target: Array<[number, number]>;
}

export interface FitOptions {
  l2: number;
  epochs: number;
  learningRate: number;
}

/**
 * Multinomial logistic regression with shared category weights, full-batch gradient descent from zero
 * (deterministic). The lexicon prior is not fitted here; it is added at prediction with a weight chosen
 * by cross-validation.
 */
export function fit(
  examples: TrainingExample[],
  features: number,
  classCategory: number[],
  categories: number,
  options: FitOptions,
  lexicon: Array<ArrayLike<number> | null> | null,
  lexiconWeight: number,
): { sub: Float64Array[]; cat: Float64Array[]; bias: Float64Array } {
  const C = classCategory.length;
  const sub = Array.from({ length: features }, () => new Float64Array(C));
  const cat = Array.from({ length: features }, () => new Float64Array(categories));
  const bias = new Float64Array(C);
  const N = examples.length;
  // Adam keeps the step size sensible for rare and common features alike
  const mSub = Array.from({ length: features }, () => new Float64Array(C));
  const vSub = Array.from({ length: features }, () => new Float64Array(C));
  const mCat = Array.from({ length: features }, () => new Float64Array(categories));
  const vCat = Array.from({ length: features }, () => new Float64Array(categories));
  const mB = new Float64Array(C);
  const vB = new Float64Array(C);
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  const gSub = Array.from({ length: features }, () => new Float64Array(C));
  const gCat = Array.from({ length: features }, () => new Float64Array(categories));
  const gB = new Float64Array(C);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const g of gSub) g.fill(0);
    for (const g of gCat) g.fill(0);
    gB.fill(0);
    for (let n = 0; n < N; n++) {
      const { x, target } = examples[n];
      const z = new Float64Array(C);
      const cz = new Float64Array(categories);
      for (let k = 0; k < x.idx.length; k++) {
        const f = x.idx[k];
        const v = x.val[k];
        const s = sub[f];
        for (let i = 0; i < C; i++) z[i] += v * s[i];
        const c = cat[f];
        for (let i = 0; i < categories; i++) cz[i] += v * c[i];
      }
      const lex = lexicon?.[n] ?? null;
      let lexMax = 0;
      if (lex) for (let i = 0; i < C; i++) lexMax = Math.max(lexMax, lex[i]);
      for (let i = 0; i < C; i++) {
        z[i] += cz[classCategory[i]] + bias[i];
        if (lex && lexMax > 0) z[i] += (lexiconWeight * lex[i]) / lexMax;
      }
      const p = softmax(z);
      for (const [i, t] of target) p[i] -= t;
      const pc = new Float64Array(categories);
      for (let i = 0; i < C; i++) pc[classCategory[i]] += p[i];
      for (let i = 0; i < C; i++) gB[i] += p[i] / N;
      for (let k = 0; k < x.idx.length; k++) {
        const f = x.idx[k];
        const v = x.val[k] / N;
        const gs = gSub[f];
        for (let i = 0; i < C; i++) gs[i] += v * p[i];
        const gc = gCat[f];
        for (let i = 0; i < categories; i++) gc[i] += v * pc[i];
      }
    }
    const lr = (options.learningRate * Math.sqrt(1 - b2 ** epoch)) / (1 - b1 ** epoch);
    const step = (w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, l2: number) => {
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] + l2 * w[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        w[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + eps);
      }
    };
    for (let f = 0; f < features; f++) {
      step(sub[f], gSub[f], mSub[f], vSub[f], options.l2);
      step(cat[f], gCat[f], mCat[f], vCat[f], options.l2);
    }
    step(bias, gB, mB, vB, options.l2);
  }
  return { sub, cat, bias };
}
