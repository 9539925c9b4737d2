// Topic classification on labelled policy documents the model never trained on (issue 9, Topics).
// The corpus, its fixed split and the labels are described in src/ingest/fixtures/topics/README.md;
// the numbers are in BENCHMARKS.md ("Topics on labelled gov.cn documents").
import { describe, expect, it } from 'vitest';
import { loadTopicDocs, scoreTopics } from '../../bench/topics-score';
import { loadTopicModel, topicClasses } from './topics';

const train = loadTopicDocs('train');
const test = loadTopicDocs('test');

describe('topic test set', () => {
  it('shares no document with the training set, and is big enough to mean something', () => {
    const seen = new Set(train.map((d) => d.url));
    const titles = new Set(train.map((d) => d.title));
    for (const d of test) {
      expect(seen.has(d.url), d.url).toBe(false);
      expect(titles.has(d.title), d.title).toBe(false);
    }
    expect(test.length).toBeGreaterThanOrEqual(60);
    expect(new Set(test.map((d) => d.category)).size).toBeGreaterThanOrEqual(15);
  });

  it('labels every document with a class of the taxonomy', () => {
    const classes = topicClasses();
    for (const d of [...train, ...test])
      expect(
        classes.some((c) => c.category === d.category && (d.subcategory === null || c.subcategory === d.subcategory)),
        `${d.category}\\${d.subcategory}`,
      ).toBe(true);
  });

  it('has a fitted model that matches the taxonomy', () => {
    const model = loadTopicModel();
    expect(model).not.toBeNull();
    expect(model!.classes.length).toBe(topicClasses().length);
  });

  it('puts held-out documents under their category and subcategory', () => {
    const r = scoreTopics(test);
    // measured 2026-12-02: see BENCHMARKS.md; the floors sit a little under the measurement
    expect(r.category, r.errors.join('\n')).toBeGreaterThanOrEqual(0.88);
    expect(r.subcategory, r.errors.join('\n')).toBeGreaterThanOrEqual(0.84);
  });
});
