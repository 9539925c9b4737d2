// Use cases of 双随机、一公开 (issue 12): settings, the item list (一单), inspectors (执法检查人员名录库),
// campaigns with their frame, commitment and verifiable draw, results (entered by the campaign's
// inspectors, reviewed by someone else, published; corrections are new versions). Each change is
// audited in its own transaction.
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../core/db/index';
import { AppError, conflict, forbidden, notFound, validationError } from '../core/errors';
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { writeAudit } from '../org/audit/service';
import { loadCalendar, todayInShanghai } from '../org/calendar/index';
import { selectTenant } from '../org/tenancy/store';
import { findUserByUsername } from '../org/auth/store';
import { validateCreditCode } from '../enterprises/credit-code';
import {
  assignInspectors,
  buildDrawFile,
  ConflictResolverV2,
  defaultInspectorsV2,
  keyLimit,
  stratumSalt,
  candidateBoundOf,
  candidateSalt,
  objectSaltV3,
  fillPositions,
  type DrawResult,
  type Recusal,
  commitmentOf,
  conflictTag,
  DRAW_FORMAT,
  DRAW_VERSION,
  DrawError,
  type DrawFile,
  type DrawFrame,
  drawPositions,
  frameHash as hashOfFrame,
  newSeed,
  takeOf,
} from './draw';
import { pgHashTextExtended } from './lookup3';
import {
  canMoveCampaign,
  type CampaignState,
  CODES_NEEDING_FOLLOW_UP,
  type ClassRule,
  DEFAULT_INSPECTION_SETTINGS,
  type InspectionSettings,
  type ItemScope,
  publicationStatus,
  RESULT_CODES,
  type ResultState,
  RISK_CLASSES,
  ruleOfStratum,
  STRATA,
  type Stratum,
  STANDARD_CHECK_KEYS,
  type StandardChecklist,
  standardConforms,
} from './model';
import { followUpsOfSources } from '../plans/followups/service';
import type { FollowUpWithNames } from '../plans/followups/store';
import { INSPECTION_FOLLOWUP_KIND, onPublished } from './followups';
import * as store from './store';
import { createHash } from 'node:crypto';
import { ATTACHMENT_LIMITS, ATTACHMENT_MIME, sniffAttachment } from '../plans/progress/model';
import { INDUSTRY_SECTIONS } from '../enterprises/industry';
import type { CampaignRow, InspectionItemRow, InspectorRow, ObjectRow, ResultRow } from './tables';

// --- settings ---------------------------------------------------------------------------------------

export async function readSettings(db: DbOrTx, tenantId: number): Promise<InspectionSettings & { version: number }> {
  const r = await store.selectSettings(db, tenantId);
  if (!r) return { ...structuredClone(DEFAULT_INSPECTION_SETTINGS), version: 0 };
  return {
    classRules: { ...DEFAULT_INSPECTION_SETTINGS.classRules, ...(r.classRules as InspectionSettings['classRules']) },
    inspectorsPerObject: r.inspectorsPerObject,
    publishWithinWorkingDays: r.publishWithinWorkingDays,
    notDrawnWithinDays: r.notDrawnWithinDays,
    operatingStatuses: r.operatingStatuses,
    version: r.version,
  };
}

export async function getSettings(db: Db, actor: Actor) {
  assertCan(actor, 'inspections:read');
  return readSettings(db, actor.tenantId);
}

export async function saveSettings(db: Db, actor: Actor, input: InspectionSettings & { version: number }) {
  assertCan(actor, 'inspections:plan');
  if (input.inspectorsPerObject < 2) throw validationError('每个检查对象至少需要 2 名执法检查人员');
  for (const c of RISK_CLASSES) checkRule(input.classRules[c], `classRules.${c}`);
  return db.transaction(async (tx) => {
    const before = await store.selectSettings(tx, actor.tenantId);
    if ((before?.version ?? 0) !== input.version) throw conflict();
    const { version, ...values } = input;
    const after = await store.upsertSettings(tx, { tenantId: actor.tenantId, ...values }, version);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'inspection_settings.update', entityType: 'inspection_settings', entityId: actor.tenantId, before, after });
    return readSettings(tx, actor.tenantId);
  });
}

function checkRule(r: ClassRule | undefined, path: string): void {
  if (!r || !(r.ratio >= 0 && r.ratio <= 1) || !(r.perYear >= 0)) {
    throw validationError('抽查比例应在 0 到 1 之间，频次不能为负数', { fields: [{ path, message: '比例 0–1，频次 ≥ 0' }] });
  }
}

// --- items ------------------------------------------------------------------------------------------

export interface ItemInput {
  code: string;
  name: string;
  legalBasis: string;
  department: string;
  content: string;
  method: string;
  scope: ItemScope;
  classRules: Partial<Record<string, ClassRule>>;
  /** the item's own re-check window (null: the authority's setting) */
  notDrawnWithinDays?: number | null;
  active: boolean;
}

export async function listItems(db: Db, actor: Actor): Promise<InspectionItemRow[]> {
  assertCan(actor, 'inspections:read');
  return store.selectItems(db, actor.tenantId);
}

export async function createItem(db: Db, actor: Actor, input: ItemInput): Promise<InspectionItemRow> {
  assertCan(actor, 'inspections:plan');
  for (const [c, r] of Object.entries(input.classRules)) checkRule(r, `classRules.${c}`);
  return db.transaction(async (tx) => {
    const existing = (await store.selectItems(tx, actor.tenantId)).find((i) => i.code === input.code);
    if (existing) throw conflict(`事项编号“${input.code}”已存在`, 'DUPLICATE_CODE');
    const row = await store.insertItem(tx, { tenantId: actor.tenantId, ...input });
    await writeAudit(tx, { actor, action: 'inspection_item.create', entityType: 'inspection_item', entityId: row.id, after: row });
    return row;
  });
}

export async function updateItem(db: Db, actor: Actor, id: number, input: ItemInput & { version: number }): Promise<InspectionItemRow> {
  assertCan(actor, 'inspections:plan');
  for (const [c, r] of Object.entries(input.classRules)) checkRule(r, `classRules.${c}`);
  return db.transaction(async (tx) => {
    const before = (await store.selectItemsByIds(tx, actor.tenantId, [id]))[0];
    if (!before) throw notFound('抽查事项不存在');
    const { version, ...values } = input;
    const after = await store.updateItem(tx, actor.tenantId, id, version, values);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'inspection_item.update', entityType: 'inspection_item', entityId: id, before, after });
    return after;
  });
}

// --- inspectors -------------------------------------------------------------------------------------

export interface InspectorInput {
  userId: number | null;
  /** the account's username, resolved to userId (an inspector account of the same authority) */
  username?: string | null;
  name: string;
  department: string;
  certificateNo: string;
  qualifiedItemIds: number[];
  conflicts: Array<{ creditCode: string; reason: string }>;
  active: boolean;
}

export async function listInspectors(db: Db, actor: Actor): Promise<InspectorRow[]> {
  assertCan(actor, 'inspections:read');
  return store.selectInspectors(db, actor.tenantId);
}

function checkConflicts(input: InspectorInput): InspectorInput {
  const fields: Array<{ path: string; message: string }> = [];
  const conflicts = input.conflicts.map((c, i) => {
    const v = validateCreditCode(c.creditCode);
    if (!v.ok) fields.push({ path: `conflicts.${i}.creditCode`, message: `统一社会信用代码无效：${v.errors[0]?.message ?? c.creditCode}` });
    return { creditCode: v.code, reason: c.reason };
  });
  if (fields.length) throw validationError('回避企业的统一社会信用代码有误', { fields });
  return { ...input, conflicts };
}

async function resolveAccount(tx: DbOrTx, tenantId: number, input: InspectorInput): Promise<Omit<InspectorInput, 'username'>> {
  const { username, ...rest } = input;
  if (!username) return rest;
  const u = await findUserByUsername(tx, tenantId, username);
  if (!u || u.role !== 'inspector') throw validationError(`没有用户名为“${username}”的执法人员账号`, { fields: [{ path: 'username', message: '账号不存在或不是执法人员' }] });
  return { ...rest, userId: u.id };
}

export async function createInspector(db: Db, actor: Actor, input: InspectorInput): Promise<InspectorRow> {
  assertCan(actor, 'inspections:plan');
  const checked = checkConflicts(input);
  return db.transaction(async (tx) => {
    const values = await resolveAccount(tx, actor.tenantId, checked);
    if ((await store.selectInspectors(tx, actor.tenantId)).some((i) => i.certificateNo === values.certificateNo)) {
      throw conflict(`执法证号“${values.certificateNo}”已登记`, 'DUPLICATE_CERTIFICATE');
    }
    const row = await store.insertInspector(tx, { tenantId: actor.tenantId, ...values });
    await writeAudit(tx, { actor, action: 'inspector.create', entityType: 'inspector', entityId: row.id, after: row });
    return row;
  });
}

export async function updateInspector(db: Db, actor: Actor, id: number, input: InspectorInput & { version: number }): Promise<InspectorRow> {
  assertCan(actor, 'inspections:plan');
  const { version, ...rest } = input;
  const checked = checkConflicts(rest);
  return db.transaction(async (tx) => {
    const values = await resolveAccount(tx, actor.tenantId, checked);
    const before = (await store.selectInspectors(tx, actor.tenantId)).find((i) => i.id === id);
    if (!before) throw notFound('执法检查人员不存在');
    const after = await store.updateInspector(tx, actor.tenantId, id, version, values);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'inspector.update', entityType: 'inspector', entityId: id, before, after });
    return after;
  });
}

// --- campaigns --------------------------------------------------------------------------------------

export interface CampaignInput {
  name: string;
  year: number;
  itemIds: number[];
  departments: string[];
  regionPrefix: string | null;
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput): Promise<CampaignRow> {
  assertCan(actor, 'inspections:plan');
  const ids = [...new Set(input.itemIds)];
  if (!ids.length) throw validationError('请至少选择一个抽查事项');
  return db.transaction(async (tx) => {
    const items = await store.selectItemsByIds(tx, actor.tenantId, ids);
    if (items.length !== ids.length) throw validationError('抽查事项不存在', { fields: [{ path: 'itemIds', message: '含有不存在的事项' }] });
    const stopped = items.filter((i) => !i.active);
    if (stopped.length) throw validationError(`抽查事项已停用：${stopped.map((i) => i.name).join('、')}`, { fields: [{ path: 'itemIds', message: '含有已停用的事项' }] });
    const row = await store.insertCampaign(tx, { tenantId: actor.tenantId, ...input, itemIds: ids, createdBy: actor.userId });
    await writeAudit(tx, { actor, action: 'inspection_campaign.create', entityType: 'inspection_campaign', entityId: row.id, after: row });
    return row;
  });
}

export async function listCampaigns(db: Db, actor: Actor) {
  assertCan(actor, 'inspections:read');
  return (await store.selectCampaigns(db, actor.tenantId)).map(campaignOut);
}

/** A campaign as shown: never the seed before the draw. */
export function campaignOut(c: CampaignRow) {
  const { seed, frame, result, objectsPending, ...rest } = c;
  return {
    ...rest,
    /** version 3: the drawn objects' rows are still being written (decision 052) */
    objectsPending: objectsPending === true,
    seed: c.drawnAt ? seed : null,
    frame: frame ?? null,
    result: c.drawnAt ? (result ?? null) : null,
    objectCount: c.drawnAt ? (result?.objectCount ?? result?.objects.length ?? 0) : 0,
    recusalCount: c.drawnAt ? (result?.recusals.length ?? 0) : 0,
  };
}

async function campaignOr404(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<CampaignRow> {
  const c = await store.selectCampaign(db, tenantId, id, forUpdate);
  if (!c) throw notFound('抽查任务不存在');
  return c;
}

/**
 * Fixes the frame: snapshots the eligible enterprises, computes each stratum's size and list hash,
 * takes the qualified inspectors, draws a fresh seed (CSPRNG) and stores its commitment. Allowed
 * until the draw; fixing again replaces frame, seed and commitment (audited).
 */
export async function fixFrame(db: Db, actor: Actor, id: number, now: Date, opts: { riskClassSql?: SQL } = {}): Promise<ReturnType<typeof campaignOut>> {
  assertCan(actor, 'inspections:plan');
  await ensureObjectsWritten(db, actor.tenantId); // the recently drawn are excluded from the frame
  return db.transaction(async (tx) => {
    const c = await campaignOr404(tx, actor.tenantId, id, true);
    if (c.drawnAt) throw new AppError('DRAW_REVEALED', '已完成抽取并公开随机种子，不能重新生成抽查框', 409);
    const settings = await readSettings(tx, actor.tenantId);
    const items = await store.selectItemsByIds(tx, actor.tenantId, c.itemIds);
    // the longest re-check window among the items' own (企业标准 spot checks: 3 years), else the authority's
    const own = items.map((i) => i.notDrawnWithinDays).filter((d): d is number => d !== null);
    const window = own.length ? Math.max(...own) : settings.notDrawnWithinDays;
    // new frames are version 3 (decision 051): version 2's lists in scan order, and the candidates of the
    // draw kept in the same pass, keyed under a salt from the seed (drawn here, before the pass)
    const seed = newSeed();
    const ruleOf = (key: string) => ruleOfStratum(key as Stratum, settings, items.map((i) => i.classRules));
    const bounds = new Map(STRATA.map((k) => [k as string, candidateBoundOf(ruleOf(k).ratio)]));
    const snap = await store.snapshotFrameV3(
      tx,
      {
        tenantId: actor.tenantId,
        campaignId: id,
        itemIds: c.itemIds,
        scopes: items.map((i) => i.scope),
        regionPrefix: c.regionPrefix,
        operatingStatuses: settings.operatingStatuses,
        notDrawnWithinDays: window,
        now,
        ...(opts.riskClassSql ? { riskClassSql: opts.riskClassSql } : {}),
      },
      STRATA.map((k) => ({ stratum: k, salt: candidateSalt(seed, k), bound: bounds.get(k)! })),
    );
    const byKey = new Map(snap.strata.map((s) => [s.stratum, s]));
    const strata = STRATA.filter((k) => byKey.has(k)).map((key) => {
      const s = byKey.get(key)!;
      const rule = ruleOf(key);
      const bound = bounds.get(key)!;
      return { key, ratio: rule.ratio, size: s.size, take: takeOf(s.size, rule.ratio), listHash: s.listHash, candidateBound: bound === null ? null : bound.toString() };
    });
    const qualified = (await store.selectInspectors(tx, actor.tenantId)).filter((i) => i.active && c.itemIds.some((it) => i.qualifiedItemIds.includes(it)));
    const tenant = await selectTenant(tx, actor.tenantId);
    const frame: DrawFrame = {
      format: DRAW_FORMAT,
      version: DRAW_VERSION,
      campaignId: c.id,
      campaignName: c.name,
      authority: tenant?.name ?? '',
      items: items.map((i) => ({ id: i.id, code: i.code, name: i.name })),
      exclusions: { operatingStatuses: settings.operatingStatuses, notDrawnForSameItemWithinDays: window, excludedCount: snap.excluded },
      strata,
      inspectors: qualified.map((i) => ({
        id: i.id,
        name: i.name,
        department: i.department,
        certificateNo: i.certificateNo,
        conflicts: i.conflicts.map((x) => conflictTag(i.certificateNo, x.creditCode)).sort(),
      })),
      inspectorsPerObject: settings.inspectorsPerObject,
      fixedAt: now.toISOString(),
    };
    if (qualified.length < settings.inspectorsPerObject && strata.some((s) => s.take > 0)) {
      throw new AppError('NOT_ENOUGH_INSPECTORS', `具备该事项检查资格的执法检查人员不足 ${settings.inspectorsPerObject} 名`, 409);
    }
    const after = await store.updateCampaign(tx, actor.tenantId, id, { frame, frameHash: hashOfFrame(frame), seed, commitment: commitmentOf(seed), frameFixedAt: now });
    await writeAudit(tx, {
      actor,
      action: 'inspection_campaign.fix_frame',
      entityType: 'inspection_campaign',
      entityId: id,
      before: { frameHash: c.frameHash, commitment: c.commitment },
      after: { frameHash: after.frameHash, commitment: after.commitment, strata },
    });
    return campaignOut(after);
  });
}

/**
 * The draw: the objects from the seed and the frozen frame, their inspectors, the seed revealed. Once
 * revealed, never again (DRAW_REVEALED). A version-3 draw leaves its objects' rows to be written after
 * its transaction (decision 052); by default this waits for them, `{ objects: 'background' }` (the
 * route) answers first and they follow in this process. Every reader of objects calls
 * ensureObjectsWritten first, so none sees a draw without its objects.
 */
export async function drawCampaign(db: Db, actor: Actor, id: number, now: Date, opts: { objects?: 'wait' | 'background' | 'leave' } = {}): Promise<ReturnType<typeof campaignOut>> {
  const out = await drawInTransaction(db, actor, id, now);
  // 'leave' (tests): as if the process stopped right after the draw; the next reader writes them
  if (out.objectsPending && opts.objects !== 'leave') {
    const writing = startWritingObjects(db, actor.tenantId, id);
    if (opts.objects === 'background') writing.catch((e) => console.error(`抽查任务 ${id} 的检查对象写入失败（读取时将重试）：`, e));
    else await writing;
  }
  return out;
}

async function drawInTransaction(db: Db, actor: Actor, id: number, now: Date): Promise<ReturnType<typeof campaignOut>> {
  assertCan(actor, 'inspections:plan');
  return db.transaction(async (tx) => {
    const c = await campaignOr404(tx, actor.tenantId, id, true);
    if (c.drawnAt) throw new AppError('DRAW_REVEALED', '随机种子已公开，抽取不能重新进行', 409);
    if (!c.frame || !c.seed) throw new AppError('FRAME_NOT_FIXED', '请先生成并公布抽查框和承诺值', 409);
    const frame = c.frame;
    if (frame.version === 2 || frame.version === 3) {
      const { result, pending } = frame.version === 2 ? { result: await drawV2InDb(tx, actor.tenantId, id, c.seed, frame), pending: false } : await drawV3InDb(tx, actor.tenantId, id, c.seed, frame);
      const after = await store.updateCampaign(tx, actor.tenantId, id, { result, drawnAt: now, state: '已抽取', objectsPending: pending });
      await writeAudit(tx, {
        actor,
        action: 'inspection_campaign.draw',
        entityType: 'inspection_campaign',
        entityId: id,
        after: { seed: c.seed, commitment: c.commitment, objects: result.objectCount, recusals: result.recusals },
      });
      return campaignOut(after);
    }
    // version 1 (decision 018): frames fixed before version 2 existed
    const positions = drawPositions(c.seed, frame);
    const picked: Array<{ stratum: string; position: number; creditCode: string; enterpriseId: number }> = [];
    for (const s of frame.strata) {
      const ps = positions.get(s.key)!;
      if (!ps.length) continue;
      const rows = await store.selectFramePositions(tx, actor.tenantId, id, s.key, ps);
      const at = new Map(rows.map((r) => [r.position, r]));
      for (const p of ps) {
        const r = at.get(p);
        if (!r) throw new AppError('FRAME_BROKEN', `抽查框名单缺少分层“${s.key}”的第 ${p + 1} 位`, 500);
        picked.push({ stratum: s.key, position: p, creditCode: r.creditCode, enterpriseId: r.enterpriseId });
      }
    }
    let result;
    try {
      result = assignInspectors(c.seed, frame, picked);
    } catch (e) {
      if (e instanceof DrawError) throw new AppError(e.code, e.message, 409);
      throw e;
    }
    await store.insertDrawnObjects(
      tx,
      actor.tenantId,
      id,
      result.objects.map((o, i) => ({
        drawOrder: i + 1,
        stratum: o.stratum,
        position: o.position,
        enterpriseId: picked[i]!.enterpriseId,
        creditCode: o.creditCode,
        inspectorIds: o.inspectors,
      })),
    );
    const after = await store.updateCampaign(tx, actor.tenantId, id, { result, drawnAt: now, state: '已抽取' });
    await writeAudit(tx, {
      actor,
      action: 'inspection_campaign.draw',
      entityType: 'inspection_campaign',
      entityId: id,
      after: { seed: c.seed, commitment: c.commitment, objects: result.objects.length, recusals: result.recusals },
    });
    return campaignOut(after);
  });
}

/** A known answer of hashtextextended: the draw refuses a database whose hash differs from lookup3.ts. */
const HASH_PROBE = '91330000MA2B7XQ00K';

/** Each stratum's first draw order (1-based): the strata draw one after another, in the frame's order. */
function firstOrders(frame: DrawFrame): number[] {
  let first = 1;
  return frame.strata.map((s) => {
    const f = first;
    first += s.take;
    return f;
  });
}

/**
 * What a version-2 or version-3 draw needs before its statement: each stratum's object salt (the
 * database's hashtextextended checked against lookup3.ts under the first), the default inspectors of
 * every object (they need no credit code), and the conflicts to resolve after.
 */
async function drawInputs(tx: DbOrTx, tenantId: number, seed: string, frame: DrawFrame, version: 2 | 3) {
  const fh = hashOfFrame(frame);
  const salts = frame.strata.map((s) => (version === 2 ? stratumSalt(seed, fh, s.key) : objectSaltV3(seed, fh, s.key)));
  if (salts.length && (await store.selectHashText(tx, HASH_PROBE, salts[0]!)) !== pgHashTextExtended(HASH_PROBE, salts[0]!)) {
    throw new AppError('DRAW_HASH_MISMATCH', `数据库的 hashtextextended 与公开算法不一致（可能是大端序服务器），不能进行第 ${version} 版抽取`, 500);
  }
  const total = frame.strata.reduce((a, s) => a + s.take, 0);
  return { salts, total, defaults: () => defaultInspectorsOf(seed, frame, total), ...(await conflictCodesOf(tx, tenantId, seed, frame)) };
}

/** Every object's default inspectors in draw order (`inspectorsPerObject` each; they need no credit code). */
function defaultInspectorsOf(seed: string, frame: DrawFrame, total: number): number[] {
  try {
    return defaultInspectorsV2(seed, frame, total);
  } catch (e) {
    if (e instanceof DrawError) throw new AppError(e.code, e.message, 409);
    throw e;
  }
}

/**
 * The version-2 draw in the database (decision 037): the default inspectors computed here (they need
 * no credit code), then one statement selecting each stratum's `take` smallest keys from the frozen
 * lists and inserting them with those inspectors, then the recusals: the few drawn objects whose
 * code some inspector declared a conflict with are resolved here and updated in one statement.
 */
async function drawV2InDb(tx: DbOrTx, tenantId: number, id: number, seed: string, frame: DrawFrame) {
  const { salts, total, defaults: inspectors, resolver, conflictCodes } = await drawInputs(tx, tenantId, seed, frame, 2);
  const defaults = inspectors();
  const firsts = firstOrders(frame);
  const plan = frame.strata.map((s, k): store.StratumDrawV2 => ({ stratum: s.key, salt: salts[k]!.toString(), lim: keyLimit(s.size, s.take)?.toString() ?? null, take: s.take, firstOrder: firsts[k]! }));
  const run = (strata: store.StratumDrawV2[]) =>
    store.insertDrawV2(tx, tenantId, id, strata.filter((s) => s.take > 0), defaults, frame.inspectorsPerObject, conflictCodes);
  let drawn = await run(plan);
  if (plan.some((p) => p.take > 0 && drawn.counts.get(p.stratum) !== p.take)) {
    // fewer keys under a bound than needed (improbable by design): rank every code instead
    await store.deleteDrawnObjects(tx, tenantId, id);
    drawn = await run(plan.map((p) => ({ ...p, lim: null })));
    const short = plan.find((p) => p.take > 0 && drawn.counts.get(p.stratum) !== p.take);
    if (short) throw new AppError('FRAME_BROKEN', `分层“${short.stratum}”中有抽中的企业已不在企业名录中，无法写入检查对象`, 409);
  }
  const recusals = await applyRecusals(tx, tenantId, id, resolver, drawn.conflicts);
  return { objects: [], recusals, objectCount: total };
}

/**
 * The frame's inspectors' declared conflicts as plain codes (from the register of inspectors): the
 * drawn objects with one of these codes are answered by the draw statement for the recusal step. If a
 * tag of the frame is no longer matched by a declared code, every drawn object is answered ('all').
 */
async function conflictCodesOf(tx: DbOrTx, tenantId: number, seed: string, frame: DrawFrame) {
  // the plain codes behind the frame's conflict tags (from the register of inspectors); if a tag is no
  // longer matched by a declared code, every drawn object is checked
  const resolver = new ConflictResolverV2(seed, frame);
  const byId = new Map(frame.inspectors.map((i) => [i.id, i]));
  const known = new Set<string>();
  const codes = new Set<string>();
  for (const i of await store.selectInspectors(tx, tenantId)) {
    const f = byId.get(i.id);
    if (!f) continue;
    for (const x of i.conflicts) {
      const tag = conflictTag(f.certificateNo, x.creditCode);
      if (f.conflicts.includes(tag)) {
        known.add(tag);
        codes.add(x.creditCode);
      }
    }
  }
  const allKnown = frame.inspectors.every((i) => i.conflicts.every((t) => known.has(t)));
  const conflictCodes: string[] | 'all' = resolver.anyConflicts ? (allKnown ? [...codes] : 'all') : [];
  return { resolver, conflictCodes };
}

/** Recusals of the drawn objects some inspector declared a conflict with, resolved and written. */
async function applyRecusals(tx: DbOrTx, tenantId: number, id: number, resolver: ConflictResolverV2, conflicts: Array<{ drawOrder: number; creditCode: string; inspectorIds: number[] }>): Promise<Recusal[]> {
  const { recusals, updates } = resolveRecusals(resolver, conflicts);
  await store.updateObjectInspectors(tx, tenantId, id, updates);
  return recusals;
}

/** Recusals of the drawn objects some inspector declared a conflict with (in draw order), and the inspectors they leave. */
function resolveRecusals(resolver: ConflictResolverV2, conflicts: Array<{ drawOrder: number; creditCode: string; inspectorIds: number[] }>) {
  const recusals: Recusal[] = [];
  const updates: Array<{ drawOrder: number; inspectorIds: number[] }> = [];
  for (const o of conflicts) {
    let r;
    try {
      r = resolver.resolve(o.drawOrder, o.creditCode, o.inspectorIds);
    } catch (e) {
      if (e instanceof DrawError) throw new AppError(e.code, e.message, 409);
      throw e;
    }
    if (!r.recusals.length) continue;
    recusals.push(...r.recusals);
    updates.push({ drawOrder: o.drawOrder, inspectorIds: r.inspectors });
  }
  return { recusals, updates };
}

/**
 * The version-3 draw in the database (decisions 051, 052): one statement ranks each stratum's
 * candidates (kept with the frame) and keeps the first `take` as the stratum's `drawn` indexes, while
 * the default inspectors are computed here; strata with no more candidates than they draw (small
 * ones) are ranked whole and written by version 2's statement; then the recusals. The objects of the
 * ranked strata are written after the draw's transaction (writeDrawnObjects): the draw keeps their
 * inspectors (after the recusals) with the ranked lists and marks the campaign `objectsPending`.
 */
async function drawV3InDb(tx: DbOrTx, tenantId: number, id: number, seed: string, frame: DrawFrame) {
  const { salts, total, defaults: inspectors, resolver, conflictCodes } = await drawInputs(tx, tenantId, seed, frame, 3);
  const have = await store.selectCandidateCounts(tx, tenantId, id);
  const firsts = firstOrders(frame);
  const enough: store.StratumDrawV3[] = [];
  const whole: store.StratumDrawV3[] = [];
  frame.strata.forEach((s, k) => {
    const p = { stratum: s.key, salt: salts[k]!.toString(), take: s.take, firstOrder: firsts[k]! };
    if (s.take === 0) return;
    if ((have.get(s.key) ?? 0) > s.take) enough.push(p);
    else whole.push(p);
  });
  // the database sorts while this process computes the inspectors' keyed stream
  const ranking = store.rankDrawV3(tx, tenantId, id, enough, conflictCodes);
  let defaults: number[];
  try {
    await new Promise((r) => setImmediate(r)); // let the statement go out first
    defaults = inspectors();
  } finally {
    await ranking.catch(() => undefined);
  }
  const a = await ranking;
  if (enough.some((p) => a.counts.get(p.stratum) !== p.take)) throw new AppError('FRAME_BROKEN', '抽查框的候选名单不完整，无法抽取', 500);
  // version 2's statement without a bound ranks a whole list by the given salt, as the rule asks
  const b = await store.insertDrawV2(tx, tenantId, id, whole.map((p) => ({ ...p, lim: null })), defaults, frame.inspectorsPerObject, conflictCodes);
  const broken = whole.find((p) => (b.counts.get(p.stratum) ?? 0) !== p.take);
  if (broken) throw new AppError('FRAME_BROKEN', `分层“${broken.stratum}”中有抽中的企业已不在企业名录中，无法写入检查对象`, 409);
  const per = frame.inspectorsPerObject;
  const conflicts = [...a.conflicts.map((o) => ({ ...o, inspectorIds: defaults.slice((o.drawOrder - 1) * per, o.drawOrder * per) })), ...b.conflicts];
  const { recusals, updates } = resolveRecusals(resolver, conflicts.sort((x, y) => x.drawOrder - y.drawOrder));
  await store.updateObjectInspectors(tx, tenantId, id, updates); // the objects written already (ranked whole)
  // the ranked strata's inspectors kept for their writer: the defaults with the recusals over them
  for (const u of updates) defaults.splice((u.drawOrder - 1) * per, per, ...u.inspectorIds);
  await store.keepDrawnInspectors(tx, tenantId, id, enough, defaults, per);
  return { result: { objects: [], recusals, objectCount: total }, pending: enough.length > 0 };
}

/**
 * Writes the objects a version-3 draw left pending (decision 052): one insert of the drawn candidates
 * with the inspectors the draw kept, the count checked, the mark cleared, in one transaction holding
 * the campaign's row (a second caller finds nothing left). Answers how many rows it wrote.
 */
export async function writeDrawnObjects(db: DbOrTx, tenantId: number, id: number): Promise<number> {
  return db.transaction(async (tx) => {
    const c = await campaignOr404(tx, tenantId, id, true);
    if (!c.objectsPending || !c.frame) return 0;
    const frame = c.frame;
    const total = frame.strata.reduce((a, s) => a + s.take, 0);
    const firsts = firstOrders(frame);
    const ranked = frame.strata.flatMap((s, k) => (s.take > 0 ? [{ stratum: s.key, firstOrder: firsts[k]! }] : []));
    const n = await store.writeRankedObjects(tx, tenantId, id, ranked, frame.inspectorsPerObject);
    if ((await store.countCampaignObjects(tx, tenantId, id)) !== total) throw new AppError('FRAME_BROKEN', '抽取结果与写入的检查对象数不一致', 500);
    await store.updateCampaign(tx, tenantId, id, { objectsPending: false });
    return n;
  });
}

const writing = new Map<string, Promise<number>>();
const handles = new WeakMap<object, number>();
let handleCount = 0;
/** Writes in progress are known by database handle, authority and campaign (tests open several databases). */
const writeKey = (db: DbOrTx, tenantId: number, id?: number) => {
  if (!handles.has(db)) handles.set(db, ++handleCount);
  return `${handles.get(db)}:${tenantId}:${id ?? ''}`;
};

/** Starts writing a campaign's pending objects in this process, once (the draw's route does not wait for it). */
export function startWritingObjects(db: DbOrTx, tenantId: number, id: number): Promise<number> {
  const key = writeKey(db, tenantId, id);
  let p = writing.get(key);
  if (!p) {
    p = writeDrawnObjects(db, tenantId, id).finally(() => writing.delete(key));
    writing.set(key, p);
  }
  return p;
}

/**
 * Makes sure no drawn object of the authority is still to be written before a reader of objects: waits
 * for the writes in progress here, then writes what is left (by a process that stopped, or a write that
 * failed: its error comes out here).
 */
export async function ensureObjectsWritten(db: DbOrTx, tenantId: number): Promise<void> {
  const mine = [...writing.entries()].filter(([k]) => k.startsWith(writeKey(db, tenantId)));
  await Promise.all(mine.map(([, p]) => p.catch(() => 0)));
  for (const id of await store.selectPendingObjectCampaigns(db, tenantId)) await startWritingObjects(db, tenantId, id);
}

/** Waits for every object write in progress in this process (the server's close). */
export async function objectWritesSettled(): Promise<void> {
  await Promise.all([...writing.values()].map((p) => p.catch(() => 0)));
}

export async function moveCampaign(db: Db, actor: Actor, id: number, to: CampaignState, endedOn: string | null): Promise<ReturnType<typeof campaignOut>> {
  assertCan(actor, 'inspections:plan');
  return db.transaction(async (tx) => {
    const c = await campaignOr404(tx, actor.tenantId, id, true);
    if (!canMoveCampaign(c.state as CampaignState, to)) throw new AppError('BAD_STATE', `抽查任务不能从“${c.state}”改为“${to}”`, 409);
    const after = await store.updateCampaign(tx, actor.tenantId, id, { state: to, ...(to === '已完成' ? { endedOn } : {}) });
    await writeAudit(tx, { actor, action: 'inspection_campaign.state', entityType: 'inspection_campaign', entityId: id, before: { state: c.state }, after: { state: to, endedOn } });
    return campaignOut(after);
  });
}

// --- the campaign page ------------------------------------------------------------------------------

export interface ObjectView {
  id: number;
  drawOrder: number;
  stratum: string;
  creditCode: string;
  enterpriseId: number;
  enterpriseName: string;
  inspectors: Array<{ id: number; name: string }>;
  state: ResultState;
  current: ResultRow | null;
  versions: ResultRow[];
  dueDate: string | null;
  publication: ReturnType<typeof publicationStatus>;
  /** may the asking user enter a result now */
  canEnter: boolean;
  followUps: FollowUpWithNames[];
  /** files of 证据材料 (all versions) */
  evidence: number;
}

/** The last base day (inspection day, else the campaign's end) whose publication deadline is before `today`. */
export function overdueCutoff(cal: { addWorkingDays(d: string, n: number): string }, workingDays: number, today: string): string {
  let d = today;
  for (let i = 0; i < 1000; i++) {
    d = shiftDay(d, -1);
    if (cal.addWorkingDays(d, workingDays) < today) return d;
  }
  return d;
}

/** The last base day whose publication deadline falls within `soonWd` working days of `today` (or before). */
export function dueSoonCutoff(cal: { addWorkingDays(d: string, n: number): string }, workingDays: number, today: string, soonWd: number): string {
  const horizon = cal.addWorkingDays(today, soonWd);
  let d = horizon;
  for (let i = 0; i < 1000 && cal.addWorkingDays(d, workingDays) > horizon; i++) d = shiftDay(d, -1);
  return d;
}

function shiftDay(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export interface CampaignPageQuery {
  page: number;
  pageSize: number;
  filter: store.ObjectPageQuery['filter'];
  objectId?: number;
}

export async function getCampaign(db: Db, actor: Actor, id: number, now: Date, q: CampaignPageQuery = { page: 1, pageSize: 20, filter: 'all' }) {
  assertCan(actor, 'inspections:read');
  await ensureObjectsWritten(db, actor.tenantId);
  const c = await campaignOr404(db, actor.tenantId, id);
  const inspectorRows = await store.selectInspectors(db, actor.tenantId);
  const me = inspectorRows.find((i) => i.userId !== null && i.userId === actor.userId);
  const settings = await readSettings(db, actor.tenantId);
  const cal = await loadCalendar(db, actor.tenantId);
  const today = todayInShanghai(() => now);
  const cutoff = overdueCutoff(cal, settings.publishWithinWorkingDays, today);
  const { rows: objects, total } = await store.selectObjectsPage(db, actor.tenantId, id, {
    filter: q.filter,
    ...(q.objectId !== undefined ? { objectId: q.objectId } : {}),
    inspectorId: me?.id ?? null,
    overdueCutoff: cutoff,
    endedOn: c.endedOn,
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
  });
  const counts = await store.countObjects(db, actor.tenantId, id, cutoff, c.endedOn);
  const results = await store.selectResults(db, actor.tenantId, objects.map((o) => o.id));
  const followUps = await followUpsOfSources(db, actor.tenantId, INSPECTION_FOLLOWUP_KIND, objects.map((o) => o.id));
  const evidence = await store.countEvidence(db, actor.tenantId, objects.map((o) => o.id));
  const names = new Map(inspectorRows.map((i) => [i.id, i.name]));
  const views: ObjectView[] = objects.map((o) => {
    const versions = results.filter((r) => r.objectId === o.id);
    const current = versions.at(-1) ?? null;
    const state = (current?.state ?? '未录入') as ResultState;
    const dueDate = current ? cal.addWorkingDays(current.inspectedOn, settings.publishWithinWorkingDays) : c.endedOn ? cal.addWorkingDays(c.endedOn, settings.publishWithinWorkingDays) : null;
    return {
      id: o.id,
      drawOrder: o.drawOrder,
      stratum: o.stratum,
      creditCode: o.creditCode,
      enterpriseId: o.enterpriseId,
      enterpriseName: o.enterpriseName,
      inspectors: o.inspectorIds.map((i) => ({ id: i, name: names.get(i) ?? `#${i}` })),
      state,
      current,
      versions,
      dueDate,
      publication: publicationStatus(state, dueDate, today),
      canEnter: !!me && o.inspectorIds.includes(me.id) && state !== '待审核' && (c.state === '已抽取' || c.state === '执行中'),
      followUps: followUps.get(o.id) ?? [],
      evidence: evidence.get(o.id) ?? 0,
    };
  });
  return { campaign: campaignOut(c), objects: views, total, counts, page: q.page, pageSize: q.pageSize, me: me ? { id: me.id, name: me.name } : null };
}

/** Publication due and overdue across the authority's campaigns, for the 驾驶舱 card. */
export async function publicationDue(db: Db, actor: Actor, now: Date, soonWd = 5) {
  assertCan(actor, 'inspections:deadlines');
  const settings = await readSettings(db, actor.tenantId);
  const cal = await loadCalendar(db, actor.tenantId);
  const today = todayInShanghai(() => now);
  const od = overdueCutoff(cal, settings.publishWithinWorkingDays, today);
  const soon = dueSoonCutoff(cal, settings.publishWithinWorkingDays, today, soonWd);
  await ensureObjectsWritten(db, actor.tenantId);
  const items = await store.selectPublicationDue(db, actor.tenantId, od, soon);
  return {
    today,
    publishWithinWorkingDays: settings.publishWithinWorkingDays,
    overdue: items.reduce((a, x) => a + x.overdue, 0),
    dueSoon: items.reduce((a, x) => a + x.dueSoon, 0),
    items: items.map((x) => ({ ...x, dueOn: x.earliest ? cal.addWorkingDays(x.earliest, settings.publishWithinWorkingDays) : null })),
  };
}

// --- results ----------------------------------------------------------------------------------------

export interface ResultInput {
  resultCode: string;
  findings: string;
  followUp: string;
  followUpDone: boolean;
  inspectedOn: string;
  /** 企业标准 spot checks: the checklist (required for them, refused for other items) */
  checklist?: StandardChecklist | null;
}

/**
 * An inspector of the object enters its result (a first entry, after a return, or a correction of a
 * published one: always a new version). Moves the campaign to 执行中 on the first entry.
 */
export async function enterResult(db: Db, actor: Actor, objectId: number, input: ResultInput, now: Date): Promise<ResultRow> {
  assertCan(actor, 'inspections:manage');
  if (!(RESULT_CODES as readonly string[]).includes(input.resultCode)) throw validationError('检查结果不在公示系统的结果类型中', { fields: [{ path: 'resultCode', message: '请选择检查结果' }] });
  if (CODES_NEEDING_FOLLOW_UP.has(input.resultCode) && !input.followUp.trim()) {
    throw validationError('发现问题的检查结果须填写后续处置', { fields: [{ path: 'followUp', message: '请填写后续处置' }] });
  }
  if (input.inspectedOn > todayInShanghai(() => now)) throw validationError('检查日期不能晚于今天', { fields: [{ path: 'inspectedOn', message: '不能晚于今天' }] });
  return db.transaction(async (tx) => {
    const o = await store.selectObject(tx, actor.tenantId, objectId, true);
    if (!o) throw notFound('检查对象不存在');
    const c = await campaignOr404(tx, actor.tenantId, o.campaignId, true);
    const me = (await store.selectInspectors(tx, actor.tenantId)).find((i) => i.userId !== null && i.userId === actor.userId);
    if (!me || !o.inspectorIds.includes(me.id)) throw forbidden('只有本检查对象的执法检查人员可以录入结果', 'NOT_ASSIGNED');
    if (c.state !== '已抽取' && c.state !== '执行中') throw new AppError('BAD_STATE', `抽查任务“${c.state}”，不能录入结果`, 409);
    const items = await store.selectItemsByIds(tx, actor.tenantId, c.itemIds);
    checkChecklist(items.some((i) => i.scope.standardDeclarations === true), input);
    const versions = await store.selectResults(tx, actor.tenantId, [objectId]);
    const last = versions.at(-1);
    if (last?.state === '待审核') throw new AppError('PENDING_REVIEW', '该结果正在审核，审核后才能修改', 409);
    const row = await store.insertResult(tx, {
      tenantId: actor.tenantId,
      objectId,
      version: (last?.version ?? 0) + 1,
      state: '待审核',
      ...input,
      checklist: input.checklist ?? null,
      enteredBy: actor.userId!,
      enteredByName: actor.displayName || actor.username,
    });
    if (c.state === '已抽取') await store.updateCampaign(tx, actor.tenantId, c.id, { state: '执行中' });
    await writeAudit(tx, {
      actor,
      action: last ? (last.state === '已公示' ? 'inspection_result.correct' : 'inspection_result.resubmit') : 'inspection_result.enter',
      entityType: 'inspection_result',
      entityId: row.id,
      before: last ?? null,
      after: row,
    });
    return row;
  });
}

/** A standards spot check needs its checklist, and the result code must agree with it; other items take none. */
function checkChecklist(standards: boolean, input: ResultInput): void {
  if (!standards) {
    if (input.checklist) throw validationError('该抽查事项不是企业标准自我声明抽查，不需要核查清单', { fields: [{ path: 'checklist', message: '不需要核查清单' }] });
    return;
  }
  if (!input.checklist) throw validationError('企业标准自我声明抽查须逐项填写核查清单', { fields: [{ path: 'checklist', message: '请逐项填写核查清单' }] });
  const ok = standardConforms(input.checklist);
  if (ok && input.resultCode !== '未发现问题') throw validationError('核查清单全部符合时，检查结果应为“未发现问题”', { fields: [{ path: 'resultCode', message: '与核查清单不一致' }] });
  if (!ok && !CODES_NEEDING_FOLLOW_UP.has(input.resultCode)) {
    throw validationError('核查清单有不符合项时，检查结果应为发现问题的一种', { fields: [{ path: 'resultCode', message: '与核查清单不一致' }] });
  }
}

/** A reviewer (not the one who entered it) approves (→ 已公示) or returns (→ 退回, comment required). */
export async function reviewResult(db: Db, actor: Actor, resultId: number, input: { approve: boolean; comment: string }, now: Date): Promise<ResultRow> {
  assertCan(actor, 'inspections:review');
  if (!input.approve && !input.comment.trim()) throw validationError('退回时请写明退回理由', { fields: [{ path: 'comment', message: '请填写退回理由' }] });
  return db.transaction(async (tx) => {
    const r = await store.selectResult(tx, actor.tenantId, resultId);
    if (!r) throw notFound('检查结果不存在');
    if (r.enteredBy === actor.userId) throw forbidden('不能审核自己录入的结果', 'OWN_ENTRY');
    if (r.state !== '待审核') throw new AppError('BAD_STATE', `该结果“${r.state}”，不在待审核状态`, 409);
    const after = await store.reviewResultRow(tx, actor.tenantId, resultId, {
      state: input.approve ? '已公示' : '退回',
      reviewedBy: actor.userId,
      reviewedByName: actor.displayName || actor.username,
      reviewedAt: now,
      reviewComment: input.comment.trim() || null,
    });
    if (!after) throw conflict();
    let out = after;
    if (input.approve) {
      const o = (await store.selectObject(tx, actor.tenantId, r.objectId))!;
      const c = await campaignOr404(tx, actor.tenantId, o.campaignId);
      const previous = (await store.selectResults(tx, actor.tenantId, [o.id])).filter((v) => v.state === '已公示' && v.version < r.version).at(-1);
      const items = await store.selectItemsByIds(tx, actor.tenantId, c.itemIds);
      const credit = await onPublished(tx, actor, c, o, after, previous, [...items.map((i) => i.department), ...c.departments]);
      out = (await store.setResultCredit(tx, actor.tenantId, resultId, credit)) ?? after;
    }
    await writeAudit(tx, { actor, action: input.approve ? 'inspection_result.publish' : 'inspection_result.return', entityType: 'inspection_result', entityId: resultId, before: r, after: out });
    return out;
  });
}

// --- 证据材料 ----------------------------------------------------------------------------------------

/** Files one result version may carry (the report attachments' limit). */
export const EVIDENCE_PER_VERSION = ATTACHMENT_LIMITS.maxPerReport;
const EVIDENCE_NAME_MAX = 200;

export const evidenceTooLarge = () =>
  new AppError('EVIDENCE_TOO_LARGE', `证据材料过大，单个文件不能超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`, 413);

/**
 * An inspector of the object adds a file to the result being prepared (the next version). Not while
 * a version waits for review (the reviewer judges what was submitted), not after the campaign ended.
 */
export async function addEvidence(db: Db, actor: Actor, objectId: number, file: { fileName: string; bytes: Buffer }): Promise<store.EvidenceMeta> {
  assertCan(actor, 'inspections:manage');
  if (file.bytes.length > ATTACHMENT_LIMITS.maxBytes) throw evidenceTooLarge();
  if (file.bytes.length === 0) throw new AppError('EMPTY_FILE', '证据材料是空文件', 400);
  if ([...file.fileName].length > EVIDENCE_NAME_MAX) throw new AppError('EVIDENCE_NAME_TOO_LONG', `文件名过长，不能超过 ${EVIDENCE_NAME_MAX} 个字符，请改名后上传`, 400);
  if (/[\u0000-\u001f\u007f]/.test(file.fileName)) throw new AppError('EVIDENCE_NAME_INVALID', '文件名含有不允许的控制字符，请改名后上传', 400);
  const type = sniffAttachment(file.bytes, file.fileName);
  if (!type) throw new AppError('EVIDENCE_TYPE', `不支持的文件类型：${file.fileName}。只能上传 JPG、PNG、PDF、Word（docx）、Excel（xlsx）或 TXT 文件，且文件内容须与扩展名一致`, 415);
  return db.transaction(async (tx) => {
    const o = await store.selectObject(tx, actor.tenantId, objectId, true);
    if (!o) throw notFound('检查对象不存在');
    const c = await campaignOr404(tx, actor.tenantId, o.campaignId);
    const me = (await store.selectInspectors(tx, actor.tenantId)).find((i) => i.userId !== null && i.userId === actor.userId);
    if (!me || !o.inspectorIds.includes(me.id)) throw forbidden('只有本检查对象的执法检查人员可以上传证据材料', 'NOT_ASSIGNED');
    if (c.state !== '已抽取' && c.state !== '执行中') throw new AppError('BAD_STATE', `抽查任务“${c.state}”，不能再上传证据材料`, 409);
    const last = (await store.selectResults(tx, actor.tenantId, [objectId])).at(-1);
    if (last?.state === '待审核') throw new AppError('PENDING_REVIEW', '该结果正在审核，审核后才能补充证据材料', 409);
    const forVersion = (last?.version ?? 0) + 1;
    const existing = await store.selectEvidenceOf(tx, actor.tenantId, objectId);
    if (existing.filter((e) => e.forVersion === forVersion).length >= EVIDENCE_PER_VERSION) {
      throw new AppError('TOO_MANY_EVIDENCE', `每个版本的检查结果最多 ${EVIDENCE_PER_VERSION} 份证据材料`, 400);
    }
    const row = await store.insertEvidence(tx, {
      tenantId: actor.tenantId,
      objectId,
      forVersion,
      fileName: file.fileName,
      mimeType: ATTACHMENT_MIME[type],
      sizeBytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: file.bytes,
      uploadedBy: actor.userId!,
      uploadedByName: actor.displayName || actor.username,
    });
    await writeAudit(tx, { actor, action: 'inspection_evidence.add', entityType: 'inspection_object', entityId: objectId, after: row });
    return row;
  });
}

async function objectOr404(db: DbOrTx, actor: Actor, objectId: number) {
  const o = await store.selectObject(db, actor.tenantId, objectId);
  if (!o) throw notFound('检查对象不存在');
  return o;
}

/** The object's files, each with the version it went with (and whether that version was entered yet). */
export async function listEvidence(db: Db, actor: Actor, objectId: number) {
  assertCan(actor, 'inspections:read');
  await objectOr404(db, actor, objectId);
  const last = (await store.selectResults(db, actor.tenantId, [objectId])).at(-1);
  const entered = last?.version ?? 0;
  return (await store.selectEvidenceOf(db, actor.tenantId, objectId)).map((e) => ({ ...e, submitted: e.forVersion <= entered }));
}

export async function getEvidence(db: Db, actor: Actor, id: number) {
  assertCan(actor, 'inspections:read');
  const e = await store.selectEvidence(db, actor.tenantId, id);
  if (!e) throw notFound('证据材料不存在', 'EVIDENCE_NOT_FOUND');
  return e;
}

/** Its uploader removes a file not yet submitted with a result; a submitted one stays with its version. */
export async function removeEvidence(db: Db, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'inspections:manage');
  await db.transaction(async (tx) => {
    const e = await store.selectEvidence(tx, actor.tenantId, id);
    if (!e) throw notFound('证据材料不存在', 'EVIDENCE_NOT_FOUND');
    if (e.uploadedBy !== actor.userId) throw forbidden('只能删除本人上传的证据材料', 'NOT_UPLOADER');
    await store.selectObject(tx, actor.tenantId, e.objectId, true); // one change of the object at a time
    const last = (await store.selectResults(tx, actor.tenantId, [e.objectId])).at(-1);
    if (e.forVersion <= (last?.version ?? 0)) {
      throw new AppError('EVIDENCE_SUBMITTED', `该证据材料已随第 ${e.forVersion} 版检查结果提交，不能删除（如需更正，请提交新版本并附上新的材料）`, 409);
    }
    await store.deleteEvidence(tx, actor.tenantId, id);
    const { content: _content, ...meta } = e;
    await writeAudit(tx, { actor, action: 'inspection_evidence.remove', entityType: 'inspection_object', entityId: e.objectId, before: meta });
  });
}

// --- public -----------------------------------------------------------------------------------------

/** The public file of a campaign: before the draw frame + commitment + lists (seed and result null). */
export async function drawFileOf(db: DbOrTx, tenantId: number, id: number): Promise<DrawFile | (Omit<DrawFile, 'seed' | 'result'> & { seed: null; result: null })> {
  const c = await campaignOr404(db, tenantId, id);
  if (!c.frame || !c.frameHash || !c.commitment) throw notFound('该抽查任务尚未公布抽查框');
  const version = c.frame.version;
  // versions 2 and 3 keep their lists in the same table
  const lists = version === 1 ? await store.selectFrameLists(db, tenantId, id) : await store.selectFrameListsV2(db, tenantId, id);
  for (const s of c.frame.strata) lists[s.key] ??= '';
  if (!c.drawnAt || !c.seed) {
    return { format: DRAW_FORMAT, version, frame: c.frame, frameHash: c.frameHash, commitment: c.commitment, objects: lists, seed: null, result: null };
  }
  // versions 2 and 3 keep the drawn objects only as the campaign's inspection_objects rows; version 3
  // keeps no list positions there, so they are found in the lists
  let result: DrawResult;
  if (version === 1) result = c.result!;
  else {
    if (c.objectsPending) await ensureObjectsWritten(db, tenantId);
    const objects = await store.selectDrawnForFile(db, tenantId, id);
    if (objects.some((o) => o.position === null)) fillPositions(lists, objects);
    result = { objects: objects.map((o) => ({ ...o, position: o.position ?? -1 })), recusals: c.result?.recusals ?? [] };
  }
  return { format: DRAW_FORMAT, version, frame: c.frame, frameHash: c.frameHash, commitment: c.commitment, objects: lists, seed: c.seed, result };
}

export async function listPublicDraws(db: DbOrTx, tenantId: number) {
  const rows = await store.selectCampaigns(db, tenantId, { drawnOnly: true });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    year: c.year,
    items: (c.frame?.items ?? []).map((i) => i.name),
    strata: (c.frame?.strata ?? []).map((s) => ({ key: s.key, size: s.size, take: s.take, ratio: s.ratio })),
    commitment: c.commitment!,
    frameHash: c.frameHash!,
    frameFixedAt: c.frameFixedAt!.toISOString(),
    drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
    seed: c.drawnAt ? c.seed : null,
    objectCount: c.result?.objectCount ?? c.result?.objects.length ?? 0,
  }));
}

/** Re-exported for the demo and tests: the in-memory draw over a frame and its lists. */
export { buildDrawFile };

// --- the quality file -------------------------------------------------------------------------------

export async function enterpriseTimeline(db: DbOrTx, tenantId: number, enterpriseId: number) {
  await ensureObjectsWritten(db, tenantId);
  const rows = await store.selectEnterpriseInspections(db, tenantId, enterpriseId);
  const out: Array<{ at: string; domain: string; kind: string; title: string; detail?: string; link: string }> = [];
  const seen = new Set<number>();
  for (const r of rows) {
    const link = `/inspections/campaigns/${r.campaign_id}?object=${r.object_id}`;
    if (!seen.has(Number(r.object_id))) {
      seen.add(Number(r.object_id));
      out.push({ at: new Date(r.drawn_at).toISOString(), domain: 'inspections', kind: 'drawn', title: `被“${r.campaign_name}”随机抽中`, link });
    }
    if (!r.result_code) continue;
    const corrected = Number(r.version) > 1 && out.some((e) => e.kind === 'result' && e.link === link);
    const detail = [r.findings, r.follow_up ? `后续处置：${r.follow_up}${r.follow_up_done ? '（已完成）' : ''}` : ''].filter(Boolean).join('；');
    out.push({
      at: r.inspected_on!,
      domain: 'inspections',
      kind: corrected ? 'result-corrected' : 'result',
      title: `${corrected ? '双随机抽查结果更正' : '双随机抽查结果'}：${r.result_code}`,
      ...(detail ? { detail } : {}),
      link,
    });
  }
  return out;
}

// --- 企业标准自我声明 ------------------------------------------------------------------------------------

export interface DeclarationInput {
  creditCode: string;
  standardNo: string;
  standardName: string;
  standardType: string;
  products: string;
  declaredOn: string;
}

/** Records an enterprise's declared standard (from the 标准信息公共服务平台 or the enterprise). */
export async function createDeclaration(db: Db, actor: Actor, input: DeclarationInput) {
  assertCan(actor, 'inspections:plan');
  const v = validateCreditCode(input.creditCode);
  if (!v.ok) throw validationError(`统一社会信用代码无效：${v.errors[0]?.message ?? input.creditCode}`, { fields: [{ path: 'creditCode', message: '统一社会信用代码无效' }] });
  return db.transaction(async (tx) => {
    const e = await store.selectEnterpriseByCode(tx, actor.tenantId, v.code);
    if (!e) throw validationError('企业名录中没有这个统一社会信用代码', { fields: [{ path: 'creditCode', message: '企业不在名录中' }] });
    const { creditCode: _code, ...fields } = input;
    const row = await store.insertDeclaration(tx, { tenantId: actor.tenantId, enterpriseId: e.id, ...fields });
    if (!row) throw conflict(`该企业已声明标准“${input.standardNo}”`, 'DUPLICATE_DECLARATION');
    await writeAudit(tx, { actor, action: 'standard_declaration.create', entityType: 'standard_declaration', entityId: row.id, after: row });
    return { ...row, enterpriseName: e.name, creditCode: v.code };
  });
}

export async function listDeclarations(db: Db, actor: Actor, opts: { q?: string; page: number; pageSize: number }) {
  assertCan(actor, 'inspections:read');
  return store.selectDeclarations(db, actor.tenantId, { ...(opts.q ? { q: opts.q } : {}), limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize });
}

/** 符合率 of the year's self-declaration spot checks, by industry section and region (published results). */
export async function standardsConformity(db: Db, actor: Actor, year: number) {
  assertCan(actor, 'inspections:read');
  const { byIndustry, byRegion } = await store.selectConformity(db, actor.tenantId, year);
  const regionNames = await store.selectRegionNames(db, byRegion.map((x) => x.key ?? ''));
  const rate = (checked: number, conforming: number) => ({ checked, conforming, rate: checked ? Math.round((conforming / checked) * 10000) / 10000 : null });
  const checked = byIndustry.reduce((a, x) => a + x.checked, 0);
  const conforming = byIndustry.reduce((a, x) => a + x.conforming, 0);
  return {
    year,
    total: rate(checked, conforming),
    byIndustry: byIndustry.map((x) => ({ industrySection: x.key, industryName: x.key ? (INDUSTRY_SECTIONS.find((i) => i.code === x.key)?.name ?? x.key) : '行业不详', ...rate(x.checked, x.conforming) })),
    byRegion: byRegion.map((x) => ({ regionCode: x.key, regionName: x.key ? (regionNames.get(x.key) ?? x.key) : '地区不详', ...rate(x.checked, x.conforming) })),
  };
}

export { STANDARD_CHECK_KEYS };
export type { ObjectRow };
