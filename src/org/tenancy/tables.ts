import { bigint, index, pgTable, primaryKey, text, timestamp, smallint } from 'drizzle-orm/pg-core';

/**
 * GB/T 2260 administrative regions (reference table, shared by all tenants, never points at tenant data).
 * Codes are 6 digits for province/city/county (110000, 110100, 110101) and 9 digits for townships.
 */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** 1 province, 2 city, 3 county, 4 township */
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    /** Full name path, e.g. 浙江省 舟山市 普陀区 */
    fullName: text('full_name').notNull(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_name_idx').on(t.name)],
);

/** The authority operating a deployment (a county, district, city). Small: a reference table under Citus. */
export const tenants = pgTable('tenants', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  regionCode: text('region_code')
    .notNull()
    .references(() => regions.code),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The regions an authority is responsible for. */
export const tenantRegions = pgTable(
  'tenant_regions',
  {
    tenantId: bigint('tenant_id', { mode: 'number' })
      .notNull()
      .references(() => tenants.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.regionCode] })],
);

export type RegionRow = typeof regions.$inferSelect;
export type TenantRow = typeof tenants.$inferSelect;
