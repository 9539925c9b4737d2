// Request and response schemas of /api/admin/audit. The web imports its types from here.
import { z } from 'zod';
import { Id, Page, PageSize, Timestamp } from '../../core/http/schemas';

export const AuditEntry = z
  .object({
    id: Id,
    at: Timestamp,
    actorUserId: Id.nullable(),
    actorName: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    entityName: z.string().nullable().meta({ title: '对象名称', description: '对象现在的名称（已删除的对象为空）' }),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry', title: '审计记录' });
export type AuditEntry = z.infer<typeof AuditEntry>;

const DateOrTime = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: '应为日期（YYYY-MM-DD）或 ISO 8601 时间' });

export const AuditQuery = z.object({
  actor: z.string().trim().max(64).optional().meta({ title: '操作人', description: '用户名或姓名的一部分' }),
  entityType: z.string().trim().max(64).optional().meta({ title: '对象类型' }),
  action: z.string().trim().max(64).optional().meta({ title: '操作' }),
  from: DateOrTime.optional().meta({ title: '开始时间' }),
  to: DateOrTime.optional().meta({ title: '结束时间', description: '只给日期时包含当天' }),
  page: Page,
  pageSize: PageSize,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditListResponse = z
  .object({ items: z.array(AuditEntry), total: z.number().int() })
  .meta({ id: 'AuditList' });
export type AuditListResponse = z.infer<typeof AuditListResponse>;
