// Credit routes: an enterprise's credit (class with reasons, lists, events), entering events, list
// decisions, the on-demand reclassification, the deadlines card of the 驾驶舱, the settings.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors';
import { assertCan } from '../org/auth/policy';
import { IMPORT_LIMITS, uploadTooLargeMessage } from '../enterprises/model';
import { attachment } from '../enterprises/routes';
import { refusalsWorkbookOf, XLSX_MIME } from '../enterprises/service';
import { dropUpload, saveUpload } from '../enterprises/uploads';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInShanghai } from '../org/calendar/index';
import { actorOf, idNumber } from '../core/http/actor';
import type { ApiContext } from '../core/http/context';
import { ErrorBody } from '../core/http/errors';
import { Id } from '../core/http/schemas';
import { CREDIT_EVENT_KINDS, CREDIT_FACTS, type CreditEventKind } from './model';
import {
  CreditSettingsBody,
  CreditSettingsOut,
  DeadlineListOut,
  DecisionBody,
  EnterpriseCreditOut,
  EventBody,
  EventImportResponse,
  EventOut,
  ListingBody,
  MembershipOut,
  RunOut,
  jsonOut,
} from './schemas';
import {
  addEvent,
  decideListing,
  dueDeadlines,
  enterpriseCredit,
  getCreditSettings,
  getRun,
  latestRun,
  openListing,
  requestReclassification,
  saveCreditSettings,
} from './service';
import type { CreditEventRow } from './tables';
import { getEventImportJob, importCreditEventsFile } from './import';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const eventOut = (e: CreditEventRow): EventOut => jsonOut<EventOut>({ ...e, kindLabel: CREDIT_EVENT_KINDS[e.kind as CreditEventKind] ?? e.kind });
const params = z.object({ id: Id });

export async function creditRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['信用监管'];
  const security = [{ session: [] }];
  const today = () => todayInShanghai(ctx.clock);

  r.get(
    '/enterprises/:id/credit',
    { schema: { tags, security, summary: '企业信用：风险分类及理由（触发的规则和分值）、分类历史、名单、信用记录', params, response: { 200: EnterpriseCreditOut, ...errors } } },
    async (request) => {
      const c = await enterpriseCredit(ctx.db, actorOf(request), idNumber(request.params.id), today());
      return jsonOut<EnterpriseCreditOut>({ ...c, events: c.events.map(eventOut) });
    },
  );
  r.get(
    '/enterprises/:id/credit/events',
    { schema: { tags, security, summary: '企业的信用记录，最新在前', params, response: { 200: z.object({ items: z.array(EventOut) }), ...errors } } },
    async (request) => {
      const c = await enterpriseCredit(ctx.db, actorOf(request), idNumber(request.params.id), today());
      return { items: c.events.map(eventOut) };
    },
  );
  r.post(
    '/enterprises/:id/credit/events',
    { schema: { tags, security, summary: '录入信用记录（行政处罚、抽检不合格、投诉、未报送年报、信用修复）', description: '质量办；执法人员只读。', params, body: EventBody, response: { 201: EventOut, ...errors } } },
    async (request, reply) => {
      const b = request.body;
      const e = await addEvent(ctx.db, actorOf(request), idNumber(request.params.id), { ...b, repairsEventId: b.repairsEventId ? idNumber(b.repairsEventId) : null });
      return reply.code(201).send(eventOut(e));
    },
  );
  r.post(
    '/enterprises/:id/credit/lists',
    { schema: { tags, security, summary: '列入名单：登记列入事由（待作出列入决定）或直接作出列入决定', params, body: ListingBody, response: { 201: MembershipOut, ...errors } } },
    async (request, reply) => reply.code(201).send(jsonOut<MembershipOut>(await openListing(ctx.db, actorOf(request), idNumber(request.params.id), request.body))),
  );
  r.post(
    '/credit/lists/:id/decisions',
    {
      schema: {
        tags,
        security,
        summary: '名单决定：列入、不予列入、情形消除、移出、异议（收到、受理、答复）',
        description: '按版本号防止覆盖他人修改；期限按工作日重新计算。',
        params,
        body: DecisionBody,
        response: { 200: MembershipOut, ...errors },
      },
    },
    async (request) => jsonOut<MembershipOut>(await decideListing(ctx.db, actorOf(request), idNumber(request.params.id), request.body)),
  );
  r.post(
    '/credit/reclassify',
    { schema: { tags, security, summary: '立即重新分类全部企业（排入任务队列；无队列时当场完成）', response: { 200: RunOut, 202: RunOut, ...errors } } },
    async (request, reply) => {
      const jobs = ctx.jobs;
      const run = await requestReclassification(ctx.db, actorOf(request), today(), jobs);
      return reply.code(jobs ? 202 : 200).send(jsonOut<z.infer<typeof RunOut>>(run));
    },
  );
  r.get(
    '/credit/runs/latest',
    { schema: { tags, security, summary: '最近一次重新分类', response: { 200: z.object({ run: RunOut.nullable() }), ...errors } } },
    async (request) => {
      const run = await latestRun(ctx.db, actorOf(request));
      return { run: run ? jsonOut<z.infer<typeof RunOut>>(run) : null };
    },
  );
  r.get(
    '/credit/runs/:id',
    { schema: { tags, security, summary: '一次重新分类的进展', params, response: { 200: RunOut, ...errors } } },
    async (request) => jsonOut<z.infer<typeof RunOut>>(await getRun(ctx.db, actorOf(request), idNumber(request.params.id))),
  );
  r.get(
    '/credit/deadlines',
    { schema: { tags, security, summary: '名单期限：即将到期和已逾期的事项（驾驶舱）', response: { 200: DeadlineListOut, ...errors } } },
    async (request) => jsonOut<DeadlineListOut>(await dueDeadlines(ctx.db, actorOf(request), today())),
  );
  r.get(
    '/credit/settings',
    { schema: { tags, security, summary: '信用设置：分类规则及分值、分类分界、回溯期、名单期限、重新分类周期', response: { 200: CreditSettingsOut, ...errors } } },
    async (request) => ({ ...(await getCreditSettings(ctx.db, actorOf(request))), facts: { ...CREDIT_FACTS } }),
  );
  r.put(
    '/credit/settings',
    { schema: { tags, security, summary: '保存信用设置', description: '系统管理员；按版本号防止覆盖他人修改。', body: CreditSettingsBody, response: { 200: CreditSettingsOut, ...errors } } },
    async (request) => ({ ...(await saveCreditSettings(ctx.db, actorOf(request), request.body.settings, request.body.version)), facts: { ...CREDIT_FACTS } }),
  );

  // --- import of credit events from a file (import.ts) ---
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 5 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/credit/events/import',
      {
        schema: {
          tags,
          security,
          summary: '导入信用记录（Excel 或 CSV）',
          description:
            '质量办。multipart/form-data，字段 file：.xlsx 或 .csv（UTF-8 或 GB18030，自动识别），不超过 200 MB。表头须有 统一社会信用代码、记录类型（行政处罚、产品抽检不合格、投诉、未报送年报）、决定日期；可有 决定书文号、事由、说明、较重行政处罚（是/否）、公示期（3个月/3年）、领域（一般/食品/药品/特种设备）。企业须已在本单位名录中。同一条记录（企业、类型、日期、文号、事由相同）已存在的不重复写入；无效行逐行给出原因，可用 GET /credit/imports/{jobId}/refusals 下载 Excel。全部有效行在一个事务中写入，失败时不写入任何数据。列入、移出名录和信用修复不能导入。',
          consumes: ['multipart/form-data'],
          response: { 200: EventImportResponse, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        assertCan(actor, 'credit:manage');
        let saved: { uploadId: string; path: string };
        let fileName: string;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) throw new AppError('FILE_REQUIRED', '请选择要导入的文件（表单字段 file）', 400);
          fileName = file.filename || 'upload';
          saved = await saveUpload(actor.tenantId, fileName, file.file, 'credit');
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', uploadTooLargeMessage('credit'), 413);
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_FILES', '一次只能上传一个文件', 400);
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('FILE_REQUIRED', '请以 multipart/form-data 上传文件', 400);
          throw e;
        }
        try {
          return await importCreditEventsFile(ctx.db, actor, saved.path, fileName, today());
        } finally {
          dropUpload(saved.uploadId);
        }
      },
    );
  });
  r.get(
    '/credit/imports/:id/refusals',
    {
      schema: {
        tags,
        security,
        summary: '下载未导入的信用记录行（Excel）',
        description: '每行：行号、未导入原因、该行原来的各列。',
        params,
        produces: [XLSX_MIME],
        response: { 200: z.any().meta({ description: 'Excel 文件' }), ...errors },
      },
    },
    async (request, reply) => {
      const job = await getEventImportJob(ctx.db, actorOf(request), idNumber(request.params.id));
      const out = await refusalsWorkbookOf(ctx.db, job);
      reply.header('content-disposition', attachment(out.fileName));
      reply.type(XLSX_MIME);
      return reply.send(out.stream);
    },
  );
}
