// Use cases of credit: settings, credit events, list decisions with their deadlines, the risk class
// of one enterprise with its reasons, the whole-register reclassification (set-based, in batches),
// the daily deadline check and the office's due/overdue list. Writes are audited in their transaction.
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { writeAudit } from '../org/audit/service';
import { loadCalendar, todayInShanghai } from '../org/calendar/index';
import type { Db, DbOrTx } from '../core/db/index';
import type { JobQueue } from '../core/jobs';
import { AppError, conflict, notFound } from '../core/errors';
import './search';
import type { TimelineEntry } from '../enterprises/timeline';
import {
  ABNORMAL_REASONS,
  CREDIT_EVENT_KINDS,
  CREDIT_LISTS,
  DEFAULT_CREDIT_SETTINGS,
  DEADLINE_KINDS,
  PUBLICATION_KINDS,
  RISK_CLASS_LABELS,
  classify,
  deadlineItems,
  membershipDeadlines,
  penaltyPeriods,
  reclassificationDue,
  settingsProblem,
  type AbnormalReason,
  type Classification,
  type CreditEventKind,
  type CreditFacts,
  type CreditList,
  type CreditSettings,
  type DeadlineItem,
  type EventSource,
  type PenaltyField,
  type PublicationKind,
  type RiskClass,
} from './model';
import {
  insertEvent,
  insertMembership,
  insertRun,
  nextBatchEnd,
  reclassifyBatch,
  selectClassHistory,
  selectCreditSettings,
  selectDueMemberships,
  selectEnterprise,
  selectEvent,
  selectEvents,
  selectFacts,
  selectLatestRun,
  selectMembership,
  selectMemberships,
  selectOpenMemberships,
  selectRiskClass,
  selectRun,
  selectTenantIds,
  updateMembership,
  updateRun,
  withdrawEvent,
  writeCreditSettings,
} from './store';
import type { CreditClassHistoryRow, CreditEventRow, CreditMembershipRow, CreditRunRow } from './tables';

// --- settings ----------------------------------------------------------------------------------------

/** A tenant's settings merged over the defaults (absent: the defaults, version 0). No authorization. */
export async function readCreditSettings(db: DbOrTx, tenantId: number): Promise<{ settings: CreditSettings; version: number }> {
  const row = await selectCreditSettings(db, tenantId);
  if (!row) return { settings: structuredClone(DEFAULT_CREDIT_SETTINGS), version: 0 };
  const s = row.settings;
  return {
    settings: {
      // a rule added to the defaults after the authority saved its rule set joins it (the page can
      // switch a rule off but not delete it, so an absent id is one the authority never saw)
      rules: s.rules ? [...s.rules, ...structuredClone(DEFAULT_CREDIT_SETTINGS.rules.filter((d) => !s.rules!.some((r) => r.id === d.id)))] : structuredClone(DEFAULT_CREDIT_SETTINGS.rules),
      cutoffs: { ...DEFAULT_CREDIT_SETTINGS.cutoffs, ...s.cutoffs },
      windows: { ...DEFAULT_CREDIT_SETTINGS.windows, ...s.windows },
      deadlines: { ...DEFAULT_CREDIT_SETTINGS.deadlines, ...s.deadlines },
      reclassify: { ...DEFAULT_CREDIT_SETTINGS.reclassify, ...s.reclassify },
    },
    version: row.version,
  };
}

export async function getCreditSettings(db: Db, actor: Actor): Promise<{ settings: CreditSettings; version: number }> {
  assertCan(actor, 'credit:settings');
  return readCreditSettings(db, actor.tenantId);
}

export async function saveCreditSettings(db: Db, actor: Actor, settings: CreditSettings, version: number): Promise<{ settings: CreditSettings; version: number }> {
  assertCan(actor, 'credit:settings');
  const problem = settingsProblem(settings);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, 400);
  return db.transaction(async (tx) => {
    const before = await selectCreditSettings(tx, actor.tenantId, true);
    if ((before?.version ?? 0) !== version) throw conflict();
    const after = await writeCreditSettings(tx, actor.tenantId, version, settings);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'credit_settings.update', entityType: 'credit_settings', entityId: actor.tenantId, before: before?.settings ?? null, after: after.settings });
    return after;
  });
}

// --- events ------------------------------------------------------------------------------------------

export interface EventInput {
  kind: CreditEventKind;
  occurredOn: string;
  decisionNo?: string | null;
  title?: string | null;
  detail?: string | null;
  heavy?: boolean;
  publication?: PublicationKind | null;
  field?: PenaltyField | null;
  repairsEventId?: number | null;
}

async function enterpriseOrThrow(db: DbOrTx, tenantId: number, id: number) {
  const e = await selectEnterprise(db, tenantId, id);
  if (!e) throw notFound('企业不存在', 'ENTERPRISE_NOT_FOUND');
  return e;
}

/**
 * Records one credit event (not a listing: those are list decisions). A penalty gets its publication
 * end and its earliest repair day; a 信用修复 decision on a penalty stops its publication early (the
 * penalty stops counting from that day) once the minimum period has passed.
 */
export async function addEvent(db: Db, actor: Actor, enterpriseId: number, input: EventInput, source: EventSource = 'user'): Promise<CreditEventRow> {
  assertCan(actor, 'credit:manage');
  return db.transaction(async (tx) => {
    await enterpriseOrThrow(tx, actor.tenantId, enterpriseId);
    const { settings } = await readCreditSettings(tx, actor.tenantId);
    let periods: { publicationEndsOn: string | null; repairFrom: string | null } = { publicationEndsOn: null, repairFrom: null };
    if (input.kind === 'penalty') {
      periods = penaltyPeriods(input.occurredOn, input.publication ?? 'long', input.field ?? 'general', settings.deadlines);
    }
    if (input.kind === 'credit_repair' && input.repairsEventId) {
      const target = await selectEvent(tx, actor.tenantId, input.repairsEventId);
      if (!target || target.enterpriseId !== enterpriseId) throw notFound('要修复的信用记录不存在', 'CREDIT_EVENT_NOT_FOUND');
      if (target.kind !== 'penalty') throw new AppError('VALIDATION_FAILED', '信用修复只能针对行政处罚记录（移出名单请使用名单决定）', 400);
      if (target.withdrawnOn) throw new AppError('VALIDATION_FAILED', '该行政处罚记录已停止公示', 400);
      if (!target.repairFrom) throw new AppError('VALIDATION_FAILED', '该行政处罚公示期较短，期满自动停止公示，不适用信用修复', 400);
      if (input.occurredOn < target.repairFrom) throw new AppError('VALIDATION_FAILED', `未满最短公示期：${target.repairFrom} 起方可提前停止公示`, 400);
      await withdrawEvent(tx, actor.tenantId, target.id, input.occurredOn);
    }
    const row = await insertEvent(tx, {
      tenantId: actor.tenantId,
      enterpriseId,
      kind: input.kind,
      occurredOn: input.occurredOn,
      decisionNo: input.decisionNo ?? null,
      title: input.title ?? null,
      detail: input.detail ?? null,
      source,
      heavy: input.kind === 'penalty' ? !!input.heavy : false,
      publication: input.kind === 'penalty' ? (input.publication ?? 'long') : null,
      field: input.kind === 'penalty' ? (input.field ?? 'general') : null,
      publicationEndsOn: periods.publicationEndsOn,
      repairFrom: periods.repairFrom,
      repairsEventId: input.kind === 'credit_repair' ? (input.repairsEventId ?? null) : null,
      enteredBy: actor.userId,
      enteredByName: actor.displayName || actor.username,
    });
    await writeAudit(tx, { actor, action: 'credit_event.create', entityType: 'credit_event', entityId: row.id, after: row });
    return row;
  });
}

// --- list decisions --------------------------------------------------------------------------------

export interface ListingInput {
  list: CreditList;
  /** abnormal: one of the four; serious: the grounds in words */
  reason: string;
  /** when the grounds arose: the listing decision is due from it */
  groundsOn?: string | null;
  /** when the listing was decided (absent: pending, the decision is due) */
  listedOn?: string | null;
  decisionNo?: string | null;
}

export const LIST_ACTIONS = {
  list: '作出列入决定',
  drop: '不予列入',
  cure: '登记情形消除（申请移出）',
  remove: '作出移出决定',
  objection: '收到异议',
  objection_accept: '受理异议',
  objection_answer: '答复异议',
} as const;
export type ListAction = keyof typeof LIST_ACTIONS;

async function withDeadlines(db: DbOrTx, tenantId: number, m: Pick<CreditMembershipRow, 'list' | 'state' | 'groundsOn' | 'listedOn' | 'curedOn' | 'objectionOn' | 'objectionAcceptedOn' | 'objectionAnsweredOn'>) {
  const cal = await loadCalendar(db, tenantId);
  const { settings } = await readCreditSettings(db, tenantId);
  return membershipDeadlines(m as Parameters<typeof membershipDeadlines>[0], cal, settings.deadlines);
}

function listEventKind(list: CreditList, removal: boolean): CreditEventKind {
  return list === 'abnormal' ? (removal ? 'abnormal_removal' : 'abnormal_listing') : removal ? 'serious_removal' : 'serious_listing';
}

function reasonText(list: string, reason: string): string {
  return list === 'abnormal' ? (ABNORMAL_REASONS[reason as AbnormalReason] ?? reason) : reason;
}

/** Opens a listing case: pending (grounds found, decision due) or listed at once. */
export async function openListing(db: Db, actor: Actor, enterpriseId: number, input: ListingInput): Promise<CreditMembershipRow> {
  assertCan(actor, 'credit:manage');
  if (input.list === 'abnormal' && !(input.reason in ABNORMAL_REASONS)) throw new AppError('VALIDATION_FAILED', '列入经营异常名录的事由应为四种法定情形之一', 400);
  if (!input.listedOn && !input.groundsOn) throw new AppError('VALIDATION_FAILED', '请填写列入事由发生日期或列入决定日期', 400);
  return db.transaction(async (tx) => {
    await enterpriseOrThrow(tx, actor.tenantId, enterpriseId);
    const base = {
      list: input.list,
      state: input.listedOn ? ('listed' as const) : ('pending' as const),
      groundsOn: input.groundsOn ?? null,
      listedOn: input.listedOn ?? null,
      curedOn: null,
      objectionOn: null,
      objectionAcceptedOn: null,
      objectionAnsweredOn: null,
    };
    const dl = await withDeadlines(tx, actor.tenantId, base);
    const m = await insertMembership(tx, { tenantId: actor.tenantId, enterpriseId, reason: input.reason, listingDecisionNo: input.decisionNo ?? null, ...base, ...dl });
    if (m.state === 'listed') await listEvent(tx, actor, m, false, m.listedOn!, input.decisionNo ?? null);
    await writeAudit(tx, { actor, action: 'credit_list.open', entityType: 'credit_list_membership', entityId: m.id, after: m });
    return m;
  });
}

async function listEvent(tx: DbOrTx, actor: Actor, m: CreditMembershipRow, removal: boolean, on: string, decisionNo: string | null, note?: string | null) {
  const kind = listEventKind(m.list as CreditList, removal);
  await insertEvent(tx, {
    tenantId: actor.tenantId,
    enterpriseId: m.enterpriseId,
    kind,
    occurredOn: on,
    decisionNo,
    title: `${CREDIT_EVENT_KINDS[kind]}（${removal ? (note ?? m.removalReason ?? '情形消除') : reasonText(m.list, m.reason)}）`,
    source: 'user',
    membershipId: m.id,
    enteredBy: actor.userId,
    enteredByName: actor.displayName || actor.username,
  });
}

/** One step of a listing case, with the date it happened; the deadlines follow. */
export async function decideListing(db: Db, actor: Actor, membershipId: number, input: { action: ListAction; on: string; decisionNo?: string | null; note?: string | null; version: number }): Promise<CreditMembershipRow> {
  assertCan(actor, 'credit:manage');
  return db.transaction(async (tx) => {
    const m = await selectMembership(tx, actor.tenantId, membershipId, true);
    if (!m) throw notFound('名单记录不存在', 'CREDIT_LIST_NOT_FOUND');
    if (m.version !== input.version) throw conflict();
    const bad = (msg: string) => new AppError('INVALID_STATE', msg, 409);
    const patch: Partial<CreditMembershipRow> = {};
    switch (input.action) {
      case 'list':
        if (m.state !== 'pending') throw bad('只有待列入的记录可以作出列入决定');
        Object.assign(patch, { state: 'listed', listedOn: input.on, listingDecisionNo: input.decisionNo ?? null });
        break;
      case 'drop':
        if (m.state !== 'pending') throw bad('只有待列入的记录可以决定不予列入');
        Object.assign(patch, { state: 'dropped', removalReason: input.note ?? null });
        break;
      case 'cure':
        if (m.state !== 'listed') throw bad('只有已列入的记录可以登记情形消除');
        Object.assign(patch, { curedOn: input.on, removalReason: input.note ?? null });
        break;
      case 'remove':
        if (m.state !== 'listed') throw bad('只有已列入的记录可以移出');
        if (m.list === 'serious' && !input.note && m.earlyRemovalFrom && input.on < m.earlyRemovalFrom && (!m.publicationEndsOn || input.on < m.publicationEndsOn)) {
          throw new AppError('VALIDATION_FAILED', `列入严重违法失信名单满一年（${m.earlyRemovalFrom}）后方可申请提前移出`, 400);
        }
        Object.assign(patch, { state: 'removed', removedOn: input.on, removalDecisionNo: input.decisionNo ?? null, removalReason: input.note ?? m.removalReason });
        break;
      case 'objection':
        if (m.state !== 'listed' && m.state !== 'pending') throw bad('该记录已结束，不能登记异议');
        Object.assign(patch, { objectionOn: input.on, objectionAcceptedOn: null, objectionAnsweredOn: null });
        break;
      case 'objection_accept':
        if (!m.objectionOn || m.objectionAcceptedOn || m.objectionAnsweredOn) throw bad('没有待受理的异议');
        Object.assign(patch, { objectionAcceptedOn: input.on });
        break;
      case 'objection_answer':
        if (!m.objectionOn || m.objectionAnsweredOn) throw bad('没有待答复的异议');
        Object.assign(patch, { objectionAnsweredOn: input.on });
        break;
    }
    if (input.on < (m.groundsOn ?? '0000')) throw new AppError('VALIDATION_FAILED', '日期不能早于列入事由发生日期', 400);
    const next = { ...m, ...patch };
    const dl = await withDeadlines(tx, actor.tenantId, next);
    const after = await updateMembership(tx, actor.tenantId, m.id, m.version, { ...patch, ...dl } as never);
    if (!after) throw conflict();
    if (input.action === 'list') await listEvent(tx, actor, after, false, input.on, input.decisionNo ?? null);
    if (input.action === 'remove') await listEvent(tx, actor, after, true, input.on, input.decisionNo ?? null, input.note);
    await writeAudit(tx, { actor, action: `credit_list.${input.action}`, entityType: 'credit_list_membership', entityId: m.id, before: m, after });
    return after;
  });
}

// --- one enterprise's credit ----------------------------------------------------------------------------

export interface EnterpriseCredit {
  enterprise: { id: number; name: string; creditCode: string };
  class: RiskClass | null;
  classLabel: string | null;
  points: number | null;
  asOf: string | null;
  firedRules: { id: string; label: string; points: number }[];
  /** what the rules say today from the records as they are now (differs from `class` until the next reclassification) */
  current: Classification;
  history: CreditClassHistoryRow[];
  lists: (CreditMembershipRow & { deadlines: DeadlineItem[] })[];
  events: CreditEventRow[];
}

export async function enterpriseCredit(db: Db, actor: Actor, enterpriseId: number, today: string): Promise<EnterpriseCredit> {
  assertCan(actor, 'credit:read');
  const enterprise = await enterpriseOrThrow(db, actor.tenantId, enterpriseId);
  const { settings } = await readCreditSettings(db, actor.tenantId);
  const [rc, history, memberships, events, facts, cal] = await Promise.all([
    selectRiskClass(db, actor.tenantId, enterpriseId),
    selectClassHistory(db, actor.tenantId, enterpriseId),
    selectMemberships(db, actor.tenantId, enterpriseId),
    selectEvents(db, actor.tenantId, enterpriseId),
    selectFacts(db, actor.tenantId, enterpriseId, today, settings.windows),
    loadCalendar(db, actor.tenantId),
  ]);
  const labels = new Map(settings.rules.map((r) => [r.id, r.label]));
  return {
    enterprise,
    class: (rc?.class as RiskClass) ?? null,
    classLabel: rc ? RISK_CLASS_LABELS[rc.class as RiskClass] : null,
    points: rc?.points ?? null,
    asOf: rc?.asOf ?? null,
    firedRules: rc ? rc.firedRules.map((id, i) => ({ id, label: labels.get(id) ?? id, points: rc.firedPoints[i] ?? 0 })) : [],
    current: classify(facts as CreditFacts, settings),
    history,
    lists: memberships.map((m) => ({
      ...m,
      deadlines: m.state === 'pending' || m.state === 'listed' ? deadlineItems(m, today, cal, settings.deadlines.dueSoonWd).filter((d) => d.kind !== 'publication_end' || m.state === 'listed') : [],
    })),
    events,
  };
}

// --- reclassification ------------------------------------------------------------------------------------

export const RECLASSIFY_BATCH = 50_000;

export interface ReclassifyResult {
  enterprises: number;
  changed: number;
  written: number;
  batches: number;
}

/**
 * Reclassifies the whole register of a tenant as of `asOf`: keyset batches of `batchSize` ids, one
 * set-based statement each (store.reclassifyBatch). No authorization (the job and the use case below).
 */
export async function reclassifyRegister(db: Db, tenantId: number, asOf: string, opts: { batchSize?: number; onBatch?: (done: number) => void } = {}): Promise<ReclassifyResult> {
  const { settings } = await readCreditSettings(db, tenantId);
  const size = opts.batchSize ?? RECLASSIFY_BATCH;
  let lo = 0;
  const total: ReclassifyResult = { enterprises: 0, changed: 0, written: 0, batches: 0 };
  for (;;) {
    const hi = await nextBatchEnd(db, tenantId, lo, size);
    if (hi === null) break;
    const r = await reclassifyBatch(db, tenantId, lo, hi, asOf, settings);
    total.enterprises += r.rows;
    total.changed += r.changed;
    total.written += r.written;
    total.batches++;
    opts.onBatch?.(total.enterprises);
    lo = hi;
  }
  return total;
}

/**
 * Records a run to do (credit_reclassify_runs, state queued). A scheduled run is recorded once per
 * tenant and day (null when another server's daily job already did).
 */
export async function queueRun(db: DbOrTx, tenantId: number, asOf: string, trigger: 'schedule' | 'manual', requestedBy: string | null): Promise<CreditRunRow | null> {
  return insertRun(db, { tenantId, trigger, state: 'queued', asOf, requestedBy });
}

/**
 * Performs a recorded run: the job's handler (and the inline path when no queue runs). A run already
 * done is not done again (a job retried after it finished); one left "running" by a killed server is
 * simply run again (the reclassification is idempotent).
 */
export async function performRun(db: Db, tenantId: number, runId: number): Promise<CreditRunRow> {
  const run = await selectRun(db, tenantId, runId);
  if (!run) throw notFound('重新分类任务不存在', 'CREDIT_RUN_NOT_FOUND');
  if (run.state === 'done') return run;
  await updateRun(db, tenantId, runId, { state: 'running', startedAt: new Date(), error: null });
  try {
    const r = await reclassifyRegister(db, tenantId, run.asOf);
    return (await updateRun(db, tenantId, runId, { state: 'done', enterprises: r.enterprises, changed: r.changed, finishedAt: new Date() }))!;
  } catch (e) {
    await updateRun(db, tenantId, runId, { state: 'failed', error: (e as Error).message.slice(0, 500), finishedAt: new Date() }).catch(() => {});
    throw e;
  }
}

/** Reclassification now, without the queue (tests, the CLI). */
export async function runReclassification(db: Db, tenantId: number, asOf: string, trigger: 'schedule' | 'manual', requestedBy: string | null): Promise<CreditRunRow> {
  const run = await queueRun(db, tenantId, asOf, trigger, requestedBy);
  if (!run) throw new AppError('ALREADY_SCHEDULED', '今天的定期重新分类已安排', 409);
  return performRun(db, tenantId, run.id);
}

export const RECLASSIFY_JOB = 'credit-reclassify';
export const CREDIT_DAILY_JOB = 'credit-daily';

/**
 * On demand (office, admin): queued as a job when the queue runs (the web follows the run), else
 * done at once. Audited.
 */
export async function requestReclassification(db: Db, actor: Actor, today: string, jobs?: JobQueue): Promise<CreditRunRow> {
  assertCan(actor, 'credit:reclassify');
  const run = (await db.transaction(async (tx) => {
    const r = await queueRun(tx, actor.tenantId, today, 'manual', actor.displayName || actor.username);
    await writeAudit(tx, { actor, action: 'credit.reclassify', entityType: 'credit_reclassify_run', entityId: r!.id, after: r });
    return r;
  }))!;
  if (jobs) {
    await jobs.send(RECLASSIFY_JOB, { tenantId: actor.tenantId, runId: run.id });
    return run;
  }
  return performRun(db, actor.tenantId, run.id);
}

export async function getRun(db: Db, actor: Actor, id: number): Promise<CreditRunRow> {
  assertCan(actor, 'credit:reclassify');
  const r = await selectRun(db, actor.tenantId, id);
  if (!r) throw notFound('重新分类任务不存在', 'CREDIT_RUN_NOT_FOUND');
  return r;
}

/**
 * The daily credit job of every tenant: the list deadlines check, and the scheduled reclassification
 * when its day has come (queued once per tenant and day). Returns the runs to start.
 */
export async function creditDaily(db: Db, today: string): Promise<{ tenantId: number; runId: number }[]> {
  const out: { tenantId: number; runId: number }[] = [];
  for (const tenantId of await selectTenantIds(db)) {
    await checkListDeadlines(db, tenantId, today);
    const { settings } = await readCreditSettings(db, tenantId);
    if (reclassificationDue(today, settings.reclassify)) {
      const run = await queueRun(db, tenantId, today, 'schedule', null);
      if (run) out.push({ tenantId, runId: run.id });
    }
  }
  return out;
}

export function assertCanReclassify(actor: Actor): void {
  assertCan(actor, 'credit:reclassify');
}

export async function latestRun(db: Db, actor: Actor): Promise<CreditRunRow | null> {
  assertCan(actor, 'credit:reclassify');
  return selectLatestRun(db, actor.tenantId);
}

// --- deadlines --------------------------------------------------------------------------------------------

/**
 * The daily check: recomputes the deadlines of every open listing case from today's calendar and
 * settings (a holiday entered or a deadline changed moves them), and removes from the serious list
 * the cases whose publication period has ended. Returns what it did.
 */
export async function checkListDeadlines(db: Db, tenantId: number, today: string): Promise<{ checked: number; updated: number; expired: number }> {
  const cal = await loadCalendar(db, tenantId);
  const { settings } = await readCreditSettings(db, tenantId);
  let after = 0;
  const out = { checked: 0, updated: 0, expired: 0 };
  for (;;) {
    const rows = await selectOpenMemberships(db, tenantId, after, 1000);
    if (rows.length === 0) break;
    for (const m of rows) {
      out.checked++;
      const dl = membershipDeadlines(m as Parameters<typeof membershipDeadlines>[0], cal, settings.deadlines);
      const expired = m.state === 'listed' && m.list === 'serious' && dl.publicationEndsOn !== null && dl.publicationEndsOn <= today;
      const changed = (Object.keys(dl) as (keyof typeof dl)[]).some((k) => dl[k] !== m[k]);
      if (!changed && !expired) continue;
      await db.transaction(async (tx) => {
        const patch = expired ? { ...dl, state: 'removed', removedOn: dl.publicationEndsOn, removalReason: '公示期届满，自动移出' } : dl;
        const updated = await updateMembership(tx, tenantId, m.id, m.version, patch as never);
        if (!updated) return; // changed meanwhile by a user: their write already recomputed it
        if (expired) {
          out.expired++;
          await insertEvent(tx, {
            tenantId,
            enterpriseId: m.enterpriseId,
            kind: 'serious_removal',
            occurredOn: dl.publicationEndsOn!,
            title: '移出严重违法失信名单（公示期届满）',
            source: 'domain',
            membershipId: m.id,
            enteredBy: null,
            enteredByName: '系统',
          });
        } else out.updated++;
      });
    }
    after = rows[rows.length - 1].id;
  }
  return out;
}

export interface DeadlineRow {
  membershipId: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  list: CreditList;
  listLabel: string;
  reason: string;
  kind: DeadlineItem['kind'];
  kindLabel: string;
  dueOn: string;
  workingDaysLeft: number;
  state: DeadlineItem['state'];
}

/** Due-soon and overdue items of the listing cases, for the office's 驾驶舱. */
export async function dueDeadlines(db: Db, actor: Actor, today: string, limit = 100): Promise<{ today: string; items: DeadlineRow[]; overdue: number; dueSoon: number; total: number }> {
  assertCan(actor, 'credit:deadlines');
  const cal = await loadCalendar(db, actor.tenantId);
  const { settings } = await readCreditSettings(db, actor.tenantId);
  const horizon = cal.addWorkingDays(today, settings.deadlines.dueSoonWd);
  const { rows, total } = await selectDueMemberships(db, actor.tenantId, horizon, limit);
  const items: DeadlineRow[] = [];
  for (const m of rows) {
    for (const d of deadlineItems(m, today, cal, settings.deadlines.dueSoonWd)) {
      if (d.state === 'open') continue;
      if (d.kind === 'publication_end' && m.state !== 'listed') continue;
      items.push({
        membershipId: m.id,
        enterpriseId: m.enterpriseId,
        enterpriseName: m.enterpriseName,
        creditCode: m.creditCode,
        list: m.list as CreditList,
        listLabel: CREDIT_LISTS[m.list as CreditList],
        reason: reasonText(m.list, m.reason),
        kind: d.kind,
        kindLabel: DEADLINE_KINDS[d.kind],
        dueOn: d.dueOn,
        workingDaysLeft: d.workingDaysLeft,
        state: d.state,
      });
    }
  }
  items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.membershipId - b.membershipId));
  return { today, items, overdue: items.filter((i) => i.state === 'overdue').length, dueSoon: items.filter((i) => i.state === 'due_soon').length, total };
}

// --- the quality file's timeline --------------------------------------------------------------------------

/** The credit entries of one enterprise for its quality file (registered in server/routes.ts). */
export async function creditTimelineSource(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<TimelineEntry[]> {
  const [events, history] = await Promise.all([selectEvents(db, tenantId, enterpriseId), selectClassHistory(db, tenantId, enterpriseId)]);
  return [
    ...events.map((e) => ({
      at: e.occurredOn,
      domain: 'credit',
      kind: e.kind,
      title: e.title ?? CREDIT_EVENT_KINDS[e.kind as CreditEventKind] ?? e.kind,
      detail: [e.decisionNo, e.kind === 'penalty' && e.publication ? PUBLICATION_KINDS[e.publication as PublicationKind] : null, e.detail].filter(Boolean).join('；') || undefined,
      link: `/enterprises/${enterpriseId}`,
    })),
    ...history.map((h) => ({
      at: h.asOf,
      domain: 'credit',
      kind: 'risk-class',
      title: h.fromClass ? `信用风险分类由 ${h.fromClass} 类调整为 ${h.toClass} 类` : `信用风险分类为 ${h.toClass} 类`,
      detail: `${RISK_CLASS_LABELS[h.toClass as RiskClass]}，${h.points} 分`,
      link: `/enterprises/${enterpriseId}`,
    })),
  ];
}

export { todayInShanghai };

// --- records written by other rooms ---------------------------------------------------------------------
//
// A regulatory room (双随机 results, later 监督抽查) writes into credit inside the transaction of its own
// change: the room has authorized that change, so these take no permission of their own; the entries
// carry source 'domain' and the acting user's name, and each is audited.

/** A credit event recorded by another room (e.g. inspection_problem); answers the row. */
export async function recordDomainEvent(
  tx: DbOrTx,
  actor: Actor,
  enterpriseId: number,
  input: { kind: CreditEventKind; occurredOn: string; title: string; detail?: string | null; decisionNo?: string | null },
): Promise<CreditEventRow> {
  await enterpriseOrThrow(tx, actor.tenantId, enterpriseId);
  const row = await insertEvent(tx, {
    tenantId: actor.tenantId,
    enterpriseId,
    kind: input.kind,
    occurredOn: input.occurredOn,
    title: input.title,
    detail: input.detail ?? null,
    decisionNo: input.decisionNo ?? null,
    source: 'domain',
    enteredBy: actor.userId,
    enteredByName: actor.displayName || actor.username,
  });
  await writeAudit(tx, { actor, action: 'credit_event.create', entityType: 'credit_event', entityId: row.id, after: row });
  return row;
}

/** The other room's record stopped holding (e.g. a result corrected to 未发现问题): the event stops counting from `on`. */
export async function withdrawDomainEvent(tx: DbOrTx, actor: Actor, eventId: number, on: string): Promise<void> {
  const before = await selectEvent(tx, actor.tenantId, eventId);
  if (!before || before.withdrawnOn) return;
  await withdrawEvent(tx, actor.tenantId, eventId, on);
  await writeAudit(tx, { actor, action: 'credit_event.withdraw', entityType: 'credit_event', entityId: eventId, before, after: { ...before, withdrawnOn: on } });
}

/**
 * Proposes an 经营异常名录 listing found by another room: a pending case (待作出列入决定, its decision due
 * on the calendar) that the office confirms or drops in the credit lists (decideListing). An open case
 * of the same list and reason for the enterprise is answered as it is.
 */
export async function proposeAbnormalListing(tx: DbOrTx, actor: Actor, enterpriseId: number, input: { reason: AbnormalReason; groundsOn: string }): Promise<CreditMembershipRow> {
  await enterpriseOrThrow(tx, actor.tenantId, enterpriseId);
  const open = (await selectMemberships(tx, actor.tenantId, enterpriseId)).find((m) => m.list === 'abnormal' && m.reason === input.reason && (m.state === 'pending' || m.state === 'listed'));
  if (open) return open;
  const base = { list: 'abnormal' as const, state: 'pending' as const, groundsOn: input.groundsOn, listedOn: null, curedOn: null, objectionOn: null, objectionAcceptedOn: null, objectionAnsweredOn: null };
  const dl = await withDeadlines(tx, actor.tenantId, base);
  const m = await insertMembership(tx, { tenantId: actor.tenantId, enterpriseId, reason: input.reason, ...base, ...dl });
  await writeAudit(tx, { actor, action: 'credit_list.propose', entityType: 'credit_list_membership', entityId: m.id, after: m });
  return m;
}

/** Drops a proposal that is still pending (its grounds no longer hold); a decided case is left to the office. */
export async function withdrawProposal(tx: DbOrTx, actor: Actor, membershipId: number, note: string): Promise<void> {
  const m = await selectMembership(tx, actor.tenantId, membershipId, true);
  if (!m || m.state !== 'pending') return;
  const after = await updateMembership(tx, actor.tenantId, m.id, m.version, { state: 'dropped', removalReason: note });
  await writeAudit(tx, { actor, action: 'credit_list.drop', entityType: 'credit_list_membership', entityId: m.id, before: m, after });
}
