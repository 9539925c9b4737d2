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
import { bigint, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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

// The State Council's yearly schedule (国务院办公厅关于××年部分节假日安排的通知) as an admin entered it.
//
// Decision (docs/decisions/005-official-holiday-schedule.md): PLATFORM-WIDE reference tables, not per
// tenant. The notice binds every authority in the country alike, so one deployment enters it once;
// a per-tenant copy would let two counties on one platform count the same national deadline
// differently. Local differences stay in the tenant's own `calendar_overrides` above (本地调整),
// which win over this schedule. Entering or removing a year is audited under the admin's tenant.
// No tenant_id: Citus makes these reference tables (drizzle/0002).
export const calendarOfficialYears = pgTable('calendar_official_years', {
  year: integer('year').primaryKey(),
  /** 文号 of the State Council notice, e.g. 国办发明电〔2026〕7号 */
  documentNumber: text('document_number').notNull(),
  /** the notice's title, optional */
  title: text('title'),
  enteredBy: text('entered_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const calendarOfficialDays = pgTable(
  'calendar_official_days',
  {
    date: date('date', { mode: 'string' }).notNull(),
    year: integer('year')
      .notNull()
      .references(() => calendarOfficialYears.year, { onDelete: 'cascade' }),
    kind: calendarDayKind('kind').notNull(),
    /** 春节, 国庆节 … (for a 调休上班 day: the holiday it belongs to) */
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ name: 'calendar_official_days_pkey', columns: [t.date] }), index('calendar_official_days_year_idx').on(t.year)],
);

export type CalendarOfficialYearRow = typeof calendarOfficialYears.$inferSelect;
