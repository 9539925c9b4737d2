// Plan routes: import (parse an upload, confirm a reviewed extraction), publish, read, and edit
// targets and tasks. Thin: validate, authorize, call the service, shape the answer.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCan } from '../org/auth/policy';
import { AppError } from '../core/errors';
import { actorOf, idNumber } from '../core/http/actor';
import type { ApiContext } from '../core/http/context';
import { ErrorBody } from '../core/http/errors';
import { Id, isoOrNull } from '../core/http/schemas';
import { parseUpload, type PlanParser } from './import';
import { DOCX_MIME, XLSX_MIME } from './model';
import { attachmentHeader } from './notices/routes';
import { todayInShanghai } from '../org/calendar/index';
import { fastSerializerCompiler } from '../core/http/fast-serializer';
import { PLAN_UPLOAD, type Plan, type TargetItem, type TaskItem } from './model';
import {
  ConfirmPlanBody,
  ConfirmPlanResponse,
  CreateTargetBody,
  CreateTaskBody,
  ParseResponse,
  PlanDetailResponse,
  PlanListQuery,
  PlanListResponse,
  PlanResponse,
  TargetResponse,
  TaskResponse,
  UpdatePlanBody,
  UpdateTargetBody,
  UpdateTaskBody,
  VersionQuery,
  type OutlineNode,
  type PlanOut,
  type TargetOut,
  type TaskOut,
} from './schemas';
import {
  archivePlan,
  confirmPlan,
  createTarget,
  createTask,
  deleteTarget,
  deleteTask,
  getPlan,
  getTarget,
  getTask,
  listPlans,
  publishPlan,
  updatePlan,
  updateTarget,
  updateTask,
} from './service';

export function planOut(p: Plan): PlanOut {
  return {
    id: String(p.id),
    title: p.title,
    issuer: p.issuer,
    documentNumber: p.documentNumber,
    indexNumber: p.indexNumber,
    writtenDate: p.writtenDate,
    publishedDate: p.publishedDate,
    periodStartYear: p.periodStartYear,
    periodEndYear: p.periodEndYear,
    region: p.region,
    regionCode: p.regionCode,
    topicCategory: p.topicCategory,
    topicSubcategory: p.topicSubcategory,
    status: p.status,
    reportingCycle: p.reportingCycle,
    reportDueWorkingDays: p.reportDueWorkingDays,
    warningMarginPct: p.warningMarginPct,
    publishedAt: isoOrNull(p.publishedAt),
    createdAt: isoOrNull(p.createdAt)!,
    updatedAt: isoOrNull(p.updatedAt)!,
    version: p.version,
  };
}

const refsOut = (refs: { id: number; name: string; role: 'lead' | 'co' }[]) => refs.map((d) => ({ id: String(d.id), name: d.name, role: d.role }));

export function targetOut(t: TargetItem): TargetOut {
  return { ...t, id: String(t.id), planId: String(t.planId), departments: refsOut(t.departments), updatedAt: isoOrNull(t.updatedAt)! };
}

export function taskOut(t: TaskItem): TaskOut {
  return { ...t, id: String(t.id), planId: String(t.planId), departments: refsOut(t.departments), updatedAt: isoOrNull(t.updatedAt)! };
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const TargetParams = z.object({ id: Id, targetId: Id });
const TaskParams = z.object({ id: Id, taskId: Id });
const PlanParams = z.object({ id: Id });
const PublishBody = z.object({ version: z.number().int().min(1).optional().meta({ title: '版本号' }) }).strict().optional();

/** Largest confirm request: the normalized text (up to 6 M characters) and the reviewed items. */
const CONFIRM_BODY_LIMIT = 32 * 1024 * 1024;

/** `opts.parse`: how uploads are parsed (the server passes its sandbox: a worker with time and memory limits). */
export async function planRoutes(app: FastifyInstance, ctx: ApiContext, opts: { parse: PlanParser }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['行动计划'];
  const security = [{ session: [] }];

  // multipart only for the upload route (encapsulated: other routes keep their parsers)
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: PLAN_UPLOAD.maxBytes, files: 1, fields: 10 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/plans/import/parse',
      {
        schema: {
          tags,
          security,
          summary: '上传并解析计划文档',
          description:
            'multipart/form-data，字段 file：.txt .html .docx .pdf，不超过 20 MB。文件在独立的解析线程中处理，有时间和内存上限：解压后过大 413 INFLATED_TOO_LARGE；压缩炸弹 422 DECOMPRESSION_BOMB；结构过于复杂 422 TOO_COMPLEX；超时 422 PARSE_TIMEOUT；内存超限 422 PARSE_OUT_OF_MEMORY；排队已满 503 PARSER_BUSY。返回解析结果、每个部门名称与部门名录的匹配（exact / alias / suggested / none），以及同一文件已导入时的 duplicateOf。不保存任何数据。',
          consumes: ['multipart/form-data'],
          response: { 200: ParseResponse, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        assertCan(actor, 'plans:import');
        let bytes: Buffer;
        let fileName: string;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) throw new AppError('FILE_REQUIRED', '请选择要上传的计划文档（表单字段 file）', 400);
          fileName = file.filename || 'upload';
          bytes = await file.toBuffer();
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('FILE_TOO_LARGE', `文件过大，不能超过 ${PLAN_UPLOAD.maxBytes / 1024 / 1024} MB`, 413);
          }
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_FILES', '一次只能上传一个文件', 400);
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('FILE_REQUIRED', '请以 multipart/form-data 上传文件', 400);
          throw e;
        }
        return parseUpload(ctx.db, actor, bytes, fileName, opts.parse);
      },
    );
  });

  r.post(
    '/plans',
    {
      bodyLimit: CONFIRM_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: '确认导入计划（创建草稿）',
        description:
          '提交审核后的解析结果：元数据、目标、任务，以及每个部门名称的处理方式（link 对应已有部门 / create 新建 / ignore 忽略）。在一个事务中创建草稿计划，失败时不留下任何数据。同一文件已导入过时返回 409 DUPLICATE_PLAN，除非 allowDuplicate 为 true。',
        body: ConfirmPlanBody,
        response: { 200: ConfirmPlanResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'plans:import');
      const res = await confirmPlan(ctx.db, actor, request.body);
      return {
        plan: planOut(res.plan),
        counts: res.counts,
        departmentsLinked: res.departmentsLinked,
        departmentsCreated: res.departmentsCreated.map((d) => ({ id: String(d.id), name: d.name })),
      };
    },
  );

  r.get(
    '/plans',
    {
      schema: {
        tags,
        security,
        summary: '计划列表',
        description: '分页（page、pageSize，每页最多 200 条），新导入的在前，total 为符合条件的总数。带目标、任务和责任部门数。责任部门用户只看到已发布且涉及本部门的计划，计数为本部门的条目。',
        querystring: PlanListQuery,
        response: { 200: PlanListResponse, ...errors },
      },
      // written by fast-json-stringify, not checked by zod per request (decision 044)
      serializerCompiler: fastSerializerCompiler,
    },
    async (request) => {
      const actor = actorOf(request);
      const { items, total } = await listPlans(ctx.db, actor, {
        status: request.query.status,
        search: request.query.q,
        page: request.query.page,
        pageSize: request.query.pageSize,
      });
      return {
        items: items.map((p) => {
          const o = planOut(p) as PlanListResponse['items'][number];
          o.counts = p.counts;
          o.fileName = p.fileName;
          return o;
        }),
        total,
      };
    },
  );

  r.get(
    '/plans/:id',
    {
      schema: {
        tags,
        security,
        summary: '计划详情',
        description: '计划、提纲、目标、任务（含责任部门）和原文（用于高亮，span 为原文中的字符位置）。责任部门用户只看到本部门的目标和任务。',
        params: PlanParams,
        response: { 200: PlanDetailResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const d = await getPlan(ctx.db, actor, idNumber(request.params.id));
      return {
        plan: planOut(d.plan),
        source: d.source
          ? { sha256: d.source.sha256, fileName: d.source.fileName, format: d.source.format, encoding: d.source.encoding, sizeBytes: d.source.sizeBytes, text: d.source.text }
          : null,
        topics: d.topics as PlanDetailResponse['topics'],
        outline: d.outline as OutlineNode[],
        targets: d.targets.map(targetOut),
        tasks: d.tasks.map(taskOut),
        departments: d.departments.map((x) => ({ id: String(x.id), name: x.name })),
      };
    },
  );

  r.patch(
    '/plans/:id',
    {
      schema: {
        tags,
        security,
        summary: '修改计划信息和报送设置',
        description: '需带读取时的 version；已被他人修改则返回 409 CONFLICT。',
        params: PlanParams,
        body: UpdatePlanBody,
        response: { 200: PlanResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { plan: planOut(await updatePlan(ctx.db, actor, idNumber(request.params.id), request.body)) };
    },
  );

  r.post(
    '/plans/:id/publish',
    {
      schema: {
        tags,
        security,
        summary: '发布计划',
        description: '草稿 → 已发布。可带 version 防止覆盖他人修改。',
        params: PlanParams,
        body: PublishBody,
        response: { 200: PlanResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { plan: planOut(await publishPlan(ctx.db, actor, idNumber(request.params.id), request.body?.version, ctx.clock())) };
    },
  );

  r.post(
    '/plans/:id/archive',
    {
      schema: {
        tags,
        security,
        summary: '归档计划',
        description: '已发布 → 已归档：保留历史和考核记录，不再修改和报送。',
        params: PlanParams,
        body: PublishBody,
        response: { 200: PlanResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { plan: planOut(await archivePlan(ctx.db, actor, idNumber(request.params.id), request.body?.version, ctx.clock())) };
    },
  );

  r.get(
    '/plans/:id/export',
    {
      schema: {
        tags,
        security,
        summary: '导出计划（Excel 或 Word）',
        description: '目标（目标值、截止、责任单位、最新值、状态）和任务（责任单位、最新进展）。format=xlsx 为 Excel，format=docx 为公文格式 Word。',
        params: PlanParams,
        querystring: z.object({ format: z.enum(['xlsx', 'docx']).meta({ title: '格式' }) }),
        produces: [XLSX_MIME, DOCX_MIME],
        response: { 200: z.any().meta({ description: 'Excel 或 Word 文件' }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const today = todayInShanghai(ctx.clock);
      // exceljs and docx load on the first export, not at start
      const { exportPlan } = await import('./export');
      const out = await exportPlan(ctx.db, actor, idNumber(request.params.id), today, request.query.format);
      reply.header('content-disposition', attachmentHeader(out.fileName));
      reply.type(out.mime);
      return reply.send(out.bytes);
    },
  );

  // --- targets
  r.get(
    '/plans/:id/targets/:targetId',
    { schema: { tags, security, summary: '目标指标', params: TargetParams, response: { 200: TargetResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return { target: targetOut(await getTarget(ctx.db, actor, idNumber(request.params.id), idNumber(request.params.targetId))) };
    },
  );
  r.post(
    '/plans/:id/targets',
    { schema: { tags, security, summary: '添加目标指标', params: PlanParams, body: CreateTargetBody, response: { 200: TargetResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return { target: targetOut(await createTarget(ctx.db, actor, idNumber(request.params.id), request.body)) };
    },
  );
  r.patch(
    '/plans/:id/targets/:targetId',
    {
      schema: {
        tags,
        security,
        summary: '修改目标指标',
        description: '需带读取时的 version；已被他人修改则返回 409 CONFLICT（数据已被他人修改，请刷新后重试）。',
        params: TargetParams,
        body: UpdateTargetBody,
        response: { 200: TargetResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { target: targetOut(await updateTarget(ctx.db, actor, idNumber(request.params.id), idNumber(request.params.targetId), request.body)) };
    },
  );
  r.delete(
    '/plans/:id/targets/:targetId',
    {
      schema: { tags, security, summary: '删除目标指标', params: TargetParams, querystring: VersionQuery, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      await deleteTarget(ctx.db, actor, idNumber(request.params.id), idNumber(request.params.targetId), request.query.version);
      return { ok: true as const };
    },
  );

  // --- tasks
  r.get(
    '/plans/:id/tasks/:taskId',
    { schema: { tags, security, summary: '重点任务', params: TaskParams, response: { 200: TaskResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return { task: taskOut(await getTask(ctx.db, actor, idNumber(request.params.id), idNumber(request.params.taskId))) };
    },
  );
  r.post(
    '/plans/:id/tasks',
    { schema: { tags, security, summary: '添加任务', params: PlanParams, body: CreateTaskBody, response: { 200: TaskResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return { task: taskOut(await createTask(ctx.db, actor, idNumber(request.params.id), request.body)) };
    },
  );
  r.patch(
    '/plans/:id/tasks/:taskId',
    {
      schema: {
        tags,
        security,
        summary: '修改任务',
        description: '需带读取时的 version；已被他人修改则返回 409 CONFLICT。',
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: TaskResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { task: taskOut(await updateTask(ctx.db, actor, idNumber(request.params.id), idNumber(request.params.taskId), request.body)) };
    },
  );
  r.delete(
    '/plans/:id/tasks/:taskId',
    {
      schema: { tags, security, summary: '删除任务', params: TaskParams, querystring: VersionQuery, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      await deleteTask(ctx.db, actor, idNumber(request.params.id), idNumber(request.params.taskId), request.query.version);
      return { ok: true as const };
    },
  );
}
