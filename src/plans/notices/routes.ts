// Routes of 督查通报: generate, list, read, edit, issue, delete a draft, export as Word (GB/T 9704).
// Thin: validate, authorize (in the service), call the service, shape the answer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { Id, isoOrNull } from '../../core/http/schemas';
import { GenerateNoticeBody, IssueNoticeBody, NoticeListQuery, NoticeListResponse, NoticeResponse, UpdateNoticeBody, type NoticeOut } from './schemas';
import { deleteNotice, generateNotice, getNotice, issueNotice, listNotices, noticeDocx, updateNotice, type Notice } from './service';

export function noticeOut(n: Notice): NoticeOut {
  return {
    id: String(n.id),
    planId: n.planId === null ? null : String(n.planId),
    periodId: n.periodId === null ? null : String(n.periodId),
    periodLabel: n.periodLabel,
    title: n.title,
    documentNumber: n.documentNumber,
    status: n.status,
    issuingBody: n.issuingBody,
    copyTo: n.copyTo,
    issueDate: n.issueDate,
    issuedAt: isoOrNull(n.issuedAt),
    content: n.content,
    bodyText: n.bodyText,
    departments: n.departments.map((d) => ({ id: String(d.id), name: d.name })),
    createdAt: isoOrNull(n.createdAt)!,
    updatedAt: isoOrNull(n.updatedAt)!,
    version: n.version,
  };
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Params = z.object({ id: Id });
const VersionQuery = z.object({ version: z.coerce.number().int().min(1).meta({ title: '版本号' }) });

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Content-Disposition for a Chinese file name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function noticeRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['督查通报'];
  const security = [{ session: [] }];

  r.post(
    '/notices/generate',
    {
      schema: {
        tags,
        security,
        summary: '生成督查通报草稿',
        description:
          '按报送周期（periodId）或起止日期（periodStart、periodEnd：期间内结束的报送周期），从报送记录生成通报草稿：逾期未报送、目标进度滞后、任务推进受阻，按责任单位分列。可限定某个计划（planId）。',
        body: GenerateNoticeBody,
        response: { 200: NoticeResponse, ...errors },
      },
    },
    async (request) => {
      const b = request.body;
      const notice = await generateNotice(
        ctx.db,
        actorOf(request),
        {
          periodId: b.periodId ? idNumber(b.periodId) : undefined,
          periodStart: b.periodStart,
          periodEnd: b.periodEnd,
          planId: b.planId ? idNumber(b.planId) : undefined,
        },
        ctx.clock(),
      );
      return { notice: noticeOut(notice) };
    },
  );

  r.get(
    '/notices',
    {
      schema: {
        tags,
        security,
        summary: '督查通报列表',
        description: '责任部门用户只看到已印发且涉及本单位的通报。',
        querystring: NoticeListQuery,
        response: { 200: NoticeListResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const list = await listNotices(ctx.db, actorOf(request), { status: q.status, planId: q.planId ? idNumber(q.planId) : undefined, page: q.page, pageSize: q.pageSize });
      return { ...list, items: list.items.map(noticeOut) };
    },
  );

  r.get(
    '/notices/:id',
    { schema: { tags, security, summary: '督查通报详情', params: Params, response: { 200: NoticeResponse, ...errors } } },
    async (request) => ({ notice: noticeOut(await getNotice(ctx.db, actorOf(request), idNumber(request.params.id))) }),
  );

  r.patch(
    '/notices/:id',
    {
      schema: {
        tags,
        security,
        summary: '修改通报草稿',
        description: '只能修改草稿；需带读取时的 version，已被他人修改返回 409 CONFLICT，已印发返回 409 NOTICE_ISSUED。',
        params: Params,
        body: UpdateNoticeBody,
        response: { 200: NoticeResponse, ...errors },
      },
    },
    async (request) => {
      const b = request.body;
      const notice = await updateNotice(ctx.db, actorOf(request), idNumber(request.params.id), {
        ...b,
        departmentIds: b.departmentIds?.map(idNumber),
      });
      return { notice: noticeOut(notice) };
    },
  );

  r.post(
    '/notices/:id/issue',
    {
      schema: {
        tags,
        security,
        summary: '印发通报',
        description: '设定发文字号（不填自动编号）和成文日期（默认今天），印发后只读，并通知涉及的单位。',
        params: Params,
        body: IssueNoticeBody,
        response: { 200: NoticeResponse, ...errors },
      },
    },
    async (request) => ({
      notice: noticeOut(await issueNotice(ctx.db, actorOf(request), idNumber(request.params.id), request.body, ctx.clock())),
    }),
  );

  r.delete(
    '/notices/:id',
    {
      schema: { tags, security, summary: '删除通报草稿', params: Params, querystring: VersionQuery, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
    },
    async (request) => {
      await deleteNotice(ctx.db, actorOf(request), idNumber(request.params.id), request.query.version);
      return { ok: true as const };
    },
  );

  r.get(
    '/notices/:id/docx',
    {
      schema: {
        tags,
        security,
        summary: '导出通报（Word，公文格式）',
        description: '按 GB/T 9704《党政机关公文格式》排版的 .docx：发文机关标志、发文字号、红色分隔线、标题、正文、署名和成文日期、页码。',
        params: Params,
        produces: [DOCX_MIME],
        response: { 200: z.any().meta({ description: 'Word 文件' }), ...errors },
      },
    },
    async (request, reply) => {
      const { bytes, fileName } = await noticeDocx(ctx.db, actorOf(request), idNumber(request.params.id));
      reply.header('content-disposition', attachmentHeader(fileName));
      reply.type(DOCX_MIME);
      return reply.send(bytes);
    },
  );
}
