// Topics on documents whose page prints its own 主题分类 (issue 9): the labels a site's editors gave, not a reader's.
// src/ingest/fixtures/topics/official.json lists them (fixture files of the project's corpora, and one test-set entry).
// Each is read the way the engine reads a file (readDocument), then classified twice:
//   printed — as the page is, so the engine should take the printed label;
//   removed — the printed value cut out after its 主题分类 label, so the classifier alone decides.
//
//   npx tsx bench/topics-official.ts [--errors]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readDocument } from '../src/ingest/index';
import { classifyTopics } from '../src/ingest/topics';
import { extractMetadata } from '../src/ingest/metadata';
import { loadTopicDocs } from './topics-score';

export interface OfficialDoc {
  file?: string;
  testUrl?: string;
  printed: string;
  category: string;
  subcategory: string | null;
  alsoRight?: string[];
}

const fixtures = new URL('../src/ingest/fixtures/', import.meta.url);

export function loadOfficialDocs(): OfficialDoc[] {
  return (JSON.parse(readFileSync(new URL('topics/official.json', fixtures), 'utf8')) as { documents: OfficialDoc[] }).documents;
}

/** The document's text as the engine reads it, with the printed label (printed) or without it (removed). */
export async function officialText(d: OfficialDoc, printed: boolean): Promise<string> {
  let text: string;
  if (d.file) {
    const bytes = readFileSync(new URL(d.file, fixtures));
    text = (await readDocument(new Uint8Array(bytes), basename(d.file))).text;
  } else {
    const t = loadTopicDocs('test').find((x) => x.url === d.testUrl);
    if (!t) throw new Error(`no test document ${d.testUrl}`);
    text = `${t.title}\n${t.text}`;
    if (printed) text = `主题分类：${d.printed}\n${text}`;
  }
  if (!printed) {
    // cut the value out of every 主题分类 field (only there: the same words may be in the body)
    let out = '';
    let at = 0;
    for (const m of text.matchAll(/主[ \u3000]*题[ \u3000]*分[ \u3000]*类/g)) {
      const start = m.index! + m[0].length;
      const v = text.indexOf(d.printed, start);
      if (v < 0 || v - start > 12) continue;
      out += text.slice(at, v);
      at = v + d.printed.length;
    }
    text = out + text.slice(at);
    if (/主[ \u3000]*题[ \u3000]*分[ \u3000]*类[^\n]{0,12}/.exec(text)?.[0].includes(d.printed)) throw new Error(`label left in ${d.file ?? d.testUrl}`);
  }
  return text;
}

export async function scoreOfficial(printed: boolean) {
  const docs = loadOfficialDocs();
  let cat = 0;
  let sub = 0;
  let subTotal = 0;
  const errors: string[] = [];
  for (const d of docs) {
    const text = await officialText(d, printed);
    const [top] = classifyTopics(text, extractMetadata(text));
    const okCat = top?.category === d.category;
    const okSub = okCat && (top?.subcategory === d.subcategory || (d.alsoRight ?? []).includes(top?.subcategory ?? ''));
    if (okCat) cat++;
    if (d.subcategory) {
      subTotal++;
      if (okSub) sub++;
    }
    if (!okCat || (d.subcategory && !okSub))
      errors.push(`${okCat ? 'sub ' : 'CAT '} ${d.file ?? d.testUrl} | printed ${d.printed} | gold ${d.category}\\${d.subcategory ?? '-'} | got ${top ? `${top.category}\\${top.subcategory}` : 'nothing'}`);
  }
  return { documents: docs.length, category: cat / docs.length, subcategory: sub / subTotal, subTotal, errors };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  for (const printed of [true, false]) {
    const r = await scoreOfficial(printed);
    console.log(`${printed ? 'printed' : 'removed'}: ${r.documents} documents | top-1 category ${r.category.toFixed(3)} | category\\subcategory ${r.subcategory.toFixed(3)} (of ${r.subTotal})`);
    if (process.argv.includes('--errors')) for (const e of r.errors) console.log('  ' + e);
  }
}
