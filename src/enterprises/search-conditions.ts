// Search conditions the directory does not own: an enterprise's risk class and its list memberships
// are credit's records (a room above this one), yet the 企业 list filters by them. As with the
// timeline, the owning room registers the SQL of its condition here (credit: src/credit/search.ts,
// registered when credit's service is loaded); the directory's search adds it to its WHERE. Each
// condition is an SQL predicate over the unaliased `enterprises` row of the search, and must be
// answerable from an index led by (tenant_id, value, enterprise_id) so it stays fast at province size.
import type { SQL } from 'drizzle-orm';
import { AppError } from '../core/errors';

export type SearchConditionName = 'riskClass' | 'list';
export type SearchCondition = (tenantId: number, value: string) => SQL;

const conditions = new Map<SearchConditionName, SearchCondition>();

export function registerSearchCondition(name: SearchConditionName, condition: SearchCondition): void {
  conditions.set(name, condition);
}

/** The registered condition's SQL; a clear refusal when no room registered it (e.g. credit not loaded). */
export function searchCondition(name: SearchConditionName, tenantId: number, value: string): SQL {
  const c = conditions.get(name);
  if (!c) throw new AppError('FILTER_UNAVAILABLE', name === 'riskClass' ? '暂不能按风险分类筛选' : '暂不能按名录筛选', 400);
  return c(tenantId, value);
}
