// Work items of a plan, with their responsible units and deadlines.
//
// A task is a leaf heading of the outline (一、 → (一) → 1. …) outside the goal/principle sections,
// or any item that names responsible units. When one heading holds several paragraphs that each
// carry their own department clause (——增加…(负责单位:…) / 在智能软件产业,…(责任部门:区科委)),
// each of those paragraphs is a task of its own.
import type { DepartmentRole, OutlineNode, Task, TaskDepartment } from './model';
import { matchMarker, splitLines } from './outline';

const matchMarkerSafe = (l: string) => matchMarker(l) !== null;
import { columnNote, mergeBrokenCells } from './cells';
import { clausesOfTasks, findClauses, findDutySubjects, looksLikeUnit, normalizeDeadline, parseCellUnits, parseUnitList, type DepartmentMention } from './departments';

// Sections that state aims and principles rather than work: their items are tasks only when they name units.
const NON_TASK_SECTION =
  /(指导思想|基本原则|工作原则|总体要求|目标要求|总体目标|主要目标|发展目标|工作目标|目标任务$|目标$|基本情况|发展现状|现状|背景|形势|重要意义|适用范围|编制依据|总则|附则|名词解释|政策依据|总体思路|发展定位|战略定位)/;

const TASK_SECTION = /(任务|举措|措施|重点工作|工作重点|主要工作|领域|工程|行动|职责|分工)/;

const CLAUSE_LINE = /^[(（]?\s*(?:主要)?(?:责任|负责|牵头|主办|主责|配合|协同|协办|协助|参与|承办|实施|指导|督导|督办)(?:[\u4e00-\u9fa5]{0,2}?(?:单位|部门|科室|处室|股室|主体|机构))?\s*[:：]/;
const DEADLINE_LINE = /^[(（]?\s*(?:完成时限|完成时间|时间节点|时限要求|时限)\s*[:：]/;

interface Para { start: number; end: number; text: string }
type Line = ReturnType<typeof splitLines>[number];

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

function paragraphs(text: string, lines: Line[], from: number, to: number): Para[] {
  const out: Para[] = [];
  for (let i = lowerBound(lines, from); i < lines.length && lines[i].start < to; i++) {
    const l = lines[i];
    const end = Math.min(l.end, to);
    // a 责任单位: or 完成时限: line belongs to the item above it
    if (out.length && (CLAUSE_LINE.test(l.text) || DEADLINE_LINE.test(l.text))) out[out.length - 1].end = end;
    else out.push({ start: l.start, end, text: text.slice(l.start, end) });
  }
  return out;
}

function mentionsIn(all: DepartmentMention[], from: number, to: number): DepartmentMention[] {
  const out: DepartmentMention[] = [];
  for (let i = lowerBound(all, from); i < all.length && all[i].start < to; i++) out.push(all[i]);
  return out;
}

function mergeDepartments(ms: DepartmentMention[]): TaskDepartment[] {
  const out: TaskDepartment[] = [];
  // labelled clauses are the authority; duty subjects count when no clause names the units
  const clauses = ms.filter((m) => m.kind !== 'duty');
  const use = clauses.some((c) => c.departments.length) ? clauses : ms;
  for (const m of use)
    for (const d of m.departments) {
      const have = out.find((o) => o.name === d.name);
      if (!have) out.push({ ...d });
      else if (d.role === 'lead') have.role = 'lead';
    }
  return out;
}

const SENTENCE_END = /[。！？!?]/;
/** A paragraph that opens with a short label and a colon: 主要预期目标：…, 工作目标: … */
const PARAGRAPH_LABEL = /^[\s\u3000]*[\u4e00-\u9fa5]{2,10}[:：]/;

// the verbs after a unit that opens an unnumbered duty paragraph
const OPENING_DUTY = /^(?:要|应当|应|须|必须|负责|牵头|会同|于|(?:(?:19|20)\d{2}年)?[^，,。]{0,6}前(?:完成|建立)|建立|完成|制定|组织|统筹|做好|落实)/;

/** The first sentence, shortened to its first clause when long; without a leading marker or dash. */
// "由县卫生健康局负责，县教育局配合，开展…": the assignment before the work does not name the task
const ASSIGNMENT_HEAD = /^由[\u4e00-\u9fa5（）()、]{2,60}?(?:牵头|负责|承办|主抓)[，,](?:[\u4e00-\u9fa5（）()、]{2,80}?(?:配合|协办|协同|参与)[，,])?/;
// the same without 由, when what leads the item is a list of units: 市工商局负责，市经贸委、市农业局配合，严格实施…
const UNIT_ASSIGNMENT_HEAD = /^([\u4e00-\u9fa5（）()、]{2,60}?)(?:牵头|负责|承办|主抓)[，,](?:[\u4e00-\u9fa5（）()、]{2,80}?(?:配合|协办|协同|参与)[，,])?/;

/** The work an item names after the units it assigns it to. */
function dropAssignmentHead(t: string): string {
  const by = t.replace(ASSIGNMENT_HEAD, '');
  if (by !== t) return by;
  const m = UNIT_ASSIGNMENT_HEAD.exec(t);
  return m && m[0].length < t.length && m[1].split('、').every((n) => looksLikeUnit(n)) ? t.slice(m[0].length) : t;
}

const ASSIGNMENT_TAIL = /[，,]\s*(?:由|请)?([\u4e00-\u9fa5（）()、]{3,80}?)(?:牵头|负责|承办|主抓|按职责分工负责|分别负责|共同负责)(?:[，,].*)?$/;

function cutAssignment(t: string): string {
  // 加强质量监管（县市场监管局牵头）: a bracket of units with a role word after the heading
  const bracket = /[(（]([^()（）]{3,80})[)）]\s*$/.exec(t);
  if (bracket && bracket.index > 0 && /(?:牵头|负责|配合|协同|指导|督导|单位|部门)/.test(bracket[1])
    // (a label with a word between the role and 单位: 牵头督办单位：区政务服务局)
    && bracket[1].split(/[、，,；;]/).some((n) => looksLikeUnit(n.replace(/^[^:：]{0,12}[:：]/, '').replace(/(?:牵头|负责|配合|协同|指导|督导)+$/, '').trim()))) return t.slice(0, bracket.index).trim();
  const assign = ASSIGNMENT_TAIL.exec(t);
  if (assign && assign.index > 0 && assign[1].split(/[、和及]/).every((n) => looksLikeUnit(n.replace(/等$/, '')))) return t.slice(0, assign.index);
  return t;
}

const ROLE_BRACKET = /[(（][^()（）]{2,80}(?:负责|牵头|配合|参与|落实|督导|指导|协助|协办)[)）]/;

export function firstSentence(s: string): string {
  let t = dropAssignmentHead(s.replace(/^[\s\u3000]*(?:——|—|-|·|•|[★☆▲△■□●○◆◇])?\s*/, ''));
  const stop = t.search(SENTENCE_END);
  if (stop >= 0) t = t.slice(0, stop);
  // a full stop typed as a Latin period: 增长8%以上. (not the point of 47.1%)
  t = t.replace(/\.\s*$/, '');
  const clause = t.search(/[(（](?:责任|牵头|负责|主办|承办|配合|协办|实施)/);
  if (clause > 0) t = t.slice(0, clause);
  // (完善计量体系（县市场监管局负责）；完善标准体系…: a bracket of units with their role ends the work it names)
  const roleBracket = t.search(ROLE_BRACKET);
  if (roleBracket > 0) t = t.slice(0, roleBracket);
  // "推进标准化，由县市场监管局牵头，县科技局配合" / "打造品牌，县商务局负责": the assignment after the work
  t = cutAssignment(t);
  t = dropUnitBracket(dropOpenBracket(t));
  if (t.length > 50) {
    const c = t.search(/[，,；;：:]/);
    if (c > 0) t = t.slice(0, c);
  }
  return t.trim();
}

/** A title that ends in a bracket of unit names (壮大县域经济(省经信委、财政厅)): the work without the units. */
function dropUnitBracket(t: string): string {
  const m = /(?:[(（]([^()（）]{2,120})[)）]|【([^【】]{2,120})】)$/.exec(t);
  if (!m || m.index < 2) return t;
  const names = (m[1] ?? m[2]).split(/[、，,\s\u3000]+/).map((n) => n.replace(/等$/, '').trim()).filter(Boolean);
  return names.length && names.every((n) => looksLikeUnit(n)) ? t.slice(0, m.index).trim() : t;
}

/** A title cut inside a bracket (at a colon or a full stop in it: 推进一网通办（9月底前完成，牵头督办单位): the work before it. */
function dropOpenBracket(t: string): string {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(' || t[i] === '（') { if (depth === 0) open = i; depth++; }
    else if ((t[i] === ')' || t[i] === '）') && depth > 0) depth--;
  }
  return depth > 0 && open >= 4 ? t.slice(0, open).trim() : t;
}

function taskTitle(node: OutlineNode, text?: string): string {
  let t = dropUnitBracket(cutAssignment(dropOpenBracket(dropAssignmentHead(node.title))));
  // (开展质量攻关——县市场监管局: the units after a dash are no part of the title)
  const dash = /(?:——|—|－－|--)[ \t\u3000]*([^—－]{3,120})$/.exec(t);
  if (dash && dash.index >= 2 && looksLikeUnit(dash[1].split(/[、，,\s\u3000]/)[0].replace(/(?:牵头|负责|配合)$/, ''))) t = t.slice(0, dash.index).trim();
  const roleBracket = t.search(ROLE_BRACKET);
  if (roleBracket > 0) t = t.slice(0, roleBracket);
  // "（一）县市场监管局：负责…": the duty, not the unit, names the task
  if (text && looksLikeUnit(t)) {
    const line = text.slice(node.span[0], lineEndAt(text, node.span[0]));
    // (or a full stop: "（一）县市场监管局。负责…", the unit a heading of its own over its duties)
    const colon = line.search(/[:：。．]/);
    // (the colon right after the unit, not one inside a bracket later: 建设检测中心。（责任单位：…）)
    // (after a full stop only a duty: 1.高质量建设某某实验室。全面调研… is a task named by its words)
    const after = colon > 0 ? line.slice(colon + 1).trim() : '';
    if (colon > 0 && line.slice(0, colon).trim().endsWith(t) && after && (/[:：]/.test(line[colon]) || /^(?:负责|牵头|承担|主要负责)/.test(after))) t = firstSentence(after);
    // (the unit alone on its heading line, its duties on the lines under it)
    else if (line.trim().replace(/[。．:：]$/, '').endsWith(t)) {
      const below = text.slice(lineEndAt(text, node.span[0]), node.span[1]).trim();
      if (/^(?:负责|牵头|承担|主要负责)/.test(below)) t = firstSentence(below);
    }
  }
  if (t.length > 50) {
    const c = t.search(/[，,；;]/);
    if (c > 0) t = t.slice(0, c);
  }
  return t;
}

function deadlineOf(text: string, span: [number, number], ms: DepartmentMention[]): string | null {
  for (const m of ms) if (m.deadline) return m.deadline;
  const body = text.slice(span[0], span[1]);
  const lab = /(?:完成时限|完成时间|时间节点|时限要求)\s*[:：]\s*([^;；。)）\n]{2,30})/.exec(body);
  if (lab) return normalizeDeadline(lab[1]);
  const found = new Set<string>();
  const re = /(?:于|在)?((?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?)(?:前|之前)(?:完成|建成|实现|全面完成|基本完成)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) found.add(normalizeDeadline(m[1]) ?? m[1]);
  return found.size === 1 ? [...found][0] : null;
}

function lineEndAt(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl;
}

// ---------- 任务分工表: a table of tasks, one row per line, cells separated by blanks ----------

type Column = 'no' | 'task' | 'lead' | 'co' | 'units' | 'deadline' | 'other';
const COLUMN_NAMES: Array<[RegExp, Column]> = [
  [/^(?:序号|编号)$/, 'no'],
  [/^(?:牵头(?:单位|部门)|主责(?:单位|部门)|牵头)$/, 'lead'],
  [/^(?:配合(?:单位|部门)|协同(?:单位|部门)|参与(?:单位|部门)|协办(?:单位|部门)|配合)$/, 'co'],
  [/^(?:责任(?:单位|部门|主体)|负责(?:单位|部门)|实施(?:单位|主体))$/, 'units'],
  [/^(?:完成(?:时限|时间)|时间(?:节点|安排|进度)?|时限|进度安排)$/, 'deadline'],
  // the leader in charge of a row (分管县领导, 牵头领导, 责任领导): a person, no unit
  [/^(?:分管|牵头|责任|包抓|包保)?(?:县|市|区|镇|乡)?(?:级)?领导$/, 'other'],
  // the person answering for a row (责任人, 具体负责人, 联系人)
  [/^(?:具体)?(?:责任人|负责人|联系人)$/, 'other'],
  // a value or a note a row carries beside its task (目标值, 2022年目标, 计量单位, 备注): read past
  [/^(?:目标值|预期目标|预期值|预期效果|预期成效|年度目标|目标|指标值|计量单位|单位|备注|说明|现状值|基期值|基数|(?:19|20)\d{2}年(?:度)?(?:目标|目标值|预期目标|预期|计划|完成值|完成情况|实际))$/, 'other'],
  // what kind a row is (指标属性 预期性 / 约束性, 类别 of a target)
  [/^(?:指标|目标|考核)?(?:属性|性质|类型|类别|要求)$/, 'other'],
  // what a row aims at, beside its work (工作内容 / 工作目标)
  [/^(?:工作|主要|年度|具体)目标$/, 'other'],
  // the thing each row is about: 重点任务, 工作内容, 专项整治行业名称, 整治领域, 主要指标
  [/(?:任务|工作内容|重点工作|主要工作|工作重点|措施|举措|事项|内容|项目|名称|领域|行业|类别|实事|指标|要点)$/, 'task'],
];
const DEADLINE_TAIL = /((?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|上半年|下半年)?(?:前|之前)?(?:完成)?|长期(?:坚持)?|持续(?:推进|开展)?|常态化(?:推进)?|每年)$/;

function columnOf(cell0: string): Column | null {
  // (a note in brackets after the name: 责任单位（第一为牵头单位）)
  const cell = columnNote(cell0.replace(/[\s\u3000]+/g, '')).name;
  for (const [re, c] of COLUMN_NAMES) if (re.test(cell)) return c;
  // a unit column named by its role word with other words around it: 牵头责任单位, 主要责任单位, 协同配合单位
  // (a ministry's own table: 牵头负责司局, 责任处室)
  if (/^[\u4e00-\u9fa5]{0,4}(?:单位|部门|科室|处室|股室|主体|司局|处)$/.test(cell)) {
    if (/牵头|主责|主办|主抓/.test(cell)) return 'lead';
    if (/配合|协同|协办|协助|参与|支持/.test(cell)) return 'co';
    if (/责任|负责|实施|承办/.test(cell)) return 'units';
  }
  // 完成期限, 时限要求, 办结时间
  if (/^(?:完成|办结|计划)?(?:时限|期限|时间)(?:要求|节点|安排)?$/.test(cell)) return 'deadline';
  return null;
}

/**
 * The columns a header names, or null. A table whose title runs into its header on one line
 * (…政府工作任务分解表 序号 名称 工作任务 牵头责任单位) has its header at the end of that line; two columns
 * about the task (名称, 工作任务) are read as one, since the task text takes whatever the others leave.
 */
function headerColumns(cells: string[]): Column[] | null {
  for (let n = Math.min(cells.length, 8); n >= 3; n--) {
    if (n < cells.length && n < 4) break;
    const cols = cells.slice(cells.length - n).map(columnOf);
    if (cols.some((c) => c === null) || !cols.includes('task') || !cols.some((c) => c === 'lead' || c === 'units')) {
      if (n === cells.length) continue;
      continue;
    }
    return (cols as Column[]).filter((c, k) => !(c === 'task' && cols[k - 1] === 'task'));
  }
  return null;
}

/** A header cell spaced out letter by letter (序号 工 作 任 务 牵头负责部门) is one cell: runs of single Han characters are joined. */
function mergeSpacedCells(cells: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const c of cells) {
    if (/^[\u4e00-\u9fa5]$/.test(c)) { run += c; continue; }
    if (run) { out.push(run); run = ''; }
    out.push(c);
  }
  if (run) out.push(run);
  return out;
}

export function extractTableTasks(lines: Line[]): Task[] {
  const tasks: Task[] = [];
  for (let i = 0; i < lines.length; i++) {
    // a table with cell pipes is read by extractPipeTableTasks
    if ((lines[i].text.match(/[|｜]/g) ?? []).length >= 2) continue;
    const head = mergeSpacedCells(lines[i].text.split(/[\s|｜]+/).filter(Boolean));
    if (head.length < 3) continue;
    const cols = headerColumns(head);
    if (!cols) continue;
    let last: Task | null = null;
    for (let k = i + 1; k < lines.length; k++) {
      const row = parseRow(lines[k], cols);
      if (row) {
        tasks.push(row);
        last = row;
        i = k;
        continue;
      }
      // a cell that wrapped onto the next line: "   行动" under the task, "   市财政局" under the units
      if (last && continueRow(last, lines[k], cols)) {
        i = k;
        continue;
      }
      // a section heading between the rows: 一、经济社会发展主要预期目标分解(11项)
      if (matchMarkerSafe(lines[k].text) && lines[k].text.length <= 60 && k + 1 < lines.length && parseRow(lines[k + 1], cols)) continue;
      break;
    }
  }
  return tasks;
}

const taskTexts = new WeakMap<Task, string>();

/** Folds a continuation line (no row number, fewer cells than the header) into the row above it. */
function continueRow(row: Task, line: Line, cols: Column[]): boolean {
  const cells = line.text.split(/[\s|｜]+/).filter(Boolean);
  if (!cells.length || cells.length >= cols.length || line.text.length > 60) return false;
  if (/^\d/.test(cells[0]) || matchMarkerSafe(line.text) || /[。；;]$/.test(line.text)) return false;
  const unitCol: DepartmentRole = cols.includes('co') ? 'co' : 'lead';
  let text = taskTexts.get(row) ?? row.title;
  for (const cell of cells) {
    if (DEADLINE_TAIL.test(cell) && cell.length <= 14) continue;
    const names = cell.split(/[、，,]/).filter(Boolean);
    if (names.every((n) => looksLikeUnit(n))) {
      for (const d of parseCellUnits(cell, unitCol)) if (!row.departments.some((x) => x.name === d.name)) row.departments.push({ name: d.name, role: unitCol });
    } else text += cell;
  }
  taskTexts.set(row, text);
  row.title = firstSentence(text);
  row.span = [row.span[0], line.end];
  return true;
}

/**
 * A row that lost the blanks between its cells (1地区生产总值增长7%以上.发改委): the row number before the
 * first Han character, the units after the last full stop when they all read as unit names. Only for a
 * table whose one unit column is its last.
 */
function gluedCells(text: string, cols: Column[]): string[] | null {
  const unitCols = cols.filter((c) => c === 'lead' || c === 'units' || c === 'co');
  if (unitCols.length !== 1 || cols[cols.length - 1] !== unitCols[0]) return null;
  let rest = text;
  const out: string[] = [];
  if (cols[0] === 'no') {
    // (a task that opens with a year needs the blank after the row number: 2 2017年底前，…)
    const m = /^(\d{1,3})(?:[.、．]?[ \t\u3000]*(?=[\u4e00-\u9fa5“"《])|[.、．]?[ \t\u3000]+(?=(?:19|20)\d{2}年))/.exec(rest);
    if (!m) return null;
    out.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  const stop = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('。'), rest.lastIndexOf('；'), rest.lastIndexOf(';'));
  if (stop <= 0) return null;
  const tail = rest.slice(stop + 1).trim();
  if (!tail || !tail.split(/[、，,]/).every((n) => looksLikeUnit(n) || /^[\u4e00-\u9fa5]{2,4}[局委办]$/.test(n))) return null;
  return [...out, rest.slice(0, stop + 1), tail];
}

const UNDATED_TAIL = /(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末|上旬|中旬|下旬)?(?:前|之前)|年底前|年内|全年|年中|常年|每月|每季度|每半年)$/;

function parseRow(line: Line, cols: Column[]): Task | null {
  // an outline item is no row, unless its number is the row's first cell (1. 完善… 省发展改革委 省财政厅)
  if (matchMarkerSafe(line.text) && !(cols[0] === 'no' && /^\s*\d{1,3}[.、．]?[ \t\u3000]+\S/.test(line.text))) return null;
  let cells = line.text.split(/[\s|｜]+/).filter(Boolean);
  if (cells.length < cols.length) cells = gluedCells(line.text, cols) ?? cells;
  let marker: string | null = null;
  let rest = cols.slice();
  if (rest[0] === 'no') {
    const m = /^(\d{1,3})[.、．]?(.*)$/.exec(cells[0]);
    if (!m) return null;
    marker = m[1];
    cells = m[2] ? [m[2], ...cells.slice(1)] : cells.slice(1);
    rest = rest.slice(1);
  }
  let deadline: string | null = null;
  if (rest[rest.length - 1] === 'deadline') {
    const last = cells[cells.length - 1] ?? '';
    const d = DEADLINE_TAIL.exec(last);
    if (d) {
      deadline = normalizeDeadline(d[1]);
      const before = last.slice(0, d.index);
      cells = before ? [...cells.slice(0, -1), before] : cells.slice(0, -1);
    } else {
      // a deadline without a year (全年, 6月底前; glued to the units before it: 县工信局6月底前): no date to keep
      const u = UNDATED_TAIL.exec(last);
      const before = u ? last.slice(0, u.index) : '';
      if (u && (before || cells.length > 2)) cells = before ? [...cells.slice(0, -1), before] : cells.slice(0, -1);
    }
    rest = rest.slice(0, -1);
  }
  if (cells.length < 2) return null;
  // the task text may hold blanks: it takes whatever the other columns leave
  const taskAt = rest.indexOf('task');
  if (taskAt < 0) return null;
  const after = rest.length - taskAt - 1;
  const before = taskAt;
  if (cells.length < before + 1) return null;
  const taskCells = cells.slice(before, Math.max(before + 1, cells.length - after));
  const values = new Map<Column, string>();
  rest.slice(0, before).forEach((c, j) => values.set(c, cells[j] ?? ''));
  const tail = cells.slice(before + taskCells.length);
  rest.slice(taskAt + 1).forEach((c, j) => values.set(c, tail[j] ?? ''));
  const departments: TaskDepartment[] = [];
  const push = (list: TaskDepartment[]) => {
    for (const d of list) if (!departments.some((x) => x.name === d.name)) departments.push(d);
  };
  if (values.get('lead')) push(parseUnitList(values.get('lead')!, 'lead').map((d, j) => ({ name: d.name, role: j === 0 || d.role === 'lead' ? 'lead' : 'co' })));
  if (values.get('units')) push(parseUnitList(values.get('units')!, null));
  if (values.get('co')) push(parseUnitList(values.get('co')!, 'co').map((d) => ({ name: d.name, role: 'co' as const })));
  if (!departments.length) return null;
  const title = firstSentence(taskCells.join(''));
  if (!title) return null;
  const task: Task = { marker, title, span: [line.start, line.end], departments, deadline };
  taskTexts.set(task, taskCells.join(''));
  return task;
}

// ---------- a task table scraped with its cell pipes ----------
// Either one row a line (| 1 | 完善城市管理体制 | 市住建局 | 2016年底前 |) or one cell a line, the cells
// separated by lines holding only "|" and the rows by two such lines in a row.

interface Cell { text: string; start: number; end: number }

function pipeRows(lines: Line[]): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] | null = null;
  let prevPipe = false;
  const flush = () => {
    if (row && row.length) rows.push(row);
    row = null;
  };
  for (const l of lines) {
    const t = l.text.trim();
    if (/^[|｜]+$/.test(t)) {
      if (prevPipe || !row) {
        flush();
        row = [];
      }
      prevPipe = true;
      continue;
    }
    if ((t.match(/[|｜]/g) ?? []).length >= 2) {
      // one row on one line
      flush();
      // empty cells keep their place: |   |   |   | 市水务集团 |   | continues the row above
      const cells: Cell[] = [];
      let at = l.start;
      for (const part of l.text.split(/[|｜]/)) {
        const c = part.trim();
        const off = c ? part.indexOf(c) : 0;
        cells.push({ text: c, start: at + off, end: at + off + c.length });
        at += part.length + 1;
      }
      if (cells.length && !cells[0].text) cells.shift();
      if (cells.length && !cells[cells.length - 1].text) cells.pop();
      rows.push(cells);
      prevPipe = false;
      continue;
    }
    if (row && prevPipe) (row as Cell[]).push({ text: t, start: l.start, end: l.end });
    else flush();
    prevPipe = false;
  }
  flush();
  return rows;
}

export function extractPipeTableTasks(lines: Line[]): Task[] {
  if (!lines.some((l) => /[|｜]/.test(l.text))) return [];
  const tasks: Task[] = [];
  const rows = pipeRows(lines);
  for (let i = 0; i < rows.length; i++) {
    const cols = rows[i].map((c) => columnOf(c.text));
    if (cols.some((c) => c === null) || !cols.includes('task') || !cols.some((c) => c === 'lead' || c === 'units')) continue;
    // (责任单位（排名第一的为牵头单位）: the header's note makes the first named the lead)
    const firstLeads = !cols.includes('lead') && rows[i].some((c, k) => cols[k] === 'units' && columnNote(c.text).firstLeads);
    let last: Task | null = null;
    for (let k = i + 1; k < rows.length; k++) {
      const cells = rows[k];
      if (cells.length > cols.length || cells.filter((c) => c.text).length < 1) break;
      const get = (c: Column) => {
        const at = cols.indexOf(c);
        return at >= 0 && at < cells.length ? cells[at].text : '';
      };
      const departments: TaskDepartment[] = last && !get('task') && !get('no') ? last.departments : [];
      const push = (list: TaskDepartment[], role: DepartmentRole | null) => {
        for (const d of list) if (!departments.some((x) => x.name === d.name)) departments.push({ name: d.name, role: role ?? d.role });
      };
      if (get('lead')) push(parseCellUnits(get('lead'), 'lead'), 'lead');
      if (get('units')) push(parseCellUnits(get('units'), null), null);
      if (get('co')) push(parseCellUnits(get('co'), 'co'), 'co');
      const taskText = get('task');
      if (!taskText) {
        // a wrapped cell on a row of its own: its units belong to the task above
        if (!last || get('no')) break;
        last.span = [last.span[0], cells[cells.length - 1].end];
        i = k;
        continue;
      }
      const no = get('no');
      last = {
        marker: /^\d{1,3}$/.test(no) ? no : null,
        title: firstSentence(taskText),
        span: [cells[0].start, cells[cells.length - 1].end],
        departments: firstLeads && departments.length > 1 && departments.every((d) => d.role === 'lead') ? departments.map((d, j) => ({ ...d, role: j === 0 ? 'lead' : 'co' })) : departments,
        deadline: get('deadline') ? normalizeDeadline(get('deadline')) : null,
      };
      tasks.push(last);
      i = k;
    }
  }
  return tasks;
}

/** A deadline cell in words without a year: 12月底前, 9月投入使用, 5月底前动工, 年底前. */
const MONTH_DEADLINE = /^(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末|上旬|中旬|下旬)?|年底|年内|上半年|下半年)(?:前|之前)?[\u4e00-\u9fa5]{0,6}$|^(?:全年|年中|常年|每月|每季度|每半年)(?:推进|开展|完成)?$/;
/** A cell line that holds only unit names (县住建局, 县水务局、县代建中心). */
/** A unit cell without a trailing collective and role word (县农业农村局、县林业局等相关部门和各镇人民政府负责 → the units). */
const cleanUnitCell = (text: string) =>
  dropCollectives(text.replace(/(?:负责|牵头|配合|落实|参与)$/, '').replace(/(?:等(?:相关|有关)?(?:部门|单位))?(?:和|及|、)各[\u4e00-\u9fa5（）()]{1,12}$/, '').replace(/等(?:相关|有关)?(?:部门|单位)$/, ''));
/** A cell's list without its collectives: 各市、区人民政府 and 各市、区质量技术监督检测所 (各 distributes over the 、) go. */
function dropCollectives(text: string): string {
  if (!text.includes('各')) return text;
  const out: string[] = [];
  let distributing = false;
  for (const p of text.split(/[、，,]/)) {
    if (/^各/.test(p)) { distributing = true; continue; }
    if (distributing && /^[区县市镇乡](?:人民政府|政府|[\u4e00-\u9fa5]{2,12}(?:所|局|站|中心|办))$/.test(p)) { distributing = false; continue; }
    distributing = false;
    if (p) out.push(p);
  }
  return out.join('、');
}
const unitCell = (text0: string) => {
  const text = cleanUnitCell(text0);
  return text.length > 0 && unitNames(text);
};
const unitNames = (text: string) => text.split(/[、，,\s]+/).filter(Boolean).every((n) => looksLikeUnit(n))
  // (one name a wrapped cell broke at a blank: 节能与综合 利用司)
  || (/^[\u4e00-\u9fa5]+[ \u3000][\u4e00-\u9fa5]+$/.test(text.trim()) && looksLikeUnit(text.replace(/[\s\u3000]+/g, '')));
/** A cell line that is a deadline, with a year or in words (2025年底前, 12月底前). */
const deadlineCell = (text: string) => text.length <= 16 && (DEADLINE_TAIL.test(text) || MONTH_DEADLINE.test(text));

// ---------- a table flattened to one cell a line, without pipes ----------
// 序号 / 主要工作任务 / 责任单位 / 1 / 地区生产总值增长6%左右。 / 市发展改革委 / 2 / …: the header cells on lines of
// their own, then each row opened by its number on a line of its own.

/** The units of a row's unit cells, in the order lead, responsible, co; 责任单位 beside a 牵头单位 column names the
 * units that work with the lead. */
function unitsOfCells(values: Map<Column, string>, firstLeads = false): TaskDepartment[] {
  const departments: TaskDepartment[] = [];
  const push = (list: TaskDepartment[], role: DepartmentRole | null) => {
    for (const d of list) if (!departments.some((x) => x.name === d.name)) departments.push({ name: d.name, role: role ?? d.role });
  };
  const lead = values.get('lead');
  const units = values.get('units');
  const co = values.get('co');
  if (lead) push(parseCellUnits(lead, 'lead'), 'lead');
  if (units) push(parseCellUnits(units, lead ? 'co' : null), lead ? 'co' : null);
  if (co) push(parseCellUnits(co, 'co'), 'co');
  // (a column whose note says the first named leads: 责任单位（第一为牵头单位）)
  if (firstLeads && !lead && departments.length > 1) return departments.map((d, i) => ({ ...d, role: i === 0 ? 'lead' : 'co' }));
  return departments;
}

/**
 * The rows of a table one cell a line without a 序号 column, from line k: a row is one to three lines of task
 * text, then a cell for each unit column (or, with one unit column, its units a line each), then its deadline
 * when the header has that column. Columns other than these after the task stop the reading (no row could be
 * told from the next). Ends at the first row that names no unit.
 */
function unnumberedCellRows(lines: Line[], k: number, cols: Column[]): { tasks: Task[]; end: number } {
  const tasks: Task[] = [];
  const after = cols.slice(1);
  if (cols[0] !== 'task' || after.some((c) => c === 'task' || c === 'no' || c === 'other')) return { tasks, end: k };
  const unitCols = after.filter((c) => c === 'lead' || c === 'units' || c === 'co');
  let j = k;
  while (j < lines.length) {
    const start = j;
    const taskLines: string[] = [];
    while (j < lines.length && taskLines.length < 3 && !unitCell(lines[j].text) && !deadlineCell(lines[j].text) && !matchMarkerSafe(lines[j].text)) taskLines.push(lines[j++].text);
    if (!taskLines.length || j >= lines.length || !unitCell(lines[j].text)) break;
    const values = new Map<Column, string>();
    if (unitCols.length === 1) {
      const names: string[] = [];
      while (j < lines.length && unitCell(lines[j].text)) names.push(lines[j++].text);
      values.set(unitCols[0], names.join('、'));
    } else {
      for (const c of unitCols) {
        if (j < lines.length && unitCell(lines[j].text)) values.set(c, lines[j++].text);
      }
    }
    if (after.includes('deadline') && j < lines.length && deadlineCell(lines[j].text)) values.set('deadline', lines[j++].text);
    const departments = unitsOfCells(values);
    if (!departments.length) { j = start; break; }
    tasks.push({
      marker: null,
      title: firstSentence(taskLines.join('')),
      span: [lines[start].start, lines[j - 1].end],
      departments,
      deadline: values.get('deadline') ? normalizeDeadline(values.get('deadline')!) : null,
    });
  }
  return { tasks, end: j };
}

export function extractCellLineTasks(lines0: Line[]): Task[] {
  const tasks: Task[] = [];
  // a cell a line closed by a pipe (序号 | / 目标与任务 | / 80 | / …): the pipe is no part of the cell; a cell broken
  // over lines (序 / 号, 2021年 / 目标) is one
  const lines = mergeBrokenCells(lines0.map((l) => (/[|｜]\s*$/.test(l.text) ? { ...l, text: l.text.replace(/\s*[|｜]\s*$/, '') } : l)).filter((l) => l.text.length > 0)) as Line[];
  const bareNo = (l: Line | undefined) => (l && /^\d{1,3}[.．、]?$/.test(l.text.trim()) ? parseInt(l.text.trim(), 10) : null);
  for (let i = 0; i + 3 < lines.length; i++) {
    let k = i;
    const head: Array<Column | null> = [];
    let firstLeads = false;
    while (k < lines.length && head.length < 8 && columnNote(lines[k].text.replace(/[\s\u3000]+/g, '')).name.length <= 10) {
      const c = columnOf(lines[k].text);
      if (!c) break;
      if ((c === 'units' || c === 'lead') && columnNote(lines[k].text).firstLeads) firstLeads = true;
      head.push(c);
      k++;
    }
    // a category column before 序号 (重点任务 / 序号 / 主要指标 …): its cell stands before the first row of each category
    const hasCategory = head.length >= 4 && head[0] !== 'no' && head[1] === 'no';
    if (hasCategory) head.shift();
    // the header on one line, its cells apart by blanks, the rows one cell a line (序号 重点任务 牵头单位 ⏎ 1 ⏎ …)
    if (head.length === 0 && bareNo(lines[i + 1]) === 1) {
      const cells = mergeSpacedCells(lines[i].text.split(/[\s|｜]+/).filter(Boolean));
      const cols = cells.length >= 3 ? cells.map(columnOf) : [];
      if (cols.length && cols.every((c) => c !== null) && cols[0] === 'no') {
        head.push(...cols);
        k = i + 1;
      }
    }
    if (head.length >= 2 && head[0] === 'task' && head.some((c) => c === 'lead' || c === 'units')) {
      // no 序号 column (重点任务 / 牵头单位 / 配合单位 / 完成时限): each row is its task's lines, then its units
      const rows = unnumberedCellRows(lines, k, (head as Column[]).filter((c, j) => !(c === 'task' && head[j - 1] === 'task')));
      if (rows.tasks.length >= 2) {
        tasks.push(...rows.tasks);
        i = Math.max(i, rows.end - 1);
      }
      continue;
    }
    if (head.length < 3 || head[0] !== 'no' || !head.includes('task') || !head.some((c) => c === 'lead' || c === 'units')) continue;
    const cols = (head as Column[]).filter((c, j) => !(c === 'task' && head[j - 1] === 'task'));
    const taskAt = cols.indexOf('task');
    if (taskAt !== 1) continue;
    const after = cols.slice(taskAt + 1);
    // a section row of the table (一、主要经济社会发展指标…) before a row or between two: no row of its own
    const sectionRow = (l: Line | undefined) => !!l && bareNo(l) === null && /^[一二三四五六七八九十]{1,3}[、.．]/.test(l.text) && l.text.length <= 120;
    let j = k;
    while (sectionRow(lines[j]) && j - k < 2) j++;
    if (hasCategory && bareNo(lines[j]) === null && bareNo(lines[j + 1]) !== null) j++;
    // the page may hold a later part of the table only (rows 80, 81, …)
    let expect = bareNo(lines[j]) ?? 1;
    while (bareNo(lines[j]) === expect) {
      // the row runs to the next row number
      let e = j + 1;
      // (a value cell may be the next row's number too: 累计…主体(个) / 2 / 5 / 县农业农村局负责 — the next row starts
      // with its number and then its task, not another number nor the units)
      const nextRow = (x: number) => bareNo(lines[x]) === expect + 1 && (x + 1 >= lines.length || (bareNo(lines[x + 1]) === null && !unitCell(lines[x + 1].text)) || x - j > after.length + 1);
      while (e < lines.length && !nextRow(e) && e - j <= 12 && !matchMarkerSafe(lines[e].text)) e++;
      const cells = lines.slice(j + 1, e);
      const values = new Map<Column, string>();
      let end = cells.length;
      const unitCols = after.filter((c) => c === 'lead' || c === 'units' || c === 'co');
      // one unit column whose units stand a line each (县水务局 / 县住建局 / …), deadlines in words
      // (12月底前, 9月投入使用), perhaps a second task with its own deadline after them: the task runs to
      // the first unit line, the units to the first line that is none
      const firstUnit = cells.findIndex((l, x) => x > 0 && unitCell(l.text));
      const firstUnitCol = after.findIndex((c) => c === 'lead' || c === 'units' || c === 'co');
      // columns of people between the task and the units (分管县领导): a cell each, before the first unit line
      // (and a deadline column among them: 指标名称 / 预期效果 / 完成时限 / 指标属性 / 牵头负责司局)
      const betweenCols = after.slice(0, firstUnitCol);
      const between = betweenCols.filter((c) => c === 'other' || c === 'deadline').length;
      // (a short value cell may have joined the task's line: 地区生产总值增长 / % → 地区生产总值增长%)
      const byLines = firstUnit >= 1 && firstUnitCol >= 0 && betweenCols.every((c) => c === 'other' || c === 'deadline');
      const dlAt = betweenCols.indexOf('deadline');
      if (byLines && dlAt >= 0 && firstUnit - between >= 1) {
        const cell = cells[firstUnit - between + dlAt]?.text ?? '';
        if (deadlineCell(cell)) values.set('deadline', cell);
      }
      if (byLines && unitCols.length === 1) {
        let u = firstUnit;
        const names: string[] = [];
        while (u < cells.length && unitCell(cells[u].text)) names.push(cleanUnitCell(cells[u++].text));
        values.set(unitCols[0], names.join('、'));
        const dl = cells[u]?.text ?? '';
        if (after.includes('deadline') && deadlineCell(dl)) values.set('deadline', dl);
        end = Math.max(1, firstUnit - between);
        // (a value cell wrapped onto a second line leaves one cell more before the units: 完成启 / 动准备 / 2 / 5)
        while (end > 1 && cells[0].text.length >= 6 && (cells[end - 1].text.length <= 4 || /\d/.test(cells[end - 1].text))) end--;
      } else if (byLines) {
        // several unit columns (牵头责任单位 / 责任单位): a cell each, in the header's order
        let u = firstUnit;
        const cellCols = after.slice(firstUnitCol);
        cellCols.forEach((c, x) => {
          const cell = cells[u]?.text ?? '';
          u++;
          if (c === 'deadline') { if (deadlineCell(cell)) values.set('deadline', cell); } else if (c !== 'other') {
            values.set(c, cell);
            // the last column's units a line each (区发改局 / 区政务服务中心): the lines after it that are units too
            if (x === cellCols.length - 1) while (u < cells.length && unitCell(cells[u].text)) values.set(c, `${values.get(c)}、${cells[u++].text}`);
          }
        });
        end = Math.max(1, firstUnit - between);
      }
      for (let c = after.length - 1; c >= 0 && end > 1 && !byLines; c--) {
        const cell = cells[end - 1].text;
        const col = after[c];
        const fits = col === 'deadline' ? DEADLINE_TAIL.test(cell) && cell.length <= 16 : unitCell(cell);
        if (fits) {
          values.set(col, cell);
          end--;
        }
      }
      const departments = unitsOfCells(values, firstLeads);
      const taskText = cells.slice(0, end).map((l) => l.text).join('');
      if (departments.length && taskText) {
        tasks.push({
          marker: String(expect),
          title: firstSentence(taskText),
          span: [lines[j].start, cells[cells.length - 1]?.end ?? lines[j].end],
          departments,
          deadline: values.get('deadline') ? normalizeDeadline(values.get('deadline')!) : null,
        });
      }
      expect++;
      j = e;
      if (sectionRow(lines[j]) && bareNo(lines[j + 1]) === expect) j++;
    }
    i = Math.max(i, j - 1);
  }
  return tasks;
}

/**
 * The sentence groups of an item closed each by a bracket of units: two or more brackets, each right before a stop,
 * with a sentence of work between one and the next, and every mention of the item one of them. Null otherwise.
 */
function bracketGroups(text: string, ms: DepartmentMention[], span: [number, number]): Array<[number, number]> | null {
  if (ms.length < 2 || ms.some((m) => !/^[(（]/.test(text.slice(m.start, m.start + 1)) && m.kind !== 'bracket')) return null;
  const out: Array<[number, number]> = [];
  let from = span[0];
  for (const m of ms) {
    const closeEnd = /[)）]/.test(text[m.end - 1] ?? '') ? m.end : /[)）]/.test(text[m.end] ?? '') ? m.end + 1 : -1;
    if (closeEnd < 0 || !/[。；;]/.test(text[closeEnd] ?? '')) return null;
    const end = closeEnd + 1;
    // a sentence of work between this group's start and its bracket
    if (!/[\u4e00-\u9fa5]{6,}/.test(text.slice(from, m.start))) return null;
    out.push([from, end]);
    from = end;
  }
  return out;
}

// ---------- a table whose rows close with their units' line ----------
// A PDF's table read line by line, each cell's text wrapped over several lines (工作重点 / 工作内容 / 具体任务 / 责任部门):
// nothing marks where one cell ends, but the units' cell, last in the row, is a line of unit names only. With a header
// line naming the columns (序号 工作重点 工作内容 具体任务 成果形式 责任部门) anywhere on the page, each such line closes a
// row, and the row's text up to it names the task.

const ROW_HEADER_CELL = /^(?:序号|编号|工作重点|重点工作|工作内容|具体任务|主要任务|重点任务|工作任务|任务|成果形式|完成时限|时间节点|责任部门|责任单位|牵头单位|牵头部门|配合单位|配合部门|备注)$/;

export function extractUnitLineRows(lines: Line[]): Task[] {
  const headerAt = lines.findIndex((l) => {
    if (l.text.length > 80 || !/(?:责任|牵头)(?:部门|单位)/.test(l.text)) return false;
    const cells = l.text.split(/[\s\u3000|｜]+/).filter(Boolean);
    return cells.length >= 3 && cells.every((c) => ROW_HEADER_CELL.test(c)) && cells.some((c) => /(?:责任|牵头)(?:部门|单位)/.test(c));
  });
  if (headerAt < 0) return [];
  const tasks: Task[] = [];
  // (rows before the header only as the end of the page before it — a few lines — and never a signature: a unit's
  // name with a date under it)
  let rowStart = Math.max(0, headerAt - 12);
  for (let i = rowStart; i < lines.length; i++) {
    const t = lines[i].text;
    if (/^(?:(?:19|20)\d{2}|[〇零○ＯO0０一二三四五六七八九]{4})年/.test(lines[i + 1]?.text ?? '') && (lines[i + 1]?.text.length ?? 99) <= 16) continue;
    if (i === headerAt || /^\d{1,3}$/.test(t)) {
      // the header and a page number stand between rows
      if (i === headerAt || rowStart === i) rowStart = i + 1;
      continue;
    }
    // (one name alone only when short: a wrapped line of prose may end in 办 or 局)
    if (!t.includes('、') && (!looksLikeUnit(t) || t.length > 10)) continue;
    // (a court or bureau named by its kind alone beside whole names: 省商务厅、法院、知识产权局)
    const kinds = t.split('、');
    const unitsLine = unitCell(t) || (kinds.filter((n) => looksLikeUnit(n)).length >= 2 && kinds.every((n) => looksLikeUnit(n) || /^[\u4e00-\u9fa5]{1,2}(?:院|局|委|办|厅)$/.test(n)));
    if (!unitsLine || i === rowStart) continue;
    const rowLines = lines.slice(rowStart, i).filter((l) => !/^\d{1,3}$/.test(l.text) && l !== lines[headerAt]);
    const rowText = rowLines.map((l) => l.text).join('');
    rowStart = i + 1;
    if ((rowText.match(/[\u4e00-\u9fa5]/g) ?? []).length < 6 || rowLines.length > 16) continue;
    // (the row's first line, up to its first comma: the first cell, or the work the first sentence names)
    const title = firstSentence(rowLines[0].text).split(/[，,]/)[0];
    const departments = parseCellUnits(cleanUnitCell(t), null);
    if (!title || !departments.length) continue;
    tasks.push({ marker: null, title, span: [rowLines[0].start, lines[i].end], departments, deadline: null });
  }
  return tasks;
}

// ---------- rows of a table without its header ----------
// 1.开展质量攻关  县市场监管局  2024年12月底前 — a page that kept the rows of a 任务分工 table but lost (or never printed)
// its header: cells apart by tabs or runs of blanks, a task, then one cell of unit names (two: lead and co), then
// perhaps a deadline. Read only where two such rows stand near each other, so that a lone line (a signature beside its
// date) is never a row.

const ROW_CELLS = /[\s\u3000|｜]+/;
const STANDING_DEADLINE = /^(?:长期(?:坚持)?|持续(?:推进|开展)?|常态化(?:推进)?|每年|年内|全年)$/;

function headerlessRow(line: Line): Task | null {
  // (the text's blanks are one each by now: the cells are the last tokens, the task whatever stands before them)
  let tokens = line.text.trim().split(ROW_CELLS).map((c) => c.trim()).filter(Boolean);
  if (tokens.length < 2) return null;
  let deadline: string | null = null;
  const last = tokens[tokens.length - 1];
  const glued = DEADLINE_TAIL.exec(last) ?? UNDATED_TAIL.exec(last);
  if (tokens.length >= 3 && (deadlineCell(last) || STANDING_DEADLINE.test(last))) {
    const d = DEADLINE_TAIL.exec(last);
    deadline = d ? normalizeDeadline(d[1]) : null;
    tokens = tokens.slice(0, -1);
  } else if (glued && glued.index > 0 && unitCell(last.slice(0, glued.index))) {
    // (the deadline glued to the units when the blanks were folded: 县市场监管局、县科技局2025年6月底前)
    deadline = DEADLINE_TAIL.test(last) ? normalizeDeadline(glued[1]) : null;
    tokens = [...tokens.slice(0, -1), last.slice(0, glued.index)];
  }
  if (!unitCell(tokens[tokens.length - 1])) return null;
  const unitsAt = tokens.length >= 3 && unitCell(tokens[tokens.length - 2]) ? tokens.length - 2 : tokens.length - 1;
  const unitCells = tokens.slice(unitsAt);
  let head = tokens.slice(0, unitsAt).join(' ');
  const numbered = /^(?:(\d{1,3})[.、．]?|[(（](\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|([一二三四五六七八九十]{1,3})、)\s*([\s\S]*)$/.exec(head);
  let marker: string | null = null;
  if (numbered) {
    // (as the outline writes it: 1. / （一） / 一、)
    marker = head.slice(0, head.length - numbered[4].length).trim() || null;
    head = numbered[4];
  }
  if ((head.match(/[\u4e00-\u9fa5]/g) ?? []).length < 4 || unitCell(head) || /[:：]$/.test(head)) return null;
  // (a page header's label beside its value: 发布机构 某县市场监督管理局, 信息来源 县政府办)
  if (!marker && /(?:机构|机关|单位|来源|部门|编辑|作者|主办|承办|协办|名称|发文|发布|署名|落款|联系)$/.test(head.trim())) return null;
  const two = unitCells.length === 2;
  const departments: TaskDepartment[] = [];
  unitCells.forEach((c, k) => {
    for (const d of parseCellUnits(cleanUnitCell(c), two ? (k === 0 ? 'lead' : 'co') : null)) {
      if (!departments.some((x) => x.name === d.name)) departments.push({ name: d.name, role: two ? (k === 0 ? 'lead' : 'co') : d.role });
    }
  });
  const title = firstSentence(head.replace(/[\s\u3000]+/g, ''));
  if (!departments.length || !title) return null;
  return { marker, title, span: [line.start, line.end], departments, deadline };
}

export function extractHeaderlessRows(lines: Line[]): Task[] {
  const rows = lines.map((l, i) => ({ i, row: ROW_CELLS.test(l.text.trim()) ? headerlessRow(l) : null })).filter((x) => x.row);
  return rows.filter((x, k) => (k > 0 && x.i - rows[k - 1].i <= 4) || (k + 1 < rows.length && rows[k + 1].i - x.i <= 4)).map((x) => x.row!);
}

export function extractTasks(text: string, outline: OutlineNode[]): Task[] {
  const clauses = findClauses(text);
  const mentions = [...clauses, ...findDutySubjects(text)].sort((a, b) => a.start - b.start);
  const lines = splitLines(text);
  const tasks: Task[] = [];

  const paragraphTasks = (paras: Para[], marker: OutlineNode | null) => {
    for (const p of paras) {
      const ms = mentionsIn(mentions, p.start, p.end);
      const departments = mergeDepartments(ms);
      if (!departments.length) continue;
      const isHeading = marker && p.start === marker.span[0];
      // "县交通运输局：负责…" — the duty names the task
      const duty = /^[\s\u3000]*([\u4e00-\u9fa5（）()、]{3,40})[:：](.+)$/.exec(p.text.split('\n')[0]);
      const lead = duty && duty[1].split('、').every((n) => looksLikeUnit(n)) ? firstSentence(duty[2]) : null;
      // (…。对于健全生态文明体制，《意见》明确提出，X、Y等14部门负责: the work the sentence of the first unit names)
      const first = ms[0];
      const sentence = first ? text.slice(Math.max(p.start, Math.max(text.lastIndexOf('。', first.start), text.lastIndexOf('\n', first.start)) + 1), first.start) : '';
      const about = /^[\s\u3000]*(?:对于|关于)([^，,。；;]{2,30}?)(?:工作|问题)?[，,]/.exec(sentence)?.[1] ?? null;
      tasks.push({
        marker: isHeading ? marker.marker : null,
        title: isHeading ? taskTitle(marker, text) : lead || about || firstSentence(p.text),
        span: [p.start, p.end],
        departments,
        deadline: deadlineOf(text, [p.start, p.end], ms),
      });
    }
  };

  const visit = (node: OutlineNode, inNonTask: boolean) => {
    // (四)重点提升领域 under 一、总体要求 is work again
    const nonTask = NON_TASK_SECTION.test(node.title) || (inNonTask && !TASK_SECTION.test(node.title));
    const ownEnd = node.children.length ? node.children[0].span[0] : node.span[1];
    const own = paragraphs(text, lines, node.span[0], ownEnd);
    const withUnits = own.filter((p) => mergeDepartments(mentionsIn(mentions, p.start, p.end)).length > 0);
    if (node.children.length) {
      // an intro that names units makes the heading a task of its own
      const ms = mentionsIn(mentions, node.span[0], ownEnd);
      const departments = mergeDepartments(ms);
      if (departments.length) {
        if (withUnits.length >= 2) paragraphTasks(own, node);
        else tasks.push({ marker: node.marker, title: taskTitle(node, text), span: [node.span[0], node.span[1]], departments, deadline: deadlineOf(text, [node.span[0], ownEnd], ms) });
      }
      for (const c of node.children) visit(c, nonTask);
      return;
    }
    if (withUnits.length >= 2) {
      paragraphTasks(own, node);
      return;
    }
    // the one paragraph that names units opens with a label of its own (主要预期目标：…（…牵头）) under a heading
    // that says something else (（一）总体要求：…): the label names the task
    // (not a labelled line of units itself: 部门分工:省发展改革委牵头…, 责任单位:…)
    const labelled = withUnits.length === 1 && withUnits[0].start > node.span[0] && PARAGRAPH_LABEL.test(withUnits[0].text) ? withUnits[0] : null;
    const labelledMs = labelled ? mentionsIn(mentions, labelled.start, labelled.end) : [];
    if (labelled && labelledMs.every((m) => m.start - labelled.start > 20)) {
      const p = labelled;
      const ms = labelledMs;
      tasks.push({ marker: null, title: PARAGRAPH_LABEL.exec(p.text)![0].replace(/[\s\u3000:：]/g, ''), span: [p.start, p.end], departments: mergeDepartments(ms), deadline: deadlineOf(text, [p.start, p.end], ms) });
      return;
    }
    const ms = mentionsIn(mentions, node.span[0], node.span[1]);
    const departments = mergeDepartments(ms);
    if (nonTask && !departments.length) return;
    // an item of a division of labour whose sentences are grouped by brackets of units, each closing its group
    // (…提升整体发展实力(省发改委、交通厅)。加快推进…工程建设(省发改委、武汉铁路局)。): a task per group, the first
    // named by the item, each later one by its first sentence
    const groups = bracketGroups(text, ms, node.span);
    if (!nonTask && groups) {
      groups.forEach((g, k) => {
        const gm = mentionsIn(mentions, g[0], g[1]);
        // (the group's bracket of units closes its first sentence when that is its only one)
        const title = (k === 0 ? taskTitle(node, text) : firstSentence(text.slice(g[0], g[1]))).replace(/[(（][^()（）]*[)）]$/, '');
        tasks.push({ marker: k === 0 ? node.marker : null, title, span: g, departments: mergeDepartments(gm), deadline: deadlineOf(text, g, gm) });
      });
      return;
    }
    tasks.push({ marker: node.marker, title: taskTitle(node, text), span: [node.span[0], node.span[1]], departments, deadline: deadlineOf(text, node.span, ms) });
  };

  // text outside every heading (a plan without numbered items, a preamble): paragraphs that name units in a
  // clause, or that open on a duty subject (区市场监管局要加强…, 2025年底前，区统计局建立…) — a plan written as
  // unnumbered paragraphs, one unit's duty each
  const outsideTask = (p: Para) => mentionsIn(mentions, p.start, p.end).some((m) => m.kind !== 'duty' || (m.start - p.start <= 16
    && /^[\s\u3000]*(?:(?:到|至|在|于)?(?:19|20)\d{2}年[^，,。]{0,8}[，,][\s\u3000]*|由)?$/.test(text.slice(p.start, m.start))
    // a duty, not a headline (某市人民政府印发…的通知) nor a news lede
    && OPENING_DUTY.test(text.slice(m.end, m.end + 8)) && /[。；;]/.test(p.text)));
  let cursor = 0;
  for (const root of outline) {
    paragraphTasks(paragraphs(text, lines, cursor, root.span[0]).filter(outsideTask), null);
    visit(root, false);
    cursor = Math.max(root.span[1], lineEndAt(text, root.span[0]));
  }
  paragraphTasks(paragraphs(text, lines, cursor, text.length).filter(outsideTask), null);
  const readByText = new Set(tasks);
  for (const t of [...extractTableTasks(lines), ...extractPipeTableTasks(lines), ...extractCellLineTasks(lines)]) {
    // (a paragraph read out of one table row — a label inside a cell: | 牵头：县市场监管局；配合：县工信局 | — gives way to
    // the row, which knows its task cell)
    const piped = t.departments.length > 0 && /[|｜]/.test(text.slice(t.span[0], t.span[1]));
    const sameRow = piped ? tasks.findIndex((x) => readByText.has(x) && x.span[0] >= t.span[0] && x.span[1] <= t.span[1] && x.marker === null) : -1;
    if (sameRow >= 0 && tasks[sameRow].departments.length) { tasks[sameRow] = t; continue; }
    if (!tasks.some((x) => x.span[0] <= t.span[0] && t.span[1] <= x.span[1] && x.departments.length)) tasks.push(t);
  }
  // (rows closed by their units' line: only where no other reading named a unit in them)
  for (const t of extractUnitLineRows(lines)) if (!tasks.some((x) => x.span[0] < t.span[1] && t.span[0] < x.span[1] && x.departments.length)) tasks.push(t);
  // (rows without a header: likewise only where nothing else named a unit in them; the outline item the row's number
  // made of the same line, with no unit of its own, gives way to it)
  for (const t of extractHeaderlessRows(lines)) {
    if (tasks.some((x) => x.span[0] < t.span[1] && t.span[0] < x.span[1] && x.departments.length)) continue;
    for (let k = tasks.length - 1; k >= 0; k--) if (!tasks[k].departments.length && tasks[k].span[0] >= t.span[0] && tasks[k].span[0] < t.span[1]) tasks.splice(k, 1);
    tasks.push(t);
  }
  // a task the reader cannot name (a clause with nothing before it) is no task
  const out = tasks.filter((t) => t.title.length > 0).sort((a, b) => a.span[0] - b.span[0]);
  clausesOfTasks.set(out, clauses);
  return out;
}
