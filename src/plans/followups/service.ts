// Use cases of follow-up tasks (后续任务): opened by a regulatory room inside the transaction that
// changes its record (openFollowUp) or by the office from the record (openFollowUpAsOffice), listed on
// the plan page with the record's own view, shown on the record (followUpsOfSources), and closed only
// when the record's state agrees (closeFollowUp). See registry.ts for how a room takes part.
import type { Db, DbOrTx } from '../../core/db/index';
import { AppError, conflict, forbidden, notFound, validationError } from '../../core/errors';
import type { Actor } from '../../org/auth/model';
import { assertCan, can } from '../../org/auth/policy';
import { writeAudit } from '../../org/audit/service';
import type { FollowUpSourceRef, FollowUpSourceView } from './model';
import { followUpSource } from './registry';
import * as store from './store';
import type { FollowUpRow } from './tables';

export interface OpenFollowUpInput {
  source: FollowUpSourceRef;
  /** null: the authority's default plan */
  planId: number | null;
  departmentId: number;
  title: string;
  detail?: string;
  dueDate?: string | null;
}

/** The plan a follow-up goes to: the one asked for, else the default plan, else the latest published plan. */
export async function planForFollowUp(db: DbOrTx, tenantId: number, planId: number | null) {
  if (planId !== null) return store.selectPlanForFollowUp(db, tenantId, planId);
  const s = await store.selectFollowUpSettings(db, tenantId);
  if (s?.defaultPlanId) {
    const p = await store.selectPlanForFollowUp(db, tenantId, s.defaultPlanId);
    if (p) return p;
  }
  return store.selectLatestPublishedPlan(db, tenantId);
}

/**
 * Opens a follow-up for a record, inside the caller's transaction (the caller has authorized the
 * change of its record). The open follow-up of the same record is answered as it is (one open per
 * record). Answers null when there is no plan to open it in.
 */
export async function openFollowUp(tx: DbOrTx, actor: Actor, input: OpenFollowUpInput): Promise<FollowUpRow | null> {
  if (!followUpSource(input.source.kind)) throw new AppError('UNKNOWN_SOURCE', `未登记的后续任务来源“${input.source.kind}”`, 400);
  const existing = await store.selectOpenFollowUpOf(tx, actor.tenantId, input.source.kind, input.source.id);
  if (existing) return existing;
  const plan = await planForFollowUp(tx, actor.tenantId, input.planId);
  if (!plan) {
    if (input.planId !== null) throw notFound('计划不存在或已归档', 'PLAN_NOT_FOUND');
    return null;
  }
  if (!(await store.selectDepartmentName(tx, actor.tenantId, input.departmentId))) throw validationError('责任部门不存在', { fields: [{ path: 'departmentId', message: '请选择责任部门' }] });
  const row = await store.insertFollowUp(tx, {
    tenantId: actor.tenantId,
    planId: plan.id,
    departmentId: input.departmentId,
    sourceKind: input.source.kind,
    sourceId: input.source.id,
    title: input.title,
    detail: input.detail ?? '',
    dueDate: input.dueDate ?? null,
    openedBy: actor.userId,
    openedByName: actor.displayName || actor.username,
  });
  await writeAudit(tx, { actor, action: 'plan_followup.open', entityType: 'plan_followup', entityId: row.id, after: row });
  return row;
}

/** The office opens a follow-up from a record page, in the plan it chooses (or the default plan). */
export async function openFollowUpAsOffice(db: Db, actor: Actor, input: Omit<OpenFollowUpInput, 'title' | 'detail'> & { title?: string; detail?: string }): Promise<FollowUpRow> {
  assertCan(actor, 'plans:manage');
  const kind = followUpSource(input.source.kind);
  if (!kind) throw new AppError('UNKNOWN_SOURCE', `未登记的后续任务来源“${input.source.kind}”`, 400);
  return db.transaction(async (tx) => {
    const view = (await kind.describe(tx, actor.tenantId, [input.source.id])).get(input.source.id);
    if (!view) throw notFound('来源记录不存在', 'SOURCE_NOT_FOUND');
    const row = await openFollowUp(tx, actor, { ...input, title: input.title?.trim() || view.title, detail: input.detail ?? '' });
    if (!row) throw new AppError('NO_PLAN', '没有可开设后续任务的计划：请先发布计划或在计划设置中指定默认计划', 409);
    return row;
  });
}

export interface FollowUpView extends FollowUpRow {
  planTitle: string;
  departmentName: string;
  sourceLabel: string;
  source: FollowUpSourceView | null;
}

async function withSources(db: DbOrTx, tenantId: number, rows: store.FollowUpWithNames[]): Promise<FollowUpView[]> {
  const byKind = new Map<string, number[]>();
  for (const r of rows) byKind.set(r.sourceKind, [...(byKind.get(r.sourceKind) ?? []), r.sourceId]);
  const views = new Map<string, Map<number, FollowUpSourceView>>();
  for (const [kind, ids] of byKind) {
    const k = followUpSource(kind);
    views.set(kind, k ? await k.describe(db, tenantId, [...new Set(ids)]) : new Map());
  }
  return rows.map((r) => ({
    ...r,
    sourceLabel: followUpSource(r.sourceKind)?.label ?? r.sourceKind,
    source: views.get(r.sourceKind)?.get(r.sourceId) ?? null,
  }));
}

/** The follow-ups of a plan with their records; a department user sees its own department's only. */
export async function listFollowUps(db: Db, actor: Actor, planId: number): Promise<FollowUpView[]> {
  assertCan(actor, 'plans:read');
  const rows = await store.selectFollowUps(db, actor.tenantId, {
    planId,
    ...(actor.role === 'department' ? { departmentId: actor.departmentId ?? -1 } : {}),
  });
  return withSources(db, actor.tenantId, rows);
}

/** The record side: the follow-ups of some records of one kind, by record id. */
export async function followUpsOfSources(db: DbOrTx, tenantId: number, kind: string, ids: number[]): Promise<Map<number, store.FollowUpWithNames[]>> {
  const out = new Map<number, store.FollowUpWithNames[]>();
  for (const r of await store.selectFollowUpsOfSources(db, tenantId, kind, ids)) out.set(r.sourceId, [...(out.get(r.sourceId) ?? []), r]);
  return out;
}

/** Closes a follow-up (the office, or the responsible department) once the record's state agrees. */
export async function closeFollowUp(db: Db, actor: Actor, id: number, input: { note: string; version: number }, now: Date): Promise<FollowUpView> {
  // roles that can never close one are refused before the record is looked up (no existence leak)
  if (!can(actor, 'plans:manage') && actor.role !== 'department') throw forbidden();
  return db.transaction(async (tx) => {
    const f = await store.selectFollowUp(tx, actor.tenantId, id, true);
    if (!f) throw notFound('后续任务不存在');
    const mayAct = can(actor, 'plans:manage') || (actor.role === 'department' && actor.departmentId === f.departmentId);
    if (!mayAct) throw forbidden();
    if (f.state !== 'open') throw new AppError('BAD_STATE', '该后续任务已办结', 409);
    if (f.version !== input.version) throw conflict();
    const kind = followUpSource(f.sourceKind);
    const view = kind ? (await kind.describe(tx, actor.tenantId, [f.sourceId])).get(f.sourceId) : undefined;
    if (!view) throw new AppError('SOURCE_NOT_FOUND', '来源记录不存在，不能核对其状态', 409);
    if (!view.mayClose) throw new AppError('SOURCE_NOT_DONE', `来源记录尚未处置完毕：${view.whyNot ?? view.state}`, 409);
    const after = await store.closeFollowUpRow(tx, actor.tenantId, id, f.version, {
      closedBy: actor.userId,
      closedByName: actor.displayName || actor.username,
      closedAt: now,
      closingNote: input.note.trim() || null,
    });
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'plan_followup.close', entityType: 'plan_followup', entityId: id, before: f, after });
    const [named] = (await store.selectFollowUps(tx, actor.tenantId, { planId: after.planId })).filter((r) => r.id === id);
    return (await withSources(tx, actor.tenantId, [named!]))[0]!;
  });
}

// --- settings: the default plan ----------------------------------------------------------------------

export async function getFollowUpSettings(db: Db, actor: Actor) {
  assertCan(actor, 'plans:read');
  const s = await store.selectFollowUpSettings(db, actor.tenantId);
  const effective = await planForFollowUp(db, actor.tenantId, null);
  return { defaultPlanId: s?.defaultPlanId ?? null, version: s?.version ?? 0, effectivePlan: effective ? { id: effective.id, title: effective.title } : null };
}

export async function saveFollowUpSettings(db: Db, actor: Actor, input: { defaultPlanId: number | null; version: number }) {
  assertCan(actor, 'plans:manage');
  await db.transaction(async (tx) => {
    if (input.defaultPlanId !== null && !(await store.selectPlanForFollowUp(tx, actor.tenantId, input.defaultPlanId))) throw notFound('计划不存在或已归档', 'PLAN_NOT_FOUND');
    const before = await store.selectFollowUpSettings(tx, actor.tenantId);
    if ((before?.version ?? 0) !== input.version) throw conflict();
    const after = await store.upsertFollowUpSettings(tx, actor.tenantId, input.defaultPlanId, input.version);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'plan_followup_settings.update', entityType: 'plan_followup_settings', entityId: actor.tenantId, before, after });
  });
  return getFollowUpSettings(db, actor);
}
