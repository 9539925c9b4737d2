// Topic classification on labelled documents (issue 9, Topics): top-1 category and category\subcategory
// accuracy of classifyTopics on the held-out test set (src/ingest/fixtures/topics/test.jsonl), which the
// model never trains on. Each document is given to the classifier as the parse pipeline does: title line,
// then the text, with metadata read by extractMetadata (the printed 主题分类 line is not in these texts).
//
//   npx tsx bench/topics-score.ts            test set
//   npx tsx bench/topics-score.ts --train    training set (fit, not generalisation)
//   npx tsx bench/topics-score.ts --errors   also list the misclassified documents
//   npx tsx bench/topics-score.ts --by-category   also the counts per gold category (macro figures average these)
import { readFileSync } from 'node:fs';
import { classifyTopics } from '../src/ingest/topics';
import { extractMetadata } from '../src/ingest/metadata';

export interface TopicDoc { url: string; category: string; subcategory: string | null; labelSource: string; title: string; text: string }

export function loadTopicDocs(which: 'train' | 'test'): TopicDoc[] {
  const raw = readFileSync(new URL(`../src/ingest/fixtures/topics/${which}.jsonl`, import.meta.url), 'utf8');
  return raw.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as TopicDoc);
}

export function scoreTopics(docs: TopicDoc[]) {
  let cat = 0;
  let sub = 0;
  let subTotal = 0;
  const errors: string[] = [];
  // per gold category: documents, right category, right category\subcategory (of those with a subcategory)
  const perCategory = new Map<string, { n: number; cat: number; subN: number; sub: number }>();
  for (const d of docs) {
    const text = `${d.title}\n${d.text}`;
    const [top] = classifyTopics(text, extractMetadata(text));
    const okCat = top?.category === d.category;
    const pc = perCategory.get(d.category) ?? { n: 0, cat: 0, subN: 0, sub: 0 };
    perCategory.set(d.category, pc);
    pc.n++;
    if (okCat) pc.cat++;
    if (d.subcategory) {
      pc.subN++;
      if (okCat && top?.subcategory === d.subcategory) pc.sub++;
    }
    if (okCat) cat++;
    if (d.subcategory) {
      subTotal++;
      if (okCat && top?.subcategory === d.subcategory) sub++;
    }
    if (!okCat || (d.subcategory && top?.subcategory !== d.subcategory))
      errors.push(`${okCat ? 'sub ' : 'CAT '} ${d.title.slice(0, 40)} | gold ${d.category}\\${d.subcategory ?? '-'} | got ${top ? `${top.category}\\${top.subcategory}` : 'nothing'}`);
  }
  const cats = [...perCategory.values()];
  const withSub = cats.filter((c) => c.subN > 0);
  return {
    documents: docs.length,
    category: cat / docs.length,
    subcategory: sub / subTotal,
    // macro: the mean over gold categories, so a category with many documents does not hide the others
    macroCategory: cats.reduce((a, c) => a + c.cat / c.n, 0) / cats.length,
    macroSubcategory: withSub.reduce((a, c) => a + c.sub / c.subN, 0) / withSub.length,
    categories: cats.length,
    perCategory,
    errors,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const which = process.argv.includes('--train') ? 'train' : 'test';
  const r = scoreTopics(loadTopicDocs(which));
  console.log(
    `${which}: ${r.documents} documents | top-1 category ${r.category.toFixed(3)} | category\\subcategory ${r.subcategory.toFixed(3)}` +
      ` | macro over ${r.categories} categories: ${r.macroCategory.toFixed(3)} / ${r.macroSubcategory.toFixed(3)}`,
  );
  if (process.argv.includes('--by-category'))
    for (const [c, v] of [...r.perCategory].sort((a, b) => b[1].n - a[1].n)) console.log(`  ${c}: ${v.cat}/${v.n} category, ${v.sub}/${v.subN} subcategory`);
  if (process.argv.includes('--errors')) for (const e of r.errors) console.log('  ' + e);
}
