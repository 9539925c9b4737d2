// Tables of credit (issue 11 item 5). Tenancy as elsewhere: tenant_id first in every key, enterprises
// referenced by the composite key (tenant_id, enterprise_id), bigint identity ids.
//
// credit_events            every credit record of an enterprise (penalties, listings, samplings …)
// credit_list_memberships  one row per listing case on 经营异常名录 / 严重违法失信名单, with its deadlines
// credit_risk_classes      the current class of each enterprise, with the rules that fired and their points
// credit_class_history     one row per change of class (written only when the class changed)
// credit_settings          the authority's rule set, cut-offs and deadlines (absent: the defaults)
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants } from '../org/tenancy/tables';
import { enterprises } from '../enterprises/tables';
import type { CreditSettings } from './model';

const tenantId = () =>
  bigint('tenant_id', { mode: 'number' })
    .notNull()
    .references(() => tenants.id);
const id = () => bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity();
const enterpriseId = () => bigint('enterprise_id', { mode: 'number' }).notNull();
const day = (name: string) => date(name, { mode: 'string' });

export const creditEvents = pgTable(
  'credit_events',
  {
    tenantId: tenantId(),
    id: id(),
    enterpriseId: enterpriseId(),
    /** model.ts CREDIT_EVENT_KINDS */
    kind: text('kind').notNull(),
    /** the day it happened or was decided */
    occurredOn: day('occurred_on').notNull(),
    /** 决定书文号 */
    decisionNo: text('decision_no'),
    title: text('title'),
    detail: text('detail'),
    /** user / import / domain */
    source: text('source').notNull().default('user'),
    /** penalty: a 较重行政处罚 (从重 fine, licence revoked, suspension …) */
    heavy: boolean('heavy').notNull().default(false),
    /** penalty: short (3 months) / long (3 years) publication */
    publication: text('publication'),
    /** penalty: general / food / drug / special_equipment (the 信用修复 minimum) */
    field: text('field'),
    publicationEndsOn: day('publication_ends_on'),
    repairFrom: day('repair_from'),
    /** listings: the list membership the event belongs to */
    membershipId: bigint('membership_id', { mode: 'number' }),
    /** credit_repair: the event it repairs (its publication stopped early) */
    repairsEventId: bigint('repairs_event_id', { mode: 'number' }),
    /** set when the record stops counting (repaired, withdrawn): the rules ignore it from that day */
    withdrawnOn: day('withdrawn_on'),
    /** the user who entered it (null: the system); the name is kept as it was then */
    enteredBy: bigint('entered_by', { mode: 'number' }),
    enteredByName: text('entered_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    index('credit_events_enterprise_idx').on(t.tenantId, t.enterpriseId, t.occurredOn),
    check('credit_events_source_check', sql`${t.source} in ('user', 'import', 'domain')`),
  ],
);

export const creditListMemberships = pgTable(
  'credit_list_memberships',
  {
    tenantId: tenantId(),
    id: id(),
    enterpriseId: enterpriseId(),
    /** abnormal / serious */
    list: text('list').notNull(),
    /** abnormal: one of the four reasons (model.ts ABNORMAL_REASONS); serious: free text */
    reason: text('reason').notNull(),
    /** pending / listed / removed / dropped */
    state: text('state').notNull(),
    /** when the grounds arose (the listing decision is due from it) */
    groundsOn: day('grounds_on'),
    listedOn: day('listed_on'),
    listingDecisionNo: text('listing_decision_no'),
    /** when the cause was cured (the removal decision is due from it) */
    curedOn: day('cured_on'),
    removedOn: day('removed_on'),
    removalDecisionNo: text('removal_decision_no'),
    removalReason: text('removal_reason'),
    objectionOn: day('objection_on'),
    objectionAcceptedOn: day('objection_accepted_on'),
    objectionAnsweredOn: day('objection_answered_on'),
    // deadlines, from the dates above, the calendar and the settings (recomputed by the daily job)
    listingDueOn: day('listing_due_on'),
    removalDueOn: day('removal_due_on'),
    objectionAcceptDueOn: day('objection_accept_due_on'),
    objectionVerifyDueOn: day('objection_verify_due_on'),
    publicationEndsOn: day('publication_ends_on'),
    earlyRemovalFrom: day('early_removal_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    index('credit_lists_enterprise_idx').on(t.tenantId, t.enterpriseId),
    index('credit_lists_open_idx').on(t.tenantId, t.state, t.list),
    // the 企业 list's "on this list now" filter: the listed enterprises in id order (src/credit/search.ts)
    index('credit_lists_listed_idx').on(t.tenantId, t.list, t.enterpriseId).where(sql`${t.state} = 'listed'`),
    check('credit_lists_list_check', sql`${t.list} in ('abnormal', 'serious')`),
    check('credit_lists_state_check', sql`${t.state} in ('pending', 'listed', 'removed', 'dropped')`),
  ],
);

export const creditRiskClasses = pgTable(
  'credit_risk_classes',
  {
    tenantId: tenantId(),
    enterpriseId: enterpriseId(),
    class: text('class').notNull(),
    points: integer('points').notNull(),
    /** ids of the rules that fired, and their points (parallel arrays) */
    firedRules: text('fired_rules').array().notNull(),
    firedPoints: integer('fired_points').array().notNull(),
    /** the day the facts were taken */
    asOf: day('as_of').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.enterpriseId] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    // the 企业 list's risk-class filter reads the class's enterprises in id order (src/credit/search.ts)
    index('credit_risk_classes_class_idx').on(t.tenantId, t.class, t.enterpriseId),
    check('credit_risk_classes_class_check', sql`${t.class} in ('A', 'B', 'C', 'D')`),
  ],
);

export const creditClassHistory = pgTable(
  'credit_class_history',
  {
    tenantId: tenantId(),
    id: id(),
    enterpriseId: enterpriseId(),
    /** null: the first classification */
    fromClass: text('from_class'),
    toClass: text('to_class').notNull(),
    points: integer('points').notNull(),
    firedRules: text('fired_rules').array().notNull(),
    asOf: day('as_of').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    index('credit_class_history_enterprise_idx').on(t.tenantId, t.enterpriseId, t.changedAt),
  ],
);

export const creditSettings = pgTable(
  'credit_settings',
  {
    tenantId: tenantId(),
    settings: jsonb('settings').$type<CreditSettings>().notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), unique('credit_settings_tenant_uq').on(t.tenantId)],
);

export type CreditEventRow = typeof creditEvents.$inferSelect;
export type CreditMembershipRow = typeof creditListMemberships.$inferSelect;
export type CreditRiskClassRow = typeof creditRiskClasses.$inferSelect;
export type CreditClassHistoryRow = typeof creditClassHistory.$inferSelect;

/** One reclassification of a tenant's register (scheduled or on demand): what it did and when. */
export const creditReclassifyRuns = pgTable(
  'credit_reclassify_runs',
  {
    tenantId: tenantId(),
    id: id(),
    /** schedule / manual */
    trigger: text('trigger').notNull(),
    /** queued / running / done / failed */
    state: text('state').notNull(),
    asOf: day('as_of').notNull(),
    requestedBy: text('requested_by'),
    enterprises: integer('enterprises').notNull().default(0),
    changed: integer('changed').notNull().default(0),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('credit_runs_recent_idx').on(t.tenantId, t.startedAt),
    // one scheduled run per tenant and day, whichever server's daily job gets there first
    uniqueIndex('credit_runs_schedule_uq').on(t.tenantId, t.asOf).where(sql`${t.trigger} = 'schedule'`),
  ],
);
export type CreditRunRow = typeof creditReclassifyRuns.$inferSelect;

/**
 * Valid rows of a credit-events import (src/credit/import.ts), staged before the one merge
 * transaction into credit_events, removed by it. As the register's staging: no foreign keys (rows
 * only come from an import of that job, the enterprise ids from a lookup in the same import).
 */
export const creditEventImportStaging = pgTable(
  'credit_event_import_staging',
  {
    tenantId: bigint('tenant_id', { mode: 'number' }).notNull(),
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    rowNo: integer('row_no').notNull(),
    enterpriseId: enterpriseId(),
    kind: text('kind').notNull(),
    occurredOn: day('occurred_on').notNull(),
    decisionNo: text('decision_no'),
    title: text('title'),
    detail: text('detail'),
    heavy: boolean('heavy').notNull(),
    publication: text('publication'),
    field: text('field'),
    publicationEndsOn: day('publication_ends_on'),
    repairFrom: day('repair_from'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.jobId, t.rowNo] })],
);
