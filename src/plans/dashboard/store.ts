// SQL of the dashboard: what tells a cached dashboard that it is out of date.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';

/**
 * A mark that changes whenever the dashboard's inputs may have: every change to plans, targets,
 * reports and departments writes an audit entry in its own transaction (the newest entry's id), and
 * the authority's holiday table (count and newest edit). Two index lookups, whatever the data size.
 */
export async function selectChangeMark(db: DbOrTx, tenantId: number): Promise<string> {
  const { rows } = await db.execute(sql`
    select (select coalesce(max(id), 0) from audit_log where tenant_id = ${tenantId})::text
        || '/' || (select count(*) || ':' || coalesce(max(updated_at)::text, '') from calendar_overrides where tenant_id = ${tenantId}) as mark`);
  return String((rows[0] as { mark: string }).mark);
}
