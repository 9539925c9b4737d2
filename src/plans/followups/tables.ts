// Tables of follow-up tasks (后续任务). Tenancy as in plans/tables.ts: tenant_id first in every key,
// composite foreign keys, bigint ids. The source record is named by (source_kind, source_id): the
// plans room never reads another room's tables; the room that registered the kind answers for it.
import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants } from '../../org/tenancy/tables';
import { departments } from '../../org/departments/tables';
import { plans } from '../tables';

const tenantId = () =>
  bigint('tenant_id', { mode: 'number' })
    .notNull()
    .references(() => tenants.id);

/** One follow-up task of a plan, for one department, from one source record. */
export const planFollowUps = pgTable(
  'plan_followups',
  {
    tenantId: tenantId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    planId: bigint('plan_id', { mode: 'number' }).notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).notNull(),
    /** the kind registered by the source's room, e.g. inspection_object */
    sourceKind: text('source_kind').notNull(),
    sourceId: bigint('source_id', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull().default(''),
    dueDate: date('due_date', { mode: 'string' }),
    /** open | closed */
    state: text('state').notNull().default('open'),
    openedBy: bigint('opened_by', { mode: 'number' }),
    openedByName: text('opened_by_name').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: bigint('closed_by', { mode: 'number' }),
    closedByName: text('closed_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closingNote: text('closing_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'plan_followups_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }),
    foreignKey({ name: 'plan_followups_department_fk', columns: [t.tenantId, t.departmentId], foreignColumns: [departments.tenantId, departments.id] }),
    index('plan_followups_plan_idx').on(t.tenantId, t.planId, t.state),
    index('plan_followups_department_idx').on(t.tenantId, t.departmentId, t.state),
    // one open follow-up per source record (a closed one may be followed by a new one)
    uniqueIndex('plan_followups_open_source_uq').on(t.tenantId, t.sourceKind, t.sourceId).where(sql`${t.state} = 'open'`),
    index('plan_followups_source_idx').on(t.tenantId, t.sourceKind, t.sourceId),
    check('plan_followups_state_check', sql`${t.state} in ('open', 'closed')`),
  ],
);

/** The authority's default plan for follow-ups (absent: the most recently published plan). */
export const planFollowUpSettings = pgTable(
  'plan_followup_settings',
  {
    tenantId: tenantId().primaryKey(),
    defaultPlanId: bigint('default_plan_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [foreignKey({ name: 'plan_followup_settings_plan_fk', columns: [t.tenantId, t.defaultPlanId], foreignColumns: [plans.tenantId, plans.id] })],
);

export type FollowUpRow = typeof planFollowUps.$inferSelect;
