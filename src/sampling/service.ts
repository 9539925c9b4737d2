// Use cases of 产品质量监督抽查 (issue 12; regulatory-rules.md §4): settings, plans by product category,
// tasks to testing bodies, samples (the 6-month lock, ≥ 2 samplers), test results per item,
// notification of the firm, 复检 within the window (its conclusion final), 后处理 of failures
// (责令整改, one extension, 复查, the escalation steps), the rates of §4.4 with the batches behind each
// figure, and the results import from the testing bodies' workbooks. Each change is audited in its
// own transaction.
import type { Db, DbOrTx } from '../core/db/index';
import { AppError, conflict, notFound, validationError } from '../core/errors';
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { writeAudit } from '../org/audit/service';
import { loadCalendar, todayInShanghai } from '../org/calendar/index';
import { selectEnterprise, selectEnterpriseByCode } from '../enterprises/store';
import type { TimelineEntry } from '../enterprises/timeline';
import { insertEvent as insertCreditEvent } from '../credit/store';
import { followUpsOfSources } from '../plans/followups/service';
import type { FollowUpWithNames } from '../plans/followups/store';
import { openOverdueFollowUp, openSamplingFollowUp, OVERDUE_FOLLOWUP_KIND, SAMPLING_FOLLOWUP_KIND } from './followups';
import { systemActor } from '../org/auth/model';
import { catalogueName, CATEGORY_LEVELS, type CategoryLevel } from './catalogue';
import {
  canEscalate,
  CLOSED_DISPOSAL_STATES,
  conclusionOf,
  DEFAULT_SAMPLING_SETTINGS,
  deadlineStatus,
  DISPOSAL_STEPS,
  type DisposalState,
  extensionApplyBy,
  extensionRefusal,
  failRate,
  lockEndsOn,
  lockHolds,
  type Measure,
  passRate,
  plusDays,
  plusMonths,
  productKey,
  rectifyDeadline,
  retestDeadline,
  type SamplePurpose,
  type SamplingSettings,
  stepDeadline,
  disposalStanding,
  overdueFollowUpId,
  type Verdict,
  workingDayDeadlines,
} from './model';
import * as store from './store';
import type { DisposalEvent, DisposalRow, HigherCheckRow, RetestRow, SampleRow, SamplingPlanRow, SamplingResultRow, SamplingTaskRow } from './tables';

const today = (clock?: () => Date) => todayInShanghai(clock);
const who = (actor: Actor) => actor.displayName || actor.username;

// --- settings ---------------------------------------------------------------------------------------

export async function readSettings(db: DbOrTx, tenantId: number): Promise<SamplingSettings & { version: number }> {
  const r = await store.selectSettings(db, tenantId);
  return { ...DEFAULT_SAMPLING_SETTINGS, ...(r?.settings ?? {}), version: r?.version ?? 0 };
}

export async function getSettings(db: Db, actor: Actor) {
  assertCan(actor, 'sampling:read');
  return readSettings(db, actor.tenantId);
}

export async function saveSettings(db: Db, actor: Actor, input: SamplingSettings & { version: number }) {
  assertCan(actor, 'sampling:settings');
  if (input.minSamplers < 2) throw validationError('抽样人员不得少于 2 名', { fields: [{ path: 'minSamplers', message: '至少 2 名' }] });
  return db.transaction(async (tx) => {
    const before = await store.selectSettings(tx, actor.tenantId);
    if ((before?.version ?? 0) !== input.version) throw conflict();
    const { version, ...settings } = input;
    const after = await store.upsertSettings(tx, { tenantId: actor.tenantId, settings }, version);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'sampling_settings.update', entityType: 'sampling_settings', entityId: actor.tenantId, before, after });
    return readSettings(tx, actor.tenantId);
  });
}

// --- plans and tasks --------------------------------------------------------------------------------

export interface PlanInput {
  year: number;
  name: string;
  level: string;
  productCode: string;
  plannedBatches: number;
  stage: string;
  department: string;
  note: string;
}

export async function listPlans(db: Db, actor: Actor, year?: number) {
  assertCan(actor, 'sampling:read');
  return store.selectPlans(db, actor.tenantId, year);
}

export async function createPlan(db: Db, actor: Actor, input: PlanInput): Promise<SamplingPlanRow> {
  assertCan(actor, 'sampling:plan');
  const productName = catalogueName(input.productCode);
  if (!productName || input.productCode.length !== 6) {
    throw validationError('请从产品目录中选择抽查产品', { fields: [{ path: 'productCode', message: '产品目录中没有此产品' }] });
  }
  return db.transaction(async (tx) => {
    const row = await store.insertPlan(tx, { tenantId: actor.tenantId, ...input, productName, createdBy: actor.userId });
    await writeAudit(tx, { actor, action: 'sampling_plan.create', entityType: 'sampling_plan', entityId: row.id, after: row });
    return row;
  });
}

export async function getPlan(db: Db, actor: Actor, id: number) {
  assertCan(actor, 'sampling:read');
  const plan = await store.selectPlan(db, actor.tenantId, id);
  if (!plan) throw notFound('抽查计划不存在', 'PLAN_NOT_FOUND');
  const [tasks, samples] = [await store.selectTasks(db, actor.tenantId, id), await store.selectSamples(db, actor.tenantId, { planId: id }, 500, 0)];
  return { plan, tasks, samples: samples.items };
}

export async function createTask(db: Db, actor: Actor, planId: number, input: { testingBody: string; batches: number; dueOn: string | null }): Promise<SamplingTaskRow> {
  assertCan(actor, 'sampling:plan');
  return db.transaction(async (tx) => {
    const plan = await store.selectPlan(tx, actor.tenantId, planId);
    if (!plan) throw notFound('抽查计划不存在', 'PLAN_NOT_FOUND');
    const row = await store.insertTask(tx, { tenantId: actor.tenantId, planId, ...input });
    await writeAudit(tx, { actor, action: 'sampling_task.create', entityType: 'sampling_task', entityId: row.id, after: row });
    return row;
  });
}

// --- samples ----------------------------------------------------------------------------------------

export interface SampleInput {
  taskId: number;
  sampleNo: string;
  enterpriseId?: number | null;
  creditCode?: string | null;
  productName: string;
  brand: string;
  model: string;
  batchNo: string;
  standard: string;
  purpose: SamplePurpose;
  sampledOn: string;
  samplers: string[];
  reserveKept: boolean;
}

export async function createSample(db: Db, actor: Actor, input: SampleInput, clock?: () => Date): Promise<SampleRow> {
  assertCan(actor, 'sampling:manage');
  const samplers = [...new Set(input.samplers.map((s) => s.trim()).filter(Boolean))];
  return db.transaction(async (tx) => {
    const settings = await readSettings(tx, actor.tenantId);
    if (samplers.length < settings.minSamplers) {
      throw new AppError('TOO_FEW_SAMPLERS', `抽样人员不得少于 ${settings.minSamplers} 名（不同姓名）`, 400, { fields: [{ path: 'samplers', message: `至少 ${settings.minSamplers} 名` }] });
    }
    if (input.sampledOn > today(clock)) throw validationError('抽样日期不能晚于今天', { fields: [{ path: 'sampledOn', message: '不能晚于今天' }] });
    const task = await store.selectTask(tx, actor.tenantId, input.taskId);
    if (!task) throw notFound('抽查任务不存在', 'TASK_NOT_FOUND');
    const plan = (await store.selectPlan(tx, actor.tenantId, task.planId))!;
    const ent = input.enterpriseId
      ? await selectEnterprise(tx, actor.tenantId, input.enterpriseId)
      : input.creditCode
        ? await selectEnterpriseByCode(tx, actor.tenantId, input.creditCode.trim().toUpperCase())
        : undefined;
    if (!ent) throw notFound('被抽样企业不在企业名录中', 'ENTERPRISE_NOT_FOUND');
    if (await store.selectSampleByNo(tx, actor.tenantId, input.sampleNo)) throw conflict(`抽样单编号“${input.sampleNo}”已登记`, 'DUPLICATE_SAMPLE_NO');
    const key = productKey({ enterpriseId: ent.id, productCode: plan.productCode, brand: input.brand, model: input.model, standard: input.standard });
    // the 6-month lock: earlier samplings of the same product within the period
    const earlier = await store.selectSameProduct(tx, actor.tenantId, key, plusMonths(input.sampledOn, -settings.lockMonths - 1), input.sampledOn);
    const holding = earlier.find((e) => lockHolds(e.sampledOn, input.sampledOn, settings.lockMonths, input.purpose));
    if (holding) {
      throw new AppError(
        'PRODUCT_LOCKED',
        `该企业的同一产品（${holding.brand || '无商标'} ${holding.model || ''}）已于 ${holding.sampledOn} 被抽查（抽样单 ${holding.sampleNo}），${lockEndsOn(holding.sampledOn, settings.lockMonths)} 前不得重复抽查；跟踪抽查、应急抽查除外`,
        409,
        { sampleId: String(holding.id), lockEndsOn: lockEndsOn(holding.sampledOn, settings.lockMonths) },
      );
    }
    // …and a higher authority's sampling of it within the period (§4.2: the lower level may not repeat it)
    if (input.purpose === '常规抽查') {
      const higher = await store.selectHigherSameProduct(tx, actor.tenantId, key, plusMonths(input.sampledOn, -settings.lockMonths - 1), input.sampledOn);
      const h = higher.find((e) => lockHolds(e.sampledOn, input.sampledOn, settings.lockMonths, input.purpose));
      if (h) {
        throw new AppError(
          'PRODUCT_LOCKED_HIGHER',
          `该企业的同一产品（${h.brand || '无商标'} ${h.model || ''}）已于 ${h.sampledOn} 经${h.level}监督抽查（${h.organiser}${h.reference ? `，${h.reference}` : ''}），${lockEndsOn(h.sampledOn, settings.lockMonths)} 前本级不得重复抽查；跟踪抽查、应急抽查除外`,
          409,
          { higherCheckId: String(h.id), lockEndsOn: lockEndsOn(h.sampledOn, settings.lockMonths) },
        );
      }
    }
    const row = await store.insertSample(tx, {
      tenantId: actor.tenantId,
      planId: plan.id,
      taskId: task.id,
      sampleNo: input.sampleNo,
      enterpriseId: ent.id,
      creditCode: ent.creditCode,
      enterpriseName: ent.name,
      regionCode: ent.regionCode ?? '',
      productCode: plan.productCode,
      productName: input.productName || plan.productName,
      brand: input.brand,
      model: input.model,
      batchNo: input.batchNo,
      standard: input.standard,
      productKey: key,
      purpose: input.purpose,
      sampledOn: input.sampledOn,
      year: Number(input.sampledOn.slice(0, 4)),
      samplers,
      reserveKept: input.reserveKept,
      enteredBy: actor.userId,
    });
    await writeAudit(tx, { actor, action: 'sampling_sample.create', entityType: 'sampling_sample', entityId: row.id, after: row });
    return row;
  });
}

export async function listSamples(db: Db, actor: Actor, f: store.SampleFilter, page: number, pageSize: number) {
  assertCan(actor, 'sampling:read');
  const r = await store.selectSamples(db, actor.tenantId, f, pageSize, (page - 1) * pageSize);
  const ids = r.items.map((s) => s.id);
  const [retests, disposals] = [await store.selectRetestsOf(db, actor.tenantId, ids), await store.selectDisposalsOf(db, actor.tenantId, ids)];
  const rByS = new Map(retests.map((x) => [x.sampleId, x]));
  const dByS = new Map(disposals.map((x) => [x.sampleId, x]));
  return { ...r, items: r.items.map((s) => ({ sample: s, retest: rByS.get(s.id) ?? null, disposal: dByS.get(s.id) ?? null })) };
}

export interface SampleDeadline {
  key: 'notify' | 'retest' | 'order' | 'rectify' | 'extension';
  label: string;
  due: string;
  status: 'done' | 'open' | 'overdue';
  workingDays: boolean;
}

export interface SampleDetail {
  sample: SampleRow;
  results: SamplingResultRow[];
  retest: RetestRow | null;
  disposal: DisposalRow | null;
  deadlines: SampleDeadline[];
  /** what may be done now */
  can: { enterResults: boolean; notify: boolean; requestRetest: boolean; concludeRetest: boolean; order: boolean; extend: boolean; recheck: boolean; escalate: boolean; exempt: boolean };
  /** until 复查合格 the firm may not produce or sell the same model */
  blocked: boolean;
  /** the plans' follow-up tasks (后续任务) the final failure opened */
  followUps: FollowUpWithNames[];
}

async function detailOf(db: DbOrTx, tenantId: number, sample: SampleRow, on: string): Promise<SampleDetail> {
  const [results, retest, disposal, settings, cal] = [
    await store.selectResults(db, tenantId, sample.id),
    await store.selectRetest(db, tenantId, sample.id),
    await store.selectDisposal(db, tenantId, sample.id),
    await readSettings(db, tenantId),
    await loadCalendar(db, tenantId),
  ];
  const failedFirst = sample.firstConclusion === '不合格';
  const deadlines: SampleDeadline[] = [];
  const push = (key: SampleDeadline['key'], label: string, due: string | null, doneOn: string | null, workingDays: boolean) => {
    const status = deadlineStatus(due, doneOn, on);
    if (due && status) deadlines.push({ key, label, due, status, workingDays });
  };
  const wd = workingDayDeadlines(cal, settings, failedFirst ? sample.reportOn : null, sample.conclusion === '不合格' ? sample.finalOn : null);
  push('notify', `不合格结果书面通知企业（${settings.notifyWorkingDays}个工作日内）`, wd.notifyBy, sample.notifiedOn, true);
  const retestBy = failedFirst && sample.notifiedOn ? retestDeadline(sample.notifiedOn, settings) : null;
  push('retest', `企业申请复检期限（收到结果之日起${settings.retestRequestDays}日）`, retestBy, retest?.requestedOn ?? (retestBy && on > retestBy ? retestBy : null), false);
  push('order', `下达责令整改通知书（${settings.orderWorkingDays}个工作日内）`, wd.orderBy, disposal?.orderedOn ?? null, true);
  if (disposal) {
    const closed = CLOSED_DISPOSAL_STATES.has(disposal.state as DisposalState);
    if (disposal.step === 0 && disposal.extensionDays === null && disposal.state === '整改中') push('extension', `延期申请截止（期限届满${settings.extensionApplyBeforeDays}日前）`, extensionApplyBy(disposal.deadline, settings), null, false);
    push('rectify', `${DISPOSAL_STEPS[disposal.step]}期限`, disposal.deadline, closed || disposal.state === '复查不合格' ? (disposal.recheckOn ?? disposal.closedOn ?? disposal.deadline) : null, false);
  }
  const failed = sample.conclusion === '不合格';
  const retestOpen = retest?.state === '已申请';
  const d = disposal;
  const can = {
    enterResults: sample.state === '待检验',
    notify: sample.state === '已检验' && !sample.notifiedOn,
    requestRetest: failedFirst && !!sample.notifiedOn && !retest && !!retestBy && on <= retestBy && sample.reserveKept,
    concludeRetest: retestOpen,
    order: failed && !d && !retestOpen && !!sample.notifiedOn && (retest?.state === '已完成' || (!!retestBy && on > retestBy)),
    extend: !!d && extensionRefusal({ state: d.state as DisposalState, step: d.step, deadline: d.deadline, extensionDays: d.extensionDays }, on, 1, settings) === null,
    recheck: !!d && d.state === '整改中',
    escalate: !!d && canEscalate({ state: d.state as DisposalState, step: d.step, deadline: d.deadline }, on),
    exempt: !!d && !CLOSED_DISPOSAL_STATES.has(d.state as DisposalState),
  };
  const overdueIds = d ? DISPOSAL_STEPS.map((_, step) => overdueFollowUpId(d.id, step)) : [];
  const overdueFus = [...(await followUpsOfSources(db, tenantId, OVERDUE_FOLLOWUP_KIND, overdueIds)).values()].flat();
  const followUps = [...((await followUpsOfSources(db, tenantId, SAMPLING_FOLLOWUP_KIND, [sample.id])).get(sample.id) ?? []), ...overdueFus];
  return { sample, results, retest, disposal, deadlines, can, blocked: failed && !!sample.finalOn && !(d && CLOSED_DISPOSAL_STATES.has(d.state as DisposalState)), followUps };
}

export async function getSample(db: Db, actor: Actor, id: number, clock?: () => Date): Promise<SampleDetail> {
  assertCan(actor, 'sampling:read');
  const s = await store.selectSample(db, actor.tenantId, id);
  if (!s) throw notFound('样品不存在', 'SAMPLE_NOT_FOUND');
  return detailOf(db, actor.tenantId, s, today(clock));
}

async function sampleForUpdate(tx: DbOrTx, actor: Actor, id: number): Promise<SampleRow> {
  const s = await store.selectSample(tx, actor.tenantId, id, true);
  if (!s) throw notFound('样品不存在', 'SAMPLE_NOT_FOUND');
  return s;
}

// --- results ----------------------------------------------------------------------------------------

export interface ResultItemInput {
  item: string;
  clause: string;
  required: string;
  measured: string;
  verdict: Verdict;
}

export interface ResultsInput {
  reportNo: string;
  reportOn: string;
  /** empty with `untestedReason`: the batch was sampled but not tested */
  items: ResultItemInput[];
  untestedReason?: string | null;
}

async function enterResultsTx(tx: DbOrTx, actor: Actor, sample: SampleRow, input: ResultsInput, on: string): Promise<SampleRow> {
  if (sample.state !== '待检验') throw conflict('该样品已有检验结论；结论只能通过复检改变', 'ALREADY_TESTED');
  if (input.reportOn < sample.sampledOn) throw validationError('检验报告日期不能早于抽样日期', { fields: [{ path: 'reportOn', message: '早于抽样日期' }] });
  if (input.reportOn > on) throw validationError('检验报告日期不能晚于今天', { fields: [{ path: 'reportOn', message: '晚于今天' }] });
  let after: SampleRow;
  if (input.untestedReason) {
    after = await store.updateSample(tx, actor.tenantId, sample.id, { state: '未检验', untestedReason: input.untestedReason, reportNo: input.reportNo || null, reportOn: input.reportOn });
  } else {
    if (!input.items.length) throw validationError('请至少录入一个检验项目，或说明未检验的原因', { fields: [{ path: 'items', message: '至少一项' }] });
    await store.insertResults(tx, input.items.map((i) => ({ tenantId: actor.tenantId, sampleId: sample.id, stage: '初检', ...i })));
    const conclusion = conclusionOf(input.items);
    after = await store.updateSample(tx, actor.tenantId, sample.id, {
      state: '已检验',
      firstConclusion: conclusion,
      conclusion,
      reportNo: input.reportNo,
      reportOn: input.reportOn,
      // a pass is final at once; a failure becomes final after the 复检 window or the 复检
      finalOn: conclusion === '合格' ? input.reportOn : null,
    });
  }
  await writeAudit(tx, { actor, action: 'sampling_sample.results', entityType: 'sampling_sample', entityId: sample.id, before: sample, after: { ...after, items: input.items } });
  return after;
}

export async function enterResults(db: Db, actor: Actor, sampleId: number, input: ResultsInput, clock?: () => Date): Promise<SampleDetail> {
  assertCan(actor, 'sampling:manage');
  return db.transaction(async (tx) => {
    const s = await sampleForUpdate(tx, actor, sampleId);
    const after = await enterResultsTx(tx, actor, s, input, today(clock));
    return detailOf(tx, actor.tenantId, after, today(clock));
  });
}

/** The firm received the result on `notifiedOn` (the 复检 window runs from it). */
export async function notifyEnterprise(db: Db, actor: Actor, sampleId: number, input: { notifiedOn: string }, clock?: () => Date): Promise<SampleDetail> {
  assertCan(actor, 'sampling:manage');
  return db.transaction(async (tx) => {
    const s = await sampleForUpdate(tx, actor, sampleId);
    if (s.state !== '已检验') throw conflict('样品尚无检验结论，不能通知企业', 'NOT_TESTED');
    if (s.notifiedOn) throw conflict(`已于 ${s.notifiedOn} 通知企业`, 'ALREADY_NOTIFIED');
    if (input.notifiedOn < (s.reportOn ?? s.sampledOn) || input.notifiedOn > today(clock)) {
      throw validationError('送达日期应在检验报告日期和今天之间', { fields: [{ path: 'notifiedOn', message: '日期不在范围内' }] });
    }
    const after = await store.updateSample(tx, actor.tenantId, s.id, { notifiedOn: input.notifiedOn });
    await writeAudit(tx, { actor, action: 'sampling_sample.notify', entityType: 'sampling_sample', entityId: s.id, before: s, after });
    return detailOf(tx, actor.tenantId, after, today(clock));
  });
}

// --- 复检 -------------------------------------------------------------------------------------------

export async function requestRetest(
  db: Db,
  actor: Actor,
  sampleId: number,
  input: { requestedOn: string; disputedItems: string[]; retestBody: string },
  clock?: () => Date,
): Promise<SampleDetail> {
  assertCan(actor, 'sampling:manage');
  return db.transaction(async (tx) => {
    const s = await sampleForUpdate(tx, actor, sampleId);
    const settings = await readSettings(tx, actor.tenantId);
    if (s.firstConclusion !== '不合格') throw conflict('只有检验不合格的样品可以申请复检', 'NOT_FAILED');
    if (!s.notifiedOn) throw conflict('尚未登记企业收到检验结果的日期', 'NOT_NOTIFIED');
    if (await store.selectRetest(tx, actor.tenantId, s.id)) throw conflict('该样品已申请过复检（复检只进行一次）', 'RETEST_EXISTS');
    if (!s.reserveKept) throw conflict('该样品没有备用样品，无法复检', 'NO_RESERVE_SAMPLE');
    const by = retestDeadline(s.notifiedOn, settings);
    if (input.requestedOn < s.notifiedOn || input.requestedOn > today(clock)) {
      throw validationError('申请日期应在收到检验结果之后、今天之前', { fields: [{ path: 'requestedOn', message: '日期不在范围内' }] });
    }
    if (input.requestedOn > by) {
      throw new AppError('RETEST_TOO_LATE', `复检申请已超过期限：企业于 ${s.notifiedOn} 收到检验结果，应在 ${by} 前（${settings.retestRequestDays}日内）提出`, 409, { deadline: by });
    }
    const items = await store.selectResults(tx, actor.tenantId, s.id);
    const failedItems = new Set(items.filter((i) => i.stage === '初检' && i.verdict === '不合格').map((i) => i.item));
    const disputed = input.disputedItems.length ? input.disputedItems : [...failedItems];
    const unknown = disputed.filter((d) => !failedItems.has(d));
    if (unknown.length) throw validationError(`复检只针对不合格项目；“${unknown.join('、')}”不是本样品的不合格项目`, { fields: [{ path: 'disputedItems', message: '不是不合格项目' }] });
    const row = await store.insertRetest(tx, { tenantId: actor.tenantId, sampleId: s.id, requestedOn: input.requestedOn, disputedItems: disputed, retestBody: input.retestBody });
    await writeAudit(tx, { actor, action: 'sampling_retest.request', entityType: 'sampling_sample', entityId: s.id, after: row });
    return detailOf(tx, actor.tenantId, s, today(clock));
  });
}

/** The 复检's items (on the reserve sample); its conclusion replaces the first and is final. */
export async function concludeRetest(db: Db, actor: Actor, sampleId: number, input: { concludedOn: string; items: ResultItemInput[] }, clock?: () => Date): Promise<SampleDetail> {
  assertCan(actor, 'sampling:manage');
  return db.transaction(async (tx) => {
    const s = await sampleForUpdate(tx, actor, sampleId);
    const r = await store.selectRetest(tx, actor.tenantId, s.id);
    if (!r || r.state !== '已申请') throw conflict('没有待完成的复检', 'NO_OPEN_RETEST');
    if (!input.items.length) throw validationError('请录入复检项目', { fields: [{ path: 'items', message: '至少一项' }] });
    if (input.concludedOn < r.requestedOn || input.concludedOn > today(clock)) {
      throw validationError('复检结论日期应在申请日期和今天之间', { fields: [{ path: 'concludedOn', message: '日期不在范围内' }] });
    }
    const outside = input.items.filter((i) => !r.disputedItems.includes(i.item));
    if (outside.length) throw validationError(`复检只检验有异议的项目：${r.disputedItems.join('、')}`, { fields: [{ path: 'items', message: '不在复检项目中' }] });
    await store.insertResults(tx, input.items.map((i) => ({ tenantId: actor.tenantId, sampleId: s.id, stage: '复检', ...i })));
    // items not re-tested keep their first verdict (only the disputed ones are re-tested)
    const first = (await store.selectResults(tx, actor.tenantId, s.id)).filter((i) => i.stage === '初检' && !r.disputedItems.includes(i.item));
    const conclusion = conclusionOf([...first.map((i) => ({ verdict: i.verdict as Verdict })), ...input.items]);
    const rr = await store.updateRetest(tx, actor.tenantId, r.id, { state: '已完成', conclusion, concludedOn: input.concludedOn });
    let after = await store.updateSample(tx, actor.tenantId, s.id, { conclusion, finalOn: input.concludedOn });
    await writeAudit(tx, { actor, action: 'sampling_retest.conclude', entityType: 'sampling_sample', entityId: s.id, before: r, after: { ...rr, items: input.items } });
    if (conclusion === '不合格') after = await failureBecameFinal(tx, actor, after, input.concludedOn);
    return detailOf(tx, actor.tenantId, after, today(clock));
  });
}

/**
 * THE place where a failure becomes final (the 复检 window passed, or the 复检 confirmed it): writes
 * the credit event (抽检不合格, read by the risk classes of src/credit) and opens the follow-up task in
 * a plan for the sampling plan's organising department (followups.ts), in the same transaction.
 */
export async function failureBecameFinal(tx: DbOrTx, actor: Actor, sample: SampleRow, on: string): Promise<SampleRow> {
  const after = sample.finalOn ? sample : await store.updateSample(tx, actor.tenantId, sample.id, { finalOn: on });
  await insertCreditEvent(tx, {
    tenantId: actor.tenantId,
    enterpriseId: sample.enterpriseId,
    kind: 'sampling_failed',
    occurredOn: on,
    title: `${sample.productName}（${sample.brand || '无商标'} ${sample.model}）监督抽查不合格`,
    detail: `抽样单 ${sample.sampleNo}，检验报告 ${sample.reportNo ?? ''}`,
    source: 'domain',
    enteredBy: actor.userId,
    enteredByName: who(actor),
  });
  const plan = await store.selectPlan(tx, actor.tenantId, sample.planId);
  await openSamplingFollowUp(tx, actor, after, plan?.department ?? '');
  return after;
}

// --- 上级监督抽查 -------------------------------------------------------------------------------------

export const HIGHER_LEVELS = ['国家', '省级', '市级'] as const;
export type HigherLevel = (typeof HIGHER_LEVELS)[number];

export interface HigherCheckInput {
  enterpriseId: number | null;
  creditCode: string | null;
  productCode: string;
  productName: string;
  brand: string;
  model: string;
  standard: string;
  level: HigherLevel;
  organiser: string;
  sampledOn: string;
  reference: string;
  note: string;
}

/** Records a higher authority's sampling of a product (the firm showed it, or the higher level reported it). */
export async function recordHigherCheck(db: Db, actor: Actor, input: HigherCheckInput, clock?: () => Date): Promise<HigherCheckRow> {
  assertCan(actor, 'sampling:manage');
  if (input.sampledOn > today(clock)) throw validationError('抽样日期不能晚于今天', { fields: [{ path: 'sampledOn', message: '不能晚于今天' }] });
  const productName = catalogueName(input.productCode);
  if (!productName) throw validationError('产品类别不在产品目录中', { fields: [{ path: 'productCode', message: '请从产品目录中选择' }] });
  return db.transaction(async (tx) => {
    const ent = input.enterpriseId
      ? await selectEnterprise(tx, actor.tenantId, input.enterpriseId)
      : input.creditCode
        ? await selectEnterpriseByCode(tx, actor.tenantId, input.creditCode.trim().toUpperCase())
        : undefined;
    if (!ent) throw notFound('被抽样企业不在企业名录中', 'ENTERPRISE_NOT_FOUND');
    const row = await store.insertHigherCheck(tx, {
      tenantId: actor.tenantId,
      enterpriseId: ent.id,
      creditCode: ent.creditCode,
      enterpriseName: ent.name,
      productCode: input.productCode,
      productName: input.productName.trim() || productName,
      brand: input.brand.trim(),
      model: input.model.trim(),
      standard: input.standard.trim(),
      productKey: productKey({ enterpriseId: ent.id, productCode: input.productCode, brand: input.brand, model: input.model, standard: input.standard }),
      level: input.level,
      organiser: input.organiser.trim(),
      sampledOn: input.sampledOn,
      reference: input.reference.trim(),
      note: input.note.trim(),
      createdBy: actor.userId,
    });
    await writeAudit(tx, { actor, action: 'sampling_higher_check.create', entityType: 'sampling_higher_check', entityId: row.id, after: row });
    return row;
  });
}

export async function listHigherChecks(db: Db, actor: Actor, enterpriseId?: number): Promise<HigherCheckRow[]> {
  assertCan(actor, 'sampling:read');
  return store.selectHigherChecks(db, actor.tenantId, enterpriseId);
}

/** Removes a record entered by mistake (audited with what it said). */
export async function removeHigherCheck(db: Db, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'sampling:manage');
  await db.transaction(async (tx) => {
    const row = await store.selectHigherCheck(tx, actor.tenantId, id);
    if (!row) throw notFound('上级抽查记录不存在', 'HIGHER_CHECK_NOT_FOUND');
    await store.deleteHigherCheck(tx, actor.tenantId, id);
    await writeAudit(tx, { actor, action: 'sampling_higher_check.delete', entityType: 'sampling_higher_check', entityId: id, before: row });
  });
}

// --- 后处理 -----------------------------------------------------------------------------------------

export async function orderRectification(db: Db, actor: Actor, sampleId: number, input: { orderedOn: string; noticeNo: string }, clock?: () => Date): Promise<SampleDetail> {
  assertCan(actor, 'sampling:manage');
  return db.transaction(async (tx) => {
    let s = await sampleForUpdate(tx, actor, sampleId);
    const settings = await readSettings(tx, actor.tenantId);
    if (s.conclusion !== '不合格') throw conflict('只有结论为不合格的样品需要后处理', 'NOT_FAILED');
    if (await store.selectDisposal(tx, actor.tenantId, s.id)) throw conflict('该样品已下达责令整改', 'DISPOSAL_EXISTS');
    if (!s.notifiedOn) throw conflict('尚未通知企业检验结果', 'NOT_NOTIFIED');
    const retest = await store.selectRetest(tx, actor.tenantId, s.id);
    if (retest?.state === '已申请') throw conflict('复检尚未完成，结论未确定', 'RETEST_PENDING');
    const by = retestDeadline(s.notifiedOn, settings);
    if (!retest && input.orderedOn <= by) {
      throw new AppError('RETEST_WINDOW_OPEN', `企业可在 ${by} 前申请复检，期满后不合格结论方为最终结论`, 409, { deadline: by });
    }
    if (input.orderedOn > today(clock) || input.orderedOn < s.notifiedOn) throw validationError('下达日期不在范围内', { fields: [{ path: 'orderedOn', message: '日期不在范围内' }] });
    if (!s.finalOn) s = await failureBecameFinal(tx, actor, s, plusDaysSafe(by, 1, input.orderedOn));
    const deadline = rectifyDeadline(input.orderedOn, settings);
    const ev: DisposalEvent = { on: input.orderedOn, kind: 'order', text: `下达责令整改通知书${input.noticeNo ? `（${input.noticeNo}）` : ''}，${deadline} 前完成整改并申请复查`, by: who(actor) };
    const d = await store.insertDisposal(tx, { tenantId: actor.tenantId, sampleId: s.id, noticeNo: input.noticeNo, orderedOn: input.orderedOn, deadline, events: [ev] });
    await writeAudit(tx, { actor, action: 'sampling_disposal.order', entityType: 'sampling_sample', entityId: s.id, after: d });
    return detailOf(tx, actor.tenantId, s, today(clock));
  });
}

/** The day after the 复检 window, but never after the order itself. */
function plusDaysSafe(by: string, n: number, cap: string): string {
  const d = new Date(`${by}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  const s = d.toISOString().slice(0, 10);
  return s > cap ? cap : s;
}

type DisposalAction =
  | { kind: 'extend'; appliedOn: string; days: number; reason: string }
  | { kind: 'recheck'; on: string; passed: boolean; note: string }
  | { kind: 'escalate'; on: string; note: string }
  | { kind: 'exempt'; on: string; reason: string };

export async function actOnDisposal(db: Db, actor: Actor, disposalId: number, action: DisposalAction & { version: number }, clock?: () => Date): Promise<SampleDetail> {
  assertCan(actor, 'sampling:manage');
  return db.transaction(async (tx) => {
    const d = await store.selectDisposalById(tx, actor.tenantId, disposalId);
    if (!d) throw notFound('后处理记录不存在', 'DISPOSAL_NOT_FOUND');
    if (d.version !== action.version) throw conflict();
    const settings = await readSettings(tx, actor.tenantId);
    const now = today(clock);
    const on = action.kind === 'extend' ? action.appliedOn : action.on;
    if (on > now || on < d.orderedOn) throw validationError('日期应在下达整改之后、今天之前', { fields: [{ path: action.kind === 'extend' ? 'appliedOn' : 'on', message: '日期不在范围内' }] });
    const state = d.state as DisposalState;
    let values: Partial<DisposalRow>;
    let text: string;
    switch (action.kind) {
      case 'extend': {
        const why = extensionRefusal({ state, step: d.step, deadline: d.deadline, extensionDays: d.extensionDays }, action.appliedOn, action.days, settings);
        if (why === 'ALREADY_EXTENDED') throw conflict('整改期限只能延期一次', 'ALREADY_EXTENDED');
        if (why === 'TOO_LONG') throw validationError(`延期不得超过 ${settings.extensionMaxDays} 日`, { fields: [{ path: 'days', message: `1–${settings.extensionMaxDays} 日` }] });
        if (why === 'TOO_LATE') {
          throw new AppError('EXTENSION_TOO_LATE', `延期申请应在整改期限（${d.deadline}）届满 ${settings.extensionApplyBeforeDays} 日前、即 ${extensionApplyBy(d.deadline, settings)} 前提出`, 409);
        }
        if (why === 'NOT_OPEN') throw conflict('只有整改中的责令整改可以延期', 'NOT_OPEN');
        const deadline = plusDaysSafe(d.deadline, action.days, '9999-12-31');
        values = { deadline, extensionDays: action.days, extensionAppliedOn: action.appliedOn };
        text = `延期 ${action.days} 日至 ${deadline}${action.reason ? `：${action.reason}` : ''}`;
        break;
      }
      case 'recheck':
        if (state !== '整改中') throw conflict('当前没有待复查的整改', 'NOT_OPEN');
        values = action.passed ? { state: '复查合格', recheckOn: action.on, closedOn: action.on } : { state: '复查不合格', recheckOn: action.on };
        text = `复查${action.passed ? '合格，后处理完成' : '不合格'}${action.note ? `：${action.note}` : ''}`;
        break;
      case 'escalate': {
        if (!canEscalate({ state, step: d.step, deadline: d.deadline }, action.on)) {
          throw new AppError('CANNOT_ESCALATE', d.step >= DISPOSAL_STEPS.length - 1 ? '已是最后一步' : '复查不合格或逾期未改正后才能进入下一步处理', 409);
        }
        const step = d.step + 1;
        const last = step === DISPOSAL_STEPS.length - 1;
        values = last ? { step, state: '已吊销', closedOn: action.on } : { step, state: '整改中', deadline: stepDeadline(action.on, step, settings), recheckOn: null };
        text = `${DISPOSAL_STEPS[step]}${action.note ? `：${action.note}` : ''}${last ? '' : `；${stepDeadline(action.on, step, settings)} 前复查`}`;
        break;
      }
      case 'exempt':
        if (CLOSED_DISPOSAL_STATES.has(state)) throw conflict('后处理已结束', 'CLOSED');
        values = { state: '免于整改', closedOn: action.on };
        text = `免于整改（停产、转产）：${action.reason}`;
        break;
    }
    const events = [...d.events, { on, kind: action.kind, text, by: who(actor) }];
    const after = await store.updateDisposal(tx, actor.tenantId, d.id, d.version, { ...values, events });
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: `sampling_disposal.${action.kind}`, entityType: 'sampling_sample', entityId: d.sampleId, before: d, after });
    const s = (await store.selectSample(tx, actor.tenantId, d.sampleId))!;
    return detailOf(tx, actor.tenantId, s, now);
  });
}

// --- due and overdue 后处理 (the 驾驶舱 card; the loop back to the plan) ----------------------------------

export const SAMPLING_DAILY_JOB = 'sampling-daily';

/**
 * Opens a follow-up task for every overdue 后处理 step of the authority that has none open yet (the
 * daily job, and before the 驾驶舱 card is read). One transaction per task opened, as the system.
 * Answers how many were opened.
 */
export async function openOverdueDisposalFollowUps(db: Db, tenantId: number, today: string): Promise<number> {
  const overdue = (await store.selectOpenDisposals(db, tenantId, plusDays(today, -1))).filter((d) => disposalStanding({ state: d.state as DisposalState, deadline: d.deadline }, today, 0) === 'overdue');
  if (!overdue.length) return 0;
  const ids = overdue.map((d) => overdueFollowUpId(d.disposalId, d.step));
  const open = await followUpsOfSources(db, tenantId, OVERDUE_FOLLOWUP_KIND, ids);
  const actor = systemActor(tenantId, '系统（后处理逾期核查）');
  let opened = 0;
  for (const d of overdue) {
    const id = overdueFollowUpId(d.disposalId, d.step);
    // an open one stays; a closed one of this step means the step was dealt with (it can only close then)
    if (open.get(id)?.length) continue;
    if (await db.transaction((tx) => openOverdueFollowUp(tx, actor, d, today))) opened++;
  }
  return opened;
}

/** The daily job over every authority. */
export async function samplingDaily(db: Db, tenantIds: number[], today: string): Promise<number> {
  let n = 0;
  for (const t of tenantIds) n += await openOverdueDisposalFollowUps(db, t, today);
  return n;
}

export interface DisposalDueItem {
  disposalId: number;
  sampleId: number;
  sampleNo: string;
  enterpriseName: string;
  productName: string;
  step: string;
  state: string;
  deadline: string;
  standing: 'overdue' | 'soon';
  /** days past the deadline (overdue) or left (soon) */
  days: number;
  followUp: { id: number; planId: number; state: string } | null;
}

/**
 * A failed batch whose 后处理 has not begun and whose working-day deadline (regulatory-rules.md §4.2/§4.3)
 * is overdue or near: 不合格结果书面通知企业 (notifyWorkingDays after the report) or 下达责令整改通知书
 * (orderWorkingDays after the conclusion became final).
 */
export interface PendingStepItem {
  sampleId: number;
  sampleNo: string;
  enterpriseName: string;
  productName: string;
  step: '通知企业' | '下达责令整改';
  /** the working days the authority's setting gives the step */
  workingDays: number;
  deadline: string;
  standing: 'overdue' | 'soon';
  days: number;
}

/** The pending first steps of failed batches, overdue or due within `warnDays` calendar days of `on`. */
export function pendingSteps(
  rows: store.PendingFailure[],
  on: string,
  settings: Pick<SamplingSettings, 'notifyWorkingDays' | 'orderWorkingDays' | 'retestRequestDays' | 'disposalWarnDays'>,
  cal: { addWorkingDays(from: string, n: number): string },
): PendingStepItem[] {
  const out: PendingStepItem[] = [];
  for (const r of rows) {
    let step: PendingStepItem['step'];
    let deadline: string;
    let workingDays: number;
    if (!r.notifiedOn) {
      if (!r.reportOn) continue;
      step = '通知企业';
      workingDays = settings.notifyWorkingDays;
      deadline = cal.addWorkingDays(r.reportOn, workingDays);
    } else {
      if (r.conclusion !== '不合格' || r.retestState === '已申请') continue; // a 复检 under way decides first
      // final on the day it was recorded final, else the day after the 复检 window closed unused
      const finalOn = r.finalOn ?? (r.retestState === '已完成' ? null : plusDays(retestDeadline(r.notifiedOn, settings), 1));
      if (!finalOn || finalOn > on) continue;
      step = '下达责令整改';
      workingDays = settings.orderWorkingDays;
      deadline = cal.addWorkingDays(finalOn, workingDays);
    }
    const left = daysBetween(on, deadline);
    if (left < 0) out.push({ sampleId: r.sampleId, sampleNo: r.sampleNo, enterpriseName: r.enterpriseName, productName: r.productName, step, workingDays, deadline, standing: 'overdue', days: -left });
    else if (left <= settings.disposalWarnDays) out.push({ sampleId: r.sampleId, sampleNo: r.sampleNo, enterpriseName: r.enterpriseName, productName: r.productName, step, workingDays, deadline, standing: 'soon', days: left });
  }
  return out.sort((a, b) => (a.standing === b.standing ? a.deadline.localeCompare(b.deadline) : a.standing === 'overdue' ? -1 : 1));
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The 驾驶舱 card: open 后处理 overdue or due within the authority's warning days, with their follow-ups. */
export async function disposalsDue(db: Db, actor: Actor, clock?: () => Date) {
  assertCan(actor, 'sampling:deadlines');
  const on = today(clock);
  await openOverdueDisposalFollowUps(db, actor.tenantId, on);
  const settings = await readSettings(db, actor.tenantId);
  const rows = await store.selectOpenDisposals(db, actor.tenantId, plusDays(on, settings.disposalWarnDays));
  const fus = await followUpsOfSources(db, actor.tenantId, OVERDUE_FOLLOWUP_KIND, rows.map((d) => overdueFollowUpId(d.disposalId, d.step)));
  const items: DisposalDueItem[] = [];
  for (const d of rows) {
    const standing = disposalStanding({ state: d.state as DisposalState, deadline: d.deadline }, on, settings.disposalWarnDays);
    if (standing !== 'overdue' && standing !== 'soon') continue;
    const fu = (fus.get(overdueFollowUpId(d.disposalId, d.step)) ?? []).find((f) => f.state === 'open') ?? null;
    items.push({
      disposalId: d.disposalId,
      sampleId: d.sampleId,
      sampleNo: d.sampleNo,
      enterpriseName: d.enterpriseName,
      productName: d.productName,
      step: DISPOSAL_STEPS[d.step] ?? '',
      state: d.state,
      deadline: d.deadline,
      standing,
      days: standing === 'overdue' ? Math.max(0, daysBetween(d.deadline, on)) : daysBetween(on, d.deadline),
      followUp: fu ? { id: fu.id, planId: fu.planId, state: fu.state } : null,
    });
  }
  items.sort((a, b) => (a.standing === b.standing ? a.deadline.localeCompare(b.deadline) : a.standing === 'overdue' ? -1 : 1));
  const pending = pendingSteps(await store.selectPendingFailures(db, actor.tenantId), on, settings, await loadCalendar(db, actor.tenantId));
  return {
    today: on,
    warnDays: settings.disposalWarnDays,
    overdue: items.filter((i) => i.standing === 'overdue').length + pending.filter((i) => i.standing === 'overdue').length,
    dueSoon: items.filter((i) => i.standing === 'soon').length + pending.filter((i) => i.standing === 'soon').length,
    pending,
    items,
  };
}

// --- rates ------------------------------------------------------------------------------------------

export interface RateQuery {
  yearFrom: number;
  yearTo: number;
  category?: string;
  region?: string;
  categoryLevel: CategoryLevel;
  /** GB/T 2260 characters: 6 county, 9 township */
  regionChars: number;
}

export interface RateRow {
  year: number;
  category: string | null;
  categoryName: string | null;
  region: string | null;
  regionName: string | null;
  sampled: number;
  tested: number;
  passed: number;
  failed: number;
  passRate: number | null;
  failRate: number | null;
}

export async function getRates(db: Db, actor: Actor, q: RateQuery): Promise<{ rows: RateRow[] }> {
  assertCan(actor, 'sampling:read');
  if (q.yearTo < q.yearFrom) throw validationError('结束年份不能早于开始年份');
  const cells = await store.selectRateCells(db, actor.tenantId, q, CATEGORY_LEVELS[q.categoryLevel], q.regionChars);
  const names = await store.selectRegionNames(db, [...new Set(cells.map((c) => c.region ?? ''))]);
  const rows = cells
    .map((c) => ({
      year: c.year!,
      category: c.category,
      categoryName: c.category === null ? null : (catalogueName(c.category) ?? c.category),
      region: c.region,
      regionName: c.region === null ? null : c.region === '' ? '地区不详' : (names.get(c.region) ?? c.region),
      sampled: c.sampled,
      tested: c.tested,
      passed: c.passed,
      failed: c.failed,
      passRate: passRate(c),
      failRate: failRate(c),
    }))
    .sort((a, b) => a.year - b.year || (a.category ?? '').localeCompare(b.category ?? '') || (a.region ?? '').localeCompare(b.region ?? ''));
  return { rows };
}

export async function getRateBatches(db: Db, actor: Actor, q: Omit<RateQuery, 'categoryLevel' | 'regionChars'> & { measure: Measure }, page: number, pageSize: number) {
  assertCan(actor, 'sampling:read');
  return store.selectRateBatches(db, actor.tenantId, q, q.measure, pageSize, (page - 1) * pageSize);
}

// --- results import ---------------------------------------------------------------------------------

export interface ImportRow {
  rowNo: number;
  sampleNo: string;
  reportNo: string;
  reportOn: string;
  item: string;
  clause: string;
  required: string;
  measured: string;
  verdict: string;
  untestedReason: string;
}

/**
 * One workbook of a testing body: rows grouped by 抽样单编号; each sample's rows go in together or are
 * all refused with the reason (unknown number, already tested, a bad verdict or date …).
 */
export async function importResults(db: Db, actor: Actor, rows: ImportRow[], refusedEarly: Array<{ row: number; reason: string; sampleNo?: string }>, clock?: () => Date) {
  assertCan(actor, 'sampling:manage');
  const refused = refusedEarly.map(({ row, reason }) => ({ row, reason }));
  const badSamples = new Map(refusedEarly.filter((r) => r.sampleNo).map((r) => [r.sampleNo!, r.row]));
  const groups = new Map<string, ImportRow[]>();
  for (const r of rows) groups.set(r.sampleNo, [...(groups.get(r.sampleNo) ?? []), r]);
  let imported = 0;
  const now = today(clock);
  for (const [no, list] of groups) {
    const refuse = (reason: string) => refused.push(...list.map((r) => ({ row: r.rowNo, reason })));
    if (badSamples.has(no)) {
      refuse(`同一抽样单的第 ${badSamples.get(no)} 行有误，整张抽样单未导入`);
      continue;
    }
    const bad = list.find((r) => !r.untestedReason && r.verdict !== '合格' && r.verdict !== '不合格');
    if (bad) {
      refuse(`第 ${bad.rowNo} 行的单项判定应为“合格”或“不合格”`);
      continue;
    }
    const first = list[0]!;
    if (list.some((r) => r.reportOn !== first.reportOn || r.reportNo !== first.reportNo)) {
      refuse('同一抽样单的报告编号和报告日期应一致');
      continue;
    }
    try {
      await db.transaction(async (tx) => {
        const s = await store.selectSampleByNo(tx, actor.tenantId, no);
        if (!s) throw new AppError('UNKNOWN_SAMPLE', `抽样单编号“${no}”未登记`, 404);
        const locked = await sampleForUpdate(tx, actor, s.id);
        const untested = list.find((r) => r.untestedReason)?.untestedReason ?? null;
        await enterResultsTx(
          tx,
          actor,
          locked,
          {
            reportNo: first.reportNo,
            reportOn: first.reportOn,
            untestedReason: untested,
            items: untested ? [] : list.map((r) => ({ item: r.item, clause: r.clause, required: r.required, measured: r.measured, verdict: r.verdict as Verdict })),
          },
          now,
        );
      });
      imported++;
    } catch (e) {
      if (e instanceof AppError && e.status < 500) refuse(e.message);
      else throw e;
    }
  }
  refused.sort((a, b) => a.row - b.row);
  return { samples: groups.size, imported, refused };
}

// --- the quality file -------------------------------------------------------------------------------

export async function samplingTimeline(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<TimelineEntry[]> {
  const samples = await store.selectEnterpriseSamples(db, tenantId, enterpriseId);
  const ids = samples.map((s) => s.id);
  const [retests, disposals] = [await store.selectRetestsOf(db, tenantId, ids), await store.selectDisposalsOf(db, tenantId, ids)];
  const out: TimelineEntry[] = [];
  for (const s of samples) {
    const link = `/sampling/samples/${s.id}`;
    const what = `${s.productName}${s.brand ? `（${s.brand} ${s.model}）` : ''}`;
    out.push({ at: s.sampledOn, domain: 'sampling', kind: 'sampled', title: `产品监督抽查抽样：${what}`, detail: `抽样单 ${s.sampleNo}`, link });
    if (s.state === '已检验' && s.reportOn) out.push({ at: s.reportOn, domain: 'sampling', kind: 'tested', title: `产品监督抽查检验${s.firstConclusion}：${what}`, link });
    if (s.state === '未检验' && s.reportOn) out.push({ at: s.reportOn, domain: 'sampling', kind: 'untested', title: `产品监督抽查未检验：${what}`, detail: s.untestedReason ?? '', link });
  }
  for (const r of retests) {
    const s = samples.find((x) => x.id === r.sampleId)!;
    out.push({ at: r.requestedOn, domain: 'sampling', kind: 'retest', title: `申请复检：${s.productName}`, link: `/sampling/samples/${s.id}` });
    if (r.concludedOn) out.push({ at: r.concludedOn, domain: 'sampling', kind: 'retest-concluded', title: `复检结论（最终）：${r.conclusion}`, link: `/sampling/samples/${s.id}` });
  }
  for (const d of disposals) {
    for (const e of d.events) out.push({ at: e.on, domain: 'sampling', kind: `disposal-${e.kind}`, title: `不合格后处理：${e.text}`, link: `/sampling/samples/${d.sampleId}` });
  }
  return out;
}
