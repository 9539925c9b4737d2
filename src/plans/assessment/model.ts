// 年度考核 (annual assessment of departments): pure rules. A scheme (per year, editable by the office)
// sets the weights of three parts and the grade cut-offs; each part's points are its ratio × weight,
// and the breakdown keeps the counts so every score shows how it was computed.
// Defaults follow 国办发〔2013〕47号 《质量工作考核办法》: 100 points, A ≥ 90, B 80–89, C 60–79, D ≤ 59,
// and a veto (一票否决) that forces D whatever the score.

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { A: '优秀', B: '良好', C: '合格', D: '不合格' };
/** The stored grade of a department with nothing assessable in the year: 不参评 (not graded). */
export const NOT_ASSESSED = 'N' as const;
export type StoredGrade = Grade | typeof NOT_ASSESSED;
export const STORED_GRADE_LABELS: Record<StoredGrade, string> = { ...GRADE_LABELS, N: '不参评' };

export interface SchemeWeights {
  /** 按时报送 */
  onTime: number;
  /** 目标完成 */
  targets: number;
  /** 任务完成 */
  tasks: number;
}

/** Minimum score of each grade; below C is D. */
export interface SchemeGrades {
  A: number;
  B: number;
  C: number;
}

export interface SchemeConfig {
  name: string;
  weights: SchemeWeights;
  grades: SchemeGrades;
}

export const DEFAULT_SCHEME: SchemeConfig = {
  name: '年度考核方案',
  weights: { onTime: 30, targets: 50, tasks: 20 },
  grades: { A: 90, B: 80, C: 60 },
};

export const PART_LABELS: Record<keyof SchemeWeights, string> = { onTime: '按时报送', targets: '目标完成', tasks: '任务完成' };

/** The minimum length of an adjustment or veto reason (characters). */
export const MIN_REASON_LENGTH = 10;

export const SCORING_RULES = {
  scope:
    '考核范围：计划期覆盖考核年度的已发布（或已归档）计划；计划期已在考核年度之前结束的计划、截止年份在考核年度之前的目标和截止日期在考核年度之前的任务，均不计入。',
  onTime: '按时报送得分比例 = 按时报送份数 ÷ 应报送份数。应报送：考核年度内结束、截止日已过、且在计划期内的报送周期，每个责任单位（牵头或配合）各一份；按时：截止日（含）前提交且未被退回。',
  targets:
    '目标完成得分比例 = 完成目标数 ÷ 考核目标数。考核目标：本单位（牵头或配合）截止年份为考核年度或之后的目标；截止年份为考核年度的，按年底前最新报送值“已达成”计为完成；截止年份在以后年度的，“已达成”或“正常”（达到序时进度）计为完成。',
  tasks:
    '任务完成得分比例 = 完成任务数 ÷ 考核任务数。考核任务：本单位未在考核年度之前到期的任务（未写明截止日期的以计划期末为截止日期）；截止日期在考核年度内的，以年底前最新报送状态“已完成”计为完成；其余（跨年度或计划无期限）“进行中”或“已完成”计为完成。',
  reweighting:
    '某部分没有应考核事项时不计分，其权重按比例分配给有应考核事项的部分：总分 = 各有效部分得分之和 ÷ 有效部分权重之和 × 总分值。',
  notAssessed: '三部分均无应考核事项的单位为“不参评”：列示但不评定等级。',
  veto: '一票否决：发生区域性、系统性质量安全事件等情形，等级直接定为 D（不合格）。',
  adjustment: `调整得分须填写不少于 ${MIN_REASON_LENGTH} 个字的理由，记入审计日志；重新计算时保留调整。`,
} as const;

/** Problems of a scheme (Chinese, by field), empty when fine. */
export function schemeProblems(s: SchemeConfig): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const total = s.weights.onTime + s.weights.targets + s.weights.tasks;
  for (const k of ['onTime', 'targets', 'tasks'] as const) {
    if (!Number.isFinite(s.weights[k]) || s.weights[k] < 0) out.push({ field: `weights.${k}`, message: `${PART_LABELS[k]}权重不能为负数` });
  }
  if (!(total > 0)) out.push({ field: 'weights', message: '权重合计应大于 0' });
  const { A, B, C } = s.grades;
  if (!(A > B && B > C && C > 0)) out.push({ field: 'grades', message: '等级分数线应满足 A > B > C > 0' });
  if (A > total) out.push({ field: 'grades.A', message: `A 等分数线不能高于总分 ${total}` });
  return out;
}

export function totalOf(s: SchemeConfig): number {
  return s.weights.onTime + s.weights.targets + s.weights.tasks;
}

/** Grade of a score; the veto forces D. */
export function gradeOf(score: number, grades: SchemeGrades, veto: boolean): Grade {
  if (veto) return 'D';
  if (score >= grades.A) return 'A';
  if (score >= grades.B) return 'B';
  if (score >= grades.C) return 'C';
  return 'D';
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

export interface PartScore {
  /** false when nothing was assessable: the part does not count and its weight goes to the others */
  applicable: boolean;
  /** counted as met (on time / achieved / done) */
  met: number;
  /** counted in total */
  total: number;
  /** met / total, 4 decimals (0 when not applicable) */
  ratio: number;
  /** the scheme's weight of the part */
  weight: number;
  /** the weight after re-weighting over the applicable parts (0 when not applicable) */
  effectiveWeight: number;
  points: number;
  /** e.g. 按时报送 3 份 / 应报送 4 份 × 30 = 22.5 分 */
  formula: string;
}

const NOUN = { onTime: '报送', targets: '目标', tasks: '任务' } as const;
const UNIT = { onTime: '份', targets: '个', tasks: '项' } as const;
const VERB = { onTime: ['按时报送', '应报送'], targets: ['完成', '考核目标'], tasks: ['完成', '考核任务'] } as const;

/**
 * A part's score as ratio × effective weight. `effectiveWeight` defaults to the scheme weight; the
 * scorer passes the re-weighted one (see `scoreParts`). Nothing assessable: not applicable, 0 points.
 */
export function partScore(kind: keyof SchemeWeights, met: number, total: number, weight: number, effectiveWeight = weight): PartScore {
  if (total === 0) {
    return { applicable: false, met: 0, total: 0, ratio: 0, weight, effectiveWeight: 0, points: 0, formula: `无应考核${NOUN[kind]}，本部分不计分，权重分配给其他部分` };
  }
  const ratio = met / total;
  const points = round2(ratio * effectiveWeight);
  const u = UNIT[kind];
  const w = round2(effectiveWeight);
  const wText = w === weight ? `${weight}` : `${w}（权重 ${weight} 按比例调整）`;
  return {
    applicable: true,
    met,
    total,
    ratio: Math.round(ratio * 10000) / 10000,
    weight,
    effectiveWeight: w,
    points,
    formula: `${VERB[kind][0]} ${met} ${u} / ${VERB[kind][1]} ${total} ${u} × ${wText} = ${points} 分`,
  };
}

/**
 * The three parts with re-weighting: the weights of the parts that have something assessable are
 * scaled up so they add to the scheme's total. Null when no part has anything (不参评).
 */
export function scoreParts(
  counts: Record<keyof SchemeWeights, { met: number; total: number }>,
  weights: SchemeWeights,
): { parts: Record<keyof SchemeWeights, PartScore>; total: number } | null {
  const kinds = ['onTime', 'targets', 'tasks'] as const;
  const full = weights.onTime + weights.targets + weights.tasks;
  const live = kinds.filter((k) => counts[k].total > 0 && weights[k] > 0);
  const liveWeight = live.reduce((a, k) => a + weights[k], 0);
  if (live.length === 0 || liveWeight === 0) return null;
  const scale = full / liveWeight;
  const parts = Object.fromEntries(
    kinds.map((k) => [k, live.includes(k) ? partScore(k, counts[k].met, counts[k].total, weights[k], weights[k] * scale) : partScore(k, 0, 0, weights[k])]),
  ) as Record<keyof SchemeWeights, PartScore>;
  // the total from the unrounded ratios, so re-weighting does not add rounding steps
  const total = round2(live.reduce((a, k) => a + (counts[k].met / counts[k].total) * weights[k] * scale, 0));
  return { parts, total };
}

/** Does a plan's period cover `year`? Open ends count as open; a plan without years from its publication year. */
export function planCoversYear(p: { startYear: number | null; endYear: number | null; liveYear: number }, year: number): boolean {
  const from = p.startYear ?? p.liveYear;
  const to = p.endYear ?? Number.POSITIVE_INFINITY;
  return from <= year && year <= to;
}

export interface AssessmentBreakdown {
  year: number;
  /** the day the records were read (YYYY-MM-DD) */
  asOf: string;
  scheme: SchemeConfig;
  /** false: 不参评, nothing assessable in the year */
  assessed: boolean;
  onTime: PartScore & { details: { planTitle: string; periodLabel: string; dueDate: string; submittedOn: string | null; onTime: boolean }[] };
  targets: PartScore & {
    details: { targetId: string; planTitle: string; indicator: string; deadlineYear: number | null; status: string; counted: boolean }[];
  };
  tasks: PartScore & { details: { taskId: string; planTitle: string; title: string; dueDate: string | null; status: string | null; counted: boolean }[] };
  /** plans of the department's items that were left out because their period ended before the year */
  excludedPlans: string[];
  total: number;
  /** how the total was formed, e.g. (22.5 + 25 + 10) = 57.5 分 */
  totalFormula: string;
  rules: typeof SCORING_RULES;
}
