// SQL of the inspections room. Every query filters by tenant.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../core/db/index';
import type { ItemScope } from './model';
import {
  inspectionCampaigns,
  inspectionFrameObjects,
  inspectionItems,
  inspectionObjects,
  inspectionResults,
  inspectionSettings,
  inspectors,
  type CampaignRow,
  type InspectionItemRow,
  type InspectorRow,
  type ObjectRow,
  type ResultRow,
} from './tables';

// ---------------------------------------------------------------------------------------------------
// THE ONE PLACE the risk class of an enterprise is read (A/B/C/D, or NULL = 未分类): the class the
// credit room (src/credit, table credit_risk_classes) last computed. `e` is the alias of `enterprises`
// in the frame query.
export const RISK_CLASS_SQL: SQL = sql`(SELECT rc.class FROM credit_risk_classes rc WHERE rc.tenant_id = e.tenant_id AND rc.enterprise_id = e.id)`;
// ---------------------------------------------------------------------------------------------------

const textArray = (xs: readonly string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;
const bigintArray = (xs: readonly number[]) => sql`ARRAY(SELECT (jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))::bigint)`;

// --- settings ---------------------------------------------------------------------------------------

export async function selectSettings(db: DbOrTx, tenantId: number) {
  const [row] = await db.select().from(inspectionSettings).where(eq(inspectionSettings.tenantId, tenantId));
  return row ?? null;
}

export async function upsertSettings(db: DbOrTx, row: typeof inspectionSettings.$inferInsert, expectedVersion: number) {
  if (expectedVersion === 0) {
    const [r] = await db.insert(inspectionSettings).values(row).onConflictDoNothing().returning();
    return r ?? null;
  }
  const [r] = await db
    .update(inspectionSettings)
    .set({ ...row, version: expectedVersion + 1, updatedAt: new Date() })
    .where(and(eq(inspectionSettings.tenantId, row.tenantId), eq(inspectionSettings.version, expectedVersion)))
    .returning();
  return r ?? null;
}

// --- items and inspectors ---------------------------------------------------------------------------

export async function selectItems(db: DbOrTx, tenantId: number): Promise<InspectionItemRow[]> {
  return db.select().from(inspectionItems).where(eq(inspectionItems.tenantId, tenantId)).orderBy(asc(inspectionItems.code));
}

export async function selectItemsByIds(db: DbOrTx, tenantId: number, ids: number[]): Promise<InspectionItemRow[]> {
  if (!ids.length) return [];
  return db.select().from(inspectionItems).where(and(eq(inspectionItems.tenantId, tenantId), inArray(inspectionItems.id, ids))).orderBy(asc(inspectionItems.id));
}

export async function insertItem(db: DbOrTx, row: typeof inspectionItems.$inferInsert): Promise<InspectionItemRow> {
  const [r] = await db.insert(inspectionItems).values(row).returning();
  return r!;
}

export async function updateItem(db: DbOrTx, tenantId: number, id: number, version: number, values: Partial<typeof inspectionItems.$inferInsert>) {
  const [r] = await db
    .update(inspectionItems)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(inspectionItems.tenantId, tenantId), eq(inspectionItems.id, id), eq(inspectionItems.version, version)))
    .returning();
  return r ?? null;
}

export async function selectInspectors(db: DbOrTx, tenantId: number): Promise<InspectorRow[]> {
  return db.select().from(inspectors).where(eq(inspectors.tenantId, tenantId)).orderBy(asc(inspectors.id));
}

export async function insertInspector(db: DbOrTx, row: typeof inspectors.$inferInsert): Promise<InspectorRow> {
  const [r] = await db.insert(inspectors).values(row).returning();
  return r!;
}

export async function updateInspector(db: DbOrTx, tenantId: number, id: number, version: number, values: Partial<typeof inspectors.$inferInsert>) {
  const [r] = await db
    .update(inspectors)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(inspectors.tenantId, tenantId), eq(inspectors.id, id), eq(inspectors.version, version)))
    .returning();
  return r ?? null;
}

// --- campaigns --------------------------------------------------------------------------------------

export async function insertCampaign(db: DbOrTx, row: typeof inspectionCampaigns.$inferInsert): Promise<CampaignRow> {
  const [r] = await db.insert(inspectionCampaigns).values(row).returning();
  return r!;
}

export async function selectCampaign(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<CampaignRow | null> {
  const q = db.select().from(inspectionCampaigns).where(and(eq(inspectionCampaigns.tenantId, tenantId), eq(inspectionCampaigns.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

export async function selectCampaigns(db: DbOrTx, tenantId: number, opts: { drawnOnly?: boolean } = {}): Promise<CampaignRow[]> {
  const where = opts.drawnOnly
    ? and(eq(inspectionCampaigns.tenantId, tenantId), sql`${inspectionCampaigns.frameFixedAt} IS NOT NULL`)
    : eq(inspectionCampaigns.tenantId, tenantId);
  return db.select().from(inspectionCampaigns).where(where).orderBy(desc(inspectionCampaigns.id));
}

export async function updateCampaign(db: DbOrTx, tenantId: number, id: number, values: Partial<typeof inspectionCampaigns.$inferInsert>): Promise<CampaignRow> {
  const [r] = await db
    .update(inspectionCampaigns)
    .set({ ...values, version: sql`${inspectionCampaigns.version} + 1`, updatedAt: new Date() })
    .where(and(eq(inspectionCampaigns.tenantId, tenantId), eq(inspectionCampaigns.id, id)))
    .returning();
  return r!;
}

// --- the frame --------------------------------------------------------------------------------------

export interface FrameQuery {
  tenantId: number;
  campaignId: number;
  itemIds: number[];
  /** one scope per item; an enterprise in any of them is in the campaign's scope */
  scopes: ItemScope[];
  regionPrefix: string | null;
  operatingStatuses: string[];
  notDrawnWithinDays: number;
  now: Date;
  /** another risk-class expression (the benchmark's synthetic classes); default RISK_CLASS_SQL */
  riskClassSql?: SQL;
}

function scopeSql(s: ItemScope): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (s.industrySections?.length) parts.push(sql`e.industry_section = ANY(${textArray(s.industrySections)})`);
  if (s.industryDivisions?.length) parts.push(sql`e.industry_division = ANY(${textArray(s.industryDivisions)})`);
  if (s.licenceKinds?.length) parts.push(sql`EXISTS (SELECT 1 FROM jsonb_array_elements(e.licences) l WHERE l->>'kind' = ANY(${textArray(s.licenceKinds)}))`);
  if (s.productTags?.length) parts.push(sql`e.product_tags && ${textArray(s.productTags)}`);
  return sql.join(parts, sql` AND `);
}

function inScopeSql(q: FrameQuery): SQL {
  const scopes = q.scopes.length ? sql.join(q.scopes.map((s) => sql`(${scopeSql(s)})`), sql` OR `) : sql`TRUE`;
  const region = q.regionPrefix ? sql`AND e.region_code LIKE ${q.regionPrefix + '%'}` : sql``;
  return sql`e.tenant_id = ${q.tenantId} AND (${scopes}) ${region}`;
}

/**
 * Snapshots the eligible enterprises into inspection_frame_objects (one INSERT … SELECT; positions by
 * credit code, COLLATE "C", within each stratum) and answers each stratum's size and list hash, and
 * the number in scope but excluded.
 */
export async function snapshotFrame(db: DbOrTx, q: FrameQuery): Promise<{ strata: Array<{ stratum: string; size: number; listHash: string }>; excluded: number }> {
  await db.execute(sql`DELETE FROM inspection_frame_objects WHERE tenant_id = ${q.tenantId} AND campaign_id = ${q.campaignId}`);
  const since = new Date(q.now.getTime() - q.notDrawnWithinDays * 86_400_000);
  await db.execute(sql`
    INSERT INTO inspection_frame_objects (tenant_id, campaign_id, stratum, position, enterprise_id, credit_code)
    SELECT ${q.tenantId}, ${q.campaignId}, x.stratum,
           (row_number() OVER (PARTITION BY x.stratum ORDER BY x.credit_code COLLATE "C"))::int - 1, x.id, x.credit_code
    FROM (
      SELECT e.id, e.credit_code, coalesce(${q.riskClassSql ?? RISK_CLASS_SQL}, '未分类') AS stratum
      FROM enterprises e
      WHERE ${inScopeSql(q)}
        AND e.status = ANY(${textArray(q.operatingStatuses)})
        AND NOT EXISTS (
          SELECT 1 FROM inspection_objects o
          JOIN inspection_campaigns c ON c.tenant_id = o.tenant_id AND c.id = o.campaign_id
          WHERE o.tenant_id = ${q.tenantId} AND o.enterprise_id = e.id
            AND c.item_ids && ${bigintArray(q.itemIds)} AND c.drawn_at >= ${since.toISOString()}::timestamptz)
    ) x`);
  const stats = await db.execute<{ stratum: string; size: number; list_hash: string }>(sql`
    SELECT stratum, count(*)::int AS size,
           encode(sha256(string_agg(convert_to(credit_code, 'UTF8'), '\\x0a'::bytea ORDER BY position)), 'hex') AS list_hash
    FROM inspection_frame_objects WHERE tenant_id = ${q.tenantId} AND campaign_id = ${q.campaignId}
    GROUP BY stratum`);
  const [scoped] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprises e WHERE ${inScopeSql(q)}`)).rows;
  const strata = stats.rows.map((r) => ({ stratum: r.stratum, size: Number(r.size), listHash: r.list_hash }));
  return { strata, excluded: Number(scoped?.n ?? 0) - strata.reduce((a, s) => a + s.size, 0) };
}

/** The codes at given positions of a stratum: a join with the positions (index lookups), never a scan testing each row against the list. */
export async function selectFramePositions(db: DbOrTx, tenantId: number, campaignId: number, stratum: string, positions: number[]) {
  const r = await db.execute<{ position: number; credit_code: string; enterprise_id: number }>(sql`
    SELECT f.position, f.credit_code, f.enterprise_id
    FROM (SELECT (jsonb_array_elements_text(${JSON.stringify(positions)}::jsonb))::int AS pos) p
    JOIN inspection_frame_objects f
      ON f.tenant_id = ${tenantId} AND f.campaign_id = ${campaignId} AND f.stratum = ${stratum} AND f.position = p.pos`);
  return r.rows.map((x) => ({ position: Number(x.position), creditCode: x.credit_code, enterpriseId: Number(x.enterprise_id) }));
}

/** Each stratum's list as published: credit codes in position order joined with "\n". */
export async function selectFrameLists(db: DbOrTx, tenantId: number, campaignId: number): Promise<Record<string, string>> {
  const r = await db.execute<{ stratum: string; list: string }>(sql`
    SELECT stratum, string_agg(credit_code, E'\\n' ORDER BY position) AS list
    FROM inspection_frame_objects WHERE tenant_id = ${tenantId} AND campaign_id = ${campaignId} GROUP BY stratum`);
  return Object.fromEntries(r.rows.map((x) => [x.stratum, x.list]));
}

export async function selectEnterpriseNames(db: DbOrTx, tenantId: number, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await db.execute<{ id: number; name: string }>(sql`
    SELECT e.id, e.name
    FROM (SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::bigint AS id) x
    JOIN enterprises e ON e.tenant_id = ${tenantId} AND e.id = x.id`);
  return new Map(r.rows.map((x) => [Number(x.id), x.name]));
}

// --- drawn objects and results ----------------------------------------------------------------------

export async function insertObjects(db: DbOrTx, rows: Array<typeof inspectionObjects.$inferInsert>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(inspectionObjects).values(rows.slice(i, i + 500));
}

export async function selectObjects(db: DbOrTx, tenantId: number, campaignId: number): Promise<ObjectRow[]> {
  return db
    .select()
    .from(inspectionObjects)
    .where(and(eq(inspectionObjects.tenantId, tenantId), eq(inspectionObjects.campaignId, campaignId)))
    .orderBy(asc(inspectionObjects.drawOrder));
}

export async function selectObject(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<ObjectRow | null> {
  const q = db.select().from(inspectionObjects).where(and(eq(inspectionObjects.tenantId, tenantId), eq(inspectionObjects.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

export async function selectResults(db: DbOrTx, tenantId: number, objectIds: number[]): Promise<ResultRow[]> {
  if (!objectIds.length) return [];
  return db
    .select()
    .from(inspectionResults)
    .where(and(eq(inspectionResults.tenantId, tenantId), inArray(inspectionResults.objectId, objectIds)))
    .orderBy(asc(inspectionResults.objectId), asc(inspectionResults.version));
}

export async function selectResult(db: DbOrTx, tenantId: number, id: number): Promise<ResultRow | null> {
  const [r] = await db.select().from(inspectionResults).where(and(eq(inspectionResults.tenantId, tenantId), eq(inspectionResults.id, id)));
  return r ?? null;
}

export async function insertResult(db: DbOrTx, row: typeof inspectionResults.$inferInsert): Promise<ResultRow> {
  const [r] = await db.insert(inspectionResults).values(row).returning();
  return r!;
}

/** Sets a pending result's review outcome (only while it is 待审核). */
export async function reviewResultRow(db: DbOrTx, tenantId: number, id: number, values: Partial<typeof inspectionResults.$inferInsert>): Promise<ResultRow | null> {
  const [r] = await db
    .update(inspectionResults)
    .set(values)
    .where(and(eq(inspectionResults.tenantId, tenantId), eq(inspectionResults.id, id), eq(inspectionResults.state, '待审核')))
    .returning();
  return r ?? null;
}

/** The objects and latest results of one enterprise (its quality file). */
export async function selectEnterpriseInspections(db: DbOrTx, tenantId: number, enterpriseId: number) {
  const r = await db.execute<{ campaign_id: number; campaign_name: string; drawn_at: string; state: string | null; result_code: string | null; inspected_on: string | null }>(sql`
    SELECT o.campaign_id, c.name AS campaign_name, c.drawn_at, r.state, r.result_code, r.inspected_on::text
    FROM inspection_objects o
    JOIN inspection_campaigns c ON c.tenant_id = o.tenant_id AND c.id = o.campaign_id
    LEFT JOIN LATERAL (
      SELECT state, result_code, inspected_on FROM inspection_results x
      WHERE x.tenant_id = o.tenant_id AND x.object_id = o.id AND x.state = '已公示'
      ORDER BY version DESC LIMIT 1) r ON TRUE
    WHERE o.tenant_id = ${tenantId} AND o.enterprise_id = ${enterpriseId}`);
  return r.rows;
}
