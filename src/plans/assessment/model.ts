// 年度考核 (annual assessment of departments): pure rules. A scheme (per year, editable by the office)
// sets the weights of three parts and the grade cut-offs; each part's points are its ratio × weight,
// and the breakdown keeps the counts so every score shows how it was computed.
// Defaults follow 国办发〔2013〕47号 《质量工作考核办法》: 100 points, A ≥ 90, B 80–89, C 60–79, D ≤ 59,
// and a veto (一票否决) that forces D whatever the score.

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { A: '优秀', B: '良好', C: '合格', D: '不合格' };

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
  onTime: '按时报送得分 = 按时报送份数 ÷ 应报送份数 × 权重。应报送：本年度内结束、截止日已过的报送周期，每个责任单位（牵头或配合）各一份；按时：截止日（含）前提交且未被退回。',
  targets:
    '目标完成得分 = 达成目标数 ÷ 考核目标数 × 权重。考核目标：本单位（牵头或配合）截止年份为本年度的目标，按年底前最新报送值判断是否“已达成”；本年度没有到期目标时，考核本单位全部在期目标，“已达成”或“正常”（达到序时进度）均计为完成。',
  tasks:
    '任务完成得分 = 已完成任务数 ÷ 考核任务数 × 权重。考核任务：本单位截止日期在本年度的任务；没有时为本单位全部任务。以年底前最新报送状态为准。',
  notApplicable: '无应考核事项的部分按满分计。',
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
  /** false when nothing was due: full points */
  applicable: boolean;
  /** counted as met (on time / achieved / done) */
  met: number;
  /** counted in total */
  total: number;
  /** met / total, 4 decimals (1 when not applicable) */
  ratio: number;
  weight: number;
  points: number;
  /** e.g. 按时报送 3 份 / 应报送 4 份 × 30 = 22.5 分 */
  formula: string;
}

export function partScore(kind: keyof SchemeWeights, met: number, total: number, weight: number, unit: string): PartScore {
  if (total === 0) {
    return { applicable: false, met: 0, total: 0, ratio: 1, weight, points: weight, formula: `无应考核${unit === '份' ? '报送' : unit === '个' ? '目标' : '任务'}，按满分计 ${weight} 分` };
  }
  const ratio = met / total;
  const points = round2(ratio * weight);
  const verb = kind === 'onTime' ? ['按时报送', '应报送'] : kind === 'targets' ? ['达成', '考核目标'] : ['已完成', '考核任务'];
  return {
    applicable: true,
    met,
    total,
    ratio: Math.round(ratio * 10000) / 10000,
    weight,
    points,
    formula: `${verb[0]} ${met} ${unit} / ${verb[1]} ${total} ${unit} × ${weight} = ${points} 分`,
  };
}

export interface AssessmentBreakdown {
  year: number;
  /** the day the records were read (YYYY-MM-DD) */
  asOf: string;
  scheme: SchemeConfig;
  onTime: PartScore & { details: { planTitle: string; periodLabel: string; dueDate: string; submittedOn: string | null; onTime: boolean }[] };
  targets: PartScore & {
    basis: 'due_this_year' | 'active';
    details: { targetId: string; planTitle: string; indicator: string; status: string; counted: boolean }[];
  };
  tasks: PartScore & { basis: 'due_this_year' | 'all'; details: { taskId: string; planTitle: string; title: string; status: string | null; counted: boolean }[] };
  total: number;
  rules: typeof SCORING_RULES;
}
