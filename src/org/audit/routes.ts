// GET /api/admin/audit: the tenant's audit log, filtered and paged (admins).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, parseBound } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { isoOrNull } from '../../core/http/schemas';
import { assertCan } from '../auth/policy';
import type { AuditRow } from './tables';
import { AuditListResponse, AuditQuery, type AuditEntry } from './schemas';
import { listAudit } from './service';
import { auditNameKey } from './names';

export function auditEntryOut(row: AuditRow, entityName: string | null = null): AuditEntry {
  return {
    id: String(row.id),
    at: isoOrNull(row.at)!,
    actorUserId: row.actorUserId === null ? null : String(row.actorUserId),
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    entityName,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
  };
}

export async function auditRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/admin/audit',
    {
      schema: {
        tags: ['审计日志'],
        summary: '查询审计日志（管理员）',
        querystring: AuditQuery,
        response: { 200: AuditListResponse, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'audit:read');
      const q = request.query;
      const page = await listAudit(ctx.db, actor, {
        actor: q.actor,
        entityType: q.entityType,
        action: q.action,
        from: parseBound(q.from),
        to: parseBound(q.to, true),
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: page.items.map((row) => auditEntryOut(row, page.names.get(auditNameKey(row.entityType, row.entityId ?? '')) ?? null)), total: page.total };
    },
  );
}
