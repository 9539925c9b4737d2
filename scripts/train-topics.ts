// Fits the topic model (src/ingest/topic-model.ts) on src/ingest/fixtures/topics/train.jsonl and writes
// src/ingest/data/topic-model.json. The test set (test.jsonl) is not read here.
//
// Deterministic: features and folds come from the documents and their URLs, the fit starts from zero.
// Hyper-parameters (title weight, L2, lexicon weight) are chosen by 5-fold cross-validation on the training
// set (folds by a hash of the URL), scored on the documents that have text, category accuracy first.
//
//   npx tsx scripts/train-topics.ts            cross-validate, fit, write the model
//   npx tsx scripts/train-topics.ts --no-cv    fit with the defaults below
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fit, logits, prepareModel, softmax, tokenCounts, vectorize, type TopicModelFile, type TrainingExample } from '../src/ingest/topic-model';
import { lexiconScores, termCounts, topicClasses, topicTokens } from '../src/ingest/topics';

interface Doc { url: string; category: string; subcategory: string | null; title: string; text: string }

const docs = readFileSync(new URL('../src/ingest/fixtures/topics/train.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Doc);

const classes = topicClasses();
const categories = [...new Set(classes.map((c) => c.category))];
const classCategory = classes.map((c) => categories.indexOf(c.category));

// tokens and lexicon evidence once per document; the document is read as the parser reads it: title line, then text
const prepared = docs.map((d) => {
  const body = `${d.title}\n${d.text}`;
  const bodyTokens = topicTokens(body);
  const titleTokens = topicTokens(d.title);
  const target: Array<[number, number]> = [];
  if (d.subcategory) target.push([classes.findIndex((c) => c.category === d.category && c.subcategory === d.subcategory), 1]);
  else {
    const own = classes.map((c, i) => (c.category === d.category ? i : -1)).filter((i) => i >= 0);
    for (const i of own) target.push([i, 1 / own.length]);
  }
  if (target.some(([i]) => i < 0)) throw new Error(`label not in taxonomy: ${d.url}`);
  return {
    doc: d,
    title: tokenCounts(titleTokens),
    body: tokenCounts(bodyTokens),
    lex: lexiconScores(termCounts(body, bodyTokens), termCounts(d.title, titleTokens)),
    target,
    fold: parseInt(createHash('sha1').update(`fold:${d.url}`).digest('hex').slice(0, 8), 16) % 5,
  };
});

interface Params { titleWeight: number; l2: number; lexiconWeight: number; minDf: number; fitWithLexicon: boolean }
const EPOCHS = 150;
const LEARNING_RATE = 0.05;

function train(set: typeof prepared, p: Params): TopicModelFile {
  const df = new Map<string, number>();
  for (const d of set) for (const t of new Set([...d.title.keys(), ...d.body.keys()])) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = [...df.keys()].filter((t) => df.get(t)! >= p.minDf).sort();
  const index = new Map(vocab.map((t, i) => [t, i]));
  const idf = vocab.map((t) => Math.log((set.length + 1) / (df.get(t)! + 1)) + 1);
  const examples: TrainingExample[] = set.map((d) => ({ x: vectorize(index, idf, p.titleWeight, d.title, d.body), target: d.target }));
  const w = fit(examples, vocab.length, classCategory, categories.length, { l2: p.l2, epochs: EPOCHS, learningRate: LEARNING_RATE }, p.fitWithLexicon ? set.map((d) => d.lex) : null, p.lexiconWeight);
  const pairs = (row: Float64Array) => {
    const out: number[] = [];
    row.forEach((v, i) => {
      const r = Math.round(v * 1000) / 1000;
      if (Math.abs(r) >= 0.02) out.push(i, r);
    });
    return out;
  };
  return {
    version: 1,
    classes,
    categories,
    titleWeight: p.titleWeight,
    lexiconWeight: p.lexiconWeight,
    vocab,
    idf: idf.map((v) => Math.round(v * 1000) / 1000),
    sub: w.sub.map(pairs),
    cat: w.cat.map(pairs),
    bias: [...w.bias].map((v) => Math.round(v * 1000) / 1000),
  };
}

function evaluate(file: TopicModelFile, set: typeof prepared) {
  const model = prepareModel(file);
  let cat = 0;
  let sub = 0;
  let n = 0;
  for (const d of set) {
    if (!d.doc.text) continue;
    n++;
    const p = softmax(logits(model, vectorize(model.index, model.idf, model.titleWeight, d.title, d.body), d.lex));
    const catP = new Float64Array(categories.length);
    p.forEach((v, i) => (catP[classCategory[i]] += v));
    const bestCat = catP.indexOf(Math.max(...catP));
    let bestSub = -1;
    p.forEach((v, i) => {
      if (classCategory[i] === bestCat && (bestSub < 0 || v > p[bestSub])) bestSub = i;
    });
    if (categories[bestCat] === d.doc.category) {
      cat++;
      if (classes[bestSub].subcategory === d.doc.subcategory) sub++;
    }
  }
  return { cat, sub, n };
}

// the cross-validation of 2026-12-02 (scripts/train-topics.ts without --no-cv) chose these
let best: Params = { titleWeight: 2, l2: 0.01, lexiconWeight: 4, minDf: 1, fitWithLexicon: true };
if (!process.argv.includes('--no-cv')) {
  // the lexicon prior is either part of the fit (the model learns what the lexicon misses) or only added at
  // prediction (the model learns from the documents alone); for the latter one fit serves every prior weight
  let bestScore = -1;
  for (const fitWithLexicon of [false, true])
    for (const l2 of [0.001, 0.003, 0.01])
      for (const trainLexicon of fitWithLexicon ? [2, 4, 8] : [0]) {
        const folds = [0, 1, 2, 3, 4].map((k) => train(prepared.filter((d) => d.fold !== k), { titleWeight: 2, l2, lexiconWeight: trainLexicon, minDf: 1, fitWithLexicon }));
        for (const lexiconWeight of fitWithLexicon ? [trainLexicon] : [0, 1, 2, 4, 8, 16]) {
          const p = { titleWeight: 2, l2, lexiconWeight, minDf: 1, fitWithLexicon };
          let cat = 0;
          let sub = 0;
          let n = 0;
          for (let k = 0; k < 5; k++) {
            const r = evaluate({ ...folds[k], lexiconWeight }, prepared.filter((d) => d.fold === k));
            cat += r.cat;
            sub += r.sub;
            n += r.n;
          }
          // ties go to the stronger lexicon prior and the stronger regularisation: the documents are few
          const score = cat + sub / 1000 + lexiconWeight / 1e6 + l2 / 1e3 + (fitWithLexicon ? 1e-7 : 0);
          console.log(`cv ${JSON.stringify(p)}: category ${(cat / n).toFixed(3)} subcategory ${(sub / n).toFixed(3)} (${n} documents)`);
          if (score > bestScore) {
            bestScore = score;
            best = p;
          }
        }
      }
}
console.log(`fit ${JSON.stringify(best)} on ${prepared.length} documents`);
const model = train(prepared, best);
const fitScore = evaluate(model, prepared);
console.log(`training-set fit: category ${(fitScore.cat / fitScore.n).toFixed(3)}, subcategory ${(fitScore.sub / fitScore.n).toFixed(3)}`);
const json = JSON.stringify(model);
writeFileSync(new URL('../src/ingest/data/topic-model.json', import.meta.url), json + '\n');
console.log(`wrote src/ingest/data/topic-model.json: ${model.vocab.length} features, ${(json.length / 1024).toFixed(0)} KB`);
