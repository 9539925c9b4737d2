// Responsible units (责任部门 / 牵头单位 / 配合单位 …) and their roles.
//
// Three ways a plan names the units responsible for a task:
//  1. a labelled clause: (责任部门:区市场监管局、区经信委), (牵头单位:…;配合单位:…), a 责任单位: line;
//  2. an unlabelled bracket of unit names with role words: (区市场监管局牵头,区经信委配合);
//  3. a duty sentence whose subject is a unit: 区农林局要加强…, 由区质量工作领导小组负责….
import type { DepartmentRole, Task, TaskDepartment } from './model';

const LEAD_WORDS = '牵头|主办|主责|主抓|承办';
const CO_WORDS = '配合|协同|协办|协助|参与|支持|共同参与';
// Words that make a unit responsible without saying lead or co: (区教育局指导), (市应急管理局督导).
const GUIDE_WORDS = '指导|督导|督办';
// (部门分工:省发展改革委牵头,各地、各部门配合: a label that names the division itself, its roles inside)
const LABEL_HEADS = `部门分工|责任分工|责任|负责|${LEAD_WORDS}|${CO_WORDS}|${GUIDE_WORDS}|实施|具体负责|主要责任|责任主体`;
// The noun of a label, with up to two words between the role and it: 牵头督办单位, 配合落实单位, 责任督导部门.
const LABEL_NOUN = '(?:[\\u4e00-\\u9fa5]{0,2}?(?:单位|部门|科室|处室|股室|主体|机构))?';
/** 责任单位, 牵头部门, 配合单位, 责任主体, 主要责任单位, 牵头督办单位 … followed by a colon. */
export const CLAUSE_LABEL = new RegExp(`(?:主要)?(?:${LABEL_HEADS})${LABEL_NOUN}\\s*[:：]`);
const CLAUSE_LABEL_AT = new RegExp(`^(?:主要)?(${LABEL_HEADS})${LABEL_NOUN}\\s*[:：]\\s*`);

// Unit names end in one of these. Longest alternatives first.
const UNIT_SUFFIX =
  '(?:人民政府|贸促会|促进会|联合会|总社|供销社|人民法院|人民检察院|管理委员会|委员会|管委会|领导小组办公室|领导小组|工作小组|指挥部|联席会议办公室|联席会议|办公室|办公厅|' +
  '总公司|供电公司|公司|集团|总工会|工会|团区委|团县委|团市委|团委|妇联|残联|科协|工商联|文联|侨联|红十字会|' +
  '分中心|中心|分局|总局|局|委|办|厅|室|科|股|部|监会|法院|检察院|海关|支队|大队|中队|所|站|处|司|署|院|宣传部|组织部|统战部|政法委|编办|武装部|人武部|银行|分行|支行|党校|报社|电视台|监狱|研究院|协会|商会|学会|联社|合作社|直属库|粮库|档案馆|图书馆|博物馆|文化馆|纪念馆|科技馆|中学|小学|大学|学院|学校)';
const UNIT_RE = new RegExp(`^[\\u4e00-\\u9fa5（）()·]{1,28}?${UNIT_SUFFIX}$`);
// A functional name with its level is a unit too (区绩效考评机构, 县级以上市场监管部门), but not a class of
// units (区直部门, 市级部门, 县职能部门).
const FUNCTIONAL_RE = /^(?:[省市县区镇乡州旗]|国务院)(?!直|级部门|级机构|属|有关|相关|职能|成员|各)(?![\u4e00-\u9fa5]*等)[\u4e00-\u9fa5]{2,14}(?:机构|部门)$/;
// Heads of generic phrases that name no particular unit.
const GENERIC_HEAD =
  /^(?:市直|县直|区直|省直|镇直|公立|民营|私立|社会办|社区|村级|乡镇|镇街|街道|乡村|城乡|各|相关|有关|其他|其它|所有|全体|基层|上级|本级|同级|主管|职能|监管|行业|属地|所在地|当地|辖区|该|本|我|此|上述|以上|下列|成员|责任|牵头|配合|全区|全县|全市|全镇|全省|社会|市场主体|企业|重点|各类|有条件的)/;
const COLLECTIVE = /(各|相关|有关|其他|其它|所有)/;
// A name never opens with a preposition or a conjunction (将由…, 把…, 同时…), nor with a verb of working with
// others or an adverb before one (积极配合县教育局…, 会同县工信局…, 协助县公安局…: the unit is the verb's object)
// (a name that opens with the same character is no such word: 应急管理局, 经信局, 经济开发区管委会, 和平区…, 对外…办)
const FUNCTION_HEAD = /^(?:将|由|把|含|包括|包含|进一步|切实|不断|大力|着力|对(?!外)|在|按|经(?![信济开发贸侦管])|以|为|从|根据|通过|并|同时|要|应(?!急)|请|另|且|和(?!平)|及|与|向|给|被|让|使(?!馆)|积极|主动|认真|配合|协助|会同|协同|督促|支持|推动|加强|做好|开展|负责|推行|推进|实施|完成|落实|深化|优化|提升|强化|健全|完善|促进|加快|扩大|打造|培育|加大|严格|全面|持续|深入)/;
const PERSON = /(人$|同志|先生|女士|(?:^|[^委])书记$|[镇县区市乡省州]长$|副[镇县区市乡省州]长|秘书长$|局长$|主任$|组长$|领导$|负责人$|分管)/;
const ADMIN_ONLY = /^(?:[区县市镇乡村省旗盟]|自治县|自治州|自治区|自治旗|地区|街道|社区|镇街|村居|街镇|园区|开发区|功能区)+$/;

// precompiled: these run for every listed name
const ROLE_WORD_END = new RegExp(`(?:${LEAD_WORDS}|${CO_WORDS})$`);
const UNIT_SUFFIX_END = new RegExp(`${UNIT_SUFFIX}$`);
const LEAD_HEAD = new RegExp(`^(?:${LEAD_WORDS})`);
const CO_HEAD = new RegExp(`^(?:${CO_WORDS})`);
// a label inside a clause starts a new part; not the second half of a longer label (牵头|督办单位)
const INNER_LABEL = new RegExp(`[\\s\\u3000]*(?<!${LABEL_HEADS}|主要)(?=${CLAUSE_LABEL.source})`, 'g');
const LEAD_MARK = new RegExp(`[(（](?:${LEAD_WORDS})[)）]$|(?:${LEAD_WORDS})(?:负责|督导|指导|督办)?$`);
const CO_MARK = new RegExp(`[(（](?:${CO_WORDS})[)）]$|(?:${CO_WORDS})(?:配合)?$`);
const ROLE_MARK = new RegExp(`(?:按照职能职责|按职能职责|按照职能分工|按职能分工|按照职能|按职能|依职责|按照职责分工|按职责分工|按职责|分工|分别|共同)?[(（]?(?:${LEAD_WORDS}|${CO_WORDS}|${GUIDE_WORDS})[)）]?(?:负责)?$`);
const ROLE_IN_BRACKETS = new RegExp(`[(（](?:${LEAD_WORDS}|${CO_WORDS})[)）]`);
const BRACKET_ROLE_TAIL = new RegExp(`(?:等(?:[\\d一二三四五六七八九十]{1,3}(?:个|家)?)?)?(?:部门|单位)?(?:按照职能职责|按职能职责|按照职能分工|按职能分工|按照职能|按职能|依职责|按照职责分工|按职责分工|按职责|分工|分别|共同)?(?:负责|落实|${LEAD_WORDS}|${CO_WORDS}|${GUIDE_WORDS})+$`);
const LABEL_SCAN = new RegExp(`((?:主要)?(?:${LABEL_HEADS})${LABEL_NOUN})\\s*[:：]`, 'g');
// A unit list that ends in a collective: 区农业农村局等和各街道, 市财政局及相关单位.
const TRAILING_COLLECTIVE = /^(.+?)(?:等)?(?:和|及|以及|与|、)(?:各|相关|有关|其他|其它).*$/;

/** Whether a string has the shape of a named unit (used for unlabelled mentions). */
// Kinds of unit rather than particular ones: 派出所要…, 卫生院要…
const UNIT_KIND = /^(?:派出所|司法所|财政所|卫生院|医院|学校|幼儿园|中心|银行|保险公司|供电公司|公司|集团|协会|商会|学会|合作社|委员会|办公室|领导小组)$/;

// words that end like units but are not: 党员干部, 俱乐部, 东部…
const NOT_UNIT_END = /(?:干部|俱乐部|总部|本部|内部|外部|全部|局部|东部|西部|南部|北部|中部|腹部|基层部|大局|全局|格局|布局|结局|开局|当局|学科|本科|专科|全科|内科|外科|儿科|妇科|眼科|牙科|骨科|工科|理科|文科|医科|分科|百科|前科|股份|控股|参股|持股|入股|配股|新股)$/;

// two-character names of a list that shares its level (省发改委、农委、统计局): the commissions and offices known so
const SHORT_UNIT = /^(?:农|经|科|计|建|教|纪|侨|编|台|外|卫)(?:委|办)$/;

export function looksLikeUnit(name: string): boolean {
  if (SHORT_UNIT.test(name)) return true;
  if (name.length < 3 || name.length > 30 || UNIT_KIND.test(name) || NOT_UNIT_END.test(name)) return false;
  if (GENERIC_HEAD.test(name) || FUNCTION_HEAD.test(name) || COLLECTIVE.test(name) || PERSON.test(name)) return false;
  // a second name in brackets after the first: 市场监管总局(国家标准委), 县府办（县大数据局）
  const bare = name.replace(/[(（][\u4e00-\u9fa5、]{2,20}[)）]$/, '');
  return UNIT_RE.test(bare) || FUNCTIONAL_RE.test(bare) || BARE_FUNCTION_RE.test(bare) || (NAMED_TOWN.test(bare) && !TOWN_KIND.test(bare));
}

// a functional name without its level, as the contract counts it (财政部门要加大资金支持力度, 公安部门): one line of
// government work and 部门, nothing else
const BARE_FUNCTION_RE = /^(?:公安|财政|税务|教育|民政|人力资源社会保障|人社|自然资源|生态环境|住房城乡建设|住建|交通运输|水利|农业农村|农业|商务|文化和旅游|卫生健康|应急管理|市场监管|统计|审计|司法行政|发展改革|工业和信息化|科技|金融监管|海关|林业|粮食|医疗保障|体育|网信|宣传|知识产权)(?:行政)?(?:主管)?部门$/;

// a township named by its own name acts as a unit (亭子镇、浙水乡负责…); a kind of town does not (小城镇, 示范镇)
const NAMED_TOWN = /^[\u4e00-\u9fa5]{2,6}(?:镇|乡|街道)$/;
const TOWN_KIND = /(?:乡镇|城镇|村镇|小镇|集镇|重镇|名镇|强镇|示范镇|特色镇|中心镇|建制镇|城乡|老街道|新街道)$/;

// A township's own offices are often named by their kind alone (派出所, 卫生院) or in two characters (林站, 农办):
// read so only where a table's 责任单位 column or a labelled cell says the text is a list of units.
const SHORT_LOCAL_UNIT = /^[\u4e00-\u9fa5]{1,4}(?:站|所|办|院|队)$/;
const cellUnitOk = (n: string) => looksLikeUnit(n) || ((UNIT_KIND.test(n) || SHORT_LOCAL_UNIT.test(n)) && !COLLECTIVE.test(n) && !GENERIC_HEAD.test(n) && !FUNCTION_HEAD.test(n));

/**
 * The units of one table cell under a 责任单位 / 牵头单位 / 配合单位 column. Names may be separated by blanks only
 * (`安监站 安监所`), and a name may have lost its blank to the next (`派出所工商质监所`): in a blank-separated cell a
 * name that reads as two whole names, each ending in a unit suffix, is split.
 */
export function parseCellUnits(cell: string, role: DepartmentRole | null): TaskDepartment[] {
  const out = parseUnitList(cell, role);
  const pieces0 = cell.split(/[\s\u3000、，,；;]+/).map((x) => x.replace(/^[(（]|[)）]$/g, '')).filter(Boolean);
  // a name a wrapped cell broke at a blank (节能与综合 利用司): the piece that is no name joins the next
  const pieces: string[] = [];
  for (let i = 0; i < pieces0.length; i++) {
    if (i + 1 < pieces0.length && !cellUnitOk(pieces0[i]) && looksLikeUnit(pieces0[i] + pieces0[i + 1]) && /[\s\u3000]/.test(cell)) { pieces.push(pieces0[i] + pieces0[i + 1]); i++; } else pieces.push(pieces0[i]);
  }
  if (pieces.length < 2 && out.length) return out;
  const names: string[] = [];
  for (const p of pieces) {
    if (!cellUnitOk(p)) continue;
    let split: [string, string] | null = null;
    if (pieces.length >= 2) {
      for (let i = 2; i <= p.length - 2 && !split; i++) {
        const a = p.slice(0, i);
        const b = p.slice(i);
        if (UNIT_SUFFIX_END.test(a) && cellUnitOk(a) && cellUnitOk(b) && UNIT_SUFFIX_END.test(b)) split = [a, b];
      }
    }
    names.push(...(split ?? [p]));
  }
  if (names.length <= out.length) return out;
  const r: DepartmentRole = role ?? 'lead';
  return names.map((name) => ({ name, role: out.find((d) => d.name === name)?.role ?? r }));
}

/** Drops the brackets a split left dangling, keeping a balanced 县府办（县大数据局）. */
function balanceBrackets(s: string): string {
  let t = s;
  for (;;) {
    const open = (t.match(/[(（]/g) ?? []).length;
    const close = (t.match(/[)）]/g) ?? []).length;
    if (close > open && /[)）]$/.test(t)) t = t.slice(0, -1);
    else if (open > close && /^[(（]/.test(t)) t = t.slice(1);
    else if (open > close && /[(（]$/.test(t)) t = t.slice(0, -1);
    else if (close > open && /^[)）]/.test(t)) t = t.slice(1);
    else if (open !== close) return t.replace(/[(（)）]/g, '');
    else return t;
  }
}

/**
 * Splits a list of names at the separators outside brackets: 县委办、县府办（县食安办、县市场监管局）
 * is two names, the second one with its bracket kept.
 */
export function splitTopLevel(s: string, seps: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(' || c === '（') depth++;
    else if ((c === ')' || c === '）') && depth > 0) depth--;
    if (depth === 0 && seps.test(c)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Cleans one listed name; null when it is not a unit (a collective, a person, a leftover word). */
// a note in brackets after the last name of a list: 市财政局（第一责任单位为牵头单位，下同）, 县科技局（下同）
const NOTE_IN_BRACKET = /(?:下同|以下|同上|为牵头|牵头单位|为主|排名|排序|首位|第一|依次|按顺序)/;
// the note that names the first unit of each list as the lead one
const FIRST_LEADS = /(?:第一|首位|首个|排[名在]?第一|列第一)[^)）]{0,8}?(?:为|是)?牵头/;

export function cleanUnitName(raw: string): string | null {
  let s = raw
    .replace(/[\s\u3000]+/g, '')
    .replace(/[(（]([^()（）]{2,40})[)）]$/, (b, inner: string) => (NOTE_IN_BRACKET.test(inner) && !inner.split(/[、，,]/).every((n) => looksLikeUnit(n)) ? '' : b))
    .replace(TRAILING_COLLECTIVE, (m, left: string) => (looksLikeUnit(left.replace(/等$/, '')) ? left : m))
    .replace(/^[【\[〔“"'‘]+|[】\]〕”"'’。.；;：:，,]+$/g, '')
    .replace(/^(?:由|请|是|和|及|与|以及)/, '');
  // 县卫健委等部门按职责分工落实: the role words, then the 等部门 before them
  for (let k = 0; k < 2; k++)
    s = s
      .replace(/(?:等)?(?:按职责分工负责|按照职责分工负责|按职能分工负责|按职能职责负责|按照职能职责负责|按职责负责|分工负责|分别负责|按照职能职责|按职能职责|按照职责分工|按职责分工|按职责|负责落实|负责|共同推进|共同负责|具体实施|组织实施|落实|指导|督导|督办)$/, '')
      .replace(/等(?:[\d一二三四五六七八九十]{1,3}(?:个|家)?)?(?:部门|单位|相关部门|有关部门|相关单位|有关单位|成员单位)?$/, '');
  s = s
    .replace(/[(（](?:牵头|配合|协同|协办|参与|负责|责任|主办)[)）]$/, '')
    .replace(ROLE_WORD_END, '');
  s = balanceBrackets(s);
  if (s.length < 2 || s.length > 30) return null;
  // a unit is named in Chinese: at least two Han characters (not a stray marker such as (1))
  if ((s.match(/[\u4e00-\u9fa5]/g) ?? []).length < 2) return null;
  // a 、 only inside a bracket that lists the offices behind a unit: 县府办（县食安办、县市场监管局）
  if (!/^[\u4e00-\u9fa5A-Za-z0-9（）()·]+$/.test(s.replace(/[(（][^()（）]*[)）]/g, (b) => b.replace(/、/g, '')))) return null;
  if (COLLECTIVE.test(s) || PERSON.test(s) || ADMIN_ONLY.test(s.replace(/[()（）]/g, ''))) return null;
  // a class of units: 市直园区管委会, 县直单位
  if (/^(?:市直|县直|区直|省直|镇直)/.test(s)) return null;
  if (/^(?:单位|部门|机构|成员单位|职能部门|相关部门|镇街|街镇)$/.test(s)) return null;
  if (/(?:部门|单位|机构|企业|学校|群众|人员)$/.test(s) && !looksLikeUnit(s)) return null;
  return s;
}

/** Splits "A和B" into two units only when both halves are unit names themselves (区住房和城乡建设委员会 stays whole). */
function splitConjunction(name: string): string[] {
  // 农业农村部等部门和地方人民政府: two parts of a list
  const parts = name.split(/等(?:部门|单位)?(?:和|及|以及|与)/);
  if (parts.length > 1) return parts.flatMap((p) => splitConjunction(p));
  for (const conj of ['以及', '和', '及', '与']) {
    let from = 0;
    for (;;) {
      const i = name.indexOf(conj, from);
      if (i < 0) break;
      const a = name.slice(0, i);
      const b = name.slice(i + conj.length);
      if (UNIT_RE.test(a) && looksLikeUnit(b) && UNIT_SUFFIX_END.test(a)) {
        return [...splitConjunction(a), ...splitConjunction(b)];
      }
      from = i + 1;
    }
  }
  return [name];
}

function roleOfLabel(label: string | undefined): DepartmentRole | null {
  if (!label) return null;
  if (LEAD_HEAD.test(label)) return 'lead';
  if (CO_HEAD.test(label)) return 'co';
  return null;
}

/**
 * Parses the inside of a department clause into units with roles:
 * "区市场监管局牵头,区经信委、区商务委配合" → lead, co, co; "牵头单位:A;配合单位:B" → A lead, B co;
 * a plain list → all lead.
 */
// 县市场监管局为牵头单位，县工信局为配合单位: the role written as a predicate noun reads as the role word
const ROLE_PREDICATE = /(?:为|是|作为)(牵头|配合|协同|协办|主办|参与|责任)(?:单位|部门)/g;

export function parseUnitList(content: string, labelRole: DepartmentRole | null = null): TaskDepartment[] {
  const out: TaskDepartment[] = [];
  let sawLead = labelRole === 'lead';
  const assigned: Array<{ name: string; role: DepartmentRole | null }> = [];
  const marked = content.replace(ROLE_PREDICATE, (_m, r: string) => (r === '责任' ? '负责' : r)).replace(INNER_LABEL, '；');
  const chunks = marked.split(/(?=[。；;])/);
  for (let ci = 0; ci < chunks.length; ci++) {
    const afterStop = chunks[ci].startsWith('。');
    let chunk = chunks[ci].replace(/^[。；;]/, '').trim();
    if (!chunk) continue;
    if (afterStop && !CLAUSE_LABEL_AT.test(chunk)) break;
    // a deadline label after the names on the same line: 责任单位：县市场监管局 完成时限：2025年12月
    chunk = chunk.replace(/[\s\u3000]*(?:完成时限|完成时间|时间节点|时限要求|时限|进度安排|时间安排)\s*[:：][\s\S]*$/, '');
    let chunkRole: DepartmentRole | null = assigned.length === 0 ? labelRole : null;
    const lab = CLAUSE_LABEL_AT.exec(chunk);
    if (lab) {
      chunkRole = roleOfLabel(lab[1]);
      if (chunkRole === 'lead') sawLead = true;
      chunk = chunk.slice(lab[0].length);
    } else if (/^(?:完成时限|完成时间|时间节点|时限|进度|时间安排)/.test(chunk)) continue;
    let pending: Array<{ name: string; role: DepartmentRole | null }> = [];
    // a comma ends a group: in "A、B，C配合" the role word after C is C's alone, A and B keep theirs
    const pieces: Array<{ text: string; groupStart: boolean }> = [];
    for (const group of splitTopLevel(chunk, /[，,]/))
      splitTopLevel(group, /[、\/／]/).forEach((text, gi) => pieces.push({ text, groupStart: gi === 0 }));
    // 各 distributes over the 、-list it opens: 各县、自治县人民政府 names no unit
    let distributing = false;
    for (const { text: piece0, groupStart } of pieces) {
      let piece = piece0.trim();
      if (groupStart) {
        assigned.push(...pending);
        pending = [];
        distributing = false;
      }
      if (!piece) continue;
      if (/^各/.test(piece)) distributing = true;
      else if (distributing && ADMIN_ONLY.test(piece.replace(BRACKET_ROLE_TAIL, '').replace(/[(（][^()（）]{1,8}[)）]$/, '').replace(/(?:人民政府|政府|党委|党工委|管委会|办事处)$/, '').replace(/[()（）、]/g, ''))) continue;
      else distributing = false;
      if (/^(?:完成时限|完成时间|时间节点|以下|下同|不再列出)/.test(piece)) break;
      // (县工信局 2024年6月: a deadline after a blank)
      piece = piece.replace(BLANK_DEADLINE_TAIL, '');
      if (DEADLINE_PIECE.test(piece)) continue;
      let role: DepartmentRole | null = null;
      let closesGroup = false;
      if (LEAD_MARK.test(piece)) {
        role = 'lead';
        closesGroup = true;
        sawLead = true;
      } else if (CO_MARK.test(piece)) {
        role = 'co';
        closesGroup = true;
      }
      piece = piece.replace(/^由/, '');
      // 县市场监管局会同县农业农村局负责: the first leads, the one it works with is co
      const withAt = piece.indexOf('会同');
      if (withAt > 0) {
        const a = cleanUnitName(piece.slice(0, withAt));
        const b = cleanUnitName(piece.slice(withAt + 2).replace(ROLE_MARK, ''));
        if (a && b && looksLikeUnit(a) && looksLikeUnit(b)) {
          assigned.push(...pending, { name: a, role: 'lead' }, { name: b, role: 'co' });
          pending = [];
          sawLead = true;
          continue;
        }
      }
      // names separated by blanks only: 配合单位:县财政局 县科技局
      // (a bare 负责 after the last name goes too: 县市场监管局和县工信局负责, 县市场监管局 县财政局负责)
      const bare = piece.replace(ROLE_MARK, '').replace(/(?:按照职能职责|按职能职责|按照职能分工|按职能分工|按照职能|按职能|依职责|按照职责分工|按职责分工|按职责|分工|分别|共同)?(?:负责|落实)$/, '');
      const spaced = bare.trim().split(/[\s\u3000]+/);
      const parts = spaced.length > 1 && spaced.every((n) => looksLikeUnit(n)) ? spaced : splitConjunction(bare);
      for (const part of parts) {
        const name = cleanUnitName(part);
        if (name) pending.push({ name, role: chunkRole });
      }
      if (closesGroup) {
        for (const p of pending) p.role = role;
        assigned.push(...pending);
        pending = [];
      }
    }
    assigned.push(...pending);
  }
  // (第一责任单位为牵头单位): the first of a list without role words leads, the others are co
  if (!sawLead && FIRST_LEADS.test(content) && assigned.every((a) => a.role === null)) {
    assigned.forEach((a, i) => (a.role = i === 0 ? 'lead' : 'co'));
  }
  for (const a of assigned) {
    const role: DepartmentRole = a.role ?? (sawLead ? 'co' : 'lead');
    if (!out.some((o) => o.name === a.name)) out.push({ name: a.name, role });
  }
  return out;
}

export interface DepartmentMention {
  start: number;
  end: number;
  departments: TaskDepartment[];
  kind: 'clause' | 'bracket' | 'duty';
  /** A deadline written inside the clause, e.g. 完成时限:2022年底. */
  deadline: string | null;
}

/**
 * Reads up to the bracket that closes the one at `open` (or the line end when it never closes). A clause
 * wrapped onto the next line (（责任单位：县市场监管局、⏎县住建局）) runs on when that short line closes it.
 */
function bracketEnd(text: string, open: number): number {
  let depth = 0;
  let wrapped = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '\n') {
      if (wrapped || depth !== 1) return i;
      const nl = text.indexOf('\n', i + 1);
      const next = text.slice(i + 1, nl < 0 ? text.length : nl);
      const close = next.search(/[)）]/);
      if (close < 0 || close > 60 || /[(（:：。]/.test(next.slice(0, close)) || /^[\s\u3000]*(?:[一二三四五六七八九十]+、|[(（]|\d+[.．、])/.test(next)) return i;
      wrapped = true;
    }
  }
  return text.length;
}

/** The next item after a blank, on the same line: 2.落实…, 二、…, (三)… */
const RUN_ON_ITEM = /[\s\u3000]*(?=\d{1,3}[.．、][\u4e00-\u9fa5“"])|[\s\u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）])[\u4e00-\u9fa5“"])/;

const DEADLINE_LABEL = /(?:完成时限|完成时间|时间节点|时限要求|时限|进度安排|时间安排)\s*[:：]\s*([^;；。)）\n]{2,30})/;

/** Normalizes a task deadline: 2022年12月31日 → 2022-12-31; 长期坚持 → 长期; 2022年底前 → 2022年底. */
export function normalizeDeadline(raw: string): string | null {
  const s = raw.replace(/[\s\u3000]+/g, '').replace(/[，,。；;]+$/, '');
  if (!s) return null;
  if (/^(?:长期|持续|常态|每年|年度|常年)/.test(s)) return /^每年/.test(s) ? '每年' : '长期';
  const d = /((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/.exec(s);
  if (d) return `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`;
  const m = /((?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末|上半年|下半年|年底|前)?)/.exec(s);
  if (m) return m[1].replace(/前$/, '');
  return s.length <= 12 ? s : null;
}

const BRACKET_ROLE_WORD = new RegExp(`(负责|按职责|按职能|依职责|${LEAD_WORDS}|${CO_WORDS}|${GUIDE_WORDS})`);
// a note on the order of the list: 排第一位的为牵头单位, 排名第一的单位牵头, 列首位的为牵头单位
const ORDER_NOTE = new RegExp(`[，,；;]?\\s*(?:其中)?[，,]?(?:排|列|位)(?:名|在|于|列)?(?:第一|首)(?:位|个)?的?(?:单位|部门)?(?:为|是)?(?:${LEAD_WORDS})(?:单位|部门)?(?:[，,；;].*)?$`);

/**
 * Whether a bracket closes its paragraph, after a full stop (…加强执法。（县市场监管局、县公安局）): the
 * place where a plan names the units of the task it has just described.
 */
/** A bracket that closes a sentence: its list follows the sentence's words and a stop follows it. */
function closesSentence(seg: string, b: { start: number; end: number }): boolean {
  const last = seg[b.end - 1] ?? '';
  if (!/[)）]/.test(last) || !/[(（]/.test(seg[b.start])) return false;
  return /[\u4e00-\u9fa5”"》]/.test(seg[b.start - 1] ?? '') && /^[。；;]/.test(seg.slice(b.end, b.end + 1));
}
// a city, county or prefecture named by its own name (宜昌市, 襄樊市): not a kind of area
const NAMED_PLACE = /^(?![\u4e00-\u9fa5]*(?:城区|市区|县区|辖区|园区|景区|社区|小区|片区|矿区|库区|山区|林区|牧区|灾区|老区|新区|各市|全市|全县|全区|本市|本县|本区|我市|我县|我区)$)[\u4e00-\u9fa5]{2,4}(?:市|县|区|州|盟|旗)$/;
const COUNTED_GROUP = /[\d一二三四五六七八九十两]+个?(?:市|县|区|州|市州|县市区|县区|乡镇|街道|部门|单位)等?$/;

/** A bracket closing an item's heading line: （一）加强计量服务（县市场监管局、县发改局）. */
function closesHeading(seg: string, b: { start: number; end: number }): boolean {
  const last = seg[b.end - 1] ?? '';
  if (!/[)）】〕\]]/.test(last) || !/[(（【〔\[]/.test(seg[b.start])) return false;
  if (!/^[\s\u3000。；;]*(?:\n|$)/.test(seg.slice(b.end, b.end + 3))) return false;
  const lineStart = seg.lastIndexOf('\n', b.start - 1) + 1;
  const head = seg.slice(lineStart, b.start);
  return /^[\s\u3000]*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.、．](?!\d))[\s\u3000]*[^。；;！？!?]{2,60}$/.test(head) && /[\u4e00-\u9fa5”》]$/.test(head.trimEnd());
}

function closesParagraph(seg: string, b: { start: number; end: number }): boolean {
  // a bracket cut off by the page end or a line break is no list of its own
  const last = seg[b.end - 1] ?? '';
  const want = CLOSER[seg[b.start]];
  if (!(last === want || (/[)）]/.test(last) && /[)）]/.test(want ?? '')))) return false;
  const before = seg.slice(Math.max(0, b.start - 2), b.start).replace(/[\s\u3000]+$/, '');
  if (!/[。；;]$/.test(before)) return false;
  const after = seg.slice(b.end, b.end + 3);
  return /^[\s\u3000。；;]*(?:\n|$)/.test(after);
}
// (the blank may be lost in normalizing: 县工信局2024年6月)
const BLANK_DEADLINE_TAIL = /(?:[\s\u3000]+|(?<=[局委办厅部院府心司队所站会]))(?:(?:19|20)\d{2}年|\d{1,2}月底?前?$|年底前?$)[\s\S]*$/;
const DEADLINE_PIECE = /(?:(?:19|20)\d{2}年|^长期|^持续|前完成|底前|^(?:全年|年内|年中|常年|每月|每季度|每半年|每年)$)/;

/** Index of the first element whose start is ≥ pos (elements sorted by start). */
function lowerBound(xs: Array<{ start: number }>, pos: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Labelled clauses and unlabelled role brackets in text[from, to). */
/** The clauses a task list was built from (extractTasks records them so that collectDepartments need not read them again). */
export const clausesOfTasks = new WeakMap<Task[], DepartmentMention[]>();

const SITE_CREDIT_NEAR = /网(?:站)?(?:[\s\u3000]*$|\n)|平台\n|ICP|备案|技术支持|网站标识码|版权所有|Copyright/i;

// a label in lenticular brackets (【牵头单位】县市场监管局【配合单位】县财政局) reads as one with a colon; the rewrite
// keeps every offset (【 becomes a blank, 】 a colon)
const BOXED_LABEL = new RegExp(`[【\\[［]((?:主要)?(?:${LABEL_HEADS})${LABEL_NOUN})[】\\]］]`, 'g');

export function findClauses(text: string, from = 0, to = text.length): DepartmentMention[] {
  // (the same length: a label boxed in 【】, [] or ［］ is read as one with a colon)
  const boxed = /[【\[［]/.test(text) ? text.replace(BOXED_LABEL, (_m, label: string) => ` ${label}：`) : text;
  return findClausesIn(boxed, from, to);
}

function findClausesIn(text: string, from: number, to: number): DepartmentMention[] {
  const out: DepartmentMention[] = [];
  // where the text ends, trailing blanks aside (a list that runs to it may be cut by the page's end)
  let textEnd = text.length;
  while (textEnd > 0 && /\s/.test(text[textEnd - 1])) textEnd--;
  const seg = text.slice(from, to);
  const labelRe = LABEL_SCAN;
  labelRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  let covered = -1;
  while ((m = labelRe.exec(seg))) {
    const labelPos = from + m.index;
    if (labelPos < covered) continue;
    // a website's own credits (主办单位:中共某市委宣传部 / 承办单位:某某网): the site, not a task
    if (/^(?:主办|承办|协办)/.test(m[1]) && SITE_CREDIT_NEAR.test(text.slice(Math.max(0, text.lastIndexOf('\n', Math.max(0, labelPos - 80))), Math.min(text.length, labelPos + 160)))) continue;
    // a label opens a clause at a line start or right after a bracket or a separator
    const prev = m.index > 0 ? seg[m.index - 1] : '\n';
    // (or after a bullet sign: ★责任单位：…)
    if (!/[\n(（\[【〔\s；;。，,、★☆▲△■□●○◆◇•·※→＊*]/.test(prev)) continue;
    const lineStart = text.lastIndexOf('\n', labelPos - 1) + 1;
    const before = text.slice(lineStart, labelPos);
    const open = Math.max(before.lastIndexOf('('), before.lastIndexOf('（'));
    let start: number;
    let end: number;
    if (open >= 0 && !/[)）]/.test(before.slice(open + 1))) {
      start = lineStart + open;
      end = Math.min(to, bracketEnd(text, start));
    } else {
      start = labelPos;
      const nl = text.indexOf('\n', start);
      end = Math.min(to, nl < 0 ? text.length : nl);
      // a page that lost its breaks runs the next item on after the list: …县农业农村局 2.落实… / … 二、…
      const runOn = RUN_ON_ITEM.exec(text.slice(start, end));
      if (runOn) end = start + runOn.index;
      // a list wrapped after its separator (责任单位：县农业农村局、县市场监管局、⏎县公安局): the next line, when it holds
      // only unit names, goes on with it
      else {
        while (end < to && /[、，,][\s\u3000]*$/.test(text.slice(start, end))) {
          const nx = text.indexOf('\n', end + 1);
          const next = text.slice(end + 1, nx < 0 ? text.length : nx).trim().replace(/[。；;]$/, '');
          if (!next || !next.split(/[、，,]/).filter(Boolean).every((n) => looksLikeUnit(n))) break;
          end = Math.min(to, nx < 0 ? text.length : nx);
        }
      }
    }
    // only a clause that opened with a bracket loses its closing one: 责任单位:…、市市场监管局（市知识产权局） keeps it
    const raw = text.slice(start, end);
    const opens = (raw.match(/[(（]/g) ?? []).length;
    const closes = (raw.match(/[)）]/g) ?? []).length;
    const inner = /^[(（]/.test(raw) || closes > opens ? raw.replace(/^[(（]/, '').replace(/[)）]$/, '') : raw;
    const dl = DEADLINE_LABEL.exec(inner);
    let departments = parseUnitList(inner, null);
    // a list the page's end cuts off (牵头单位:区商|): its last name, unless it reads as a whole one, is cut too
    if (departments.length && end >= textEnd && !/[。；;，,、)）\]】〕]\s*$/.test(inner) && !looksLikeUnit(departments[departments.length - 1].name)) departments = departments.slice(0, -1);
    // 牵头单位：县发改局 ⏎ 责任单位：县统计局 — a 责任单位 line right under a 牵头单位 line names the co-workers
    const prevClause = out[out.length - 1];
    const ownLabel = CLAUSE_LABEL_AT.exec(inner)?.[1];
    if (prevClause && prevClause.kind === 'clause' && ownLabel && roleOfLabel(ownLabel) === null && /^[\s\u3000]*$/.test(text.slice(prevClause.end, start))
      && LEAD_HEAD.test(CLAUSE_LABEL_AT.exec(text.slice(prevClause.start, prevClause.end).replace(/^[(（]/, ''))?.[1] ?? '')
      && !/[；;]/.test(text.slice(prevClause.start, prevClause.end))) {
      departments = departments.map((d) => ({ ...d, role: 'co' as const }));
    }
    out.push({ start, end, departments, kind: 'clause', deadline: dl ? normalizeDeadline(dl[1]) : null });
    covered = end;
    labelRe.lastIndex = Math.max(labelRe.lastIndex, end - from);
  }
  // unlabelled brackets made only of unit names and role words: (区市场监管局牵头,区经信委配合),
  // 〔国家发展改革委、市场监管总局(国家标准委)牵头，…按职责分工负责。以下均需…〕
  // labelled clauses come in order and do not overlap: an overlap test by binary search
  const labelled = out.slice();
  for (const b of unlabelledBrackets(seg)) {
    const start = from + b.start;
    const end = from + b.end;
    const k = lowerBound(labelled, end) - 1;
    if (k >= 0 && labelled[k].end > start) continue;
    if (k >= 1 && labelled[k - 1].end > start) continue;
    // a note after 。 inside the bracket (排第一位的为牵头单位) is not part of the list, nor one after a
    // comma (区发改局、区财政局，排名第一的为牵头单位)
    const [noted, ...rest] = b.inner.replace(ROLE_PREDICATE, (_m, r: string) => (r === '责任' ? '负责' : r)).split('。');
    const inner = noted!.replace(ORDER_NOTE, '');
    // …、中储粮某某直属库。排名第一的为牵头单位，下同: the note after the stop says the list is a responsibility
    const noteAfterStop = FIRST_LEADS.test(rest.join('。'));
    const hasNote = inner !== noted || noteAfterStop;
    // a bracket that only lists units, closing its paragraph: 加强执法。（县市场监管局、县公安局）
    // (…提升城市综合经济实力(省发改委、建设厅)。: a bracket closing a sentence of a division of labour, too)
    // (…及五大质量组长单位(市质监局、市建委)、相关单位要高度重视: a bracket naming which units a noun of units
    // means, in the subject of a duty sentence)
    const namesUnits = !BRACKET_ROLE_WORD.test(inner) && /(?:单位|部门)$/.test(seg.slice(Math.max(0, b.start - 2), b.start))
      && /^[^。；;，,]{0,30}?(?:要|应当|应|须|负责|牵头)/.test(seg.slice(b.end, b.end + 40));
    const bareList = !BRACKET_ROLE_WORD.test(inner) && (closesParagraph(seg, b) || closesSentence(seg, b) || closesHeading(seg, b) || namesUnits);
    if (!BRACKET_ROLE_WORD.test(inner) && !hasNote && !bareList) continue;
    const deadlinePiece = splitTopLevel(inner, /[、，,；;]/).find((p) => DEADLINE_PIECE.test(p));
    const pieces = splitTopLevel(inner, /[、，,；;\/／]/)
      // (县工信局 2024年6月: a deadline after a blank)
      .map((p) => p.replace(BLANK_DEADLINE_TAIL, ''))
      .flatMap((p) => {
        // (县市场监管局 县公安局): names separated by blanks only
        const parts = p.trim().split(/[\s\u3000]+/);
        return parts.length > 1 && parts.every((x) => looksLikeUnit(x.replace(BRACKET_ROLE_TAIL, ''))) ? parts : [p];
      })
      .filter((p) => !DEADLINE_PIECE.test(p))
      .map((p) => p.replace(BRACKET_ROLE_TAIL, '').replace(/^由/, '').replace(TRAILING_COLLECTIVE, '$1').replace(/等$/, '').trim())
      .filter(Boolean);
    // a list of units with role words; one name of an unfamiliar shape (…专班) does not hide the others,
    // but an aside that only mentions a unit ((含乡镇卫生院负责的村卫生室)) is no list
    const readable = pieces.filter((p) => looksLikeUnit(p));
    // (the officials a bracket names before its units are no names of unknown shape: 分管副省长、协管副秘书长负责,
    // 省发展改革委牵头…; nor is a last piece the page's end cuts off)
    const cutAt = /[)）\]】〕]/.test(seg[b.end - 1] ?? '') ? -1 : pieces.length - 1;
    // (a named city or county beside units is its government: 省发改委、建设厅、宜昌市、襄樊市)
    const others = pieces.filter((p, k) => !looksLikeUnit(p) && !COLLECTIVE.test(p) && !PERSON.test(p) && k !== cutAt && !(readable.length && NAMED_PLACE.test(p)));
    if (!readable.length || others.length > readable.length || others.some((p) => p.length > 16 || /[的了把将对在]/.test(p))) continue;
    // without a role word every piece must read as a unit (no aside such as (含县人民医院) or (以下简称…))
    // (collectives and generic names beside them are left out: 县市场监管局、县科工信局，各乡镇人民政府、街道办事处)
    // (and a count of places or units: 武汉城市圈9市等, 沿线5县)
    // (and a level's government that 各 before it distributes over: 各市(县)、区政府)
    const distributed = (p: string) => /^(?:[区县市镇乡]|县市|市县|县区|区县|乡镇|镇街|街道)(?:人民政府|政府|办事处)$/.test(p) && pieces.some((q, k) => /^各/.test(q) && pieces[k + 1] === p);
    const generic = (p: string) => COLLECTIVE.test(p) || /^(?:乡镇|街道|镇街|街镇)(?:人民政府|政府|办事处)?$/.test(p) || COUNTED_GROUP.test(p) || distributed(p);
    // (a note that names the lead is a role word of its own)
    if ((bareList || (hasNote && !noteAfterStop)) && !BRACKET_ROLE_WORD.test(inner) && others.some((p) => !generic(p))) continue;
    let departments = parseUnitList(inner, null).filter((d) => looksLikeUnit(d.name) || !others.includes(d.name));
    // a note that the first named leads (排第一位的为牵头单位) makes the others co-workers, as under a labelled list
    if (hasNote && departments.length > 1 && departments.every((d) => d.role === 'lead')) {
      departments = departments.map((d, i) => (i === 0 ? d : { ...d, role: 'co' as const }));
    }
    if (departments.length) out.push({ start, end, departments, kind: 'bracket', deadline: deadlinePiece ? normalizeDeadline(deadlinePiece) : null });
  }
  // an item's heading closed by a dash and its units: 1.开展质量攻关——县市场监管局、县工信局
  const dashed = /(^|\n)([ \t\u3000]*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.、．](?!\d))[^\n。；;]{2,60}?)(?:——|—|－－|--)[ \t\u3000]*([^\n—－]{3,120}?)[。；;]?[ \t\u3000]*(?=\n|$)/g;
  let d: RegExpExecArray | null;
  while ((d = dashed.exec(seg))) {
    const list = d[3];
    const start = from + d.index + d[1].length + d[2].length;
    const names = splitTopLevel(list.replace(BRACKET_ROLE_TAIL, ''), /[、，,\s\u3000]/).map((n) => n.replace(BRACKET_ROLE_TAIL, '').trim()).filter(Boolean);
    if (!names.length || !names.every((n) => looksLikeUnit(n) || BRACKET_ROLE_WORD.test(n))) continue;
    if (out.some((o) => o.start < start + d![0].length && start < o.end)) continue;
    const departments = /[\s\u3000]/.test(list.trim()) && !/[、，,]/.test(list) ? names.filter((n) => looksLikeUnit(n)).map((name) => ({ name, role: 'lead' as DepartmentRole })) : parseUnitList(list, null);
    if (departments.length) out.push({ start, end: from + d.index + d[0].length, departments, kind: 'bracket', deadline: null });
  }
  return out.sort((a, b) => a.start - b.start);
}

// a time phrase before the subject: 2025年6月底前，区统计局建立… / 年内，
const TIME_PHRASE = '(?:(?:到|至|截至|在|于)?(?:(?:19|20)\\d{2}年(?:\\d{1,2}月)?(?:\\d{1,2}日)?|\\d{1,2}月(?:\\d{1,2}日)?|年内|年底|今年|每年|近期)(?:上旬|中旬|下旬|底|末|初)?(?:前|以前|之前|起|开始)?[，,][\\s\\u3000]*)?';
const CLOSER: Record<string, string> = { '(': ')', '（': '）', '〔': '〕', '【': '】', '[': ']' };

/**
 * Brackets of any kind that hold no line break, with the brackets nested inside them
 * (市场监管总局(标准委)); one that never closes runs to the end of its line.
 */
function unlabelledBrackets(seg: string): Array<{ start: number; end: number; inner: string }> {
  const out: Array<{ start: number; end: number; inner: string }> = [];
  for (let i = 0; i < seg.length; i++) {
    const close = CLOSER[seg[i]];
    if (!close) continue;
    let depth = 0;
    let j = i;
    for (; j < seg.length && j - i <= 240; j++) {
      const c = seg[j];
      if (c === '\n') break;
      if (c === seg[i] || (seg[i] === '(' && c === '（') || (seg[i] === '（' && c === '(')) depth++;
      else if (c === close || (close === ')' && c === '）') || (close === '）' && c === ')')) {
        depth--;
        if (depth === 0) break;
      }
    }
    const closed = j < seg.length && seg[j] !== '\n' && depth === 0;
    if (!closed && !(seg[j] === '\n' || j >= seg.length)) continue;
    const inner = seg.slice(i + 1, j);
    if (inner.length < 3) continue;
    out.push({ start: i, end: closed ? j + 1 : j, inner });
    if (closed && seg[i] !== '(' && seg[i] !== '（') i = j; // a square bracket never holds another list
  }
  return out;
}

const CO_BY_DUTY = new RegExp(`^(?:(?:按照职责分工|按职责分工|按照职责|按职责)(?:${CO_WORDS})|为(?:配合|协办)(?:单位|部门))`);

const DUTY_VERB = '为(?:责任|牵头|主责|主办|承办|配合|协办)(?:单位|部门)|负总责|总负责|抓好|抓紧|于|建立|建成|实现|发布|落实|实施|完成|制定|出台|开展|形成|印发|启动|编制|推动|推进|按职责|按照职责|按照各自职责|按各自职责|各司其职|各负其责|分别|共同|每年|定期|及时|依法|主动|具体|作为|要|应当|应|须|必须|负责|牵头|会同|承担|履行|统筹|组织|继续|切实|加快|积极|认真|进一步|全面|重点|着力|加强|督促|做好';

/**
 * Duty sentences: a sentence (or a paragraph after its marker) whose subject is a list of units
 * followed by a duty verb (质监分局要认真履行…; 区发改委、区商贸总公司要…), and 由X负责/牵头.
 */
// the units after 会同 (or after 牵头, 配合 units): up to the verb that follows them
const CO_LIST = /^([\u4e00-\u9fa5（）()、和及与]{3,80}?)(?:等部门|等单位|等)?(?:[，,]|共同|联合|推进|开展|加强|做好|制定|建立|负责|组织|落实|研究|实施|完善|确定|出台|编制|印发|明确|起草|对|做)/;

// after "X牵头": ，Y、Z(等部门)配合
const LEAD_THEN_CO = new RegExp(`^[，,]\\s*([\\u4e00-\\u9fa5（）()、和及与]{3,80}?)(?:等部门|等单位|等)?(?:按职责分工|按照职责分工|按职责)?(?:${CO_WORDS})`);

// a heading phrase (…建设, …保障, …领导) directly before a unit named with its level
const GLUED_HEADING = /^([\u4e00-\u9fa5]{2,16}?(?:建设|管理|提升|体系|机制|保障|领导|服务|监管|行动|工程|品牌|培育|发展|创新|治理|基础|环境|氛围|考核|宣传|落实))([省市县区镇乡][\u4e00-\u9fa5（）()]{2,24})$/;

// the units of a co list: collectives (各村（社区）, 有关部门) are dropped, the rest must all be units
const CO_COLLECTIVE = /^(?:各|有关|相关|其他|其它)/;
function coUnits(list: string | undefined): string[] {
  if (!list) return [];
  const names = splitTopLevel(list, /、/).flatMap((p) => splitConjunction(p)).filter((n) => !CO_COLLECTIVE.test(n));
  return names.length && names.every((n) => looksLikeUnit(n)) ? names : [];
}

// how far after a duty verb the co units are looked for (the lists it reads are at most 80 characters)
const LOOKAHEAD = 200;

const SUPERVISOR = /(?:督查室|督查办|督查组|督办室|考核办|绩效办|纪委监委|监察局)$/;
const SUPERVISION = /(?:督查|督办|跟踪问效|追责|问责|通报)/;

/**
 * A lead's mark in brackets (（牵头）, （主责单位）) masked, the text's length kept: 牵头 would end a duty subject or a
 * 由-clause before the names after it. The mask is read back by MASKED_LEAD / MASKED_LEAD_END.
 */
function maskLeadMarks(seg: string): string {
  return seg.replace(/[(（](?:牵头|主责)(?:单位)?[)）]/g, (x) => x[0] + '甲'.repeat(x.length - 2) + x[x.length - 1]);
}
const MASKED_LEAD = /[(（]甲{2,4}[)）]/g;
const MASKED_LEAD_END = /[(（]甲{2,4}[)）]$/;

export function findDutySubjects(text: string, from = 0, to = text.length): DepartmentMention[] {
  const out: DepartmentMention[] = [];
  const seg = text.slice(from, to);
  const subj = new RegExp(
    `(^|[\\n。；;！!？?]|——|[，,](?=[\\s\\u3000]*[省市县区镇乡州旗][\\u4e00-\\u9fa5]))[\\s\\u3000]*(?:(?:[(（]?[一二三四五六七八九十\\d]{1,3}[)）.．、]|第[一二三四五六七八九十百零\\d]{1,4}条)[\\s\\u3000]*)?${TIME_PHRASE}([\\u4e00-\\u9fa5][\\u4e00-\\u9fa5（）()、和及与]{2,80}?)(?:等[\\d一二三四五六七八九十]{1,3}个?(?:部门|单位|家单位))?(?:[。．]?[ \\u3000]*\\n?)(${DUTY_VERB})`,
    'g',
  );
  let m: RegExpExecArray | null;
  const scan = maskLeadMarks(seg);
  while ((m = subj.exec(scan))) {
    // a heading glued to the subject by line joining: (三)品牌建设县商务局要… → 县商务局
    const glued = GLUED_HEADING.exec(m[2]);
    // 县国农区办等有资金整合任务的县级部门要…: the unit before a 等-tail that describes a class of units
    // (镇食品安全监管所、镇畜牧兽医站等镇属相关单位要…: a class named after 等 by its level)
    const list = (glued && looksLikeUnit(glued[2]) ? glued[2] : m[2]).replace(/等(?:部门|单位|相关部门|有关部门|相关单位|有关单位|[\u4e00-\u9fa5]{1,20}?的[\u4e00-\u9fa5]{0,6}(?:部门|单位)|[省市县区镇乡][属直级](?:相关|有关)?(?:部门|单位))?$/, '');
    // (县商务局（牵头）、县文旅局按职责分工负责: the unit marked in brackets leads, the others work with it)
    // (the mark is masked while the subject is read — 牵头 would end it — and read here)
    let names = splitTopLevel(list, /、/).flatMap((p) => splitConjunction(p));
    const marked = names.some((n) => MASKED_LEAD_END.test(n)) ? new Set(names.filter((n) => MASKED_LEAD_END.test(n)).map((n) => n.replace(MASKED_LEAD_END, ''))) : null;
    if (marked) names = names.map((n) => n.replace(MASKED_LEAD_END, ''));
    // (各村、镇农产品质量安全监管站、镇食品安全监管所要…: a collective among named units is left out)
    const namedAmong = names.filter((n) => !CO_COLLECTIVE.test(n));
    if (namedAmong.length && namedAmong.length < names.length && CO_COLLECTIVE.test(names[0]) && namedAmong.every((n) => looksLikeUnit(n) && n.replace(/[(（][^)）]*[)）]/g, '').length >= 4)) names = namedAmong;
    // (具体由县市场监管局负责: a 由-clause, read below)
    if (!names.length || !names.every((n) => looksLikeUnit(n)) || /^(?:具体|主要|统一|均|分别|全部|并|再|改)?由/.test(list)) {
      subj.lastIndex = m.index + Math.max(1, m[1].length);
      continue;
    }
    // 县市场局负责同志宣读了…: the unit's official (负责同志, 负责人), not a duty of the unit
    if (/^(?:负责|主要负责|分管)$/.test(m[3]) && /^(?:同志|人)/.test(seg.slice(m.index + m[0].length, m.index + m[0].length + 2))) {
      subj.lastIndex = m.index + Math.max(1, m[1].length);
      continue;
    }
    const at = from + m.index + m[0].lastIndexOf(list) ;
    // the notice's own supervision of the plan (市政府督查室要将…作为重点督查内容, 县纪委监委将严肃追责): who
    // watches the tasks is no unit of one (as the corpora's gold reads it)
    const predicate = seg.slice(m.index + m[0].length - m[3].length, m.index + m[0].length + 40).split(/[。；;\n]/)[0];
    if (names.every((n) => SUPERVISOR.test(n)) || (SUPERVISION.test(predicate) && /(?:重点工作|目标任务|工作任务|落实情况|完成情况|进展情况)/.test(predicate))) {
      subj.lastIndex = m.index + Math.max(1, m[1].length);
      continue;
    }
    // (…，县交通局、县水利局按职责配合: units that work with the one before)
    // (县市场监管局要积极配合, 县公安局积极协助: a subject whose duty is to work with the lead)
    const ahead = m[3] + seg.slice(m.index + m[0].length, m.index + m[0].length + 8);
    // (not one that works with others it names: 公安分局要密切配合质监、工商等部门查处… is the task's own unit)
    const coOnly = CO_BY_DUTY.test(ahead) || new RegExp(`^(?:要|应当|应|须|必须)?(?:积极|主动|全力|密切|认真)?(?:${CO_WORDS})(?=[。；;，,\\n]|$|做好|抓好|落实|推进|实施|完成)`).test(ahead);
    const departments: TaskDepartment[] = names.map((name) => ({ name, role: (coOnly || (marked && !marked.has(name)) ? 'co' : 'lead') as DepartmentRole }));
    // 区市场监管局会同区经信委、区商务委推进…, 市发改委负责会同市教育局… — the units it works with are co
    const afterVerb = seg.slice(m.index + m[0].length, m.index + m[0].length + LOOKAHEAD);
    // (…负责统筹协调质量提升工作，会同区工信局推进…: a 会同 later in the same sentence works with the same subject)
    const laterWith = /^[^。；;\n]{0,60}?[，,]会同(?=[\u4e00-\u9fa5])/.exec(afterVerb);
    const withOthers = m[3] === '会同' ? afterVerb : /^(?:负责|牵头|要|应)会同/.test(m[3] + afterVerb) ? afterVerb.slice(afterVerb.indexOf('会同') + 2) : laterWith ? afterVerb.slice(laterWith[0].length) : null;
    if (withOthers !== null) {
      for (const name of coUnits(CO_LIST.exec(withOthers)?.[1])) if (!departments.some((d) => d.name === name)) departments.push({ name, role: 'co' });
    }
    // 县商务局牵头，县文旅局、县卫健委配合，推动… — the units after it are co
    let end = at + list.length;
    if (m[3] === '牵头' || m[3] === '负责') {
      const co = LEAD_THEN_CO.exec(afterVerb);
      const coNames = coUnits(co?.[1]);
      if (coNames.length) {
        for (const name of coNames) if (!departments.some((d) => d.name === name)) departments.push({ name, role: 'co' });
        end = from + m.index + m[0].length + co![0].length;
      }
    }
    out.push({ start: at, end, departments, kind: 'duty', deadline: null });
  }
  // starts already taken (a set: a long document has thousands of duty sentences)
  const starts = new Set(out.map((o) => o.start));
  // "（一）县市场监管局：负责…" — a unit, a colon, its duties
  const colon = /(^|\n)[\s\u3000]*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）.．、]\s*)?([\u4e00-\u9fa5][\u4e00-\u9fa5（）()、和及与]{2,60}?)[:：]/g;
  while ((m = colon.exec(seg))) {
    const list = m[2];
    const names = splitTopLevel(list, /、/).flatMap((p) => splitConjunction(p));
    if (!names.length || !names.every((n) => looksLikeUnit(n))) continue;
    const at = from + m.index + m[0].lastIndexOf(list);
    if (starts.has(at)) continue;
    starts.add(at);
    // 县市场监管局（牵头）、县发改局：… — a role mark in brackets reads as in a 责任单位 list
    const marked = ROLE_IN_BRACKETS.test(list) ? parseUnitList(list, null) : null;
    out.push({ start: at, end: at + list.length, departments: marked?.length ? marked : names.map((name) => ({ name, role: 'lead' as DepartmentRole })), kind: 'duty', deadline: null });
  }
  // (由县农业农村局具体负责, 由县市场监管局组织实施, 由县财政局承担: an adverb before the verb, and the verbs of
  // carrying a task out)
  const by = new RegExp(`由([\\u4e00-\\u9fa5（）()、]{3,60}?)(?:具体|统一|共同|全面|主要|直接)?(牵头|负责|统筹|主抓|承办|主办|会同|组织实施|承担|抓总|协调)`, 'g');
  // (由县市场监管局（牵头）、县工信局负责: the bracketed role masked while the clause is read, as above)
  while ((m = by.exec(scan))) {
    const orig = seg.slice(m.index + 1, m.index + 1 + m[1].length);
    const marks = ROLE_IN_BRACKETS.test(orig);
    const names = splitTopLevel(marks ? m[1].replace(MASKED_LEAD, '') : m[1], /、/).flatMap((p) => splitConjunction(p));
    if (!names.length || !names.every((n) => looksLikeUnit(n))) continue;
    const start = from + m.index + 1;
    if (starts.has(start)) continue;
    starts.add(start);
    const byMarks = marks ? parseUnitList(orig, null) : [];
    const departments: TaskDepartment[] = byMarks.length ? byMarks : names.map((name, i) => ({ name, role: m![2] === '牵头' && i > 0 ? 'co' : 'lead' }));
    let end = start + m[1].length;
    // 由区市场监管局会同区发展改革委确定… — the units it works with are co
    // (由县农业农村局牵头，会同县市场监管局、各村（社区）组织实施: a 会同 after the lead's verb, the same)
    const afterBy = seg.slice(m.index + m[0].length, m.index + m[0].length + LOOKAHEAD);
    const laterBy = m[2] === '会同' ? afterBy : /^[，,]\s*(?:并|同时)?会同(?=[\u4e00-\u9fa5])/.test(afterBy) ? afterBy.slice(afterBy.indexOf('会同') + 2) : null;
    if (laterBy !== null) {
      for (const name of coUnits(CO_LIST.exec(laterBy)?.[1])) if (!departments.some((d) => d.name === name)) departments.push({ name, role: 'co' });
    }
    // 由县公安局牵头（负责、承办），县市场监管局、县农业农村局配合（协办） — the units after it are co
    if (m[2] === '牵头' || m[2] === '负责' || m[2] === '承办') {
      const after = seg.slice(m.index + m[0].length, m.index + m[0].length + LOOKAHEAD);
      const co = new RegExp(`^[，,]\\s*([\\u4e00-\\u9fa5（）()、]{3,80}?)(?:等部门|等单位)?(?:按照职责分工|按职责分工|按照职责|按职责|按职能)?(?:${CO_WORDS})`).exec(after);
      const coNames = coUnits(co?.[1]);
      if (coNames.length) {
        for (const name of coNames) if (!departments.some((d) => d.name === name)) departments.push({ name, role: 'co' });
        end = from + m.index + m[0].length + co![0].length;
      }
    }
    out.push({ start, end, departments, kind: 'duty', deadline: null });
  }
  // 以县工信局为主，县商务局、县文旅局参与: the unit the work rests on leads, the units after it work with it
  const mainly = /以([\u4e00-\u9fa5（）()、和及与]{3,60}?)为主(?:体)?(?:[，,]\s*([\u4e00-\u9fa5（）()、和及与]{3,80}?)(?:等部门|等单位)?(?:参与|配合|协助|协同|为辅))?/g;
  while ((m = mainly.exec(seg))) {
    const names = splitTopLevel(m[1], /、/).flatMap((p) => splitConjunction(p));
    if (!names.length || !names.every((n) => looksLikeUnit(n))) continue;
    const start = from + m.index + 1;
    if (starts.has(start)) continue;
    starts.add(start);
    const departments: TaskDepartment[] = names.map((name) => ({ name, role: 'lead' as DepartmentRole }));
    for (const name of coUnits(m[2])) if (!departments.some((d) => d.name === name)) departments.push({ name, role: 'co' });
    out.push({ start, end: from + m.index + m[0].length, departments, kind: 'duty', deadline: null });
  }
  // a counted list of units inside a sentence: …明确提出，生态环境部、国家发展改革委、科技部等14部门按照职责分工负责
  const counted = /[，,：:][\s\u3000]*([\u4e00-\u9fa5（）()、和及与]{3,120}?)等[\d一二三四五六七八九十]{1,3}个?(?:部门|单位)(?:按照职责分工|按职责分工|按照职责|按职责|分别|共同)?(?:负责|牵头|落实|承担)/g;
  while ((m = counted.exec(seg))) {
    const names = splitTopLevel(m[1], /、/).flatMap((p) => splitConjunction(p));
    if (names.length < 2 || !names.every((n) => looksLikeUnit(n))) continue;
    const at = from + m.index + m[0].indexOf(m[1]);
    if (starts.has(at)) continue;
    starts.add(at);
    // (a statement of responsibility like a labelled clause, wherever it stands in its paragraph)
    out.push({ start: at, end: at + m[1].length, departments: names.map((name) => ({ name, role: 'lead' as DepartmentRole })), kind: 'clause', deadline: null });
  }
  // a duty opening a clause inside a sentence: 同时，县自然资源局要…，县住房城乡建设局要… — only a unit
  // named with its level (省/市/县/区/镇/乡) and a strong duty verb, so that 推动县人民医院加强… is not read as one
  const mid = /[，,](?:同时|此外|另外|其中|并且?|还)?[，,]?[\s\u3000]*([省市县区镇乡州旗][\u4e00-\u9fa5（）()、和及与]{2,60}?)(要|应当|应|须|必须|负责|牵头)/g;
  // the mentions so far, by start, with the furthest end up to each: "inside one of them" by binary search
  const sofar = [...out].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (let i = 0, r = -1; i < sofar.length; i++) reach.push((r = Math.max(r, sofar[i].end)));
  const inside = (pos: number) => {
    const i = lowerBound(sofar, pos + 1) - 1;
    return i >= 0 && reach[i] > pos;
  };
  while ((m = mid.exec(seg))) {
    const list = m[1];
    // (…，县市场局负责同志宣读了…: the unit's official)
    if (/^(?:同志|人)/.test(seg.slice(m.index + m[0].length, m.index + m[0].length + 2))) continue;
    const names = splitTopLevel(list, /、/).flatMap((p) => splitConjunction(p));
    if (!names.length || !names.every((n) => looksLikeUnit(n))) continue;
    const at = from + m.index + m[0].lastIndexOf(list);
    if (inside(at)) continue;
    out.push({ start: at, end: at + list.length, departments: names.map((name) => ({ name, role: 'lead' as DepartmentRole })), kind: 'duty', deadline: null });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Every distinct responsible unit, in order of first appearance. */
export function collectDepartments(tasks: Task[], text: string): string[] {
  const found: Array<{ name: string; pos: number; order: number }> = [];
  let order = 0;
  for (const t of tasks) for (const d of t.departments) found.push({ name: d.name, pos: t.span[0], order: order++ });
  // clauses outside every task (a duty table at the end, an unnumbered preamble) still name responsible units
  for (const c of clausesOfTasks.get(tasks) ?? findClauses(text)) {
    if (tasks.some((t) => c.start >= t.span[0] && c.start < t.span[1])) continue;
    for (const d of c.departments) found.push({ name: d.name, pos: c.start, order: order++ });
  }
  found.sort((a, b) => a.pos - b.pos || a.order - b.order);
  const out: string[] = [];
  for (const f of found) if (!out.includes(f.name)) out.push(f.name);
  return out;
}
