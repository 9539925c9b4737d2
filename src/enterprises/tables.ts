// Tables of the market-entity directory (市场主体名录库, issue 11). Tenancy as in plans/tables.ts:
// tenant_id first in every key, composite foreign keys, bigint identity ids.
//
// `enterprises` holds the current state of each entity of the authority, one row per credit code.
// Changes of name, address and status are kept in `enterprise_history` rather than overwritten away.
// Licences and key-product tags live on the row (jsonb / text[]): they are read with the row, and
// searched through the GIN index on tags.
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  integer,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { tenants } from '../org/tenancy/tables';

const tenantId = () =>
  bigint('tenant_id', { mode: 'number' })
    .notNull()
    .references(() => tenants.id);
const id = () => bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity();

/** One licence an enterprise holds (工业产品生产许可证, 特种设备生产许可证, 食品生产许可证 …). */
export interface EnterpriseLicence {
  kind: string;
  number: string;
  product?: string;
  validUntil?: string;
}

/** 市场主体: one row per unified social credit code within a tenant. */
export const enterprises = pgTable(
  'enterprises',
  {
    tenantId: tenantId(),
    id: id(),
    /** 统一社会信用代码, 18 characters, validated (GB 32100-2015) */
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    /** 法定代表人 / 经营者 / 负责人 */
    legalRepresentative: text('legal_representative'),
    /** 企业 / 个体工商户 / 农民专业合作社 */
    category: text('category').notNull().default('企业'),
    /** 企业类型 as registered, e.g. 有限责任公司(自然人投资或控股) */
    type: text('type'),
    /** 登记状态: 存续 / 在业 / 迁出 / 吊销 / 注销 */
    status: text('status').notNull().default('存续'),
    registeredOn: date('registered_on', { mode: 'string' }),
    /** 注册资本, 万元 */
    registeredCapital: numeric('registered_capital', { mode: 'number' }),
    address: text('address'),
    /** GB/T 2260 code (6 digits, or 9 for a township) from the regions table */
    regionCode: text('region_code'),
    /** GB/T 4754-2017 门类 letter (A-T) */
    industrySection: text('industry_section'),
    /** GB/T 4754-2017 大类, two digits */
    industryDivision: text('industry_division'),
    licences: jsonb('licences').$type<EnterpriseLicence[]>().notNull().default([]),
    /** key-product tags (重点产品), e.g. 电线电缆, 燃气灶具 */
    productTags: text('product_tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('enterprises_credit_code_uq').on(t.tenantId, t.creditCode),
    // a region and its subtree: = for a township, LIKE 'PREFIX%' for a county or city (text_pattern_ops serves both)
    index('enterprises_region_idx').on(t.tenantId, t.regionCode.op('text_pattern_ops')),
    // the filters together (industry + status + region, the 企业 page's usual combination): one range of
    // one index instead of a BitmapAnd of three (at 3 000 000 rows the latter took 1-3 s)
    index('enterprises_filter_idx').on(t.tenantId, t.industryDivision, t.status, t.regionCode.op('text_pattern_ops')),
    index('enterprises_industry_idx').on(t.tenantId, t.industryDivision),
    index('enterprises_status_idx').on(t.tenantId, t.status),
    // a name fragment (partial Chinese, 3 characters of a long name): trigram index (pg_trgm)
    index('enterprises_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    // a credit-code prefix: LIKE 'PREFIX%' whatever the database's collation
    index('enterprises_credit_code_prefix_idx').on(t.tenantId, t.creditCode.op('text_pattern_ops')),
    index('enterprises_product_tags_idx').using('gin', t.productTags),
    index('enterprises_licences_idx').using('gin', t.licences.op('jsonb_path_ops')),
  ],
);

/** What an enterprise's name, address or status was before a change (kept, never overwritten). */
export const enterpriseHistory = pgTable(
  'enterprise_history',
  {
    tenantId: tenantId(),
    id: id(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    /** name / address / status / legal_representative / region_code / industry_division */
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** import / user / system */
    source: text('source').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    index('enterprise_history_enterprise_idx').on(t.tenantId, t.enterpriseId, t.changedAt),
  ],
);

/**
 * One import of a register file (企业名录导入): who, which file, its progress while it runs (the web
 * polls it) and its counts when done. status: running → done | failed. A killed import stays
 * `running` with nothing merged (its staged rows are removed by the next import of the tenant).
 */
export const enterpriseImportJobs = pgTable(
  'enterprise_import_jobs',
  {
    tenantId: tenantId(),
    id: id(),
    /** register (this room's import) / credit_events (credit's import of events, src/credit/import.ts): the refusals workbook serves both */
    kind: text('kind').notNull().default('register'),
    fileName: text('file_name').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    /** running / done / failed */
    status: text('status').notNull().default('running'),
    /** reading / merging / done */
    stage: text('stage').notNull().default('reading'),
    /** 0-100 */
    percent: integer('percent').notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsPerSecond: integer('rows_per_second').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    refused: integer('refused').notNull().default(0),
    /** the file's header row, for the refusals workbook */
    headers: text('headers').array().notNull().default(sql`'{}'::text[]`),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdBy: bigint('created_by', { mode: 'number' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * Valid rows of a running import, staged (COPY on PostgreSQL) before the one set-based merge into
 * `enterprises`. Removed in the merge's transaction. An UNLOGGED table: no WAL for the bulk load; a
 * crash empties it, which leaves the killed import's job 'running' with nothing merged (abandoned as before).
 */
export const enterpriseImportStaging = pgTable(
  'enterprise_import_staging',
  {
    // no foreign keys on purpose: checking each staged row against tenants and jobs would cost the
    // bulk load a lookup per row; rows only ever come from an import of that job
    tenantId: bigint('tenant_id', { mode: 'number' }).notNull(),
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    rowNo: integer('row_no').notNull(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    legalRepresentative: text('legal_representative'),
    category: text('category').notNull(),
    type: text('type'),
    status: text('status').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }),
    registeredCapital: numeric('registered_capital', { mode: 'number' }),
    address: text('address'),
    regionCode: text('region_code'),
    industrySection: text('industry_section'),
    industryDivision: text('industry_division'),
    licences: jsonb('licences').$type<EnterpriseLicence[]>(),
    productTags: text('product_tags').array(),
  },
  // no index beyond the key: every index is paid per staged row; the duplicate check and the merge
  // join by hash. UNLOGGED (custom SQL in migration 0014): staged rows are dropped after a crash anyway
  (t) => [primaryKey({ columns: [t.tenantId, t.jobId, t.rowNo] })],
);

/** Rows an import refused, with the reason and the row's cells as read (downloadable as Excel). */
export const enterpriseImportRefusals = pgTable(
  'enterprise_import_refusals',
  {
    tenantId: tenantId(),
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    rowNo: integer('row_no').notNull(),
    reason: text('reason').notNull(),
    cells: text('cells').array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.jobId, t.rowNo] }),
    foreignKey({ columns: [t.tenantId, t.jobId], foreignColumns: [enterpriseImportJobs.tenantId, enterpriseImportJobs.id] }),
  ],
);
