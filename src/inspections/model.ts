// The inspections room's pure rules (双随机、一公开, issue 12), with the texts users see. Import-free
// (apart from types) so the web can use the constants.

/** 企业信用风险分类 (国市监信发〔2022〕6号) plus the stratum of enterprises without a class yet. */
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
export const UNCLASSIFIED = '未分类';
/** The strata in frame order. */
export const STRATA = [...RISK_CLASSES, UNCLASSIFIED] as const;
export type Stratum = (typeof STRATA)[number];
export const STRATUM_LABELS: Record<Stratum, string> = {
  A: 'A类（信用风险低）',
  B: 'B类（信用风险一般）',
  C: 'C类（信用风险较高）',
  D: 'D类（信用风险高）',
  未分类: '未分类（按B类比例）',
};
/** An unclassified enterprise is drawn at this class's ratio. */
export const UNCLASSIFIED_AS: RiskClass = 'B';

export interface ClassRule {
  /** share of the stratum drawn per campaign, 0..1 */
  ratio: number;
  /** inspections per enterprise per year (guidance shown with the ratio; 0 = as needed) */
  perYear: number;
}

/** Which enterprises an item applies to; an empty list does not restrict. Lists are OR, dimensions AND. */
export interface ItemScope {
  /** 企业标准自我声明 spot checks (§8): only enterprises with a declared standard */
  standardDeclarations?: boolean;
  industrySections?: string[];
  industryDivisions?: string[];
  licenceKinds?: string[];
  productTags?: string[];
}

export interface InspectionSettings {
  classRules: Record<RiskClass, ClassRule>;
  inspectorsPerObject: number;
  publishWithinWorkingDays: number;
  notDrawnWithinDays: number;
  operatingStatuses: string[];
}

/**
 * Defaults (regulatory-rules.md §1.2–1.4, §2.1): A 2% (巴彦淖尔 2022), B 5%, C 21%, D 61% (the lower
 * bounds of 大庆林甸's B/C/D bands); ≥2 inspectors (行政处罚法 第42条); publication within 20 working days
 * (企业信息公示暂行条例 第6条); no second draw for the same item within a year; only entities in operation.
 * Each authority edits them.
 */
export const DEFAULT_INSPECTION_SETTINGS: InspectionSettings = {
  classRules: {
    A: { ratio: 0.02, perYear: 1 },
    B: { ratio: 0.05, perYear: 1 },
    C: { ratio: 0.21, perYear: 2 },
    D: { ratio: 0.61, perYear: 0 },
  },
  inspectorsPerObject: 2,
  publishWithinWorkingDays: 20,
  notDrawnWithinDays: 365,
  operatingStatuses: ['存续', '在业'],
};

export const INSPECTION_RULES = {
  classRules: 'A类低比例、低频次（无事不扰），B类常规比例和频次，C类适当提高，D类大幅提高（国市监信发〔2022〕6号）；未分类企业按B类比例抽取。',
  inspectorsPerObject: '每个检查对象至少选派2名执法检查人员（行政处罚法第四十二条）；与检查对象有利害关系的人员回避，改派他人并记录。',
  publishWithinWorkingDays: '抽查结果自检查结束之日起20个工作日内公示（企业信息公示暂行条例第六条）。',
  notDrawnWithinDays: '同一事项在此天数内已被抽中的企业不再抽取。',
  operatingStatuses: '只抽取处于这些登记状态的市场主体。',
} as const;

/** The class rule of a stratum for a set of items: the highest ratio and frequency among them. */
export function ruleOfStratum(stratum: Stratum, settings: InspectionSettings, itemOverrides: Array<Partial<Record<string, ClassRule>>>): ClassRule {
  const cls: RiskClass = stratum === UNCLASSIFIED ? UNCLASSIFIED_AS : stratum;
  const rules = [settings.classRules[cls], ...itemOverrides.map((o) => o[cls]).filter((r): r is ClassRule => !!r)];
  // with overrides, the items' own rules apply (the highest of them); without, the authority's
  const own = rules.slice(1);
  const pick = own.length ? own : rules;
  return { ratio: Math.max(...pick.map((r) => r.ratio)), perYear: Math.max(...pick.map((r) => r.perYear)) };
}

// ---------------------------------------------------------------------------------------------------
// campaigns and results

export const CAMPAIGN_STATES = ['待抽取', '已抽取', '执行中', '已完成'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const RESULT_STATES = ['未录入', '待审核', '退回', '已公示'] as const;
export type ResultState = (typeof RESULT_STATES)[number];

/** Result codes of the national publicity system (regulatory-rules.md §1.4). */
export const RESULT_CODES = [
  '未发现问题',
  '未按规定公示应当公示的信息',
  '公示信息隐瞒真实情况弄虚作假',
  '通过登记的住所(经营场所)无法联系',
  '发现问题已责令改正',
  '未发现开展本次抽查涉及的经营活动',
  '发现问题待后续处理',
  '不配合检查情节严重',
] as const;
export type ResultCode = (typeof RESULT_CODES)[number];
/** The code that proposes an 经营异常名录 listing (企业信息公示暂行条例 第17条 第四项). */
export const UNREACHABLE_CODE: ResultCode = '通过登记的住所(经营场所)无法联系';

/** Codes that call for 后续处置 (the follow-up text is required). */
export const CODES_NEEDING_FOLLOW_UP: ReadonlySet<string> = new Set([
  '未按规定公示应当公示的信息',
  '公示信息隐瞒真实情况弄虚作假',
  '通过登记的住所(经营场所)无法联系',
  '发现问题已责令改正',
  '发现问题待后续处理',
  '不配合检查情节严重',
]);

export type PublicationStatus = 'published' | 'due' | 'overdue' | 'none';

/**
 * Whether a result's publication is due or overdue: due by `dueDate` (the inspection day plus the
 * working days of the settings, on the authority's calendar); published results are 'published'.
 */
export function publicationStatus(state: ResultState, dueDate: string | null, today: string): PublicationStatus {
  if (state === '已公示') return 'published';
  if (!dueDate) return 'none';
  return today > dueDate ? 'overdue' : 'due';
}

/** Allowed next campaign state. */
export function canMoveCampaign(from: CampaignState, to: CampaignState): boolean {
  return (from === '已抽取' && to === '执行中') || (from === '执行中' && to === '已完成');
}

// ---------------------------------------------------------------------------------------------------
// 企业标准自我声明公开 spot checks (regulatory-rules.md §8): drawn with the same verifiable draw from the
// enterprises with declarations, excluding those checked within 3 years, judged on this checklist.

export const STANDARD_TYPES = ['企业标准', '团体标准', '国家标准', '行业标准', '地方标准'] as const;
export type StandardType = (typeof STANDARD_TYPES)[number];

/** The checklist of a self-declaration spot check (多伦县 2022 practice; 标准化法 第21、27条; 企业标准化促进办法 第12条). */
export const STANDARD_CHECKLIST = {
  notBelowMandatory: '技术要求不低于强制性国家标准（标准化法第二十一条）',
  numbering: '标准编号和名称符合编号规则',
  indicatorsDisclosed: '公开了产品、服务的功能指标和产品的性能指标（标准化法第二十七条）',
  testMethods: '规定了试验、检验或评价方法（企业标准化促进办法第十二条）',
} as const;
export type StandardCheckKey = keyof typeof STANDARD_CHECKLIST;
export type StandardChecklist = Record<StandardCheckKey, boolean>;
export const STANDARD_CHECK_KEYS = Object.keys(STANDARD_CHECKLIST) as StandardCheckKey[];

/** A declaration is conforming when every item of the checklist holds. */
export function standardConforms(c: StandardChecklist): boolean {
  return STANDARD_CHECK_KEYS.every((k) => c[k] === true);
}

/** The re-check window of standards spot checks: not drawn again within 3 years. */
export const STANDARDS_NOT_DRAWN_WITHIN_DAYS = 1095;
