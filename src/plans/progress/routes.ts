// Tracking routes: the department's items and reporting periods, progress reports (draft, submit,
// return, accept, attachments), the plan's tracking page. Thin: validate, authorize, call, shape.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInShanghai } from '../../org/calendar/index';
import { AppError } from '../../core/errors';
import { actorOf, idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { Id, OkResponse } from '../../core/http/schemas';
import { validationErrorFrom } from '../../core/http/validation';
import { ATTACHMENT_LIMITS } from './model';
import {
  AttachmentOut,
  CreateReportBody,
  MyListQuery,
  MyPeriodsResponse,
  MyTargetsResponse,
  MyTasksResponse,
  ReportDetailResponse,
  ReportListQuery,
  ReportListResponse,
  ReturnReportBody,
  TrackingResponse,
  UpdateReportBody,
  VersionBody,
} from './schemas';
import {
  acceptReport,
  addAttachment,
  attachmentTooLarge,
  createReport,
  deleteAttachment,
  getAttachment,
  getPlanTracking,
  getReport,
  listMyPeriods,
  listMyTargets,
  listMyTasks,
  listReports,
  returnReport,
  submitReport,
  updateReport,
} from './service';

/**
 * JSON shape of service results: Dates → ISO strings, numeric ids (`id`, `…Id`) → strings, so the
 * response schemas (ids are strings in JSON) hold.
 */
export function jsonOut<T>(value: unknown): T {
  const walk = (v: unknown, key: string): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'number' && (key === 'id' || /Id$/.test(key))) return String(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value, '') as T;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ReportParams = z.object({ id: Id });
const MY_PAGED = '分页：每页至多 200 条（默认 200），total 为总条数。';
const AttachmentParams = z.object({ id: Id, attachmentId: Id });

/**
 * The platform's zod validation, answering VALIDATION_FAILED with `details.fields` ([{ path,
 * message }]) so a form can mark the field (e.g. `targets.0.value`).
 */
export const fieldLevelValidator: FastifySchemaCompiler<z.core.$ZodType> = ({ schema, httpPart }) => {
  return (data: unknown) => {
    const result = z.safeParse(schema, data);
    if (result.success) return { value: result.data };
    const e = validationErrorFrom(schema, result.error, data, httpPart);
    return { error: new AppError('VALIDATION_FAILED', e.message, 400, { fields: e.fields }) };
  };
};

export async function progressRoutes(parent: FastifyInstance, ctx: ApiContext): Promise<void> {
  await parent.register(async (app) => {
    app.setValidatorCompiler(fieldLevelValidator);
    await routesOf(app, ctx);
  });
}

async function routesOf(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['进度报送'];
  const security = [{ session: [] }];
  const today = () => todayInShanghai(ctx.clock);

  r.get(
    '/my/tasks',
    { schema: { tags, security, summary: '本部门的任务（已发布计划）及最近报送状态', description: MY_PAGED, querystring: MyListQuery, response: { 200: MyTasksResponse, ...errors } } },
    async (request) => {
      const list = await listMyTasks(ctx.db, actorOf(request), request.query);
      return { ...list, items: jsonOut<MyTasksResponse['items']>(list.items) };
    },
  );
  r.get(
    '/my/targets',
    { schema: { tags, security, summary: '本部门的指标（已发布计划）及最新值和状态', description: MY_PAGED, querystring: MyListQuery, response: { 200: MyTargetsResponse, ...errors } } },
    async (request) => {
      const list = await listMyTargets(ctx.db, actorOf(request), today(), request.query);
      return { ...list, items: jsonOut<MyTargetsResponse['items']>(list.items) };
    },
  );
  r.get(
    '/my/periods',
    {
      schema: {
        tags,
        security,
        summary: '本部门的报送期次（已开始的，新的在前），含截止日与报送状态',
        description: MY_PAGED,
        querystring: MyListQuery,
        response: { 200: MyPeriodsResponse, ...errors },
      },
    },
    async (request) => {
      const list = await listMyPeriods(ctx.db, actorOf(request), today(), request.query);
      return { ...list, items: jsonOut<MyPeriodsResponse['items']>(list.items) };
    },
  );

  r.get(
    '/reports',
    {
      schema: {
        tags,
        security,
        summary: '进度报送列表（部门用户只看到本部门的）',
        querystring: ReportListQuery,
        response: { 200: ReportListResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const list = await listReports(ctx.db, actorOf(request), {
        planId: q.planId ? idNumber(q.planId) : undefined,
        periodId: q.periodId ? idNumber(q.periodId) : undefined,
        departmentId: q.departmentId ? idNumber(q.departmentId) : undefined,
        status: q.status,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { ...list, items: jsonOut<ReportListResponse['items']>(list.items) };
    },
  );
  r.post(
    '/reports',
    {
      schema: {
        tags,
        security,
        summary: '新建本部门某一期的报送（草稿）',
        description: '已存在时 409 REPORT_EXISTS，details.reportId 为已有报送。',
        body: CreateReportBody,
        response: { 201: ReportDetailResponse, ...errors },
      },
    },
    async (request, reply) => {
      const d = await createReport(ctx.db, actorOf(request), { planId: idNumber(request.body.planId), periodId: idNumber(request.body.periodId) }, ctx.clock());
      return reply.code(201).send(jsonOut<ReportDetailResponse>(d));
    },
  );
  r.get(
    '/reports/:id',
    { schema: { tags, security, summary: '报送详情', params: ReportParams, response: { 200: ReportDetailResponse, ...errors } } },
    async (request) => jsonOut<ReportDetailResponse>(await getReport(ctx.db, actorOf(request), idNumber(request.params.id))),
  );
  r.patch(
    '/reports/:id',
    {
      schema: {
        tags,
        security,
        summary: '保存报送草稿：进展说明、任务状态、指标数值（带版本号）',
        description: '数值类型或单位不符时 400 VALIDATION_FAILED，details.fields 指明字段；版本不符 409 CONFLICT。',
        params: ReportParams,
        body: UpdateReportBody,
        response: { 200: ReportDetailResponse, ...errors },
      },
    },
    async (request) => {
      const b = request.body;
      const d = await updateReport(
        ctx.db,
        actorOf(request),
        idNumber(request.params.id),
        {
          version: b.version,
          text: b.text,
          tasks: b.tasks?.map((t) => ({ ...t, taskId: idNumber(t.taskId) })),
          targets: b.targets?.map((t) => ({ ...t, targetId: idNumber(t.targetId) })),
        },
        ctx.clock(),
      );
      return jsonOut<ReportDetailResponse>(d);
    },
  );
  r.post(
    '/reports/:id/submit',
    { schema: { tags, security, summary: '提交报送（草稿或被退回的）', params: ReportParams, body: VersionBody, response: { 200: ReportDetailResponse, ...errors } } },
    async (request) => jsonOut<ReportDetailResponse>(await submitReport(ctx.db, actorOf(request), idNumber(request.params.id), request.body.version, ctx.clock())),
  );
  r.post(
    '/reports/:id/return',
    { schema: { tags, security, summary: '质量办退回报送（须填写原因）', params: ReportParams, body: ReturnReportBody, response: { 200: ReportDetailResponse, ...errors } } },
    async (request) =>
      jsonOut<ReportDetailResponse>(await returnReport(ctx.db, actorOf(request), idNumber(request.params.id), request.body.version, request.body.reason, ctx.clock())),
  );
  r.post(
    '/reports/:id/accept',
    { schema: { tags, security, summary: '质量办采纳报送', params: ReportParams, body: VersionBody, response: { 200: ReportDetailResponse, ...errors } } },
    async (request) => jsonOut<ReportDetailResponse>(await acceptReport(ctx.db, actorOf(request), idNumber(request.params.id), request.body.version, ctx.clock())),
  );

  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_LIMITS.maxBytes, files: 1, fields: 5 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/reports/:id/attachments',
      {
        schema: {
          tags,
          security,
          summary: '上传报送附件',
          description: `multipart/form-data，字段 file。不超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB（413 ATTACHMENT_TOO_LARGE）；类型 pdf/docx/xlsx/jpg/png/txt，按文件内容识别（415 ATTACHMENT_TYPE）。`,
          consumes: ['multipart/form-data'],
          params: ReportParams,
          response: { 201: AttachmentOut, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        let bytes: Buffer;
        let fileName: string;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) throw new AppError('FILE_REQUIRED', '请选择要上传的附件（表单字段 file）', 400);
          fileName = file.filename || 'attachment';
          bytes = await file.toBuffer();
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw attachmentTooLarge();
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_FILES', '一次只能上传一个附件', 400);
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('FILE_REQUIRED', '请以 multipart/form-data 上传附件', 400);
          throw e;
        }
        const a = await addAttachment(ctx.db, actor, idNumber(request.params.id), { fileName, bytes }, ctx.clock());
        return reply.code(201).send(jsonOut<z.infer<typeof AttachmentOut>>(a));
      },
    );
  });
  r.get(
    '/reports/:id/attachments/:attachmentId',
    { schema: { tags, security, summary: '下载报送附件', params: AttachmentParams } },
    async (request, reply) => {
      const a = await getAttachment(ctx.db, actorOf(request), idNumber(request.params.id), idNumber(request.params.attachmentId));
      reply.header('content-type', a.mimeType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(a.content);
    },
  );
  r.delete(
    '/reports/:id/attachments/:attachmentId',
    { schema: { tags, security, summary: '删除报送附件（草稿或被退回时）', params: AttachmentParams, response: { 200: OkResponse, ...errors } } },
    async (request) => {
      await deleteAttachment(ctx.db, actorOf(request), idNumber(request.params.id), idNumber(request.params.attachmentId));
      return { ok: true as const };
    },
  );

  r.get(
    '/plans/:id/tracking',
    {
      schema: {
        tags: ['行动计划'],
        security,
        summary: '计划跟踪：指标最新值与状态、按部门分组的任务、报送期次与历史',
        description: '部门用户只看到本部门的指标、任务和报送。状态规则见 rules。',
        params: z.object({ id: Id }),
        response: { 200: TrackingResponse, ...errors },
      },
    },
    async (request) => jsonOut<z.infer<typeof TrackingResponse>>(await getPlanTracking(ctx.db, actorOf(request), idNumber(request.params.id), today())),
  );
}
