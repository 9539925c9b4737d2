// The review screen's editable model of an extraction, its checks, and the confirm request built from it.
// Pure functions (no React), so that the rules are in one place.
import type {
  ConfirmPlanRequest,
  DepartmentNameMatch,
  DepartmentResolution,
  DepartmentRole,
  Comparator,
  PlanParseResponse,
  TargetKind,
} from '../api/types';
import type { Span } from './SourceText';

type Origin = 'extracted' | 'edited' | 'manual';
export interface ItemDepartment {
  name: string;
  role: DepartmentRole;
}

export interface ReviewTarget {
  key: string;
  indicator: string;
  comparator: Comparator;
  value: number | null;
  valueMax: number | null;
  unit: string;
  kind: TargetKind;
  deadlineYear: number | null;
  span: Span | null;
  origin: Origin;
  departments: ItemDepartment[];
}

export interface ReviewTask {
  key: string;
  marker: string | null;
  title: string;
  deadlineText: string | null;
  span: Span | null;
  origin: Origin;
  departments: ItemDepartment[];
}

/** What to do with one department name of the document. `pending`: a near match the user has not confirmed. */
export type DepartmentChoice = { action: 'link'; departmentId: string } | { action: 'create' } | { action: 'ignore' } | { action: 'pending' };

export interface ReviewDepartment {
  name: string;
  match: DepartmentNameMatch | null;
  choice: DepartmentChoice;
}

export interface ReviewMetadata {
  title: string;
  issuer: string;
  documentNumber: string;
  periodStartYear: number | null;
  periodEndYear: number | null;
  topicCategory: string;
  topicSubcategory: string;
  region: string;
  writtenDate: string;
  publishedDate: string;
}

export interface ReviewState {
  metadata: ReviewMetadata;
  targets: ReviewTarget[];
  tasks: ReviewTask[];
  departments: ReviewDepartment[];
}

/** A department name as the server keys it (src/org/departments/model.ts cleanName): no spaces, half-width brackets. */
export function cleanName(s: string): string {
  return s.replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')').trim();
}

let counter = 0;
export const newKey = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * The default choice for a matched name: exact and alias link at once; a near match waits; an
 * unmatched name shaped like a unit's waits for an explicit 新建 (or a link); anything else — a
 * fragment of a sentence — is ignored. Nothing is created without the user choosing it.
 */
export function defaultChoice(m: DepartmentNameMatch | null): DepartmentChoice {
  if (!m) return { action: 'pending' };
  if ((m.status === 'exact' || m.status === 'alias') && m.match) return { action: 'link', departmentId: m.match.department.id };
  if (m.status === 'suggested') return { action: 'pending' };
  return m.unitLike ? { action: 'pending' } : { action: 'ignore' };
}

export function initialState(parsed: PlanParseResponse): ReviewState {
  const ex = parsed.extraction;
  const md = ex.metadata;
  const topic = ex.topics[0];
  return {
    metadata: {
      title: md.title ?? parsed.source.fileName.replace(/\.[^.]+$/, ''),
      issuer: md.issuer ?? '',
      documentNumber: md.documentNumber ?? '',
      periodStartYear: md.period?.startYear ?? null,
      periodEndYear: md.period?.endYear ?? null,
      topicCategory: topic?.category ?? '',
      topicSubcategory: topic?.subcategory ?? '',
      region: md.region ?? '',
      writtenDate: md.writtenDate && /^\d{4}-\d{2}-\d{2}$/.test(md.writtenDate) ? md.writtenDate : '',
      publishedDate: md.publishedDate && /^\d{4}-\d{2}-\d{2}$/.test(md.publishedDate) ? md.publishedDate : '',
    },
    targets: ex.targets.map((t, i) => ({
      key: `t${i}`,
      indicator: t.indicator,
      comparator: t.comparator,
      value: t.value,
      valueMax: t.comparator === 'range' ? (t.valueMax ?? t.value) : null,
      unit: t.unit,
      kind: t.kind,
      deadlineYear: t.deadline,
      span: t.span,
      origin: 'extracted',
      departments: (parsed.targetDepartments[i] ?? []).map((d) => ({ name: cleanName(d.name), role: d.role })),
    })),
    tasks: ex.tasks.map((t, i) => ({
      key: `k${i}`,
      marker: t.marker,
      title: t.title,
      deadlineText: t.deadline,
      span: t.span,
      origin: 'extracted',
      departments: t.departments.map((d) => ({ name: cleanName(d.name), role: d.role })),
    })),
    departments: parsed.departments.map((m) => ({ name: m.name, match: m, choice: defaultChoice(m) })),
  };
}

/** Department names the items use now (a department only named by deleted tasks drops out). */
export function usedDepartmentNames(state: ReviewState): Set<string> {
  const used = new Set<string>();
  for (const item of [...state.targets, ...state.tasks]) for (const d of item.departments) used.add(d.name);
  return used;
}

/** Field errors by path ("metadata.title", "targets.3.value", "departments.区科委"), Chinese messages. */
export type FieldErrors = Record<string, string>;

export function validate(state: ReviewState): FieldErrors {
  const errors: FieldErrors = {};
  const m = state.metadata;
  if (!m.title.trim()) errors['metadata.title'] = '请填写计划名称';
  if (m.periodStartYear && m.periodEndYear && m.periodEndYear < m.periodStartYear) errors['metadata.periodEndYear'] = '结束年份不能早于起始年份';
  if (m.publishedDate && !/^\d{4}-\d{2}-\d{2}$/.test(m.publishedDate)) errors['metadata.publishedDate'] = '日期格式应为 YYYY-MM-DD';
  if (m.writtenDate && !/^\d{4}-\d{2}-\d{2}$/.test(m.writtenDate)) errors['metadata.writtenDate'] = '日期格式应为 YYYY-MM-DD';
  state.targets.forEach((t, i) => {
    if (!t.indicator.trim()) errors[`targets.${i}.indicator`] = '请填写指标名称';
    if (t.value === null || !Number.isFinite(t.value)) errors[`targets.${i}.value`] = '请填写目标值（数字）';
    if (t.comparator === 'range') {
      if (t.valueMax === null) errors[`targets.${i}.valueMax`] = '区间目标须填写上限值';
      else if (t.value !== null && t.valueMax < t.value) errors[`targets.${i}.valueMax`] = '上限值不能小于下限值';
    }
  });
  state.tasks.forEach((t, i) => {
    if (!t.title.trim()) errors[`tasks.${i}.title`] = '请填写任务内容';
  });
  const used = usedDepartmentNames(state);
  for (const d of state.departments) {
    if (used.has(d.name) && d.choice.action === 'pending') errors[`departments.${d.name}`] = `请确认「${d.name}」对应的部门`;
  }
  return errors;
}

/** The first error message, with how many more there are. */
export function summary(errors: FieldErrors): string | null {
  const all = Object.values(errors);
  if (!all.length) return null;
  return all.length > 1 ? `${all[0]}（另有 ${all.length - 1} 处问题）` : all[0];
}

/** A server message like "第 3 项目标：上限值不能小于下限值" as a field error on that row. */
export function serverFieldErrors(message: string): FieldErrors {
  const out: FieldErrors = {};
  const t = /第\s*(\d+)\s*项目标：(.+?)(（另有|$)/.exec(message);
  if (t) out[`targets.${Number(t[1]) - 1}.row`] = t[2];
  const k = /第\s*(\d+)\s*项任务：(.+?)(（另有|$)/.exec(message);
  if (k) out[`tasks.${Number(k[1]) - 1}.row`] = k[2];
  const d = /部门“(.+?)”尚未确认/.exec(message);
  if (d) out[`departments.${d[1]}`] = '请选择对应的已有部门、新建或忽略';
  if (/计划名称/.test(message)) out['metadata.title'] = message;
  if (/结束年份/.test(message)) out['metadata.periodEndYear'] = message;
  return out;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function confirmRequest(parsed: PlanParseResponse, state: ReviewState, allowDuplicate: boolean): ConfirmPlanRequest {
  const ex = parsed.extraction;
  const m = state.metadata;
  const used = usedDepartmentNames(state);
  const resolutions: DepartmentResolution[] = [];
  for (const d of state.departments) {
    if (!used.has(d.name)) continue;
    if (d.choice.action === 'link') {
      // Linking a name the directory does not know yet (a confirmed near match) teaches it the name.
      const addAlias = d.match?.status !== 'exact' && d.match?.status !== 'alias';
      resolutions.push({ name: d.name, action: 'link', departmentId: d.choice.departmentId, ...(addAlias ? { addAlias: true } : {}) });
    } else if (d.choice.action === 'create') {
      // the user chose 新建 in the select: for a name not shaped like a unit's that is the explicit confirmation
      resolutions.push({ name: d.name, action: 'create', ...(d.match && !d.match.unitLike ? { notUnitNameConfirmed: true } : {}) });
    } else if (d.choice.action === 'ignore') {
      resolutions.push({ name: d.name, action: 'ignore' });
    }
  }
  return {
    source: {
      sha256: parsed.source.sha256,
      fileName: parsed.source.fileName.slice(0, 255),
      format: ex.source.format,
      encoding: ex.source.encoding,
      normalizations: ex.source.normalizations,
      sizeBytes: parsed.source.sizeBytes,
      text: ex.text,
    },
    metadata: {
      title: m.title.trim(),
      issuer: orNull(m.issuer),
      documentNumber: orNull(m.documentNumber),
      indexNumber: ex.metadata.indexNumber,
      writtenDate: orNull(m.writtenDate),
      publishedDate: orNull(m.publishedDate),
      periodStartYear: m.periodStartYear,
      periodEndYear: m.periodEndYear,
      region: orNull(m.region),
      topicCategory: orNull(m.topicCategory),
      topicSubcategory: orNull(m.topicSubcategory),
    },
    topics: ex.topics,
    outline: ex.outline,
    targets: state.targets.map((t) => ({
      indicator: t.indicator.trim(),
      comparator: t.comparator,
      value: t.value ?? 0,
      valueMax: t.comparator === 'range' ? t.valueMax : null,
      unit: t.unit.trim(),
      kind: t.kind,
      deadlineYear: t.deadlineYear,
      span: t.span,
      origin: t.origin,
      departments: t.departments,
    })),
    tasks: state.tasks.map((t) => ({
      marker: t.marker ? t.marker.slice(0, 20) : null,
      title: t.title.trim(),
      span: t.span,
      deadlineText: t.deadlineText ? t.deadlineText.slice(0, 100) : null,
      origin: t.origin,
      departments: t.departments,
    })),
    departments: resolutions,
    extraction: undefined,
    ...(allowDuplicate ? { allowDuplicate: true } : {}),
  };
}
