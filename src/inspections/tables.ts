// Tables of the inspections room (issue 12): 双随机、一公开 — the 随机抽查事项清单 (items), the
// 执法检查人员名录库 (inspectors), campaigns with their frozen frame and verifiable draw, the drawn
// objects, and the results with their versions (corrections add a version, never overwrite one).
//
// Tenancy as in plans/tables.ts: tenant_id first in every key, composite foreign keys, bigint ids.
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { tenants } from '../org/tenancy/tables';
import { enterprises } from '../enterprises/tables';
import type { DrawFrame, DrawResult } from './draw';
import type { ClassRule, ItemScope, StandardChecklist } from './model';

const tenantId = () =>
  bigint('tenant_id', { mode: 'number' })
    .notNull()
    .references(() => tenants.id);
const id = () => bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** PostgreSQL bytea as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType() {
    return 'bytea';
  },
});

/** The authority's rule parameters for random inspections (one row per tenant; absent = defaults of model.ts). */
export const inspectionSettings = pgTable('inspection_settings', {
  tenantId: tenantId().primaryKey(),
  /** ratio and frequency per risk class: { A: {ratio, perYear}, … } */
  classRules: jsonb('class_rules').$type<Record<string, ClassRule>>().notNull(),
  inspectorsPerObject: integer('inspectors_per_object').notNull(),
  publishWithinWorkingDays: integer('publish_within_working_days').notNull(),
  notDrawnWithinDays: integer('not_drawn_within_days').notNull(),
  operatingStatuses: text('operating_statuses').array().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

/** 随机抽查事项清单: one item. */
export const inspectionItems = pgTable(
  'inspection_items',
  {
    tenantId: tenantId(),
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** 抽查依据 */
    legalBasis: text('legal_basis').notNull(),
    /** 抽查主体 (the inspecting department, as named) */
    department: text('department').notNull(),
    /** 抽查内容 */
    content: text('content').notNull().default(''),
    /** 抽查方式: 书面检查 / 实地核查 / 网络监测 … */
    method: text('method').notNull().default('实地核查'),
    scope: jsonb('scope').$type<ItemScope>().notNull().default({}),
    /** per-class overrides of the authority's ratios (absent class = the settings') */
    classRules: jsonb('class_rules').$type<Partial<Record<string, ClassRule>>>().notNull().default({}),
    /** the item's own re-check window (null = the authority's setting); 企业标准 spot checks: 3 years */
    notDrawnWithinDays: integer('not_drawn_within_days'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('inspection_items_code_uq').on(t.tenantId, t.code)],
);

/** 执法检查人员名录库: one inspector. */
export const inspectors = pgTable(
  'inspectors',
  {
    tenantId: tenantId(),
    id: id(),
    /** the inspector's platform account (results are entered by it) */
    userId: ref('user_id'),
    name: text('name').notNull(),
    department: text('department').notNull(),
    /** 执法证号 */
    certificateNo: text('certificate_no').notNull(),
    qualifiedItemIds: bigint('qualified_item_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /** declared conflicts (回避): [{creditCode, reason}] */
    conflicts: jsonb('conflicts').$type<Array<{ creditCode: string; reason: string }>>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('inspectors_certificate_uq').on(t.tenantId, t.certificateNo)],
);

/** 抽查任务: states 待抽取 → 已抽取 → 执行中 → 已完成. */
export const inspectionCampaigns = pgTable(
  'inspection_campaigns',
  {
    tenantId: tenantId(),
    id: id(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    itemIds: bigint('item_ids', { mode: 'number' }).array().notNull(),
    /** 部门联合抽查: the departments joining (names) */
    departments: text('departments').array().notNull().default(sql`'{}'::text[]`),
    /** GB/T 2260 code prefix limiting the objects (null = the whole authority) */
    regionPrefix: text('region_prefix'),
    state: text('state').notNull().default('待抽取'),
    /** the frame published before the draw (null until fixed) */
    frame: jsonb('frame').$type<DrawFrame>(),
    frameHash: text('frame_hash'),
    /** SHA-256(seed), published with the frame */
    commitment: text('commitment'),
    /** secret until the draw; never returned before drawnAt */
    seed: text('seed'),
    frameFixedAt: timestamp('frame_fixed_at', { withTimezone: true }),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    result: jsonb('result').$type<DrawResult>(),
    /** Version 3 (decision 052): the draw is done but its objects' rows are still to be written */
    objectsPending: boolean('objects_pending').notNull().default(false),
    /** 检查结束日期 (set when the campaign completes; publication is due 20 working days after it) */
    endedOn: date('ended_on', { mode: 'string' }),
    createdBy: ref('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('inspection_campaigns_state_idx').on(t.tenantId, t.state)],
);

/** Positions per row of inspection_frame_chunks (a stratum's list is cut into chunks of this many). */
export const FRAME_CHUNK = 8192;

/**
 * The frozen object lists of a campaign's frame, in chunks: row `chunk` of a stratum holds positions
 * chunk × FRAME_CHUNK … + FRAME_CHUNK − 1 (position = rank by credit code, COLLATE "C", within the
 * stratum), as two parallel arrays. A province's frame is a few hundred rows instead of millions
 * (decision 035: the snapshot was 60 scans' worth of row writes).
 */
export const inspectionFrameChunks = pgTable(
  'inspection_frame_chunks',
  {
    tenantId: tenantId(),
    campaignId: ref('campaign_id').notNull(),
    stratum: text('stratum').notNull(),
    chunk: integer('chunk').notNull(),
    enterpriseIds: bigint('enterprise_ids', { mode: 'number' }).array().notNull(),
    creditCodes: text('credit_codes').array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.stratum, t.chunk] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [inspectionCampaigns.tenantId, inspectionCampaigns.id] }),
  ],
);

/**
 * The frozen object lists of a version-2 or version-3 frame (decisions 037, 051): one row per stratum
 * holding the list exactly as published (credit codes in the order the snapshot met them, joined with
 * "\n"), its size, its SHA-256, and how many enterprises of the class were in scope but excluded;
 * version 3 also the draw's candidates. Written by one INSERT … SELECT … GROUP BY without any sort; a
 * version-2 draw reads the list back with string_to_table, a version-3 draw only the candidates.
 * The list and candidate columns are stored uncompressed (STORAGE EXTERNAL, custom SQL in the migrations).
 */
export const inspectionFrameLists = pgTable(
  'inspection_frame_lists',
  {
    tenantId: tenantId(),
    campaignId: ref('campaign_id').notNull(),
    stratum: text('stratum').notNull(),
    size: integer('size').notNull(),
    excluded: integer('excluded').notNull(),
    listHash: text('list_hash').notNull(),
    list: text('list').notNull(),
    /**
     * Version 3 (decision 051): the stratum's candidates, kept in the frame's pass (credit code,
     * enterprise id and name at the same index); never published, read only by the draw
     */
    candCodes: text('cand_codes').array(),
    candIds: bigint('cand_ids', { mode: 'number' }).array(),
    candNames: text('cand_names').array(),
    /** Version 3 (decision 052): the drawn candidates' 1-based indexes in draw order, set by the draw */
    drawn: integer('drawn').array(),
    /** and their inspectors after the recusals, `inspectorsPerObject` each, in the same order */
    drawnInspectors: bigint('drawn_inspectors', { mode: 'number' }).array(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.stratum] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [inspectionCampaigns.tenantId, inspectionCampaigns.id] }),
  ],
);

/** A drawn enterprise of a campaign, with its assigned inspectors. */
export const inspectionObjects = pgTable(
  'inspection_objects',
  {
    // No foreign key of its own to tenants (decision 037), and the one to the campaign is checked once a
    // statement by a trigger (decision 051, migration 0024): a province draw writes ~150 000 rows, and
    // a per-row key check cost ~0.7 s each at 3 M rows.
    tenantId: bigint('tenant_id', { mode: 'number' }).notNull(),
    id: id(),
    campaignId: ref('campaign_id').notNull(),
    drawOrder: integer('draw_order').notNull(),
    stratum: text('stratum').notNull(),
    /** 0-based position in the published list; null in version 3 (the public file computes it) */
    position: integer('position'),
    enterpriseId: ref('enterprise_id').notNull(),
    creditCode: text('credit_code').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    inspectorIds: bigint('inspector_ids', { mode: 'number' }).array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('inspection_objects_order_uq').on(t.tenantId, t.campaignId, t.drawOrder),
    index('inspection_objects_enterprise_idx').on(t.tenantId, t.enterpriseId),
  ],
);

/**
 * One version of an object's result. No row = 未录入. States: 待审核 → 退回 | 已公示. A correction is a new
 * version (version + 1); earlier versions stay as they were.
 */
export const inspectionResults = pgTable(
  'inspection_results',
  {
    tenantId: tenantId(),
    id: id(),
    objectId: ref('object_id').notNull(),
    version: integer('version').notNull(),
    state: text('state').notNull().default('待审核'),
    resultCode: text('result_code').notNull(),
    findings: text('findings').notNull().default(''),
    /** 后续处置 and whether it is done */
    followUp: text('follow_up').notNull().default(''),
    followUpDone: boolean('follow_up_done').notNull().default(false),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    enteredBy: ref('entered_by').notNull(),
    enteredByName: text('entered_by_name').notNull(),
    enteredAt: createdAt(),
    reviewedBy: ref('reviewed_by'),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    /** 企业标准 spot checks: the checklist (model.ts STANDARD_CHECKLIST), null for other items */
    checklist: jsonb('checklist').$type<StandardChecklist>(),
    /** what this version's publication wrote into credit (carried to later versions while it still holds) */
    creditEventId: ref('credit_event_id'),
    listingId: ref('listing_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('inspection_results_version_uq').on(t.tenantId, t.objectId, t.version),
    foreignKey({ columns: [t.tenantId, t.objectId], foreignColumns: [inspectionObjects.tenantId, inspectionObjects.id] }),
  ],
);

/**
 * 证据材料 of an object's inspection (photos, scanned 检查记录, PDFs). Each file goes with one result
 * version: the one being prepared when it was added (`forVersion` = the last version + 1). Once that
 * version is entered the file is part of the record: kept with it, never deleted (decision 048).
 */
export const inspectionEvidence = pgTable(
  'inspection_evidence',
  {
    tenantId: tenantId(),
    id: id(),
    objectId: ref('object_id').notNull(),
    forVersion: integer('for_version').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: ref('uploaded_by').notNull(),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'inspection_evidence_object_fk', columns: [t.tenantId, t.objectId], foreignColumns: [inspectionObjects.tenantId, inspectionObjects.id] }),
    index('inspection_evidence_object_idx').on(t.tenantId, t.objectId),
  ],
);

/** 企业标准自我声明: a standard an enterprise declared it applies (标准化法 第27条). */
export const standardDeclarations = pgTable(
  'standard_declarations',
  {
    tenantId: tenantId(),
    id: id(),
    enterpriseId: ref('enterprise_id').notNull(),
    standardNo: text('standard_no').notNull(),
    standardName: text('standard_name').notNull(),
    /** model.ts STANDARD_TYPES */
    standardType: text('standard_type').notNull(),
    products: text('products').notNull().default(''),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('standard_declarations_uq').on(t.tenantId, t.enterpriseId, t.standardNo),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
  ],
);
export type StandardDeclarationRow = typeof standardDeclarations.$inferSelect;

export type InspectionItemRow = typeof inspectionItems.$inferSelect;
export type InspectorRow = typeof inspectors.$inferSelect;
export type CampaignRow = typeof inspectionCampaigns.$inferSelect;
export type ObjectRow = typeof inspectionObjects.$inferSelect;
export type ResultRow = typeof inspectionResults.$inferSelect;
export type EvidenceRow = typeof inspectionEvidence.$inferSelect;
