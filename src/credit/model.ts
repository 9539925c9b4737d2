// Credit (信用, issue 11 item 5): the kinds of credit events, the two lists, the risk classes A-D and
// the rule set that produces them, and the deadlines on the working-day calendar. Pure: no database.
//
// Every rule parameter (points, thresholds, cut-offs, look-back windows, deadlines, publication
// periods) is data with the default given by ../shared/reference/regulatory-rules.md §2, stored per
// tenant (credit_settings) and editable by the administrator; nothing here is a constant of the law.
//
// The classification follows the pattern of 国市监信发〔2022〕6号: the enterprise's facts (basic
// attributes, supervision records, list memberships) feed indicators; each indicator that fires adds
// its points; the sum falls into one of four classes by the cut-offs. Each rule is declarative
// (`fact >= threshold → points`), so the same rule set runs as pure code for one enterprise (with the
// explanation) and as SQL generated from it for the whole register (store.ts).

/** 信用风险分类: A 信用风险低, B 一般, C 较高, D 高. */
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
export const RISK_CLASS_LABELS: Record<RiskClass, string> = { A: '信用风险低', B: '信用风险一般', C: '信用风险较高', D: '信用风险高' };

export const CREDIT_EVENT_KINDS = {
  penalty: '行政处罚',
  abnormal_listing: '列入经营异常名录',
  abnormal_removal: '移出经营异常名录',
  serious_listing: '列入严重违法失信名单',
  serious_removal: '移出严重违法失信名单',
  sampling_failed: '产品抽检不合格',
  complaint: '投诉',
  annual_report_missing: '未报送年报',
  credit_repair: '信用修复',
  inspection_problem: '双随机抽查发现问题',
} as const;
export type CreditEventKind = keyof typeof CREDIT_EVENT_KINDS;
export const CREDIT_EVENT_KIND_CODES = Object.keys(CREDIT_EVENT_KINDS) as CreditEventKind[];
/** Kinds a user enters directly as events; listings and removals go through the list decisions. */
export const DIRECT_EVENT_KINDS = ['penalty', 'sampling_failed', 'complaint', 'annual_report_missing', 'credit_repair'] as const satisfies readonly CreditEventKind[];

export const EVENT_SOURCES = { user: '人工录入', import: '导入', domain: '业务系统' } as const;
export type EventSource = keyof typeof EVENT_SOURCES;

/** 经营异常名录 and 严重违法失信名单. */
export const CREDIT_LISTS = { abnormal: '经营异常名录', serious: '严重违法失信名单' } as const;
export type CreditList = keyof typeof CREDIT_LISTS;

/** The four grounds of 企业信息公示暂行条例 第17条 for 经营异常名录. */
export const ABNORMAL_REASONS = {
  annual_report: '未按规定期限公示年度报告',
  instant_info: '未在责令的期限内公示有关企业信息',
  falsified: '公示企业信息隐瞒真实情况、弄虚作假',
  unreachable: '通过登记的住所或者经营场所无法联系',
} as const;
export type AbnormalReason = keyof typeof ABNORMAL_REASONS;

/** 行政处罚信息公示期: 3 months (通报批评 or a low fine only) or 3 years (总局令第45号 第13条). */
export const PUBLICATION_KINDS = { short: '仅通报批评或较低数额罚款（公示期较短）', long: '其他行政处罚（公示期较长）' } as const;
export type PublicationKind = keyof typeof PUBLICATION_KINDS;

/** The field of a penalty, for the minimum period of 信用修复 (food, drug, special equipment: longer). */
export const PENALTY_FIELDS = { general: '一般领域', food: '食品', drug: '药品', special_equipment: '特种设备' } as const;
export type PenaltyField = keyof typeof PENALTY_FIELDS;

/** A list membership's state: grounds found (decision due), listed, removed; or the grounds dropped. */
export const MEMBERSHIP_STATES = { pending: '待作出列入决定', listed: '已列入', removed: '已移出', dropped: '不予列入' } as const;
export type MembershipState = keyof typeof MEMBERSHIP_STATES;

// --- settings -----------------------------------------------------------------------------------

/** The facts the rules are written over, per enterprise on a given day. All numbers (booleans 0/1). */
export const CREDIT_FACTS = {
  penalties: '行政处罚次数（回溯期内）',
  heavyPenalties: '较重行政处罚次数（回溯期内）',
  failedSamplings: '产品抽检不合格次数（回溯期内）',
  inspectionProblems: '双随机抽查发现问题次数（回溯期内）',
  complaints: '投诉次数（回溯期内）',
  missingAnnualReports: '未报送年报次数（回溯期内）',
  onAbnormalList: '在经营异常名录中',
  onSeriousList: '在严重违法失信名单中',
  young: '成立不满一年',
  revoked: '登记状态为吊销',
} as const;
export type CreditFact = keyof typeof CREDIT_FACTS;
export const CREDIT_FACT_KEYS = Object.keys(CREDIT_FACTS) as CreditFact[];
export type CreditFacts = Record<CreditFact, number>;

/** One rule: when `fact >= threshold`, the enterprise gets `points`. */
export interface RiskRule {
  id: string;
  label: string;
  fact: CreditFact;
  threshold: number;
  points: number;
  enabled: boolean;
}

export interface CreditSettings {
  rules: RiskRule[];
  /** the least points of classes B, C and D (A below B) */
  cutoffs: { B: number; C: number; D: number };
  /**
   * look-back windows of the counted facts, in months. regulatory-rules.md §2 gives none for 双随机
   * findings; inspectionMonths defaults to 24, the window of failed samplings (both are findings of a
   * supervisory check), see decision 042
   */
  windows: { penaltyMonths: number; samplingMonths: number; complaintMonths: number; annualReportMonths: number; inspectionMonths: number };
  deadlines: {
    /** 列入经营异常名录 decided within this many working days after the grounds arise (68号令) */
    listingDecisionWd: number;
    /** removal decided within this many working days after the cause is cured */
    removalDecisionWd: number;
    /** objection: acceptance decided within … working days, then verified within … working days */
    objectionAcceptWd: number;
    objectionVerifyWd: number;
    /** penalty publication periods (总局令第45号 第13条) */
    publicationShortMonths: number;
    publicationLongMonths: number;
    /** 严重违法失信名单 publication period (then removed automatically) */
    seriousPublicationMonths: number;
    /** 信用修复 minimums: penalty publication 6 months, food/drug/special equipment 12; serious list 12 */
    repairMinMonths: number;
    repairMinMonthsSpecial: number;
    seriousEarlyRemovalMonths: number;
    /** items due within this many working days show as 即将到期 */
    dueSoonWd: number;
  };
  /**
   * when the whole register is reclassified by the schedule: on `dayOfMonth` of every `everyMonths`-th
   * month (counted from January; 1 = monthly, the SAMR practice); everyMonths 0 = on demand only
   */
  reclassify: { everyMonths: number; dayOfMonth: number };
}

export const DEFAULT_RULES: readonly RiskRule[] = [
  { id: 'serious_list', label: '列入严重违法失信名单', fact: 'onSeriousList', threshold: 1, points: 100, enabled: true },
  { id: 'heavy_penalty', label: '受到较重行政处罚', fact: 'heavyPenalties', threshold: 1, points: 40, enabled: true },
  { id: 'abnormal_list', label: '列入经营异常名录', fact: 'onAbnormalList', threshold: 1, points: 30, enabled: true },
  { id: 'penalty', label: '受到行政处罚', fact: 'penalties', threshold: 1, points: 15, enabled: true },
  { id: 'penalty_repeat', label: '多次受到行政处罚（3次及以上）', fact: 'penalties', threshold: 3, points: 20, enabled: true },
  { id: 'sampling_failed', label: '产品抽检不合格', fact: 'failedSamplings', threshold: 1, points: 15, enabled: true },
  { id: 'sampling_failed_repeat', label: '多次产品抽检不合格（2次及以上）', fact: 'failedSamplings', threshold: 2, points: 15, enabled: true },
  { id: 'inspection_problem', label: '双随机抽查发现问题', fact: 'inspectionProblems', threshold: 1, points: 10, enabled: true },
  { id: 'inspection_problem_repeat', label: '多次双随机抽查发现问题（2次及以上）', fact: 'inspectionProblems', threshold: 2, points: 10, enabled: true },
  { id: 'complaints', label: '投诉较多（3件及以上）', fact: 'complaints', threshold: 3, points: 10, enabled: true },
  { id: 'annual_report_missing', label: '未按时报送年度报告', fact: 'missingAnnualReports', threshold: 1, points: 10, enabled: true },
  { id: 'revoked', label: '营业执照被吊销', fact: 'revoked', threshold: 1, points: 30, enabled: true },
  { id: 'young', label: '成立不满一年', fact: 'young', threshold: 1, points: 5, enabled: true },
];

export const DEFAULT_CREDIT_SETTINGS: CreditSettings = {
  rules: DEFAULT_RULES.map((r) => ({ ...r })),
  cutoffs: { B: 10, C: 30, D: 60 },
  windows: { penaltyMonths: 36, samplingMonths: 24, complaintMonths: 12, annualReportMonths: 12, inspectionMonths: 24 },
  deadlines: {
    listingDecisionWd: 10,
    removalDecisionWd: 5,
    objectionAcceptWd: 5,
    objectionVerifyWd: 20,
    publicationShortMonths: 3,
    publicationLongMonths: 36,
    seriousPublicationMonths: 36,
    repairMinMonths: 6,
    repairMinMonthsSpecial: 12,
    seriousEarlyRemovalMonths: 12,
    dueSoonWd: 3,
  },
  reclassify: { everyMonths: 1, dayOfMonth: 1 },
};

/** Why a settings value is refused (Chinese), or null when the settings are usable. */
export function settingsProblem(s: CreditSettings): string | null {
  const ids = new Set<string>();
  for (const r of s.rules) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(r.id)) return `规则编号“${r.id}”应为小写字母、数字和下划线`;
    if (ids.has(r.id)) return `规则编号“${r.id}”重复`;
    ids.add(r.id);
    if (!(r.fact in CREDIT_FACTS)) return `规则“${r.label}”的条件项目不存在`;
    if (!Number.isInteger(r.points) || r.points < -1000 || r.points > 1000) return `规则“${r.label}”的分值应为 -1000 到 1000 的整数`;
    if (!Number.isInteger(r.threshold) || r.threshold < 0 || r.threshold > 10000) return `规则“${r.label}”的阈值应为 0 到 10000 的整数`;
  }
  const { B, C, D } = s.cutoffs;
  if (![B, C, D].every(Number.isInteger) || !(B < C && C < D)) return '分类分界应为整数，且 B < C < D';
  for (const [k, v] of Object.entries({ ...s.windows, ...s.deadlines })) {
    if (!Number.isInteger(v) || v < 0 || v > 1200) return `期限“${k}”应为 0 到 1200 的整数`;
  }
  const { everyMonths, dayOfMonth } = s.reclassify;
  if (!Number.isInteger(everyMonths) || everyMonths < 0 || everyMonths > 12) return '重新分类周期应为 0 到 12 个月（0 表示仅手动）';
  if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 28) return '重新分类日应为每月 1 到 28 日';
  return null;
}

/** True when the scheduled reclassification falls on `today` (YYYY-MM-DD). */
export function reclassificationDue(today: string, r: CreditSettings['reclassify']): boolean {
  if (r.everyMonths === 0) return false;
  const month = Number(today.slice(5, 7));
  return Number(today.slice(8, 10)) === r.dayOfMonth && (month - 1) % r.everyMonths === 0;
}

// --- classification ------------------------------------------------------------------------------

export interface FiredRule {
  id: string;
  label: string;
  points: number;
}

export interface Classification {
  class: RiskClass;
  points: number;
  firedRules: FiredRule[];
}

/** The class of a number of points by the cut-offs. */
export function classOf(points: number, cutoffs: CreditSettings['cutoffs']): RiskClass {
  return points >= cutoffs.D ? 'D' : points >= cutoffs.C ? 'C' : points >= cutoffs.B ? 'B' : 'A';
}

/** Classifies one enterprise from its facts: the class, the points and the rules that fired. */
export function classify(facts: CreditFacts, settings: Pick<CreditSettings, 'rules' | 'cutoffs'>): Classification {
  const firedRules = settings.rules.filter((r) => r.enabled && (facts[r.fact] ?? 0) >= r.threshold).map((r) => ({ id: r.id, label: r.label, points: r.points }));
  const points = firedRules.reduce((a, r) => a + r.points, 0);
  return { class: classOf(points, settings.cutoffs), points, firedRules };
}

// --- dates and deadlines ------------------------------------------------------------------------

/** The calendar functions the deadlines need (org/calendar's WorkingCalendar has them). */
export interface WorkingDays {
  addWorkingDays(date: string, n: number): string;
  workingDaysBetween(a: string, b: string): number;
}

/** `date` plus `months` calendar months (YYYY-MM-DD; the 31st of a short month becomes its last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** When a penalty's publication ends, and from when its early stop (信用修复) may be asked. */
export function penaltyPeriods(decidedOn: string, publication: PublicationKind, field: PenaltyField, d: CreditSettings['deadlines']): { publicationEndsOn: string; repairFrom: string | null } {
  const publicationEndsOn = addMonths(decidedOn, publication === 'short' ? d.publicationShortMonths : d.publicationLongMonths);
  // short publications lapse on their own; the repair minimum applies to the long ones
  const repairFrom = publication === 'short' ? null : addMonths(decidedOn, field === 'general' ? d.repairMinMonths : d.repairMinMonthsSpecial);
  return { publicationEndsOn, repairFrom };
}

/** The dates a list membership is held to, from what has happened so far. */
export interface MembershipDates {
  list: CreditList;
  state: MembershipState;
  groundsOn: string | null;
  listedOn: string | null;
  curedOn: string | null;
  objectionOn: string | null;
  objectionAcceptedOn: string | null;
  objectionAnsweredOn: string | null;
}

export interface MembershipDeadlines {
  listingDueOn: string | null;
  removalDueOn: string | null;
  objectionAcceptDueOn: string | null;
  objectionVerifyDueOn: string | null;
  publicationEndsOn: string | null;
  earlyRemovalFrom: string | null;
}

export function membershipDeadlines(m: MembershipDates, cal: WorkingDays, d: CreditSettings['deadlines']): MembershipDeadlines {
  const open = m.state === 'pending' || m.state === 'listed';
  return {
    listingDueOn: m.state === 'pending' && m.groundsOn ? cal.addWorkingDays(m.groundsOn, d.listingDecisionWd) : null,
    removalDueOn: m.state === 'listed' && m.curedOn ? cal.addWorkingDays(m.curedOn, d.removalDecisionWd) : null,
    objectionAcceptDueOn: open && m.objectionOn && !m.objectionAcceptedOn && !m.objectionAnsweredOn ? cal.addWorkingDays(m.objectionOn, d.objectionAcceptWd) : null,
    objectionVerifyDueOn: open && m.objectionAcceptedOn && !m.objectionAnsweredOn ? cal.addWorkingDays(m.objectionAcceptedOn, d.objectionVerifyWd) : null,
    publicationEndsOn: m.list === 'serious' && m.listedOn ? addMonths(m.listedOn, d.seriousPublicationMonths) : null,
    earlyRemovalFrom: m.list === 'serious' && m.listedOn ? addMonths(m.listedOn, d.seriousEarlyRemovalMonths) : null,
  };
}

export const DEADLINE_KINDS = {
  listing: '作出列入决定',
  removal: '作出移出决定',
  objection_accept: '决定是否受理异议',
  objection_verify: '核实异议并书面答复',
  publication_end: '公示期届满（移出名单）',
} as const;
export type DeadlineKind = keyof typeof DEADLINE_KINDS;

export interface DeadlineItem {
  kind: DeadlineKind;
  dueOn: string;
  /** working days left (negative: overdue by that many) */
  workingDaysLeft: number;
  state: 'due_soon' | 'overdue' | 'open';
}

/** The open deadlines of one membership on `today`. */
export function deadlineItems(dl: MembershipDeadlines, today: string, cal: WorkingDays, dueSoonWd: number): DeadlineItem[] {
  const out: DeadlineItem[] = [];
  const push = (kind: DeadlineKind, dueOn: string | null) => {
    if (!dueOn) return;
    const left = today <= dueOn ? cal.workingDaysBetween(today, dueOn) : -cal.workingDaysBetween(dueOn, today);
    out.push({ kind, dueOn, workingDaysLeft: left, state: today > dueOn ? 'overdue' : left <= dueSoonWd ? 'due_soon' : 'open' });
  };
  push('listing', dl.listingDueOn);
  push('removal', dl.removalDueOn);
  push('objection_accept', dl.objectionAcceptDueOn);
  push('objection_verify', dl.objectionVerifyDueOn);
  push('publication_end', dl.publicationEndsOn);
  return out;
}
