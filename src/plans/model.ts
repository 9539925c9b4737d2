// Plans: pure types and rules, no database. The tables are in tables.ts, SQL in store.ts.
import { createHash } from 'node:crypto';

export const PLAN_STATUSES = ['draft', 'published', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: '草稿', published: '已发布', archived: '已归档' };

export const REPORTING_CYCLES = ['monthly', 'quarterly', 'half_yearly'] as const;
export type ReportingCycle = (typeof REPORTING_CYCLES)[number];
export const REPORTING_CYCLE_LABELS: Record<ReportingCycle, string> = { monthly: '每月', quarterly: '每季度', half_yearly: '每半年' };

export const COMPARATORS = ['>=', '<=', '>', '<', '=', '~', 'range'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const COMPARATOR_LABELS: Record<Comparator, string> = {
  '>=': '不低于',
  '<=': '不高于',
  '>': '高于',
  '<': '低于',
  '=': '等于',
  '~': '约为',
  range: '区间',
};

export const TARGET_KINDS = ['level', 'increment', 'cumulative'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const TARGET_KIND_LABELS: Record<TargetKind, string> = { level: '水平值', increment: '增量', cumulative: '累计值' };

export const ITEM_ORIGINS = ['extracted', 'edited', 'manual'] as const;
export type ItemOrigin = (typeof ITEM_ORIGINS)[number];

export const DEPARTMENT_ROLES = ['lead', 'co'] as const;
export type DepartmentRole = (typeof DEPARTMENT_ROLES)[number];
export const DEPARTMENT_ROLE_LABELS: Record<DepartmentRole, string> = { lead: '牵头', co: '配合' };

/** Task status in a progress report (未开始 / 进行中 / 已完成 / 受阻). */
export const TASK_PROGRESS = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type TaskProgress = (typeof TASK_PROGRESS)[number];
export const TASK_PROGRESS_LABELS: Record<TaskProgress, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  done: '已完成',
  blocked: '受阻',
};

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Defaults of a new plan (each is a per-plan setting the office can change). */
export const PLAN_DEFAULTS = {
  reportingCycle: 'quarterly' as ReportingCycle,
  reportDueWorkingDays: 5,
  warningMarginPct: 5,
};

/** Upload limits of plan documents. */
export const PLAN_UPLOAD = {
  maxBytes: 20 * 1024 * 1024,
  extensions: ['.txt', '.text', '.htm', '.html', '.shtml', '.docx', '.pdf'] as readonly string[],
};

export type Span = [number, number];

export interface DepartmentRef {
  id: number;
  name: string;
  role: DepartmentRole;
}

export interface Plan {
  id: number;
  tenantId: number;
  title: string;
  issuer: string | null;
  documentNumber: string | null;
  indexNumber: string | null;
  writtenDate: string | null;
  publishedDate: string | null;
  periodStartYear: number | null;
  periodEndYear: number | null;
  region: string | null;
  regionCode: string | null;
  topicCategory: string | null;
  topicSubcategory: string | null;
  status: PlanStatus;
  reportingCycle: ReportingCycle;
  reportDueWorkingDays: number;
  warningMarginPct: number;
  publishedAt: Date | null;
  archivedAt: Date | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PlanSource {
  sha256: string;
  fileName: string;
  format: string;
  encoding: string | null;
  normalizations: string[];
  sizeBytes: number;
  text: string;
}

export interface TargetItem {
  id: number;
  planId: number;
  indicator: string;
  comparator: Comparator;
  value: number;
  valueMax: number | null;
  unit: string;
  kind: TargetKind;
  deadlineYear: number | null;
  baselineValue: number | null;
  baselineDate: string | null;
  tolerance: number | null;
  span: Span | null;
  sortOrder: number;
  origin: ItemOrigin;
  departments: DepartmentRef[];
  version: number;
  updatedAt: Date;
}

export interface TaskItem {
  id: number;
  planId: number;
  marker: string | null;
  title: string;
  span: Span | null;
  deadlineText: string | null;
  dueDate: string | null;
  sortOrder: number;
  origin: ItemOrigin;
  departments: DepartmentRef[];
  version: number;
  updatedAt: Date;
}

export interface PlanCounts {
  targets: number;
  tasks: number;
  departments: number;
}

export interface PlanSummary extends Plan {
  counts: PlanCounts;
  fileName: string | null;
}

export interface PlanDetail {
  plan: Plan;
  source: PlanSource | null;
  topics: unknown[];
  outline: unknown[];
  targets: TargetItem[];
  tasks: TaskItem[];
  /** the departments named by the visible items */
  departments: { id: number; name: string }[];
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file's extension, lower case with the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(fileName.trim());
  return m ? m[0].toLowerCase() : '';
}

/** Field errors of a target (Chinese messages by field), or an empty list. */
export function targetProblems(t: {
  indicator?: string;
  comparator?: string;
  value?: number;
  valueMax?: number | null;
  deadlineYear?: number | null;
  span?: Span | null;
}, textLength?: number): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (t.indicator !== undefined && !t.indicator.trim()) out.push({ field: 'indicator', message: '指标名称不能为空' });
  if (t.value !== undefined && !Number.isFinite(t.value)) out.push({ field: 'value', message: '目标值应为数字' });
  if (t.comparator === 'range') {
    if (t.valueMax === null || t.valueMax === undefined) out.push({ field: 'valueMax', message: '区间目标须填写上限值' });
    else if (t.value !== undefined && t.valueMax < t.value) out.push({ field: 'valueMax', message: '上限值不能小于下限值' });
  } else if (t.comparator !== undefined && t.valueMax !== null && t.valueMax !== undefined) {
    out.push({ field: 'valueMax', message: '只有区间目标才能填写上限值' });
  }
  if (t.span && textLength !== undefined && (t.span[0] < 0 || t.span[1] > textLength || t.span[0] > t.span[1])) {
    out.push({ field: 'span', message: '原文位置超出文档范围' });
  }
  return out;
}

/** A department kind guessed from a written name, for departments created during an import. */
export function guessDepartmentKind(name: string): 'department' | 'agency' | 'office' | 'judicial' | 'party' | 'other' {
  if (/(法院|检察院)$/.test(name)) return 'judicial';
  if (/分局$/.test(name)) return 'agency';
  if (/(办公室|办)$/.test(name)) return 'office';
  if (/^(区|县|市)?委.*部$|^(区|县|市)委/.test(name)) return 'party';
  if (/(局|委|委员会)$/.test(name)) return 'department';
  return 'other';
}

/** Media types of the exports (beside the routes, which must not load the export libraries to name them). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
