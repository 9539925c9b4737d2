// Routes of the annual assessment (考核): scheme per year, compute, list, read, adjust, Excel export.
// Thin: validate, authorize (in the service), call the service, shape the answer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { isoOrNull } from '../../core/http/schemas';
import { attachmentHeader } from '../notices/routes';
import { defaultIssuer } from '../notices/service';
import { XLSX_MIME } from '../model';
import { SCORING_RULES } from './model';
import {
  AdjustBody,
  AssessmentDetailResponse,
  AssessmentListQuery,
  AssessmentListResponse,
  AssessmentPageResponse,
  AssessmentParams,
  AssessmentResponse,
  ComputeBody,
  SchemeBody,
  SchemeResponse,
  YearParams,
  YearQuery,
  type AssessmentOut,
} from './schemas';
import { adjustAssessment, computeAssessments, getAssessment, getScheme, listAssessmentPage, listAssessments, saveScheme, type Assessment, type Scheme } from './service';

export function assessmentOut(a: Assessment): AssessmentOut {
  return {
    id: String(a.id),
    year: a.year,
    departmentId: String(a.departmentId),
    departmentName: a.departmentName,
    breakdown: a.breakdown,
    computedScore: a.computedScore,
    adjustedScore: a.adjustedScore,
    adjustmentReason: a.adjustmentReason,
    finalScore: a.finalScore,
    veto: a.veto,
    vetoReason: a.vetoReason,
    grade: a.grade,
    computedAt: isoOrNull(a.computedAt)!,
    updatedAt: isoOrNull(a.updatedAt)!,
    version: a.version,
  };
}

const schemeOut = (s: Scheme) => ({ ...s, id: s.id === null ? null : String(s.id) });

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function assessmentRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['考核'];
  const security = [{ session: [] }];

  r.get(
    '/assessments/schemes/:year',
    {
      schema: { tags, security, summary: '年度考核方案', description: '未保存时返回默认方案（满分 100：按时报送 30、目标完成 50、任务完成 20；A≥90，B≥80，C≥60）。', params: YearParams, response: { 200: SchemeResponse, ...errors } },
    },
    async (request) => ({ scheme: schemeOut(await getScheme(ctx.db, actorOf(request), request.params.year)), rules: { ...SCORING_RULES } }),
  );

  r.put(
    '/assessments/schemes/:year',
    {
      schema: { tags, security, summary: '保存年度考核方案', description: '需带读取时的 version（未保存过为 0）。', params: YearParams, body: SchemeBody, response: { 200: SchemeResponse, ...errors } },
    },
    async (request) => ({
      scheme: schemeOut(await saveScheme(ctx.db, actorOf(request), request.params.year, request.body)),
      rules: { ...SCORING_RULES },
    }),
  );

  r.post(
    '/assessments/compute',
    {
      schema: {
        tags,
        security,
        summary: '计算年度考核',
        description: '按年度考核方案，从报送记录计算每个有目标或任务的责任单位的得分和等级；保留已有的调整和一票否决。',
        body: ComputeBody,
        response: { 200: AssessmentListResponse, ...errors },
      },
    },
    async (request) => {
      const items = await computeAssessments(ctx.db, actorOf(request), request.body.year, ctx.clock());
      return { year: request.body.year, items: items.map(assessmentOut) };
    },
  );

  r.get(
    '/assessments',
    {
      schema: {
        tags,
        security,
        summary: '年度考核结果',
        description: '责任部门用户只看到本单位。按部门名录顺序分页：每页至多 200 条（默认 200），total 为总条数。',
        querystring: AssessmentListQuery,
        response: { 200: AssessmentPageResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const list = await listAssessmentPage(ctx.db, actorOf(request), q.year, q.page, q.pageSize);
      return { year: q.year, ...list, items: list.items.map(assessmentOut) };
    },
  );

  r.get(
    '/assessments/export',
    {
      schema: {
        tags,
        security,
        summary: '导出年度考核结果（Excel）',
        querystring: YearQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().meta({ description: 'Excel 文件' }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const year = request.query.year;
      const [items, scheme] = await Promise.all([listAssessments(ctx.db, actor, year), getScheme(ctx.db, actor, year)]);
      const { assessmentWorkbook } = await import('./excel'); // exceljs loads on the first export
      const bytes = await assessmentWorkbook(year, scheme, items, await defaultIssuer(ctx.db, actor.tenantId));
      reply.header('content-disposition', attachmentHeader(`${year}年度考核结果.xlsx`));
      reply.type(XLSX_MIME);
      return reply.send(bytes);
    },
  );

  r.get(
    '/assessments/:id',
    { schema: { tags, security, summary: '考核结果详情（含调整记录）', params: AssessmentParams, response: { 200: AssessmentDetailResponse, ...errors } } },
    async (request) => {
      const { history, ...a } = await getAssessment(ctx.db, actorOf(request), idNumber(request.params.id));
      return { assessment: assessmentOut(a), history: history.map((h) => ({ ...h, at: isoOrNull(h.at)! })) };
    },
  );

  r.patch(
    '/assessments/:id',
    {
      schema: {
        tags,
        security,
        summary: '调整得分或一票否决',
        description: '须填写理由（不少于 10 个字），记入审计日志；需带读取时的 version。',
        params: AssessmentParams,
        body: AdjustBody,
        response: { 200: AssessmentResponse, ...errors },
      },
    },
    async (request) => ({ assessment: assessmentOut(await adjustAssessment(ctx.db, actorOf(request), idNumber(request.params.id), request.body)) }),
  );
}
