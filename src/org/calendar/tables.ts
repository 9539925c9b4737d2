// Admin-edited working-day calendar overrides (工作日历调整).
//
// Decision: the table is TENANT-OWNED, not a shared reference table.
//  - The admin role belongs to one authority (tenant). With a shared table one county's admin
//    would change every other tenant's deadlines; per-tenant rows keep each authority's edits its own.
//  - Calendars really do differ by locality: ethnic autonomous regions have local statutory holidays
//    (e.g. 藏历新年, 古尔邦节, 那达慕), and a local government may announce its own arrangement.
//  - The national schedule itself is not stored here: it comes from the chinese-days package. Rows
//    are only what the package does not know yet (next year's schedule, announced each November)
//    or local differences. Rows win over the package (see calendar.ts).
// Per DESIGN "Data and tenancy": tenant_id not null, primary key (tenant_id, date), so Citus can
// distribute the table by tenant_id. The foreign key to the tenants table is left to the schema
// owner (this file imports only drizzle-orm/pg-core to stay self-contained).
// tenant_id is bigint (number mode) like tenants.id in src/org/tenancy/tables.ts.
import { bigint, date, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** `workday`: people work that day (调休上班); `holiday`: a day off (节假日 / 调休休息). */
export const calendarDayKind = pgEnum('calendar_day_kind', ['workday', 'holiday']);

export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    tenantId: bigint('tenant_id', { mode: 'number' }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    kind: calendarDayKind('kind').notNull(),
    name: text('name'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'calendar_overrides_pkey', columns: [t.tenantId, t.date] })],
);

export type CalendarOverrideRow = typeof calendarOverrides.$inferSelect;
