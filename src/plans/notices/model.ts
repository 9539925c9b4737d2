// 督查通报 (supervision notices): pure rules — which records a notice lists, its title, and its
// Chinese body text. The data comes from records-store.ts; target status from the tracking rules
// (`targetStatus` in ../progress/model.ts) so a notice judges a target as every screen does.
import { chineseDate } from '../../reports/docx/dates';
import { COMPARATOR_LABELS, type Comparator } from '../model';
import { periodContaining, targetStatus, type TargetStatus } from '../progress/model';
import { ruleInputOf } from '../progress/service';
import type { ObligationRow } from '../progress/store';
import { submittedOnTime, type TargetRecord, type TaskRecord } from './records-store';

export const NOTICE_STATUSES = ['draft', 'issued'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { draft: '草稿', issued: '已印发' };

/** Default 发文字号 prefix: 质量办〔2026〕3号. */
export const DEFAULT_NUMBER_PREFIX = '质量办';

export function documentNumber(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕${n}号`;
}

/** The status of a target as of `today`, by the tracking rules (the tracking module's rule input). */
export function judgeTarget(t: TargetRecord, latest: { value: number; asOf: string } | null, today: string): TargetStatus {
  const { hasDeadline: _hasDeadline, ...input } = ruleInputOf(t, {
    periodStartYear: t.planStartYear,
    periodEndYear: t.planEndYear,
    publishedAt: t.planPublishedAt,
    createdAt: t.planCreatedAt,
  });
  return targetStatus(input, latest, { today, marginPct: t.warningMarginPct });
}

/** 2026年第3季度 / 2026年11月 / 2026年上半年 / 2026年, else 2026年7月1日至2026年9月30日. */
export function rangeLabel(start: string, end: string): string {
  for (const cycle of ['monthly', 'quarterly', 'half_yearly'] as const) {
    const p = periodContaining(cycle, start);
    if (p.startDate === start && p.endDate === end) return p.label;
  }
  if (start.endsWith('-01-01') && end === `${start.slice(0, 4)}-12-31`) return `${start.slice(0, 4)}年`;
  return `${chineseDate(start)}至${chineseDate(end)}`;
}

export function noticeTitle(periodLabel: string): string {
  return `关于${periodLabel}质量提升行动推进情况的通报`;
}

/** A number as people write it: no float noise, no trailing zeros. */
export function fmt(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

export function targetGoalText(t: { comparator: string; value: number; valueMax: number | null; unit: string }): string {
  if (t.comparator === 'range') return `${fmt(t.value)}–${fmt(t.valueMax ?? t.value)}${t.unit}`;
  return `${COMPARATOR_LABELS[t.comparator as Comparator] ?? t.comparator}${fmt(t.value)}${t.unit}`;
}

export interface OverdueReportItem {
  planId: string;
  planTitle: string;
  periodId: string;
  periodLabel: string;
  dueDate: string;
  /** missing: no report; draft / returned: not (re)submitted; late: submitted after the due date */
  state: 'missing' | 'draft' | 'returned' | 'late';
  submittedOn: string | null;
}

export interface BehindTargetItem {
  targetId: string;
  planId: string;
  planTitle: string;
  indicator: string;
  goal: string;
  deadlineYear: number | null;
  latestValue: number;
  latestAsOf: string;
  unit: string;
}

export interface BlockedTaskItem {
  taskId: string;
  planId: string;
  planTitle: string;
  title: string;
  periodLabel: string;
  note: string | null;
}

export interface NoticeDepartmentSection {
  departmentId: string;
  name: string;
  overdueReports: OverdueReportItem[];
  targetsBehind: BehindTargetItem[];
  tasksBlocked: BlockedTaskItem[];
}

/** The structured body of a notice (stored as jsonb; the text is generated from it and then edited). */
export interface NoticeContent {
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  /** the day the records were read (Asia/Shanghai) */
  asOf: string;
  plans: { id: string; title: string }[];
  summary: {
    reportsDue: number;
    reportsOnTime: number;
    overdueReports: number;
    lateReports: number;
    targetsBehind: number;
    tasksBlocked: number;
    departments: number;
  };
  departments: NoticeDepartmentSection[];
}

/**
 * What a notice lists, by department (in the directory's order):
 * - reports of the periods in range whose due date has passed (before `asOf`) and that were not
 *   submitted on time: 逾期未报送 (missing, draft or returned) and 逾期报送 (submitted late);
 * - targets 滞后 (behind) by their latest value reported for a date up to the period's end, judged
 *   on the period's end (or `asOf` when earlier), under their lead departments (all when none leads);
 * - tasks whose latest status up to the period's end is 受阻 (blocked), under the reporting department.
 */
export function buildNoticeContent(input: {
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  asOf: string;
  plans: { id: number; title: string }[];
  dueReports: Omit<ObligationRow, 'submittedAt'>[];
  targets: TargetRecord[];
  latest: Map<number, { value: number; asOf: string }>;
  tasks: TaskRecord[];
  /** department id → [name, sort key] for ordering */
  departmentOrder: Map<number, { name: string; order: number }>;
}): NoticeContent {
  const sections = new Map<number, NoticeDepartmentSection>();
  const section = (id: number, name: string) => {
    let s = sections.get(id);
    if (!s) {
      s = { departmentId: String(id), name, overdueReports: [], targetsBehind: [], tasksBlocked: [] };
      sections.set(id, s);
    }
    return s;
  };

  let reportsDue = 0;
  let reportsOnTime = 0;
  for (const r of input.dueReports) {
    if (r.dueDate >= input.asOf) continue; // not due yet
    reportsDue++;
    if (submittedOnTime(r)) {
      reportsOnTime++;
      continue;
    }
    const submitted = r.reportStatus === 'submitted' || r.reportStatus === 'accepted';
    section(r.departmentId, r.departmentName).overdueReports.push({
      planId: String(r.planId),
      planTitle: r.planTitle,
      periodId: String(r.periodId),
      periodLabel: r.periodLabel,
      dueDate: r.dueDate,
      state: submitted ? 'late' : r.reportStatus === null ? 'missing' : (r.reportStatus as 'draft' | 'returned'),
      submittedOn: submitted ? r.submittedOn : null,
    });
  }

  const judgeDay = input.periodEnd < input.asOf ? input.periodEnd : input.asOf;
  for (const t of input.targets) {
    const latest = input.latest.get(t.id) ?? null;
    if (!latest || judgeTarget(t, latest, judgeDay) !== 'behind') continue;
    const leads = t.departments.filter((d) => d.role === 'lead');
    for (const d of leads.length ? leads : t.departments) {
      section(d.id, d.name).targetsBehind.push({
        targetId: String(t.id),
        planId: String(t.planId),
        planTitle: t.planTitle,
        indicator: t.indicator,
        goal: targetGoalText(t),
        deadlineYear: t.deadlineYear,
        latestValue: latest.value,
        latestAsOf: latest.asOf,
        unit: t.unit,
      });
    }
  }

  for (const k of input.tasks) {
    if (k.latest?.status !== 'blocked') continue;
    const dep = input.departmentOrder.get(k.latest.departmentId);
    section(k.latest.departmentId, dep?.name ?? k.departments.find((d) => d.id === k.latest!.departmentId)?.name ?? '').tasksBlocked.push({
      taskId: String(k.id),
      planId: String(k.planId),
      planTitle: k.planTitle,
      title: k.title,
      periodLabel: k.latest.periodLabel,
      note: k.latest.note,
    });
  }

  const departments = [...sections.entries()]
    .sort(([a], [b]) => (input.departmentOrder.get(a)?.order ?? 0) - (input.departmentOrder.get(b)?.order ?? 0) || a - b)
    .map(([, s]) => s);
  const all = departments.flatMap((d) => d.overdueReports);
  return {
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    periodLabel: input.periodLabel,
    asOf: input.asOf,
    plans: input.plans.map((p) => ({ id: String(p.id), title: p.title })),
    summary: {
      reportsDue,
      reportsOnTime,
      overdueReports: all.filter((r) => r.state !== 'late').length,
      lateReports: all.filter((r) => r.state === 'late').length,
      targetsBehind: new Set(departments.flatMap((d) => d.targetsBehind.map((t) => t.targetId))).size,
      tasksBlocked: new Set(departments.flatMap((d) => d.tasksBlocked.map((t) => t.taskId))).size,
      departments: departments.length,
    },
    departments,
  };
}

const CN_NUM = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二, 23 → 二十三 (up to 99). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUM[n];
  if (n < 20) return `十${CN_NUM[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CN_NUM[tens]}十${ones ? CN_NUM[ones] : ''}`;
}

/**
 * A title in book-title marks: marks already inside become the inner pair (《…〈…〉…》, GB/T 15834
 * §4.15: 书名号里边还要用书名号时，外面一层用双书名号，里边一层用单书名号).
 */
export const book = (title: string) => `《${title.replace(/^《(.*)》$/s, '$1').replace(/《/g, '〈').replace(/》/g, '〉')}》`;

/** The 抄送 line of a notice's 版记: the leading group's heads, from the issuing office's name. */
export function defaultCopyTo(issuer: string): string[] {
  const group = issuer.replace(/(办公室|办)$/, '');
  return group !== issuer && group.endsWith('领导小组') ? [`${group}组长、副组长`] : [];
}

/** The notice's body text, one paragraph a line (the 主送机关 first), as the office then edits it. */
export function noticeBodyText(c: NoticeContent, issuer: string): string {
  const s = c.summary;
  const lines: string[] = [];
  lines.push('各责任单位：');
  const scope = c.plans.length === 1 ? `${book(c.plans[0].title)}` : '质量提升行动';
  lines.push(
    `为推动质量提升行动各项任务落到实处，${issuer}对${c.periodLabel}${scope}各责任单位进度报送、目标推进和任务落实情况进行了督查。现将有关情况通报如下。`,
  );
  lines.push('一、总体情况');
  const problems: string[] = [];
  if (s.overdueReports) problems.push(`逾期未报送进度${s.overdueReports}份`);
  if (s.lateReports) problems.push(`逾期报送${s.lateReports}份`);
  if (s.targetsBehind) problems.push(`目标进度滞后${s.targetsBehind}项`);
  if (s.tasksBlocked) problems.push(`任务推进受阻${s.tasksBlocked}项`);
  const dueText = s.reportsDue ? `应报送进度${s.reportsDue}份，按时报送${s.reportsOnTime}份。` : '无到期应报送的进度。';
  lines.push(
    `截至${chineseDate(c.asOf)}，${c.periodLabel}${dueText}` +
      (problems.length ? `督查发现：${problems.join('，')}，涉及${s.departments}个单位。` : '督查未发现逾期报送、目标进度滞后和任务推进受阻的情况。'),
  );
  if (c.departments.length) {
    lines.push('二、存在的问题');
    c.departments.forEach((d, i) => {
      lines.push(`（${chineseNumber(i + 1)}）${d.name}`);
      let n = 0;
      for (const r of d.overdueReports) {
        const what = `${book(r.planTitle)}${r.periodLabel}进度应于${chineseDate(r.dueDate)}前报送`;
        const state =
          r.state === 'late'
            ? `，实际于${chineseDate(r.submittedOn!)}报送，逾期报送。`
            : r.state === 'returned'
              ? `，报送后被退回，截至${chineseDate(c.asOf)}仍未重新报送。`
              : `，截至${chineseDate(c.asOf)}仍未报送。`;
        lines.push(`${++n}.${r.state === 'late' ? '逾期报送' : '逾期未报送'}：${what}${state}`);
      }
      for (const t of d.targetsBehind) {
        const deadline = t.deadlineYear ? `（${t.deadlineYear}年）` : '';
        lines.push(
          `${++n}.目标进度滞后：${book(t.planTitle)}“${t.indicator}”目标为${t.goal}${deadline}，最新报送值为${fmt(t.latestValue)}${t.unit}（截至${chineseDate(t.latestAsOf)}），低于序时进度要求。`,
        );
      }
      for (const k of d.tasksBlocked) {
        const note = k.note?.trim() ? `，原因：${k.note.trim().replace(/[。.]$/, '')}。` : '。';
        lines.push(`${++n}.任务推进受阻：${book(k.planTitle)}“${k.title}”任务在${k.periodLabel}报送为受阻${note}`);
      }
    });
  }
  lines.push(`${c.departments.length ? '三' : '二'}、工作要求`);
  // each requirement only when there is something it asks for; the last one always
  const asks: string[] = [];
  if (s.overdueReports || s.lateReports) asks.push('请存在逾期未报送情况的单位自本通报印发之日起5个工作日内补报进度，并书面说明逾期原因。');
  if (s.targetsBehind || s.tasksBlocked) {
    const who = [s.targetsBehind ? '目标进度滞后' : '', s.tasksBlocked ? '任务推进受阻' : ''].filter(Boolean).join('、');
    asks.push(`请${who}的单位认真分析原因，制定整改措施，明确完成时限，并在下一期进度报送中一并报送整改情况。`);
  }
  asks.push('各责任单位要严格落实质量提升行动责任分工，按时、准确报送推进情况。督查情况将纳入年度考核。');
  asks.forEach((a, i) => lines.push(`（${chineseNumber(i + 1)}）${a}`));
  return lines.join('\n');
}
