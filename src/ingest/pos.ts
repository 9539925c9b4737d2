// Part-of-speech tags for short stretches of plan text (jieba's tagger: v verb, vn verbal noun,
// n noun, m numeral, q measure word, uj 的, p preposition, c conjunction, d adverb, f locality…).
//
// The target extractor asks two questions of them, only around a number whose reading is in doubt:
// does the text before the number end in a verb (培育发展｜40家…), and where does the noun phrase
// after the measure word end (…家｜绿色食品加工企业｜开展…). Both look at a few dozen characters,
// so the tagger's cost stays small beside the rest of the engine.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface Tagged { word: string; tag: string }

let jieba: Jieba | null | undefined;

/** The engine's one jieba instance (null when it cannot be loaded). */
export function sharedJieba(): Jieba | null {
  return tagger();
}

function tagger(): Jieba | null {
  if (jieba !== undefined) return jieba;
  try {
    // built once, on first use: the dictionary takes a good part of a second to load
    jieba = Jieba.withDict(dict);
  } catch {
    jieba = null;
  }
  return jieba;
}

/** The words of `s` with their tags; [] when the tagger cannot be loaded. */
export function tag(s: string): Tagged[] {
  if (!s) return [];
  const j = tagger();
  if (!j) return [];
  return j.tag(s, true) as Tagged[];
}

const isVerbTag = (t: string) => t === 'v' || t === 'vn' || t === 'vd' || t === 'vg' || t === 'vi' || t === 'vq';
const isNounTag = (t: string) => /^(?:n|nr|ns|nt|nz|ng|nrt|nrfg|s|an|l|j|i|eng|b)$/.test(t);

/**
 * True when the text ends in a verb: the number after it counts the verb's object, which follows
 * the measure word (扶持发展｜40家…企业, 在全区挑选｜2-4个…). Adverbs, conjunctions and scope
 * words before the verb do not matter; a noun at the end (新增规上企业｜30家) makes it false.
 */
export function endsInVerb(s: string): boolean {
  const words = tag(s.slice(-16)).filter((w) => w.word.trim() !== '');
  const last = words[words.length - 1];
  if (!last) return false;
  if (isVerbTag(last.tag)) return true;
  // a four-character run the tagger took for a name or an idiom (建立健全/nr): read its halves
  if (last.word.length === 4 && /^(?:nr|nz|i|l)$/.test(last.tag)) {
    const a = tag(last.word.slice(0, 2))[0];
    const b = tag(last.word.slice(2))[0];
    if (a && b && a.word.length === 2 && b.word.length === 2 && isVerbTag(a.tag) && (isVerbTag(b.tag) || b.tag === 'a')) return true;
  }
  // a verb with a resultative adjective (培育壮大, 做大做强)
  const before = words[words.length - 2];
  return last.tag === 'a' && !!before && isVerbTag(before.tag);
}

/** Predicate verbs that open the clause's own action after its object (…技改项目｜开展对标提升). */
const PREDICATE_AFTER_OBJECT = new Set(['开展', '实施', '参加', '参与', '进行', '完成', '达到', '实现', '获得', '通过', '纳入',
  '入驻', '入选', '享受', '接受', '提供', '落户', '建立', '成为', '作为', '申报', '争创', '创建', '获评']);

/**
 * The noun phrase a count counts, read from the text right after the measure word (and any
 * qualifier): it ends where the clause's own predicate starts (…项目｜开展…); inside it, a modifier
 * closed by 的 is dropped when what follows is long enough to name the thing alone
 * (具有…影响力的｜区域公用品牌), and kept when it is not (…的世界影响力的品牌 → 世界影响力的品牌).
 * Returns '' when no noun phrase starts there.
 */
export function countedObject(s: string): { phrase: string; predicate: string } {
  const words = tag(s);
  let end = 0;
  let predicateAt = -1;
  let sawNoun = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (sawNoun && w.tag === 'v' && PREDICATE_AFTER_OBJECT.has(w.word)) { predicateAt = end; break; }
    if (isNounTag(w.tag) || w.tag === 'vn' || w.tag === 'v') sawNoun = true;
    end += w.word.length;
  }
  let phrase = s.slice(0, end);
  const predicate = predicateAt >= 0 ? s.slice(predicateAt) : '';
  // the head after the last 的, and one more modifier when the head alone is too short to name it
  const parts = phrase.split('的');
  if (parts.length > 1) {
    let k = parts.length - 1;
    let head = parts[k];
    while (head.replace(/[\s、，,]/g, '').length < 4 && k > 0) { k--; head = parts[k] + '的' + head; }
    // a modifier list (知识产权、竞争力强、附加值高的…) is no part of the name
    const cut = Math.max(head.lastIndexOf('、'), head.lastIndexOf('，'), head.lastIndexOf(','));
    phrase = cut >= 0 && head.length - cut - 1 >= 4 ? head.slice(cut + 1) : head;
  }
  return { phrase: phrase.trim(), predicate };
}
