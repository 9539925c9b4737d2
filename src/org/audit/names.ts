// The names of the objects an audit record is about ("行动计划 5" → the plan's title), resolved for
// a page of records in ONE query. The audit room does not know the rooms above it, so each room
// registers, per entity type, a query of (entity_id, name) for a tenant's ids at assembly time
// (src/server/routes.ts); the organisation's own types are registered here.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { users } from '../auth/tables';
import { departments } from '../departments/tables';
import { tenants } from '../tenancy/tables';

/** A select of two text columns, `entity_id` and `name`, for the tenant's objects with these ids. */
export type AuditNameQuery = (tenantId: number, ids: number[]) => SQL;

const queries = new Map<string, AuditNameQuery>();

/** Registers (or replaces) how the names of one entity type are found. */
export function registerAuditNames(entityType: string, query: AuditNameQuery): void {
  queries.set(entityType, query);
}

registerAuditNames('user', (tenantId, ids) =>
  sql`select ${users.id}::text as entity_id, ${users.displayName} || '（' || ${users.username} || '）' as name from ${users} where ${and(eq(users.tenantId, tenantId), inArray(users.id, ids))}`,
);
registerAuditNames('department', (tenantId, ids) =>
  sql`select ${departments.id}::text as entity_id, ${departments.name} as name from ${departments} where ${and(eq(departments.tenantId, tenantId), inArray(departments.id, ids))}`,
);
registerAuditNames('tenant', (tenantId, ids) =>
  sql`select ${tenants.id}::text as entity_id, ${tenants.name} as name from ${tenants} where ${and(eq(tenants.id, tenantId), inArray(tenants.id, ids))}`,
);

/** `${entityType}:${entityId}` of a record, the key of the map auditNames returns. */
export const auditNameKey = (entityType: string, entityId: string) => `${entityType}:${entityId}`;

/**
 * The current names of the objects of these records, as a map keyed by auditNameKey. One query
 * (a UNION ALL of the registered types that occur); objects deleted since are absent.
 */
export async function auditNames(db: DbOrTx, tenantId: number, records: { entityType: string; entityId: string | null }[]): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<number>>();
  for (const r of records) {
    if (!r.entityId || !/^\d{1,15}$/.test(r.entityId) || !queries.has(r.entityType)) continue;
    let set = idsByType.get(r.entityType);
    if (!set) idsByType.set(r.entityType, (set = new Set()));
    set.add(Number(r.entityId));
  }
  const out = new Map<string, string>();
  if (!idsByType.size) return out;
  const parts = [...idsByType].map(
    ([type, ids]) => sql`select ${type}::text as entity_type, q.entity_id, q.name::text as name from (${queries.get(type)!(tenantId, [...ids])}) q`,
  );
  const result = await db.execute<{ entity_type: string; entity_id: string; name: string | null }>(sql.join(parts, sql` union all `));
  for (const row of result.rows) if (row.name) out.set(auditNameKey(row.entity_type, row.entity_id), row.name);
  return out;
}
