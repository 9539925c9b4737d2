// Builds the labelled topic corpus files from src/ingest/fixtures/topics/corpus.tsv.
//
// corpus.tsv: one document a line, tab-separated: label, url, title, text (the opening of the page, condensed;
// empty for title-only entries). The label is a subcategory name of the gov.cn 主题分类 taxonomy when it is unique,
// `category\subcategory` when not, or `@category` for a label the page printed itself (category only).
//
// The split is fixed before any fitting: a document with text goes to the test set when the first 8 hex digits of
// sha1(url) are ≡ 0, 1 or 2 (mod 10); title-only entries always train. Output: train.jsonl and test.jsonl beside it.
//
//   npx tsx scripts/topics-corpus.ts
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../src/ingest/fixtures/topics/', import.meta.url);
const taxonomy = (JSON.parse(readFileSync(new URL('../src/ingest/data/govcn-topic-taxonomy.json', import.meta.url), 'utf8')) as Array<{ name: string; child: unknown }>).map((c) => ({
  name: c.name,
  subs: Array.isArray(c.child) ? (c.child as Array<{ name: string }>).map((s) => s.name) : [],
}));

export function isTestUrl(url: string): boolean {
  return parseInt(createHash('sha1').update(url).digest('hex').slice(0, 8), 16) % 10 < 3;
}

function resolve(label: string): { category: string; subcategory: string | null; labelSource: 'printed' | 'manual' } {
  if (label.startsWith('@')) {
    const c = taxonomy.find((x) => x.name === label.slice(1));
    if (!c) throw new Error(`unknown category ${label}`);
    return { category: c.name, subcategory: null, labelSource: 'printed' };
  }
  if (label.includes('\\')) {
    const [cat, sub] = label.split('\\');
    const c = taxonomy.find((x) => x.name === cat);
    if (!c || !c.subs.includes(sub)) throw new Error(`unknown label ${label}`);
    return { category: cat, subcategory: sub, labelSource: 'manual' };
  }
  const owners = taxonomy.filter((c) => c.subs.includes(label));
  if (owners.length !== 1) throw new Error(`label ${label} names ${owners.length} subcategories`);
  return { category: owners[0].name, subcategory: label, labelSource: 'manual' };
}

const lines = readFileSync(new URL('corpus.tsv', dir), 'utf8').split('\n').filter((l) => l.trim());
const seen = new Set<string>();
const train: string[] = [];
const test: string[] = [];
for (const line of lines) {
  const [label, url, title, text = ''] = line.split('\t');
  if (seen.has(url)) throw new Error(`duplicate url ${url}`);
  seen.add(url);
  const doc = { url, ...resolve(label), title: title.trim(), text: text.trim() };
  (doc.text && isTestUrl(url) ? test : train).push(JSON.stringify(doc));
}
writeFileSync(new URL('train.jsonl', dir), train.join('\n') + '\n');
writeFileSync(new URL('test.jsonl', dir), test.join('\n') + '\n');
console.log(`train ${train.length}, test ${test.length}`);
