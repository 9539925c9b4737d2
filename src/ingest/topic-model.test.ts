import { describe, expect, it } from 'vitest';
import { fit, logits, prepareModel, softmax, tokenCounts, vectorize, type TrainingExample } from './topic-model';

describe('tokenCounts', () => {
  it('keeps Chinese words of two characters or more and drops plan furniture', () => {
    const c = tokenCounts(['关于', '加强', '电梯', '安全', '的', '通知', '电梯', '2025', 'PM2.5', '监督抽查']);
    expect([...c.entries()]).toEqual([
      ['电梯', 2],
      ['安全', 1],
      ['监督抽查', 1],
    ]);
  });
});

describe('vectorize', () => {
  const index = new Map([
    ['电梯', 0],
    ['学校', 1],
  ]);
  it('returns a unit vector over known tokens, the title counted more', () => {
    const x = vectorize(index, [1, 1], 3, new Map([['电梯', 1]]), new Map([['电梯', 1], ['学校', 1], ['未知', 5]]));
    expect(x.idx).toEqual([0, 1]);
    expect(Math.hypot(...x.val)).toBeCloseTo(1, 9);
    expect(x.val[0]).toBeCloseTo(4 * x.val[1], 9);
  });
  it('is empty when no token is known', () => {
    expect(vectorize(index, [1, 1], 2, new Map(), new Map([['未知', 1]])).idx).toEqual([]);
  });
});

describe('fit', () => {
  // three classes in two categories; features 0/1 mark class 0/1, feature 2 marks category 1 (class 2)
  const classCategory = [0, 0, 1];
  const ex = (f: number, cls: number): TrainingExample => ({ x: { idx: [f], val: [1] }, target: [[cls, 1]] });
  const examples = [ex(0, 0), ex(0, 0), ex(1, 1), ex(1, 1), ex(2, 2), ex(2, 2)];
  const model = () => {
    const w = fit(examples, 3, classCategory, 2, { l2: 0.001, epochs: 200, learningRate: 0.05 }, null, 0);
    return prepareModel({
      version: 1,
      classes: [
        { category: 'A', subcategory: 'a1' },
        { category: 'A', subcategory: 'a2' },
        { category: 'B', subcategory: null },
      ],
      categories: ['A', 'B'],
      titleWeight: 1,
      lexiconWeight: 2,
      vocab: ['x', 'y', 'z'],
      idf: [1, 1, 1],
      sub: w.sub.map((r) => [...r].flatMap((v, i) => [i, v])),
      cat: w.cat.map((r) => [...r].flatMap((v, i) => [i, v])),
      bias: [...w.bias],
    });
  };
  it('learns each class from its marker', () => {
    const m = model();
    for (const [f, cls] of [
      [0, 0],
      [1, 1],
      [2, 2],
    ]) {
      const p = softmax(logits(m, { idx: [f], val: [1] }, null));
      expect(p.indexOf(Math.max(...p))).toBe(cls);
    }
  });
  it('is deterministic', () => {
    expect(model().sub).toEqual(model().sub);
  });
  it('lets the lexicon decide where the document says nothing the model knows', () => {
    const m = model();
    const p = softmax(logits(m, { idx: [], val: [] }, [0, 0, 5]));
    expect(p.indexOf(Math.max(...p))).toBe(2);
  });
});
