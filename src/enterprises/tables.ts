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
    index('enterprises_region_idx').on(t.tenantId, t.regionCode),
    index('enterprises_industry_idx').on(t.tenantId, t.industryDivision),
    index('enterprises_status_idx').on(t.tenantId, t.status),
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
