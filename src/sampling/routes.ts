// Routes of 产品质量监督抽查 (thin: validate, call the service, shape). Authorization is in the service
// (policy actions sampling:read / plan / manage / settings).
import { followUpLinkJson } from '../plans/followups/routes';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../core/errors';
import { actorOf, idNumber } from '../core/http/actor';
import type { ApiContext } from '../core/http/context';
import { ErrorBody } from '../core/http/errors';
import { Id } from '../core/http/schemas';
import { assertCan } from '../org/auth/policy';
import { CATALOGUE, CATALOGUE_NAME, CATALOGUE_NOTE, CATALOGUE_SOURCES } from './catalogue';
import { IMPORT_MAX_BYTES, ImportFileError, readResultsWorkbook } from './import-file';
import { DISPOSAL_STEPS, lockEndsOn, MEASURE_LABELS, SAMPLING_RULES, type DisposalStep } from './model';
import {
  CatalogueResponse,
  DisposalActionBody,
  DisposalsDueResponse,
  HigherCheckBody,
  HigherCheckOut,
  ImportResponse,
  NotifyBody,
  OrderBody,
  PlanBody,
  PlanOut,
  PlanPageResponse,
  RateBatchesQuery,
  RateBatchesResponse,
  RatesQuery,
  RatesResponse,
  ResultsBody,
  RetestBody,
  RetestResultBody,
  SampleBody,
  SampleDetailResponse,
  SampleListQuery,
  SampleListResponse,
  SampleOut,
  SettingsBody,
  SettingsResponse,
  TaskBody,
  TaskOut,
} from './schemas';
import * as svc from './service';
import type { DisposalRow, HigherCheckRow, RetestRow, SampleRow, SamplingTaskRow } from './tables';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.object({ id: Id });

const sampleOut = (s: SampleRow): SampleOut => ({
  id: String(s.id),
  planId: String(s.planId),
  taskId: String(s.taskId),
  sampleNo: s.sampleNo,
  enterpriseId: String(s.enterpriseId),
  creditCode: s.creditCode,
  enterpriseName: s.enterpriseName,
  regionCode: s.regionCode,
  productCode: s.productCode,
  productName: s.productName,
  brand: s.brand,
  model: s.model,
  batchNo: s.batchNo,
  standard: s.standard,
  purpose: s.purpose,
  sampledOn: s.sampledOn,
  samplers: s.samplers,
  reserveKept: s.reserveKept,
  state: s.state as SampleOut['state'],
  untestedReason: s.untestedReason,
  firstConclusion: s.firstConclusion,
  conclusion: s.conclusion,
  reportNo: s.reportNo,
  reportOn: s.reportOn,
  notifiedOn: s.notifiedOn,
  finalOn: s.finalOn,
  version: s.version,
});
const taskOut = (t: SamplingTaskRow): TaskOut => ({ id: String(t.id), planId: String(t.planId), testingBody: t.testingBody, batches: t.batches, dueOn: t.dueOn });
const planOut = (p: svc.PlanInput & { id: number; productName: string; sampled?: number; tested?: number; failed?: number }): PlanOut => ({
  id: String(p.id),
  year: p.year,
  name: p.name,
  level: p.level,
  productCode: p.productCode,
  productName: p.productName,
  plannedBatches: p.plannedBatches,
  stage: p.stage,
  department: p.department,
  note: p.note,
  sampled: p.sampled ?? 0,
  tested: p.tested ?? 0,
  failed: p.failed ?? 0,
});
const retestOut = (r: RetestRow | null) =>
  r && {
    id: String(r.id),
    requestedOn: r.requestedOn,
    disputedItems: r.disputedItems,
    retestBody: r.retestBody,
    state: r.state as '已申请',
    conclusion: r.conclusion,
    concludedOn: r.concludedOn,
  };
const disposalOut = (d: DisposalRow | null) =>
  d && {
    id: String(d.id),
    step: d.step,
    stepName: DISPOSAL_STEPS[d.step] as DisposalStep,
    state: d.state as '整改中',
    noticeNo: d.noticeNo,
    orderedOn: d.orderedOn,
    deadline: d.deadline,
    extensionDays: d.extensionDays,
    recheckOn: d.recheckOn,
    closedOn: d.closedOn,
    events: d.events,
    version: d.version,
  };
const detailOut = (d: svc.SampleDetail): SampleDetailResponse => ({
  sample: sampleOut(d.sample),
  results: d.results.map((r) => ({ id: String(r.id), stage: r.stage, item: r.item, clause: r.clause, required: r.required, measured: r.measured, verdict: r.verdict })),
  retest: retestOut(d.retest),
  disposal: disposalOut(d.disposal),
  deadlines: d.deadlines,
  can: d.can,
  blocked: d.blocked,
  followUps: d.followUps.map(followUpLinkJson),
});
const optId = (v: string | undefined) => (v === undefined ? undefined : idNumber(v));

export const RATE_DEFINITIONS = {
  passRate: '抽检合格率 = 合格批次 / 抽查批次 × 100%',
  failRate: '不合格发现率 = 不合格批次 / 实际检验批次 × 100%（分母为实际检验的批次，不是抽取的批次）',
  ...MEASURE_LABELS,
};

export async function samplingRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['产品质量监督抽查'];
  const security = [{ session: [] }];

  r.get('/sampling/catalogue', { schema: { tags, security, summary: '监督抽查产品目录（参考数据，注明出处）', response: { 200: CatalogueResponse, ...errors } } }, async (request) => {
    assertCan(actorOf(request), 'sampling:read');
    return { name: CATALOGUE_NAME, note: CATALOGUE_NOTE, sources: [...CATALOGUE_SOURCES], groups: CATALOGUE as CatalogueResponse['groups'] };
  });

  r.get('/sampling/settings', { schema: { tags, security, summary: '监督抽查期限参数', response: { 200: SettingsResponse, ...errors } } }, async (request) => ({
    settings: await svc.getSettings(ctx.db, actorOf(request)),
    rules: { ...SAMPLING_RULES },
  }));
  r.put('/sampling/settings', { schema: { tags, security, summary: '保存监督抽查期限参数', body: SettingsBody, response: { 200: SettingsResponse, ...errors } } }, async (request) => ({
    settings: await svc.saveSettings(ctx.db, actorOf(request), request.body),
    rules: { ...SAMPLING_RULES },
  }));

  r.get(
    '/sampling/disposals-due',
    {
      schema: {
        tags,
        security,
        summary: '驾驶舱：不合格批次的通知、责令整改下达和后处理期限，逾期和即将到期（后处理逾期的在计划中开设后续任务）',
        response: { 200: DisposalsDueResponse, ...errors },
      },
    },
    async (request) => {
      const d = await svc.disposalsDue(ctx.db, actorOf(request), ctx.clock);
      return {
        ...d,
        pending: d.pending.map((i) => ({ ...i, sampleId: String(i.sampleId) })),
        items: d.items.map((i) => ({
          ...i,
          disposalId: String(i.disposalId),
          sampleId: String(i.sampleId),
          step: i.step as DisposalStep,
          state: i.state as '整改中',
          followUp: i.followUp && { id: String(i.followUp.id), planId: String(i.followUp.planId), state: i.followUp.state },
        })),
      };
    },
  );

  r.get(
    '/sampling/plans',
    { schema: { tags, security, summary: '监督抽查计划', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.object({ items: z.array(PlanOut) }), ...errors } } },
    async (request) => ({ items: (await svc.listPlans(ctx.db, actorOf(request), request.query.year)).map(planOut) }),
  );
  r.post('/sampling/plans', { schema: { tags, security, summary: '新建监督抽查计划（按产品类别）', body: PlanBody, response: { 200: PlanOut, ...errors } } }, async (request) =>
    planOut(await svc.createPlan(ctx.db, actorOf(request), request.body)),
  );
  r.get('/sampling/plans/:id', { schema: { tags, security, summary: '抽查计划：承检任务和样品', params, response: { 200: PlanPageResponse, ...errors } } }, async (request) => {
    const p = await svc.getPlan(ctx.db, actorOf(request), idNumber(request.params.id));
    const tested = p.samples.filter((s) => s.state === '已检验');
    return {
      plan: planOut({ ...p.plan, sampled: p.samples.length, tested: tested.length, failed: tested.filter((s) => s.conclusion === '不合格').length }),
      tasks: p.tasks.map(taskOut),
      samples: p.samples.map(sampleOut),
    };
  });
  r.post('/sampling/plans/:id/tasks', { schema: { tags, security, summary: '下达抽查任务给承检机构', params, body: TaskBody, response: { 200: TaskOut, ...errors } } }, async (request) =>
    taskOut(await svc.createTask(ctx.db, actorOf(request), idNumber(request.params.id), request.body)),
  );

  r.get('/sampling/samples', { schema: { tags, security, summary: '样品（批次）列表', querystring: SampleListQuery, response: { 200: SampleListResponse, ...errors } } }, async (request) => {
    const q = request.query;
    const res = await svc.listSamples(ctx.db, actorOf(request), { planId: optId(q.planId), state: q.state, conclusion: q.conclusion, enterpriseId: optId(q.enterpriseId) }, q.page, q.pageSize);
    return { total: res.total, items: res.items.map((i) => ({ sample: sampleOut(i.sample), retest: retestOut(i.retest), disposal: disposalOut(i.disposal) })) };
  });
  r.post(
    '/sampling/samples',
    {
      schema: {
        tags,
        security,
        summary: '登记抽样（样品）',
        description: '抽样人员不少于2名；同一企业同一产品（商标、型号、标准相同）6个月内不得重复抽查（跟踪抽查、应急抽查除外），否则 409 PRODUCT_LOCKED。',
        body: SampleBody,
        response: { 200: SampleOut, ...errors },
      },
    },
    async (request) => {
      const b = request.body;
      return sampleOut(await svc.createSample(ctx.db, actorOf(request), { ...b, taskId: Number(b.taskId), enterpriseId: b.enterpriseId === null ? null : Number(b.enterpriseId) }, ctx.clock));
    },
  );
  const higherOut = (h: HigherCheckRow, lockMonths: number): HigherCheckOut => ({
    id: String(h.id),
    enterpriseId: String(h.enterpriseId),
    creditCode: h.creditCode,
    enterpriseName: h.enterpriseName,
    productCode: h.productCode,
    productName: h.productName,
    brand: h.brand,
    model: h.model,
    standard: h.standard,
    level: h.level,
    organiser: h.organiser,
    sampledOn: h.sampledOn,
    reference: h.reference,
    note: h.note,
    lockEndsOn: lockEndsOn(h.sampledOn, lockMonths),
  });
  r.get(
    '/sampling/higher-checks',
    {
      schema: {
        tags,
        security,
        summary: '上级监督抽查记录（国家、省级、市级）：6个月内本级不得重复抽查同一产品',
        querystring: z.object({ enterpriseId: Id.optional() }),
        response: { 200: z.object({ items: z.array(HigherCheckOut) }), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await svc.listHigherChecks(ctx.db, actor, optId(request.query.enterpriseId));
      const settings = await svc.readSettings(ctx.db, actor.tenantId);
      return { items: rows.map((h) => higherOut(h, settings.lockMonths)) };
    },
  );
  r.post(
    '/sampling/higher-checks',
    {
      schema: {
        tags,
        security,
        summary: '登记上级监督抽查',
        description: '企业出示、或上级通报的国家、省级、市级监督抽查；其后的期限内本级对同一产品（商标、型号、标准相同）的常规抽查答复 409 PRODUCT_LOCKED_HIGHER。',
        body: HigherCheckBody,
        response: { 200: HigherCheckOut, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      const row = await svc.recordHigherCheck(ctx.db, actor, { ...b, enterpriseId: b.enterpriseId === null ? null : Number(b.enterpriseId) }, ctx.clock);
      return higherOut(row, (await svc.readSettings(ctx.db, actor.tenantId)).lockMonths);
    },
  );
  r.delete(
    '/sampling/higher-checks/:id',
    { schema: { tags, security, summary: '删除误录的上级监督抽查记录（记入审计日志）', params, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (request) => {
      await svc.removeHigherCheck(ctx.db, actorOf(request), idNumber(request.params.id));
      return { ok: true as const };
    },
  );
  r.get('/sampling/samples/:id', { schema: { tags, security, summary: '样品详情：检验项目、复检、后处理和各项期限', params, response: { 200: SampleDetailResponse, ...errors } } }, async (request) =>
    detailOut(await svc.getSample(ctx.db, actorOf(request), idNumber(request.params.id), ctx.clock)),
  );
  r.post('/sampling/samples/:id/results', { schema: { tags, security, summary: '录入检验结果（逐项：合格/不合格、实测值、标准条款）', params, body: ResultsBody, response: { 200: SampleDetailResponse, ...errors } } }, async (request) =>
    detailOut(await svc.enterResults(ctx.db, actorOf(request), idNumber(request.params.id), request.body, ctx.clock)),
  );
  r.post('/sampling/samples/:id/notify', { schema: { tags, security, summary: '登记企业收到检验结果（复检申请期限自此起算）', params, body: NotifyBody, response: { 200: SampleDetailResponse, ...errors } } }, async (request) =>
    detailOut(await svc.notifyEnterprise(ctx.db, actorOf(request), idNumber(request.params.id), request.body, ctx.clock)),
  );
  r.post('/sampling/samples/:id/retest', { schema: { tags, security, summary: '登记复检申请（收到结果之日起15日内，使用备用样品）', params, body: RetestBody, response: { 200: SampleDetailResponse, ...errors } } }, async (request) =>
    detailOut(await svc.requestRetest(ctx.db, actorOf(request), idNumber(request.params.id), request.body, ctx.clock)),
  );
  r.post('/sampling/samples/:id/retest/result', { schema: { tags, security, summary: '录入复检结果（复检结论为最终结论）', params, body: RetestResultBody, response: { 200: SampleDetailResponse, ...errors } } }, async (request) =>
    detailOut(await svc.concludeRetest(ctx.db, actorOf(request), idNumber(request.params.id), request.body, ctx.clock)),
  );
  r.post('/sampling/samples/:id/disposal', { schema: { tags, security, summary: '下达责令整改通知书（后处理开始）', params, body: OrderBody, response: { 200: SampleDetailResponse, ...errors } } }, async (request) =>
    detailOut(await svc.orderRectification(ctx.db, actorOf(request), idNumber(request.params.id), request.body, ctx.clock)),
  );
  r.post(
    '/sampling/disposals/:id/actions',
    { schema: { tags, security, summary: '后处理：延期、复查、进入下一步（公告、停业整顿、吊销营业执照）、免于整改', params, body: DisposalActionBody, response: { 200: SampleDetailResponse, ...errors } } },
    async (request) => detailOut(await svc.actOnDisposal(ctx.db, actorOf(request), idNumber(request.params.id), request.body, ctx.clock)),
  );

  r.get('/sampling/rates', { schema: { tags, security, summary: '抽检合格率和不合格发现率（按产品类别、地区、年度）', querystring: RatesQuery, response: { 200: RatesResponse, ...errors } } }, async (request) => {
    const q = request.query;
    const res = await svc.getRates(ctx.db, actorOf(request), { ...q, regionChars: q.regionLevel === 'township' ? 9 : 6 });
    return { rows: res.rows, definitions: RATE_DEFINITIONS };
  });
  r.get(
    '/sampling/rates/batches',
    { schema: { tags, security, summary: '某一数字背后的批次（抽查、实际检验、合格、不合格批次）', querystring: RateBatchesQuery, response: { 200: RateBatchesResponse, ...errors } } },
    async (request) => {
      const { page, pageSize, ...q } = request.query;
      const res = await svc.getRateBatches(ctx.db, actorOf(request), q, page, pageSize);
      return { total: res.total, items: res.items.map(sampleOut) };
    },
  );

  // --- results import (multipart)
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/sampling/imports',
      {
        schema: {
          tags,
          security,
          summary: '导入承检机构的检验结果（Excel）',
          description: 'multipart/form-data，字段 file：.xlsx，第一行为表头（抽样单编号、报告编号、报告日期、检验项目、标准条款、标准要求、实测值、单项判定；可选 未检验原因），每行一个检验项目。同一抽样单的各行一起导入或一起被拒绝，被拒绝的行附原因。',
          consumes: ['multipart/form-data'],
          response: { 200: ImportResponse, ...errors, 413: ErrorBody },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        assertCan(actor, 'sampling:manage');
        let bytes: Buffer;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) throw new AppError('FILE_REQUIRED', '请选择检验结果工作簿（表单字段 file）', 400);
          bytes = await file.toBuffer();
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', `文件过大，不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`, 413);
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_FILES', '一次只能上传一个文件', 400);
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('FILE_REQUIRED', '请以 multipart/form-data 上传文件', 400);
          throw e;
        }
        try {
          const parsed = await readResultsWorkbook(bytes);
          return await svc.importResults(ctx.db, actor, parsed.rows, parsed.refused, ctx.clock);
        } catch (e) {
          if (e instanceof ImportFileError) throw new AppError(e.code, e.message, 400);
          throw e;
        }
      },
    );
  });
}
