// Use cases of 督查通报: generate a draft from the records, edit it (version-checked), issue it
// (文号 and date, then read-only), list and read (a department: issued notices about it only), and
// export it as a 公文 Word file. Every change is audited in its transaction.
import type { Actor } from '../../org/auth/model';
import { assertCan } from '../../org/auth/policy';
import { writeAudit } from '../../org/audit/service';
import { isValidDate, todayInShanghai } from '../../org/calendar/index';
import type { Db } from '../../core/db/index';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import type { NoticeRow } from '../tables';
import {
  buildNoticeContent,
  DEFAULT_NUMBER_PREFIX,
  documentNumber,
  noticeBodyText,
  noticeTitle,
  rangeLabel,
  type NoticeContent,
  type NoticeStatus,
  defaultCopyTo,
} from './model';
import { ensurePeriods } from '../progress/service';
import { selectObligations } from '../progress/store';
import { selectLatestValues, selectTargetRecords, selectTaskRecords } from './records-store';
import {
  deleteNoticeIfVersion,
  insertNotice,
  insertNoticeNotifications,
  lockNoticeNumbering,
  selectDepartmentOrder,
  selectIssuedNumbers,
  selectNotice,
  selectNoticeDepartments,
  selectNotices,
  countNotices,
  selectPeriod,
  selectPlanRow,
  selectPublishedPlans,
  replaceNoticeDepartments,
  selectTenantName,
  updateNoticeIfVersion,
} from './store';

export const noticeNotFound = () => notFound('督查通报不存在', 'NOTICE_NOT_FOUND');

export interface Notice {
  id: number;
  planId: number | null;
  periodId: number | null;
  periodLabel: string | null;
  title: string;
  documentNumber: string | null;
  status: NoticeStatus;
  issuingBody: string | null;
  /** 版记 抄送 (the default from the issuing body until the office edits it) */
  copyTo: string[];
  issueDate: string | null;
  issuedAt: Date | null;
  content: NoticeContent;
  bodyText: string;
  departments: { id: number; name: string }[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

function toNotice(r: NoticeRow, deps: { id: number; name: string }[]): Notice {
  return {
    id: r.id,
    planId: r.planId,
    periodId: r.periodId,
    periodLabel: r.periodLabel,
    title: r.title,
    documentNumber: r.documentNumber,
    status: r.status as NoticeStatus,
    issuingBody: r.issuingBody,
    copyTo: r.copyTo ?? (r.issuingBody ? defaultCopyTo(r.issuingBody) : []),
    issueDate: r.issueDate,
    issuedAt: r.issuedAt,
    content: r.body as NoticeContent,
    bodyText: r.bodyText,
    departments: deps,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** The default issuing body: the authority's 质量工作领导小组办公室. */
export async function defaultIssuer(db: Db, tenantId: number): Promise<string> {
  return `${await selectTenantName(db, tenantId)}质量工作领导小组办公室`;
}

export interface GenerateInput {
  periodId?: number;
  periodStart?: string;
  periodEnd?: string;
  planId?: number;
}

/**
 * Builds a draft notice for a period (a reporting period by id, or a date range: the reporting
 * periods ending in it) from the records: overdue reports, targets behind, tasks blocked, by
 * department. Reads everything first, then writes the notice in one short transaction.
 */
export async function generateNotice(db: Db, actor: Actor, input: GenerateInput, now: Date = new Date()): Promise<Notice> {
  assertCan(actor, 'notices:manage');
  const today = todayInShanghai(() => now);
  let planId = input.planId;
  let periodStart: string;
  let periodEnd: string;
  let periodLabel: string;
  if (input.periodId !== undefined) {
    const p = await selectPeriod(db, actor.tenantId, input.periodId);
    if (!p) throw notFound('报送周期不存在', 'PERIOD_NOT_FOUND');
    if (planId !== undefined && planId !== p.planId) throw badRequest('报送周期不属于所选计划', 'PERIOD_PLAN_MISMATCH');
    planId = p.planId;
    periodStart = p.startDate;
    periodEnd = p.endDate;
    periodLabel = p.label;
  } else {
    if (!input.periodStart || !input.periodEnd) throw badRequest('请选择报送周期，或填写起止日期', 'PERIOD_REQUIRED');
    if (!isValidDate(input.periodStart) || !isValidDate(input.periodEnd)) throw badRequest('日期格式不正确，应为 YYYY-MM-DD', 'INVALID_DATE');
    if (input.periodStart > input.periodEnd) throw badRequest('开始日期不能晚于结束日期', 'INVALID_RANGE');
    periodStart = input.periodStart;
    periodEnd = input.periodEnd;
    periodLabel = rangeLabel(periodStart, periodEnd);
  }

  let planList: { id: number; title: string }[];
  if (planId !== undefined) {
    const plan = await selectPlanRow(db, actor.tenantId, planId);
    if (!plan) throw notFound('计划不存在', 'PLAN_NOT_FOUND');
    if (plan.status === 'draft') throw conflict('计划尚未发布，不能生成督查通报', 'PLAN_NOT_PUBLISHED');
    planList = [{ id: plan.id, title: plan.title }];
  } else {
    planList = await selectPublishedPlans(db, actor.tenantId);
  }
  const scope = { planStatuses: ['published', 'archived'], planIds: planList.map((p) => p.id) };
  // the tracking module creates reporting periods lazily: make sure those up to today exist
  for (const p of planList) await ensurePeriods(db, actor.tenantId, p.id, today);

  let content: NoticeContent;
  if (planList.length === 0) {
    content = buildNoticeContent({
      periodStart,
      periodEnd,
      periodLabel,
      asOf: today,
      plans: [],
      dueReports: [],
      targets: [],
      latest: new Map(),
      tasks: [],
      departmentOrder: new Map(),
    });
  } else {
    const [dueReports, targets, tasks, departmentOrder] = await Promise.all([
      selectObligations(db, actor.tenantId, {
        ...scope,
        ...(input.periodId !== undefined ? { periodIds: [input.periodId] } : { endFrom: periodStart, endTo: periodEnd }),
      }),
      selectTargetRecords(db, actor.tenantId, scope),
      selectTaskRecords(db, actor.tenantId, scope, periodEnd),
      selectDepartmentOrder(db, actor.tenantId),
    ]);
    const latest = await selectLatestValues(
      db,
      actor.tenantId,
      targets.map((t) => t.id),
      periodEnd,
    );
    content = buildNoticeContent({ periodStart, periodEnd, periodLabel, asOf: today, plans: planList, dueReports, targets, latest, tasks, departmentOrder });
  }

  const issuer = await defaultIssuer(db, actor.tenantId);
  const bodyText = noticeBodyText(content, issuer);
  const departmentIds = content.departments.map((d) => Number(d.departmentId));
  return db.transaction(async (tx) => {
    const row = await insertNotice(
      tx,
      {
        tenantId: actor.tenantId,
        planId: planId ?? null,
        periodId: input.periodId ?? null,
        periodLabel,
        title: noticeTitle(periodLabel),
        body: content,
        bodyText,
        status: 'draft',
        issuingBody: issuer,
        copyTo: defaultCopyTo(issuer),
        createdBy: actor.userId,
      },
      departmentIds,
    );
    const deps = await selectNoticeDepartments(tx, actor.tenantId, [row.id]);
    await writeAudit(tx, {
      actor,
      action: 'notice.generate',
      entityType: 'notice',
      entityId: row.id,
      after: { title: row.title, periodLabel, periodStart, periodEnd, planId: planId ?? null, summary: content.summary, departments: departmentIds },
    });
    return toNotice(row, deps);
  });
}

/** The department a department user is limited to; undefined for others. */
function scopeOf(actor: Actor): number | undefined {
  if (actor.role !== 'department') return undefined;
  if (actor.departmentId === null) throw new AppError('FORBIDDEN', '账号未绑定责任部门', 403);
  return actor.departmentId;
}

/**
 * A page of the notices, newest first (`total` counts every match). A department user: issued notices
 * concerning its department only.
 */
export async function listNotices(
  db: Db,
  actor: Actor,
  opts: { status?: NoticeStatus; planId?: number; page?: number; pageSize?: number } = {},
): Promise<{ items: Notice[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, 'notices:read');
  const dep = scopeOf(actor);
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 200;
  if (dep !== undefined && opts.status === 'draft') return { items: [], total: 0, page, pageSize };
  const filter = { status: dep !== undefined ? 'issued' : opts.status, departmentId: dep, planId: opts.planId };
  const [rows, total] = await Promise.all([
    selectNotices(db, actor.tenantId, { ...filter, limit: pageSize, offset: (page - 1) * pageSize }),
    countNotices(db, actor.tenantId, filter),
  ]);
  return { items: await withDepartments(db, actor, rows), total, page, pageSize };
}

async function withDepartments(db: Db, actor: Actor, rows: Awaited<ReturnType<typeof selectNotices>>): Promise<Notice[]> {
  const deps = await selectNoticeDepartments(
    db,
    actor.tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toNotice(
      r,
      deps.filter((d) => d.noticeId === r.id).map(({ id, name }) => ({ id, name })),
    ),
  );
}

/** One notice; NOTICE_NOT_FOUND for a department user when it is a draft or not about them. */
export async function getNotice(db: Db, actor: Actor, id: number): Promise<Notice> {
  assertCan(actor, 'notices:read');
  const row = await selectNotice(db, actor.tenantId, id);
  if (!row) throw noticeNotFound();
  const deps = (await selectNoticeDepartments(db, actor.tenantId, [id])).map(({ id, name }) => ({ id, name }));
  const dep = scopeOf(actor);
  if (dep !== undefined && (row.status !== 'issued' || !deps.some((d) => d.id === dep))) throw noticeNotFound();
  return toNotice(row, deps);
}

export interface UpdateNoticeInput {
  version: number;
  title?: string;
  bodyText?: string;
  issuingBody?: string;
  departmentIds?: number[];
  copyTo?: string[];
}

/** Edits a draft (title, text, issuing body, 抄送, the departments it concerns). Issued notices are read-only. */
export async function updateNotice(db: Db, actor: Actor, id: number, input: UpdateNoticeInput): Promise<Notice> {
  assertCan(actor, 'notices:manage');
  return db.transaction(async (tx) => {
    const before = await selectNotice(tx, actor.tenantId, id, true);
    if (!before) throw noticeNotFound();
    if (before.status !== 'draft') throw conflict('通报已印发，不能修改', 'NOTICE_ISSUED');
    if (before.version !== input.version) throw conflict();
    const beforeDeps = await selectNoticeDepartments(tx, actor.tenantId, [id]);
    const patch: Partial<NoticeRow> = {};
    if (input.title !== undefined) patch.title = input.title.trim();
    if (input.bodyText !== undefined) patch.bodyText = input.bodyText.replace(/\r\n?/g, '\n');
    if (input.issuingBody !== undefined) patch.issuingBody = input.issuingBody.trim();
    if (input.copyTo !== undefined) patch.copyTo = [...new Set(input.copyTo.map((c) => c.trim()).filter(Boolean))];
    const after = await updateNoticeIfVersion(tx, actor.tenantId, id, input.version, patch);
    if (!after) throw conflict();
    if (input.departmentIds) {
      const order = await selectDepartmentOrder(tx, actor.tenantId);
      const ids = [...new Set(input.departmentIds)];
      const bad = ids.find((d) => !order.has(d));
      if (bad !== undefined) throw badRequest(`部门不存在（编号 ${bad}）`, 'DEPARTMENT_NOT_FOUND');
      await replaceNoticeDepartments(tx, actor.tenantId, id, ids);
    }
    const deps = (await selectNoticeDepartments(tx, actor.tenantId, [id])).map(({ id, name }) => ({ id, name }));
    await writeAudit(tx, {
      actor,
      action: 'notice.update',
      entityType: 'notice',
      entityId: id,
      before: { title: before.title, bodyText: before.bodyText, issuingBody: before.issuingBody, copyTo: before.copyTo, departments: beforeDeps.map((d) => d.id) },
      after: { title: after.title, bodyText: after.bodyText, issuingBody: after.issuingBody, copyTo: after.copyTo, departments: deps.map((d) => d.id) },
    });
    return toNotice(after, deps);
  });
}

export interface IssueNoticeInput {
  version: number;
  /** 发文字号; default the next number of `prefix〔year〕N号` */
  documentNumber?: string;
  /** prefix of the generated number, default 质量办 */
  numberPrefix?: string;
  /** 成文日期 YYYY-MM-DD, default today (Asia/Shanghai) */
  issueDate?: string;
  issuingBody?: string;
}

/**
 * Issues a draft: sets 文号 (given, or the next free number of the year), 成文日期 and issuing body;
 * the notice is read-only afterwards and the departments it concerns are notified.
 */
export async function issueNotice(db: Db, actor: Actor, id: number, input: IssueNoticeInput, now: Date = new Date()): Promise<Notice> {
  assertCan(actor, 'notices:manage');
  const issueDate = input.issueDate ?? todayInShanghai(() => now);
  if (!isValidDate(issueDate)) throw badRequest('成文日期格式不正确，应为 YYYY-MM-DD', 'INVALID_DATE');
  return db.transaction(async (tx) => {
    const before = await selectNotice(tx, actor.tenantId, id, true);
    if (!before) throw noticeNotFound();
    if (before.status !== 'draft') throw conflict('通报已印发', 'NOTICE_ISSUED');
    if (before.version !== input.version) throw conflict();
    if (!before.bodyText.trim()) throw badRequest('通报正文为空，不能印发', 'NOTICE_EMPTY');
    await lockNoticeNumbering(tx, actor.tenantId);
    const used = new Set(await selectIssuedNumbers(tx, actor.tenantId));
    let number = input.documentNumber?.trim();
    if (number) {
      if (used.has(number)) throw conflict(`发文字号“${number}”已被使用`, 'DOCUMENT_NUMBER_TAKEN');
    } else {
      const prefix = input.numberPrefix?.trim() || DEFAULT_NUMBER_PREFIX;
      const year = Number(issueDate.slice(0, 4));
      let n = 1;
      while (used.has(documentNumber(prefix, year, n))) n++;
      number = documentNumber(prefix, year, n);
    }
    const issuingBody = input.issuingBody?.trim() || before.issuingBody || (await defaultIssuerTx(tx, actor.tenantId));
    const after = await updateNoticeIfVersion(tx, actor.tenantId, id, input.version, {
      status: 'issued',
      documentNumber: number,
      issueDate,
      issuingBody,
      issuedAt: now,
    });
    if (!after) throw conflict();
    const deps = (await selectNoticeDepartments(tx, actor.tenantId, [id])).map(({ id, name }) => ({ id, name }));
    await insertNoticeNotifications(
      tx,
      actor.tenantId,
      id,
      after.title,
      deps.map((d) => d.id),
    );
    await writeAudit(tx, {
      actor,
      action: 'notice.issue',
      entityType: 'notice',
      entityId: id,
      before: { status: before.status },
      after: { status: 'issued', documentNumber: number, issueDate, issuingBody },
    });
    return toNotice(after, deps);
  });
}

async function defaultIssuerTx(tx: Parameters<typeof selectTenantName>[0], tenantId: number): Promise<string> {
  return `${await selectTenantName(tx, tenantId)}质量工作领导小组办公室`;
}

/** Deletes a draft. Issued notices stay (they are records). */
export async function deleteNotice(db: Db, actor: Actor, id: number, version: number): Promise<void> {
  assertCan(actor, 'notices:manage');
  await db.transaction(async (tx) => {
    const before = await selectNotice(tx, actor.tenantId, id, true);
    if (!before) throw noticeNotFound();
    if (before.status !== 'draft') throw conflict('已印发的通报不能删除', 'NOTICE_ISSUED');
    if (before.version !== version) throw conflict();
    if (!(await deleteNoticeIfVersion(tx, actor.tenantId, id, version))) throw conflict();
    await writeAudit(tx, { actor, action: 'notice.delete', entityType: 'notice', entityId: id, before: { title: before.title, bodyText: before.bodyText } });
  });
}

/** The notice as a 公文 Word file (GB/T 9704). A draft prints without 文号 and date, marked 草稿. */
export async function noticeDocx(db: Db, actor: Actor, id: number): Promise<{ bytes: Buffer; fileName: string }> {
  const n = await getNotice(db, actor, id);
  const issuer = n.issuingBody || (await defaultIssuer(db, actor.tenantId));
  // the Word library loads on the first export, not at start
  const { buildOfficialDocx, textToBlocks } = await import('../../reports/docx/official');
  const bytes = await buildOfficialDocx({
    issuer,
    documentNumber: n.documentNumber,
    title: n.title,
    body: textToBlocks(n.bodyText),
    date: n.issueDate,
    draftMark: n.status === 'draft' ? '草稿' : null,
    // 版记: 抄送 as the office left it (by default the leading group's heads), 印发机关 and 印发日期 (GB/T 9704 §7.4)
    copyTo: n.copyTo,
    imprint: true,
  });
  const safe = n.title.replace(/[\\/:*?"<>|\r\n]/g, '_').slice(0, 80);
  return { bytes, fileName: `${n.documentNumber ? `${n.documentNumber} ` : ''}${safe}.docx` };
}
