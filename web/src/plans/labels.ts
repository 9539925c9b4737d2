// Labels of plan values shown in the UI. Keyed by the server's own unions (types from src/plans/model),
// so a new comparator or kind on the server fails the web's type check until it gets a label here.
import type { Comparator, DepartmentRole, PlanStatus, TargetKind } from '../api/types';

/** Comparators as symbols (≥ ≤ > < = ≈ 区间). */
export const COMPARATOR_SYMBOLS: Record<Comparator, string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
  '~': '≈',
  range: '区间',
};

export const COMPARATOR_OPTIONS = (Object.keys(COMPARATOR_SYMBOLS) as Comparator[]).map((value) => ({
  value,
  label: COMPARATOR_SYMBOLS[value],
}));

export const TARGET_KIND_LABELS: Record<TargetKind, string> = { level: '水平值', increment: '增量', cumulative: '累计' };
export const TARGET_KIND_OPTIONS = (Object.keys(TARGET_KIND_LABELS) as TargetKind[]).map((value) => ({ value, label: TARGET_KIND_LABELS[value] }));

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: '草稿', published: '已发布', archived: '已归档' };
export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = { draft: 'gold', published: 'green', archived: 'default' };

export const ROLE_LABELS: Record<DepartmentRole, string> = { lead: '牵头', co: '配合' };

/** "≥ 2.4 %", "1–2 家", "≈ 90 家". */
export function formatTarget(t: { comparator: Comparator; value: number; valueMax?: number | null; unit: string }): string {
  const unit = t.unit ? ` ${t.unit}` : '';
  if (t.comparator === 'range') return `${t.value}–${t.valueMax ?? t.value}${unit}`;
  return `${COMPARATOR_SYMBOLS[t.comparator]} ${t.value}${unit}`;
}

export function formatPeriod(start: number | null | undefined, end: number | null | undefined): string {
  if (start && end) return start === end ? `${start}年` : `${start}—${end}年`;
  if (start) return `${start}年起`;
  if (end) return `至${end}年`;
  return '—';
}

/** Tracking status of a target (the badge on the plan page and the public page). */
export type TargetStatusKey = 'achieved' | 'on_track' | 'warning' | 'behind' | 'no_report' | 'missed';
export const TARGET_STATUS: Record<TargetStatusKey, { label: string; color: string }> = {
  achieved: { label: '已达成', color: 'green' },
  on_track: { label: '正常', color: 'blue' },
  warning: { label: '预警', color: 'orange' },
  behind: { label: '滞后', color: 'red' },
  no_report: { label: '未报送', color: 'default' },
  missed: { label: '未达成', color: 'magenta' },
};
