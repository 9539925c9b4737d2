// Request and response schemas of the notice routes (督查通报). The web imports its types from here.
import { z } from 'zod';
import { Id, IsoDate, Page, PageSize, Timestamp } from '../../core/http/schemas';
import { NOTICE_STATUSES } from './model';

const DateString = IsoDate;

export const NoticeStatus = z.enum(NOTICE_STATUSES).meta({ title: '通报状态', description: 'draft 草稿 · issued 已印发' });

export const GenerateNoticeBody = z
  .object({
    periodId: Id.optional().meta({ title: '报送周期编号' }),
    periodStart: DateString.optional().meta({ title: '开始日期' }),
    periodEnd: DateString.optional().meta({ title: '结束日期' }),
    planId: Id.optional().meta({ title: '计划编号', description: '不填时包括全部已发布计划' }),
  })
  .strict()
  .refine((b) => b.periodId !== undefined || (b.periodStart !== undefined && b.periodEnd !== undefined), {
    message: '请选择报送周期（periodId），或填写开始和结束日期（periodStart、periodEnd）',
    path: ['periodId'],
  });
export type GenerateNoticeBody = z.infer<typeof GenerateNoticeBody>;

export const UpdateNoticeBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号' }),
    title: z.string().trim().min(1, { message: '标题不能为空' }).max(200, { message: '标题不能超过 200 字' }).optional(),
    bodyText: z.string().max(100_000, { message: '正文过长' }).optional(),
    issuingBody: z.string().trim().min(1, { message: '发文机关不能为空' }).max(100).optional(),
    departmentIds: z.array(Id).max(500).optional().meta({ title: '涉及单位' }),
    copyTo: z
      .array(z.string().trim().min(1, { message: '抄送单位不能为空' }).max(100, { message: '抄送单位不能超过 100 字' }))
      .max(30, { message: '抄送单位不能超过 30 个' })
      .optional()
      .meta({ title: '抄送', description: '版记中的抄送机关，按顺序' }),
  })
  .strict();
export type UpdateNoticeBody = z.infer<typeof UpdateNoticeBody>;

export const IssueNoticeBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号' }),
    documentNumber: z.string().trim().min(1).max(60).optional().meta({ title: '发文字号', description: '不填时自动编号，如 质量办〔2026〕3号' }),
    numberPrefix: z.string().trim().min(1).max(30).optional().meta({ title: '发文字号前缀', description: '默认 质量办' }),
    issueDate: DateString.optional().meta({ title: '成文日期', description: '默认今天' }),
    issuingBody: z.string().trim().min(1).max(100).optional().meta({ title: '发文机关' }),
  })
  .strict();
export type IssueNoticeBody = z.infer<typeof IssueNoticeBody>;

export const NoticeListQuery = z.object({
  status: NoticeStatus.optional(),
  planId: Id.optional(),
  page: Page,
  // default 200 (the whole list of an authority's year, as the web page shows it), at most 200
  pageSize: PageSize.default(200),
});

const OverdueReport = z.object({
  planId: z.string(),
  planTitle: z.string(),
  periodId: z.string(),
  periodLabel: z.string(),
  dueDate: z.string(),
  state: z.enum(['missing', 'draft', 'returned', 'late']).meta({ description: 'missing 未报送 · draft 未提交 · returned 退回未重报 · late 逾期报送' }),
  submittedOn: z.string().nullable(),
});
const BehindTarget = z.object({
  targetId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  indicator: z.string(),
  goal: z.string(),
  deadlineYear: z.number().nullable(),
  latestValue: z.number(),
  latestAsOf: z.string(),
  unit: z.string(),
});
const BlockedTask = z.object({ taskId: z.string(), planId: z.string(), planTitle: z.string(), title: z.string(), periodLabel: z.string(), note: z.string().nullable() });

export const NoticeContent = z
  .object({
    periodStart: z.string(),
    periodEnd: z.string(),
    periodLabel: z.string(),
    asOf: z.string(),
    plans: z.array(z.object({ id: z.string(), title: z.string() })),
    summary: z.object({
      reportsDue: z.number(),
      reportsOnTime: z.number(),
      overdueReports: z.number(),
      lateReports: z.number(),
      targetsBehind: z.number(),
      tasksBlocked: z.number(),
      departments: z.number(),
    }),
    departments: z.array(
      z.object({
        departmentId: z.string(),
        name: z.string(),
        overdueReports: z.array(OverdueReport),
        targetsBehind: z.array(BehindTarget),
        tasksBlocked: z.array(BlockedTask),
      }),
    ),
  })
  .meta({ id: 'NoticeContent', title: '通报内容（按单位）' });

export const NoticeOut = z
  .object({
    id: z.string(),
    planId: z.string().nullable(),
    periodId: z.string().nullable(),
    periodLabel: z.string().nullable(),
    title: z.string(),
    documentNumber: z.string().nullable(),
    status: NoticeStatus,
    issuingBody: z.string().nullable(),
    copyTo: z.array(z.string()).meta({ title: '抄送', description: '版记中的抄送机关' }),
    issueDate: z.string().nullable(),
    issuedAt: Timestamp.nullable(),
    content: NoticeContent,
    bodyText: z.string(),
    departments: z.array(z.object({ id: z.string(), name: z.string() })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number(),
  })
  .meta({ id: 'Notice', title: '督查通报' });
export type NoticeOut = z.infer<typeof NoticeOut>;

export const NoticeResponse = z.object({ notice: NoticeOut });
export const NoticeListResponse = z.object({ items: z.array(NoticeOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
