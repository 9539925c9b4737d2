// Routes of 双随机、一公开 (thin: validate, call the service, shape). Authorization is in the service
// (policy actions inspections:read / plan / manage / review); the public routes read no session.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, idNumber } from '../core/http/actor';
import type { ApiContext } from '../core/http/context';
import { ErrorBody } from '../core/http/errors';
import { Id } from '../core/http/schemas';
import { ATTACHMENT_LIMITS } from '../plans/progress/model';
import { can } from '../org/auth/policy';
import type { Actor } from '../org/auth/model';
import { resolvePublicTenant } from '../plans/public/service';
import { followUpLinkJson } from '../plans/followups/routes';
import { INSPECTION_RULES } from './model';
import {
  CampaignBody,
  CampaignOut,
  CampaignPageQuery,
  ConformityResponse,
  DeclarationBody,
  DeclarationImportResponse,
  DeclarationListResponse,
  DeclarationOut,
  CampaignPageResponse,
  EvidenceOut,
  PublicationDueResponse,
  InspectorBody,
  InspectorOut,
  InspectorUpdateBody,
  ItemBody,
  ItemOut,
  ItemUpdateBody,
  MoveBody,
  PublicDrawListResponse,
  ResultBody,
  ResultOut,
  ReviewBody,
  SettingsBody,
  SettingsResponse,
} from './schemas';
import * as svc from './service';
import fastifyMultipart from '@fastify/multipart';
import { AppError } from '../core/errors';
import { assertCan } from '../org/auth/policy';
import { todayInShanghai } from '../org/calendar/index';
import { attachment } from '../enterprises/routes';
import { refusalsWorkbookOf, XLSX_MIME } from '../enterprises/service';
import { dropUpload, saveUpload } from '../enterprises/uploads';
import { DECLARATIONS_MAX_BYTES, getDeclarationImportJob, importDeclarationsFile } from './declarations-import';
import type { CampaignRow, InspectionItemRow, InspectorRow, ResultRow } from './tables';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.object({ id: Id });
const TenantQuery = z.object({ tenant: z.string().optional().meta({ title: '地区编号', description: '平台服务多个地区时必填' }) });

const itemOut = (i: InspectionItemRow): ItemOut => ({
  id: String(i.id),
  code: i.code,
  name: i.name,
  legalBasis: i.legalBasis,
  department: i.department,
  content: i.content,
  method: i.method,
  scope: i.scope,
  classRules: i.classRules as ItemOut['classRules'],
  notDrawnWithinDays: i.notDrawnWithinDays,
  active: i.active,
  version: i.version,
});
const inspectorOut = (i: InspectorRow): InspectorOut => ({
  id: String(i.id),
  userId: i.userId === null ? null : String(i.userId),
  name: i.name,
  department: i.department,
  certificateNo: i.certificateNo,
  qualifiedItemIds: i.qualifiedItemIds.map(String),
  conflicts: i.conflicts,
  active: i.active,
  version: i.version,
});
export const campaignJson = (c: ReturnType<typeof svc.campaignOut>): CampaignOut => ({
  id: String(c.id),
  name: c.name,
  year: c.year,
  itemIds: c.itemIds.map(String),
  departments: c.departments,
  regionPrefix: c.regionPrefix,
  state: c.state as CampaignOut['state'],
  frame: c.frame,
  frameHash: c.frameHash,
  commitment: c.commitment,
  seed: c.seed,
  frameFixedAt: c.frameFixedAt ? c.frameFixedAt.toISOString() : null,
  drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
  result: c.result,
  objectCount: c.objectCount,
  recusalCount: c.recusalCount,
  endedOn: c.endedOn,
  version: c.version,
});
const resultOut = (r: ResultRow, actor: Actor): ResultOut => ({
  id: String(r.id),
  objectId: String(r.objectId),
  version: r.version,
  state: r.state as ResultOut['state'],
  resultCode: r.resultCode,
  findings: r.findings,
  followUp: r.followUp,
  followUpDone: r.followUpDone,
  inspectedOn: r.inspectedOn,
  enteredByName: r.enteredByName,
  enteredAt: r.enteredAt.toISOString(),
  reviewedByName: r.reviewedByName,
  reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
  reviewComment: r.reviewComment,
  checklist: r.checklist ?? null,
  canReview: r.state === '待审核' && r.enteredBy !== actor.userId && can(actor, 'inspections:review'),
});

const itemInput = (b: z.infer<typeof ItemBody>): svc.ItemInput => ({ ...b, scope: b.scope, classRules: b.classRules });
const inspectorInput = (b: z.infer<typeof InspectorBody>): svc.InspectorInput => ({
  ...b,
  userId: b.userId === null ? null : Number(b.userId),
  qualifiedItemIds: b.qualifiedItemIds.map(Number),
});

export async function inspectionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['双随机抽查'];
  const security = [{ session: [] }];
  // a draw's objects written after its answer (decision 052) are finished before the database closes;
  // a process killed meanwhile leaves them marked, and the next reader writes them
  app.addHook('onClose', async () => svc.objectWritesSettled());

  r.get('/inspections/settings', { schema: { tags, security, summary: '双随机抽查参数（按风险分类的比例和频次等）', response: { 200: SettingsResponse, ...errors } } }, async (request) => ({
    settings: await svc.getSettings(ctx.db, actorOf(request)),
    rules: { ...INSPECTION_RULES },
  }));
  r.put('/inspections/settings', { schema: { tags, security, summary: '保存双随机抽查参数', body: SettingsBody, response: { 200: SettingsResponse, ...errors } } }, async (request) => ({
    settings: await svc.saveSettings(ctx.db, actorOf(request), request.body),
    rules: { ...INSPECTION_RULES },
  }));

  r.get('/inspections/items', { schema: { tags, security, summary: '随机抽查事项清单', response: { 200: z.object({ items: z.array(ItemOut) }), ...errors } } }, async (request) => ({
    items: (await svc.listItems(ctx.db, actorOf(request))).map(itemOut),
  }));
  r.post('/inspections/items', { schema: { tags, security, summary: '新增抽查事项', body: ItemBody, response: { 200: ItemOut, ...errors } } }, async (request) =>
    itemOut(await svc.createItem(ctx.db, actorOf(request), itemInput(request.body))),
  );
  r.put('/inspections/items/:id', { schema: { tags, security, summary: '修改抽查事项', params, body: ItemUpdateBody, response: { 200: ItemOut, ...errors } } }, async (request) =>
    itemOut(await svc.updateItem(ctx.db, actorOf(request), idNumber(request.params.id), { ...itemInput(request.body), version: request.body.version })),
  );

  r.get('/inspections/inspectors', { schema: { tags, security, summary: '执法检查人员名录库', response: { 200: z.object({ items: z.array(InspectorOut) }), ...errors } } }, async (request) => ({
    items: (await svc.listInspectors(ctx.db, actorOf(request))).map(inspectorOut),
  }));
  r.post('/inspections/inspectors', { schema: { tags, security, summary: '新增执法检查人员', body: InspectorBody, response: { 200: InspectorOut, ...errors } } }, async (request) =>
    inspectorOut(await svc.createInspector(ctx.db, actorOf(request), inspectorInput(request.body))),
  );
  r.put('/inspections/inspectors/:id', { schema: { tags, security, summary: '修改执法检查人员', params, body: InspectorUpdateBody, response: { 200: InspectorOut, ...errors } } }, async (request) =>
    inspectorOut(await svc.updateInspector(ctx.db, actorOf(request), idNumber(request.params.id), { ...inspectorInput(request.body), version: request.body.version })),
  );

  r.get('/inspections/campaigns', { schema: { tags, security, summary: '抽查任务', response: { 200: z.object({ items: z.array(CampaignOut) }), ...errors } } }, async (request) => ({
    items: (await svc.listCampaigns(ctx.db, actorOf(request))).map((c) => ({ ...campaignJson(c), result: null })),
  }));
  r.post('/inspections/campaigns', { schema: { tags, security, summary: '新建抽查任务', body: CampaignBody, response: { 200: CampaignOut, ...errors } } }, async (request) =>
    campaignJson(svc.campaignOut(await svc.createCampaign(ctx.db, actorOf(request), { ...request.body, itemIds: request.body.itemIds.map(Number) }))),
  );
  r.get(
    '/inspections/campaigns/:id',
    { schema: { tags, security, summary: '抽查任务：抽查框、承诺值、检查对象（分页）和检查结果', params, querystring: CampaignPageQuery, response: { 200: CampaignPageResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const q = request.query;
      const page = await svc.getCampaign(ctx.db, actor, idNumber(request.params.id), ctx.clock(), {
        page: q.page,
        pageSize: q.pageSize,
        filter: q.filter,
        ...(q.object ? { objectId: idNumber(q.object) } : {}),
      });
      return {
        campaign: { ...campaignJson(page.campaign), result: null },
        objects: page.objects.map((o) => ({
          ...o,
          id: String(o.id),
          enterpriseId: String(o.enterpriseId),
          inspectors: o.inspectors.map((i) => ({ id: String(i.id), name: i.name })),
          current: o.current ? resultOut(o.current, actor) : null,
          versions: o.versions.map((v) => resultOut(v, actor)),
          followUps: o.followUps.map(followUpLinkJson),
          evidence: o.evidence,
        })),
        total: page.total,
        page: page.page,
        pageSize: page.pageSize,
        counts: page.counts,
        me: page.me ? { id: String(page.me.id), name: page.me.name } : null,
        downloadUrl: page.campaign.frameFixedAt ? `/api/inspections/campaigns/${page.campaign.id}/file` : null,
      };
    },
  );
  r.get(
    '/inspections/publication-due',
    { schema: { tags, security, summary: '检查结果待公示和公示逾期（驾驶舱）', description: '检查结束之日起 20 个工作日内公示（参数可设）；按抽查任务汇总。', response: { 200: PublicationDueResponse, ...errors } } },
    async (request) => {
      const d = await svc.publicationDue(ctx.db, actorOf(request), ctx.clock());
      return { ...d, items: d.items.map((x) => ({ ...x, campaignId: String(x.campaignId) })) };
    },
  );
  r.post(
    '/inspections/campaigns/:id/frame',
    { schema: { tags, security, summary: '生成并公布抽查框和承诺值', description: '冻结符合条件的检查对象名单，生成随机种子（只公开其 SHA-256 承诺值）。抽取前可重新生成。', params, response: { 200: CampaignOut, ...errors } } },
    async (request) => campaignJson(await svc.fixFrame(ctx.db, actorOf(request), idNumber(request.params.id), ctx.clock())),
  );
  r.post(
    '/inspections/campaigns/:id/draw',
    { schema: { tags, security, summary: '抽取并公开随机种子', description: '按决定 018 的算法抽取检查对象和检查人员；种子公开后不能重新抽取。', params, response: { 200: CampaignOut, ...errors } } },
    async (request) => campaignJson(await svc.drawCampaign(ctx.db, actorOf(request), idNumber(request.params.id), ctx.clock(), { objects: 'background' })),
  );
  r.post('/inspections/campaigns/:id/state', { schema: { tags, security, summary: '改变抽查任务状态（执行中、已完成）', params, body: MoveBody, response: { 200: CampaignOut, ...errors } } }, async (request) =>
    campaignJson(await svc.moveCampaign(ctx.db, actorOf(request), idNumber(request.params.id), request.body.state, request.body.endedOn)),
  );
  r.get('/inspections/campaigns/:id/file', { schema: { tags, security, summary: '抽取文件（JSON，供 zhiliang draw verify 核验）', params, response: { ...errors } } }, async (request, reply) => {
    const actor = actorOf(request);
    await svc.listItems(ctx.db, actor); // authorization: inspections:read
    const file = await svc.drawFileOf(ctx.db, actor.tenantId, idNumber(request.params.id));
    return sendFile(reply, file, request.params.id);
  });

  r.post('/inspections/objects/:id/results', { schema: { tags, security, summary: '录入检查结果（新版本）', params, body: ResultBody, response: { 200: ResultOut, ...errors } } }, async (request) => {
    const actor = actorOf(request);
    return resultOut(await svc.enterResult(ctx.db, actor, idNumber(request.params.id), request.body, ctx.clock()), actor);
  });
  r.post('/inspections/results/:id/review', { schema: { tags, security, summary: '审核检查结果：通过并公示，或退回', params, body: ReviewBody, response: { 200: ResultOut, ...errors } } }, async (request) => {
    const actor = actorOf(request);
    return resultOut(await svc.reviewResult(ctx.db, actor, idNumber(request.params.id), request.body, ctx.clock()), actor);
  });

  // --- 证据材料 of a result ---
  const evidenceOut = (e: Awaited<ReturnType<typeof svc.listEvidence>>[number], actor: { userId: number | null }): EvidenceOut => ({
    id: String(e.id),
    objectId: String(e.objectId),
    forVersion: e.forVersion,
    submitted: e.submitted,
    fileName: e.fileName,
    mimeType: e.mimeType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedByName: e.uploadedByName,
    uploadedAt: e.createdAt.toISOString(),
    mayDelete: !e.submitted && e.uploadedBy === actor.userId,
  });
  r.get(
    '/inspections/objects/:id/evidence',
    { schema: { tags, security, summary: '检查对象的证据材料（各版本）', params, response: { 200: z.object({ items: z.array(EvidenceOut) }), ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return { items: (await svc.listEvidence(ctx.db, actor, idNumber(request.params.id))).map((e) => evidenceOut(e, actor)) };
    },
  );
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_LIMITS.maxBytes, files: 1, fields: 2 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/inspections/objects/:id/evidence',
      {
        schema: {
          tags,
          security,
          summary: '上传证据材料（随下一版检查结果提交）',
          description: `multipart/form-data，字段 file。照片（JPG、PNG）、PDF、Word（docx）、Excel（xlsx）、TXT，按文件内容识别（415 EVIDENCE_TYPE）；单个不超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB（413 EVIDENCE_TOO_LARGE）；每版最多 ${svc.EVIDENCE_PER_VERSION} 份。只有本检查对象的执法检查人员可上传，结果待审核期间不可上传。`,
          consumes: ['multipart/form-data'],
          params,
          response: { 201: EvidenceOut, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        assertCan(actor, 'inspections:manage'); // before reading the body
        let bytes: Buffer;
        let fileName: string;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) throw new AppError('FILE_REQUIRED', '请选择要上传的证据材料（表单字段 file）', 400);
          fileName = file.filename || 'evidence';
          bytes = await file.toBuffer();
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw svc.evidenceTooLarge();
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_FILES', '一次只能上传一个文件', 400);
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('FILE_REQUIRED', '请以 multipart/form-data 上传文件', 400);
          throw e;
        }
        const e = await svc.addEvidence(ctx.db, actor, idNumber(request.params.id), { fileName, bytes });
        return reply.code(201).send(evidenceOut({ ...e, submitted: false }, actor));
      },
    );
  });
  r.get('/inspections/evidence/:id', { schema: { tags, security, summary: '下载证据材料', params } }, async (request, reply) => {
    const e = await svc.getEvidence(ctx.db, actorOf(request), idNumber(request.params.id));
    reply.header('content-type', e.mimeType);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(e.fileName)}`);
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(e.content);
  });
  r.delete(
    '/inspections/evidence/:id',
    { schema: { tags, security, summary: '删除本人上传、尚未随结果提交的证据材料', params, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (request) => {
      await svc.removeEvidence(ctx.db, actorOf(request), idNumber(request.params.id));
      return { ok: true as const };
    },
  );

  // --- 企业标准自我声明 spot checks (the draw, results and review are the campaign routes above) ---
  r.get(
    '/inspections/standards/declarations',
    {
      schema: {
        tags,
        security,
        summary: '企业标准自我声明',
        querystring: z.object({ q: z.string().max(100).optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
        response: { 200: DeclarationListResponse, ...errors },
      },
    },
    async (request) => {
      const { rows, total } = await svc.listDeclarations(ctx.db, actorOf(request), request.query);
      return {
        total,
        items: rows.map((d) => ({
          id: String(d.id),
          enterpriseId: String(d.enterprise_id),
          enterpriseName: d.enterprise_name,
          creditCode: d.credit_code,
          standardNo: d.standard_no,
          standardName: d.standard_name,
          standardType: d.standard_type,
          products: d.products,
          declaredOn: d.declared_on,
        })),
      };
    },
  );
  r.post('/inspections/standards/declarations', { schema: { tags, security, summary: '登记企业标准自我声明', body: DeclarationBody, response: { 200: DeclarationOut, ...errors } } }, async (request) => {
    const d = await svc.createDeclaration(ctx.db, actorOf(request), request.body);
    return { id: String(d.id), enterpriseId: String(d.enterpriseId), enterpriseName: d.enterpriseName, creditCode: d.creditCode, standardNo: d.standardNo, standardName: d.standardName, standardType: d.standardType, products: d.products, declaredOn: d.declaredOn };
  });
  // the declarations import (Excel or CSV, declarations-import.ts)
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: DECLARATIONS_MAX_BYTES, files: 1, fields: 2 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/inspections/standards/imports',
      {
        schema: {
          tags,
          security,
          summary: '导入企业标准自我声明（Excel 或 CSV）',
          description:
            'multipart/form-data，字段 file：.xlsx 或 .csv（UTF-8 或 GB18030，自动识别），不超过 20 MB。表头须有 统一社会信用代码、标准编号、标准名称、标准类型（企业标准、团体标准、国家标准、行业标准、地方标准）、声明日期；可有 企业名称、产品。企业须已在本单位名录中。同一企业同一标准编号已登记的，名称、类型、产品或日期有变化时更新，否则不变；无效行逐行给出原因，可用 GET /inspections/standards/imports/{jobId}/refusals 下载 Excel。全部有效行在一个事务中写入，失败时不写入任何数据。',
          consumes: ['multipart/form-data'],
          response: { 200: DeclarationImportResponse, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        assertCan(actor, 'inspections:plan');
        const tooLarge = () => new AppError('FILE_TOO_LARGE', `文件过大，不能超过 ${DECLARATIONS_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入`, 413);
        let saved: { uploadId: string; path: string };
        let fileName: string;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) throw new AppError('FILE_REQUIRED', '请选择要导入的文件（表单字段 file）', 400);
          fileName = file.filename || 'upload';
          saved = await saveUpload(actor.tenantId, fileName, file.file);
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FILE_TOO_LARGE') throw tooLarge();
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_FILES', '一次只能上传一个文件', 400);
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('FILE_REQUIRED', '请以 multipart/form-data 上传文件', 400);
          throw e;
        }
        try {
          return await importDeclarationsFile(ctx.db, actor, saved.path, fileName, todayInShanghai(ctx.clock));
        } catch (e) {
          if ((e as { code?: string }).code === 'FILE_TOO_LARGE') throw tooLarge();
          throw e;
        } finally {
          dropUpload(saved.uploadId);
        }
      },
    );
  });
  r.get(
    '/inspections/standards/imports/:id/refusals',
    {
      schema: {
        tags,
        security,
        summary: '下载未导入的企业标准自我声明行（Excel）',
        description: '每行：行号、未导入原因、该行原来的各列。',
        params,
        produces: [XLSX_MIME],
        response: { 200: z.any().meta({ description: 'Excel 文件' }), ...errors },
      },
    },
    async (request, reply) => {
      const job = await getDeclarationImportJob(ctx.db, actorOf(request), idNumber(request.params.id));
      const out = await refusalsWorkbookOf(ctx.db, job);
      reply.header('content-disposition', attachment(out.fileName));
      reply.type(XLSX_MIME);
      return reply.send(out.stream);
    },
  );
  r.get(
    '/inspections/standards/conformity',
    { schema: { tags, security, summary: '企业标准自我声明抽查符合率（按行业、区域）', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: ConformityResponse, ...errors } } },
    async (request) => svc.standardsConformity(ctx.db, actorOf(request), request.query.year),
  );

  // --- public (no sign-in) ---
  const publicTags = ['公开信息'];
  r.get(
    '/public/draws',
    {
      schema: {
        tags: publicTags,
        summary: '公开的双随机抽取（无需登录）',
        description: '已公布抽查框和承诺值的抽查任务；抽取后含随机种子。downloadUrl 为可用 zhiliang draw verify 核验的 JSON 文件。',
        querystring: TenantQuery,
        response: { 200: PublicDrawListResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const tenant = await resolvePublicTenant(ctx.db, request.query.tenant);
      const q = request.query.tenant !== undefined ? `?tenant=${tenant.id}` : '';
      const items = await svc.listPublicDraws(ctx.db, tenant.id);
      return {
        tenant: { id: String(tenant.id), name: tenant.name },
        items: items.map((d) => ({ ...d, id: String(d.id), downloadUrl: `/api/public/draws/${d.id}/file${q}` })),
      };
    },
  );
  r.get(
    '/public/draws/:id/file',
    { schema: { tags: publicTags, summary: '抽取文件（JSON，无需登录）', params, querystring: TenantQuery, response: { 400: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      const tenant = await resolvePublicTenant(ctx.db, request.query.tenant);
      const file = await svc.drawFileOf(ctx.db, tenant.id, idNumber(request.params.id));
      return sendFile(reply, file, request.params.id);
    },
  );
}

function sendFile(reply: import('fastify').FastifyReply, file: unknown, id: string) {
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="draw-${id}.json"`)
    .send(JSON.stringify(file));
}

export type { CampaignRow };
