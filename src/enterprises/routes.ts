// The directory's routes: search and export the register, one enterprise's quality file, and the
// register import (upload → mapping → job with progress → refusals workbook). Thin: validate,
// authorize, call the service, shape the answer.
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../core/errors';
import { actorOf, idNumber } from '../core/http/actor';
import type { ApiContext } from '../core/http/context';
import { ErrorBody } from '../core/http/errors';
import { IdParams, isoOrNull } from '../core/http/schemas';
import { assertCan } from '../org/auth/policy';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from './industry';
import { ENTERPRISE_STATUSES, HISTORY_FIELD_LABELS, IMPORT_FIELDS, IMPORT_LIMITS, uploadTooLargeMessage, type ColumnMapping, type Enterprise } from './model';
import {
  EnterpriseFileResponse,
  EnterpriseListQuery,
  EnterpriseListResponse,
  EnterpriseOptionsResponse,
  ImportJobResponse,
  ImportPreviewResponse,
  StartImportBody,
  type EnterpriseOut,
  type ImportJobOut,
} from './schemas';
import {
  authorityRegions,
  beginFileImport,
  exportEnterprises,
  getEnterpriseFile,
  getImportJob,
  LICENCE_KINDS,
  previewRegisterFile,
  refusalsWorkbook,
  regionFullName,
  searchEnterprises,
  XLSX_MIME,
  type ImportJob,
} from './service';
import { dropUpload, saveUpload, setUploadDir, takeUpload } from './uploads';

const divisionName = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d.name]));
const sectionName = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s.name]));

export function enterpriseOut(e: Enterprise): EnterpriseOut {
  return {
    id: String(e.id),
    creditCode: e.creditCode,
    name: e.name,
    legalRepresentative: e.legalRepresentative,
    category: e.category,
    type: e.type,
    status: e.status,
    registeredOn: e.registeredOn,
    registeredCapital: e.registeredCapital,
    address: e.address,
    regionCode: e.regionCode,
    regionName: e.regionCode ? regionFullName(e.regionCode) : null,
    industrySection: e.industrySection,
    industryDivision: e.industryDivision,
    industryName: (e.industryDivision && divisionName.get(e.industryDivision)) || (e.industrySection && sectionName.get(e.industrySection)) || null,
    licences: e.licences,
    productTags: e.productTags,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function importJobOut(j: ImportJob): ImportJobOut {
  return {
    id: String(j.id),
    fileName: j.fileName,
    status: j.status,
    stage: j.stage,
    percent: j.percent,
    rowsRead: j.rowsRead,
    rowsPerSecond: j.rowsPerSecond,
    imported: j.imported,
    updated: j.updated,
    unchanged: j.unchanged,
    refused: j.refused,
    errorCode: j.errorCode,
    errorMessage: j.errorMessage,
    startedAt: j.startedAt.toISOString(),
    finishedAt: isoOrNull(j.finishedAt),
  };
}

/** RFC 6266 attachment header with the UTF-8 name. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function enterpriseRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  // uploads between the mapping step and the import are spooled beside the database files, not in memory
  setUploadDir(path.join(ctx.config.dataDir, 'uploads'));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['企业名录'];
  const security = [{ session: [] }];

  r.get(
    '/enterprises',
    {
      schema: {
        tags,
        security,
        summary: '企业名录查询',
        description:
          'q 为名称片段（如名称中的三个字，% 和 _ 按字面匹配）或统一社会信用代码的前几位；可按行政区划（含下级）、行业门类或大类、登记状态、许可证类别、重点产品、信用风险分类（riskClass=A–D）、在列名录（list=abnormal 经营异常名录 / serious 严重违法失信名单，仅现正列入的）筛选。分页（每页最多100条，最多翻到第10000条）；匹配超过10000条时 total 为估计值（totalExact=false）。',
        querystring: EnterpriseListQuery,
        response: { 200: EnterpriseListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const res = await searchEnterprises(ctx.db, actor, request.query);
      return { items: res.items.map(enterpriseOut), total: res.total, totalExact: res.totalExact };
    },
  );

  r.get(
    '/enterprises/options',
    { schema: { tags, security, summary: '名录筛选项', description: '登记状态、行业、本单位的行政区划（至乡镇街道）、许可证类别，以及导入可识别的字段。', response: { 200: EnterpriseOptionsResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return {
        statuses: [...ENTERPRISE_STATUSES],
        industries: [
          ...INDUSTRY_SECTIONS.map((s) => ({ code: s.code, name: s.name, kind: '门类' as const, section: s.code })),
          ...INDUSTRY_DIVISIONS.map((d) => ({ code: d.code, name: d.name, kind: '大类' as const, section: d.section })),
        ],
        regions: await authorityRegions(ctx.db, actor),
        licenceKinds: LICENCE_KINDS,
        importFields: IMPORT_FIELDS.map((f) => ({ key: f.key, label: f.label, required: f.required })),
        maxImportBytes: IMPORT_LIMITS.maxBytes,
      };
    },
  );

  r.get(
    '/enterprises/export',
    {
      schema: {
        tags,
        security,
        summary: '导出企业名录（Excel）',
        description: '按与查询相同的条件导出，流式生成，最多 200000 行。',
        querystring: EnterpriseListQuery.omit({ page: true, pageSize: true }),
        produces: [XLSX_MIME],
        response: { 200: z.any().meta({ description: 'Excel 文件' }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const out = await exportEnterprises(ctx.db, actor, request.query);
      reply.header('content-disposition', attachment(out.fileName));
      reply.type(XLSX_MIME);
      return reply.send(out.stream);
    },
  );

  r.get(
    '/enterprises/:id/file',
    {
      schema: {
        tags,
        security,
        summary: '企业质量档案',
        description: '企业的登记信息、许可证、重点产品、区划和行业名称、名称/住所/状态的变更历史，以及平台中与其有关的全部记录的时间线（新的在前）。',
        params: IdParams,
        response: { 200: EnterpriseFileResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const f = await getEnterpriseFile(ctx.db, actor, idNumber(request.params.id));
      return {
        enterprise: { ...enterpriseOut(f.enterprise), industrySectionName: f.industrySectionName },
        history: f.history.map((h) => ({
          id: String(h.id),
          field: h.field,
          fieldLabel: HISTORY_FIELD_LABELS[h.field] ?? h.field,
          oldValue: h.oldValue,
          newValue: h.newValue,
          source: h.source,
          changedAt: h.changedAt.toISOString(),
        })),
        timeline: f.timeline,
      };
    },
  );

  // --- import
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 5 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/enterprises/imports/upload',
      {
        schema: {
          tags,
          security,
          summary: '上传企业名录文件',
          description:
            'multipart/form-data，字段 file：.xlsx 或 .csv（UTF-8 或 GB18030，自动识别），不超过 200 MB。返回表头和按表头名称自动找到的字段对应；missing 不为空时需在下一步给出对应关系。不写入名录。',
          consumes: ['multipart/form-data'],
          response: { 200: ImportPreviewResponse, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        assertCan(actor, 'enterprises:import');
        let saved: { uploadId: string; path: string };
        let fileName: string;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file) throw new AppError('FILE_REQUIRED', '请选择要导入的名录文件（表单字段 file）', 400);
          fileName = file.filename || 'upload';
          saved = await saveUpload(actor.tenantId, fileName, file.file);
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', uploadTooLargeMessage('enterprises'), 413);
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_FILES', '一次只能上传一个文件', 400);
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('FILE_REQUIRED', '请以 multipart/form-data 上传文件', 400);
          throw e;
        }
        try {
          const p = await previewRegisterFile(saved.path, fileName);
          return {
            uploadId: saved.uploadId,
            fileName,
            kind: p.info.kind,
            encoding: p.info.encoding,
            headers: p.headers,
            mapping: p.mapping as Record<string, number>,
            missing: p.missing,
          };
        } catch (e) {
          dropUpload(saved.uploadId);
          throw e;
        }
      },
    );
  });

  r.post(
    '/enterprises/imports',
    {
      schema: {
        tags,
        security,
        summary: '开始导入企业名录',
        description:
          '按上传编号导入（mapping 省略时按表头自动对应）。导入在后台进行：返回导入任务，用 GET /enterprises/imports/{id} 查看进度（百分比、每秒行数）和结果。有效行按统一社会信用代码新增或更新（名称、住所、状态的变更保留历史），无效行逐行给出原因；合并在一个事务中完成，中断时不写入任何数据。同一单位同时只能有一个导入（409 IMPORT_RUNNING）。',
        body: StartImportBody,
        response: { 200: ImportJobResponse, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'enterprises:import');
      const upload = takeUpload(actor.tenantId, request.body.uploadId);
      const { job, run } = await beginFileImport(ctx.db, actor, upload.path, upload.fileName, {
        mapping: request.body.mapping as ColumnMapping | undefined,
        now: ctx.clock(),
      });
      run()
        .catch((e) => request.log.warn({ err: e, jobId: job.id }, 'enterprise import failed'))
        .finally(() => dropUpload(request.body.uploadId));
      return { job: importJobOut(job) };
    },
  );

  r.get(
    '/enterprises/imports/:id',
    { schema: { tags, security, summary: '导入任务进度和结果', params: IdParams, response: { 200: ImportJobResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return { job: importJobOut(await getImportJob(ctx.db, actor, idNumber(request.params.id))) };
    },
  );

  r.get(
    '/enterprises/imports/:id/refusals',
    {
      schema: {
        tags,
        security,
        summary: '下载未导入的行（Excel）',
        description: '每行：行号、未导入原因、该行原来的各列。',
        params: IdParams,
        produces: [XLSX_MIME],
        response: { 200: z.any().meta({ description: 'Excel 文件' }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const out = await refusalsWorkbook(ctx.db, actor, idNumber(request.params.id));
      reply.header('content-disposition', attachment(out.fileName));
      reply.type(XLSX_MIME);
      return reply.send(out.stream);
    },
  );
}
