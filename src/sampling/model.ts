// The sampling room's pure rules (产品质量监督抽查, issue 12; regulatory-rules.md §4): the
// authority's periods with their defaults, the 6-month lock on the same product, the 复检 window,
// 后处理 (责令整改, one extension, 复查, the escalation steps of 产品质量法 第17条), and the two rates of
// §4.4. Import-free (apart from the calendar type) so the web can use the constants.
import type { WorkingCalendar } from '../org/calendar/calendar';

export interface SamplingSettings {
  /** 同一产品 not sampled again by the same authority within this many months (18号令) */
  lockMonths: number;
  /** samplers on site (the firm may refuse fewer than 2) */
  minSamplers: number;
  /** 复检 requested within this many days of receiving the result (产品质量法 第15条; calendar days) */
  retestRequestDays: number;
  /** the regulator notifies the firm of a failure within this many working days of the report ([M] 18号令) */
  notifyWorkingDays: number;
  /** 责令整改通知书 issued within this many working days of the failure becoming final (总局公告2015年第57号) */
  orderWorkingDays: number;
  /** rectification completed within this many days of the order (calendar days) */
  rectifyDays: number;
  /** one extension of at most this many days … */
  extensionMaxDays: number;
  /** … applied for at least this many days before the deadline */
  extensionApplyBeforeDays: number;
  /** after 公告 or 停业整顿, the firm is re-checked within this many days (calendar days; each escalation opens a new period) */
  escalationDays: number;
  /** the 驾驶舱 card warns of a 后处理 deadline this many days ahead (calendar days) */
  disposalWarnDays: number;
}

export const DEFAULT_SAMPLING_SETTINGS: SamplingSettings = {
  lockMonths: 6,
  minSamplers: 2,
  retestRequestDays: 15,
  notifyWorkingDays: 5,
  orderWorkingDays: 5,
  rectifyDays: 30,
  extensionMaxDays: 30,
  extensionApplyBeforeDays: 5,
  escalationDays: 30,
  disposalWarnDays: 7,
};

export const SAMPLING_RULES: Record<keyof SamplingSettings, string> = {
  lockMonths: '同一监管部门对同一产品（同一生产者、同一标准、同一商标、同一规格型号）6个月内不重复抽查；跟踪抽查和应急抽查除外（产品质量监督抽查管理暂行办法）。',
  minSamplers: '抽样人员不得少于2名，否则被抽样企业有权拒绝抽样。',
  retestRequestDays: '被抽查企业对检验结果有异议的，自收到检验结果之日起15日内申请复检（产品质量法第十五条），复检使用备用样品，复检结论为最终结论。',
  notifyWorkingDays: '检验结果不合格的，在此工作日数内书面通知被抽查企业（待核实 18号令原文，可调整）。',
  orderWorkingDays: '不合格结论确定后，在此工作日数内下达责令整改通知书（国家监督抽查后处理工作规定）。',
  rectifyDays: '企业自收到责令整改通知之日起30日内完成整改并申请复查。',
  extensionMaxDays: '确有困难的，可申请延期一次，延期不超过30日。',
  extensionApplyBeforeDays: '延期申请应在整改期限届满5日前提出。',
  escalationDays: '公告或责令停业整顿后，在此日数内复查（产品质量法第十七条；每进入下一步重新起算，可调整）。',
  disposalWarnDays: '驾驶舱在后处理期限届满前此日数内提示即将到期；期限已过仍未复查合格的列为逾期，并在计划中开设后续任务。',
};

/** Which settings count working days (the others are calendar days). */
export const WORKING_DAY_SETTINGS: ReadonlySet<keyof SamplingSettings> = new Set(['notifyWorkingDays', 'orderWorkingDays']);

// ---------------------------------------------------------------------------------------------------
// dates

/** `date` + n calendar days (YYYY-MM-DD, UTC arithmetic). */
export function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** `date` + n months, clamped to the month's last day (2026-08-31 + 6 → 2027-02-28). */
export function plusMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// samples

/** 抽查类型: only 常规抽查 is held by the 6-month lock. */
export const SAMPLE_PURPOSES = ['常规抽查', '跟踪抽查', '应急抽查'] as const;
export type SamplePurpose = (typeof SAMPLE_PURPOSES)[number];

/** 待检验 → 已检验 (a conclusion) | 未检验 (sampled but not tested: the batch counts in 抽查批次 only). */
export const SAMPLE_STATES = ['待检验', '已检验', '未检验'] as const;
export type SampleState = (typeof SAMPLE_STATES)[number];

export const VERDICTS = ['合格', '不合格'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The identity of "the same product" for the lock: producer + standard + brand + model (normalised). */
export function productKey(p: { enterpriseId: number; productCode: string; brand: string; model: string; standard: string }): string {
  const n = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return [p.enterpriseId, p.productCode, n(p.brand), n(p.model), n(p.standard)].join('|');
}

/** The first day the same product may be sampled again after a sampling on `sampledOn`. */
export function lockEndsOn(sampledOn: string, lockMonths: number): string {
  return plusMonths(sampledOn, lockMonths);
}

/**
 * Whether a new sampling on `on` is held by an earlier one of the same product on `previousOn`:
 * held while `on` < previousOn + lockMonths. 跟踪抽查 and 应急抽查 are exempt.
 */
export function lockHolds(previousOn: string, on: string, lockMonths: number, purpose: SamplePurpose): boolean {
  if (purpose !== '常规抽查') return false;
  return on < lockEndsOn(previousOn, lockMonths) && on >= previousOn;
}

/** A test item's verdict decides the batch: one 不合格 item fails it. */
export function conclusionOf(items: ReadonlyArray<{ verdict: Verdict }>): Verdict {
  return items.some((i) => i.verdict === '不合格') ? '不合格' : '合格';
}

// ---------------------------------------------------------------------------------------------------
// 复检

/** The last day a 复检 may be requested: the day of receipt is not counted (期间开始的当日不计入). */
export function retestDeadline(receivedOn: string, s: Pick<SamplingSettings, 'retestRequestDays'>): string {
  return plusDays(receivedOn, s.retestRequestDays);
}

export const RETEST_STATES = ['已申请', '不予受理', '已完成'] as const;
export type RetestState = (typeof RETEST_STATES)[number];

// ---------------------------------------------------------------------------------------------------
// 后处理

/** The steps of 产品质量法 第17条, in order; step 0 is the order to correct. */
export const DISPOSAL_STEPS = ['责令整改', '公告', '停业整顿', '吊销营业执照'] as const;
export type DisposalStep = (typeof DISPOSAL_STEPS)[number];
export const DISPOSAL_STEP_NOTES: Record<DisposalStep, string> = {
  责令整改: '责令限期改正（整改期限届满前可申请延期一次）',
  公告: '逾期不改正的，由省级以上市场监管部门予以公告',
  停业整顿: '公告后经复查仍不合格的，责令停业，限期整顿',
  吊销营业执照: '整顿期满后经复查产品质量仍不合格的，吊销营业执照',
};

/** 整改中 → 复查合格 | 复查不合格 (→ next step: 整改中 again) | 免于整改 (停产、转产) ; 已吊销 ends it. */
export const DISPOSAL_STATES = ['整改中', '复查合格', '复查不合格', '免于整改', '已吊销'] as const;
export type DisposalState = (typeof DISPOSAL_STATES)[number];
export const CLOSED_DISPOSAL_STATES: ReadonlySet<DisposalState> = new Set(['复查合格', '免于整改', '已吊销']);

export function rectifyDeadline(orderedOn: string, s: Pick<SamplingSettings, 'rectifyDays'>): string {
  return plusDays(orderedOn, s.rectifyDays);
}

/** The last day an extension may be applied for: `extensionApplyBeforeDays` before the deadline. */
export function extensionApplyBy(deadline: string, s: Pick<SamplingSettings, 'extensionApplyBeforeDays'>): string {
  return plusDays(deadline, -s.extensionApplyBeforeDays);
}

export type ExtensionRefusal = 'ALREADY_EXTENDED' | 'TOO_LATE' | 'TOO_LONG' | 'NOT_OPEN';

/** Why an extension cannot be granted, or null when it can. */
export function extensionRefusal(
  d: { state: DisposalState; step: number; deadline: string; extensionDays: number | null },
  appliedOn: string,
  days: number,
  s: Pick<SamplingSettings, 'extensionApplyBeforeDays' | 'extensionMaxDays'>,
): ExtensionRefusal | null {
  if (d.state !== '整改中' || d.step !== 0) return 'NOT_OPEN';
  if (d.extensionDays !== null) return 'ALREADY_EXTENDED';
  if (days < 1 || days > s.extensionMaxDays) return 'TOO_LONG';
  if (appliedOn > extensionApplyBy(d.deadline, s)) return 'TOO_LATE';
  return null;
}

/**
 * Whether the next escalation step may be taken on `on`: after a failed 复查, or when the deadline
 * passed without a passing 复查 (逾期不改正). None after the last step.
 */
export function canEscalate(d: { state: DisposalState; step: number; deadline: string }, on: string): boolean {
  if (d.step >= DISPOSAL_STEPS.length - 1) return false;
  if (d.state === '复查不合格') return true;
  return d.state === '整改中' && on > d.deadline;
}

/** The period of a step: 责令整改 counts rectifyDays, 公告 and 停业整顿 count escalationDays. */
export function stepDeadline(on: string, step: number, s: Pick<SamplingSettings, 'rectifyDays' | 'escalationDays'>): string {
  return plusDays(on, step === 0 ? s.rectifyDays : s.escalationDays);
}

/**
 * Where an open 后处理 stands on `today`: 'overdue' when the deadline passed without a passing 复查, or
 * a 复查 failed (the next step is due: 逾期不改正); 'soon' within warnDays of the deadline; 'open'
 * otherwise; null when it has ended.
 */
export function disposalStanding(d: { state: DisposalState; deadline: string }, today: string, warnDays: number): 'overdue' | 'soon' | 'open' | null {
  if (CLOSED_DISPOSAL_STATES.has(d.state)) return null;
  if (d.state === '复查不合格' || today > d.deadline) return 'overdue';
  return plusDays(today, warnDays) >= d.deadline ? 'soon' : 'open';
}

/**
 * The follow-up of an overdue 后处理 names the disposal and its step (one per step: escalating ends it,
 * the next step's own overdue opens another): id = disposal id × 10 + step.
 */
export const overdueFollowUpId = (disposalId: number, step: number) => disposalId * 10 + step;
export const overdueFollowUpRef = (id: number) => ({ disposalId: Math.floor(id / 10), step: id % 10 });

export type DeadlineStatus = 'done' | 'open' | 'overdue';

export function deadlineStatus(due: string | null, doneOn: string | null, today: string): DeadlineStatus | null {
  if (!due) return null;
  if (doneOn) return 'done';
  return today > due ? 'overdue' : 'open';
}

/** The working-day deadlines after a failure (notification of the firm, the 责令整改 order). */
export function workingDayDeadlines(cal: Pick<WorkingCalendar, 'addWorkingDays'>, s: SamplingSettings, reportOn: string | null, finalOn: string | null) {
  return {
    notifyBy: reportOn ? cal.addWorkingDays(reportOn, s.notifyWorkingDays) : null,
    orderBy: finalOn ? cal.addWorkingDays(finalOn, s.orderWorkingDays) : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// rates (regulatory-rules.md §4.4)

export interface BatchCounts {
  /** 抽查批次: every sampled batch */
  sampled: number;
  /** 实际检验批次: batches with a test conclusion */
  tested: number;
  /** 合格批次 */
  passed: number;
  /** 不合格批次 */
  failed: number;
}

/** 抽检合格率 = 合格批次 / 抽查批次; null when nothing was sampled. */
export function passRate(c: BatchCounts): number | null {
  return c.sampled ? c.passed / c.sampled : null;
}

/** 不合格发现率 = 不合格批次 / 实际检验批次 (tested, not sampled); null when nothing was tested. */
export function failRate(c: BatchCounts): number | null {
  return c.tested ? c.failed / c.tested : null;
}

/** Which batches a figure counts (for the list behind it). */
export const MEASURES = ['sampled', 'tested', 'passed', 'failed'] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, string> = { sampled: '抽查批次', tested: '实际检验批次', passed: '合格批次', failed: '不合格批次' };

/** Counts of one set of batches, by the definitions above (the SQL of store.ts computes the same). */
export function countBatches(rows: ReadonlyArray<{ state: SampleState; conclusion: Verdict | null }>): BatchCounts {
  const c: BatchCounts = { sampled: 0, tested: 0, passed: 0, failed: 0 };
  for (const r of rows) {
    c.sampled++;
    if (r.state === '已检验') {
      c.tested++;
      if (r.conclusion === '合格') c.passed++;
      if (r.conclusion === '不合格') c.failed++;
    }
  }
  return c;
}

export const PLAN_LEVELS = ['国家监督抽查', '省级监督抽查', '市级监督抽查', '县级监督抽查'] as const;
