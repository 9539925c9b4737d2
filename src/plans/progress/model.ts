// Tracking rules of plans (pure, no database): a target's status from its latest reported value,
// reporting periods of a cycle and their due dates, attachment sniffing. The web shows the Chinese
// rule texts exported here next to the status badges, and the notices / assessment code calls
// `targetStatus` so every screen and document judges a target the same way.
import { addDays, toDayNumber, type WorkingCalendar } from '../../org/calendar/index';
import type { Comparator, ReportingCycle, TargetKind } from '../model';

// ---------------------------------------------------------------------------------------------
// Target status

export const TARGET_STATUSES = ['achieved', 'on_track', 'warning', 'behind', 'no_report', 'missed'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  achieved: '已达成',
  on_track: '正常',
  warning: '预警',
  behind: '滞后',
  no_report: '未报送',
  missed: '未达成',
};

/** Final statuses: the target's deadline has passed, the status no longer changes with time. */
export const FINAL_TARGET_STATUSES: readonly TargetStatus[] = ['achieved', 'missed'];

/** Default tolerance of a `~` (约) target when it has none: ± this percent of the target value. */
export const DEFAULT_APPROX_TOLERANCE_PCT = 2;

/** The rules as shown to users (one line per status), `{margin}` is the plan's warning margin. */
export const TARGET_STATUS_RULES: Record<TargetStatus, string> = {
  achieved: '已达成：最新报送值已满足目标（≥/>类不低于目标值，≤/<类不高于目标值，“约”类在允许误差内，区间类落在区间内）。',
  on_track: '正常：尚未达成，但最新报送值达到“进度线”——从计划起始时的基线值到截止日期的目标值之间的直线，在该数值所属日期应达到的水平。',
  warning: '预警：未达到进度线，但差距在预警幅度以内（预警幅度 = 基线与目标之差的 {margin}%）。',
  behind: '滞后：低于进度线且超过预警幅度。',
  no_report: '未报送：尚无已提交的报送数值（草稿和被退回的报送不计）。',
  missed: '未达成：截止日期已过，最后一次经办公室采纳的数值未满足目标，或截止前没有采纳的数值（逾期）。截止后状态不再变化。',
};

/** How the special cases are decided (shown under the rules). */
export const TARGET_STATUS_NOTES: string[] = [
  '≤ / < 类目标（如投诉率、事故率）按相反方向判断：数值越低越好，进度线从基线下降到目标值。',
  `“约”类目标在目标值 ± 允许误差内即为已达成（未设误差时为目标值的 ${DEFAULT_APPROX_TOLERANCE_PCT}%）；“等于”类误差为 0。未达成时按数值所在一侧，向误差边界比较进度线。`,
  '区间类目标落在区间内即为已达成；低于下限时按“≥下限”判断，高于上限时按“≤上限”判断。',
  '增量、累计类目标没有基线时以 0 为基线（计划开始时尚未新增）。',
  '水平类目标没有基线时无法画出进度线：未达成时，与目标值的差距在目标值的预警幅度以内为预警，否则为滞后。',
  '进度线在计划起始日之前取基线值，在截止日期之后取目标值；截止日期以目标的截止年份年底计，未写明年份时以计划期末计。',
];

export interface TargetRuleInput {
  comparator: Comparator;
  value: number;
  /** upper bound of `range` */
  valueMax?: number | null;
  kind: TargetKind;
  /** YYYY-MM-DD, the day the target must be met */
  deadline: string;
  /** the value at plan start; null/undefined = unknown */
  baseline?: number | null;
  /** YYYY-MM-DD, where the progress line starts (the baseline's date, else the plan's start) */
  planStart: string;
  /** absolute tolerance of `~` / `=` in the target's unit; null = default */
  tolerance?: number | null;
}

export interface LatestValue {
  value: number;
  /** YYYY-MM-DD the value refers to */
  asOf: string;
}

export interface TargetRuleOptions {
  /** YYYY-MM-DD (Asia/Shanghai) */
  today: string;
  /** 预警幅度 in percent of the span baseline → target (of the target value when no baseline) */
  marginPct: number;
}

/** Where the straight line from (planStart, baseline) to (deadline, goal) stands on `date`. */
export function expectedOnLine(baseline: number, goal: number, planStart: string, deadline: string, date: string): number {
  const total = toDayNumber(deadline) - toDayNumber(planStart);
  if (total <= 0) return goal;
  const frac = Math.min(1, Math.max(0, (toDayNumber(date) - toDayNumber(planStart)) / total));
  return baseline + (goal - baseline) * frac;
}

/** Rounds away float noise (0.1 + 0.2) before comparing. */
const r = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Moving toward `goal` in direction `up` (higher is better) or down: on the line, within the
 * margin below it, or behind. Assumes the goal is not met yet.
 */
function lineStatus(
  dir: 'up' | 'down',
  goal: number,
  v: number,
  baseline: number | null,
  t: TargetRuleInput,
  asOf: string,
  marginPct: number,
): 'on_track' | 'warning' | 'behind' {
  // a baseline already on the wrong side of the goal's direction gives no usable line
  const usable = baseline !== null && (dir === 'up' ? baseline < goal : baseline > goal);
  if (!usable) {
    const margin = (Math.abs(goal) * marginPct) / 100;
    const gap = dir === 'up' ? goal - v : v - goal;
    return r(gap) <= r(margin) ? 'warning' : 'behind';
  }
  const expected = expectedOnLine(baseline, goal, t.planStart, t.deadline, asOf);
  const margin = (Math.abs(goal - baseline) * marginPct) / 100;
  const shortfall = dir === 'up' ? expected - v : v - expected;
  if (r(shortfall) <= 0) return 'on_track';
  if (r(shortfall) <= r(margin)) return 'warning';
  return 'behind';
}

/**
 * 已达成 / 正常 / 预警 / 滞后 / 未报送 of a target, from its latest submitted value; after the
 * deadline only 已达成 / 未达成 (callers pass the latest value the office accepted, see
 * `isPastDeadline`).
 * The rules are TARGET_STATUS_RULES and TARGET_STATUS_NOTES (the same words users read).
 */
export function targetStatus(t: TargetRuleInput, latest: LatestValue | null, opts: TargetRuleOptions): TargetStatus {
  const pastDeadline = toDayNumber(opts.today) > toDayNumber(t.deadline);
  if (!latest || !Number.isFinite(latest.value)) return pastDeadline ? 'missed' : 'no_report';
  const v = latest.value;
  const baseline = t.baseline ?? (t.kind === 'increment' || t.kind === 'cumulative' ? 0 : null);
  const toward = (dir: 'up' | 'down', goal: number) =>
    pastDeadline ? ('missed' as const) : lineStatus(dir, goal, v, baseline, t, latest.asOf, opts.marginPct);

  switch (t.comparator) {
    case '>=':
      return r(v) >= r(t.value) ? 'achieved' : toward('up', t.value);
    case '>':
      return r(v) > r(t.value) ? 'achieved' : toward('up', t.value);
    case '<=':
      return r(v) <= r(t.value) ? 'achieved' : toward('down', t.value);
    case '<':
      return r(v) < r(t.value) ? 'achieved' : toward('down', t.value);
    case '=':
    case '~': {
      const tol = t.tolerance ?? (t.comparator === '=' ? 0 : (Math.abs(t.value) * DEFAULT_APPROX_TOLERANCE_PCT) / 100);
      if (r(Math.abs(v - t.value)) <= r(tol)) return 'achieved';
      return v < t.value ? toward('up', t.value - tol) : toward('down', t.value + tol);
    }
    case 'range': {
      const lo = t.value;
      const hi = t.valueMax ?? t.value;
      if (r(v) >= r(lo) && r(v) <= r(hi)) return 'achieved';
      return v < lo ? toward('up', lo) : toward('down', hi);
    }
  }
}

/** Is `today` after the target's deadline (its status is then final)? */
export function isPastDeadline(deadline: string, today: string): boolean {
  return toDayNumber(today) > toDayNumber(deadline);
}

/** The deadline of a target: the end of its deadline year, else the end of the plan's last year. */
export function targetDeadline(deadlineYear: number | null, planEndYear: number | null): string | null {
  const y = deadlineYear ?? planEndYear;
  return y ? `${y}-12-31` : null;
}

// ---------------------------------------------------------------------------------------------
// Reporting periods

export interface PeriodSpan {
  label: string;
  startDate: string;
  /** inclusive */
  endDate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The period of `cycle` containing `date`. */
export function periodContaining(cycle: ReportingCycle, date: string): PeriodSpan {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const months = cycle === 'monthly' ? 1 : cycle === 'quarterly' ? 3 : 6;
  const first = Math.floor((m - 1) / months) * months + 1;
  const last = first + months - 1;
  const label =
    cycle === 'monthly'
      ? `${y}年${m}月`
      : cycle === 'quarterly'
        ? `${y}年第${(first + 2) / 3}季度`
        : `${y}年${first === 1 ? '上半年' : '下半年'}`;
  return { label, startDate: `${y}-${pad(first)}-01`, endDate: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}` };
}

/** Every period of `cycle` from the one containing `from` to the one containing `to` (inclusive). */
export function periodsBetween(cycle: ReportingCycle, from: string, to: string): PeriodSpan[] {
  const out: PeriodSpan[] = [];
  if (toDayNumber(from) > toDayNumber(to)) return out;
  let p = periodContaining(cycle, from);
  const end = toDayNumber(to);
  while (toDayNumber(p.startDate) <= end) {
    out.push(p);
    p = periodContaining(cycle, addDays(p.endDate, 1));
  }
  return out;
}

/** A report is due on the n-th working day after its period ends (n = 0: the period's last day, rolled onto a working day). */
export function reportDueDate(cal: WorkingCalendar, periodEnd: string, workingDays: number): string {
  return workingDays > 0 ? cal.addWorkingDays(periodEnd, workingDays) : cal.workingDayOnOrAfter(periodEnd);
}

/** Reminders start this many working days before a due date. */
export const DUE_SOON_WORKING_DAYS = 3;

// ---------------------------------------------------------------------------------------------
// Reports

export const REPORT_STATUS_LABELS = { draft: '草稿', submitted: '已报送', returned: '已退回', accepted: '已采纳' } as const;

/** On time: submitted (and not returned since) on or before the due date, by the Asia/Shanghai date of submission. */
export const ON_TIME_RULE = '按时报送：在截止日（含）之前提交且未被退回；被退回后重新提交的，以最后一次提交的日期为准。';

// ---------------------------------------------------------------------------------------------
// Attachments

export const ATTACHMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPerReport: 20,
  types: ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'txt'] as const,
};
export type AttachmentType = (typeof ATTACHMENT_LIMITS)['types'][number];

export const ATTACHMENT_MIME: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
};

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Is the whole buffer text (UTF-8 without NUL / control bytes, or GB18030-looking bytes)? */
function looksLikeText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  for (const x of b) if (x === 0 || (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c && x !== 0x1b)) return false;
  return true;
}

/**
 * The type of a file by its content (magic bytes and, for docx/xlsx, the ZIP's part names), or
 * null when it is none of the allowed types. The file name's extension must agree.
 */
export function sniffAttachment(bytes: Uint8Array, fileName: string): AttachmentType | null {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const want = ext === 'jpeg' ? 'jpg' : ext;
  let got: AttachmentType | null = null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) got = 'pdf';
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) got = 'jpg';
  else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) got = 'png';
  else if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (names.includes('[Content_Types].xml')) {
      if (names.includes('word/document.xml') || names.includes('word/')) got = 'docx';
      else if (names.includes('xl/workbook.xml') || names.includes('xl/')) got = 'xlsx';
    }
  } else if (looksLikeText(bytes)) got = 'txt';
  if (!got || got !== want) return null;
  return got;
}
