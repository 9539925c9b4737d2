// Tables of the sampling room (产品质量监督抽查, issue 12): the authority's settings, sampling plans by
// product category, tasks to testing bodies, samples (one batch each), test items, 复检 and 后处理.
//
// Tenancy as in plans/tables.ts: tenant_id first in every key, composite foreign keys, bigint ids.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { tenants } from '../org/tenancy/tables';
import type { SamplingSettings } from './model';

const tenantId = () =>
  bigint('tenant_id', { mode: 'number' })
    .notNull()
    .references(() => tenants.id);
const id = () => bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The authority's periods (one row per tenant; absent = the defaults of model.ts). */
export const samplingSettings = pgTable('sampling_settings', {
  tenantId: tenantId().primaryKey(),
  settings: jsonb('settings').$type<SamplingSettings>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

/** 监督抽查计划: one product category in one year. */
export const samplingPlans = pgTable(
  'sampling_plans',
  {
    tenantId: tenantId(),
    id: id(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /** 国家 / 省级 / 市级 / 县级监督抽查 (the organising level) */
    level: text('level').notNull().default('县级监督抽查'),
    /** catalogue product code (6 digits) or a group code; the name as shown */
    productCode: text('product_code').notNull(),
    productName: text('product_name').notNull(),
    plannedBatches: integer('planned_batches').notNull(),
    /** 抽查环节: 生产 / 流通 / 电商 */
    stage: text('stage').notNull().default('生产'),
    department: text('department').notNull().default(''),
    note: text('note').notNull().default(''),
    createdBy: ref('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sampling_plans_year_idx').on(t.tenantId, t.year)],
);

/** 抽查任务: a share of a plan given to a testing body (承检机构). */
export const samplingTasks = pgTable(
  'sampling_tasks',
  {
    tenantId: tenantId(),
    id: id(),
    planId: ref('plan_id').notNull(),
    testingBody: text('testing_body').notNull(),
    batches: integer('batches').notNull(),
    dueOn: day('due_on'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [samplingPlans.tenantId, samplingPlans.id] }),
  ],
);

/**
 * One sampled batch (样品). `conclusion` is the batch's conclusion as it stands: the first test's until
 * a 复检 concludes, then the 复检's (final). year, region_code and product_code are copied at sampling
 * so the rates read one table (sampling_samples_rates_idx covers them).
 */
export const samplingSamples = pgTable(
  'sampling_samples',
  {
    tenantId: tenantId(),
    id: id(),
    planId: ref('plan_id').notNull(),
    taskId: ref('task_id').notNull(),
    /** 抽样单编号 (unique per authority when given) */
    sampleNo: text('sample_no').notNull(),
    enterpriseId: ref('enterprise_id').notNull(),
    creditCode: text('credit_code').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    regionCode: text('region_code').notNull().default(''),
    productCode: text('product_code').notNull(),
    productName: text('product_name').notNull(),
    brand: text('brand').notNull().default(''),
    model: text('model').notNull().default(''),
    batchNo: text('batch_no').notNull().default(''),
    standard: text('standard').notNull().default(''),
    /** the lock's identity of the product (model.productKey) */
    productKey: text('product_key').notNull(),
    purpose: text('purpose').notNull().default('常规抽查'),
    sampledOn: day('sampled_on').notNull(),
    year: integer('year').notNull(),
    samplers: text('samplers').array().notNull(),
    /** 备用样品 kept (for 复检) */
    reserveKept: boolean('reserve_kept').notNull().default(true),
    state: text('state').notNull().default('待检验'),
    untestedReason: text('untested_reason'),
    firstConclusion: text('first_conclusion'),
    conclusion: text('conclusion'),
    /** the testing body's report date */
    reportOn: day('report_on'),
    reportNo: text('report_no'),
    /** the day the firm received the result (the 复检 window runs from it) */
    notifiedOn: day('notified_on'),
    /** the day the conclusion became final (no 复检 in time, or the 复检 concluded) */
    finalOn: day('final_on'),
    enteredBy: ref('entered_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [samplingPlans.tenantId, samplingPlans.id] }),
    foreignKey({ columns: [t.tenantId, t.taskId], foreignColumns: [samplingTasks.tenantId, samplingTasks.id] }),
    // the rates: category × region × year, index-only (state and conclusion included)
    index('sampling_samples_rates_idx').on(t.tenantId, t.year, t.productCode, t.regionCode, t.state, t.conclusion),
    // the 6-month lock: the same product of the same enterprise
    index('sampling_samples_lock_idx').on(t.tenantId, t.productKey, t.sampledOn),
    index('sampling_samples_plan_idx').on(t.tenantId, t.planId),
    index('sampling_samples_enterprise_idx').on(t.tenantId, t.enterpriseId),
    index('sampling_samples_no_idx').on(t.tenantId, t.sampleNo),
  ],
);

/** One test item of a sample (检验项目): the first test (stage 初检) or the 复检. */
export const samplingResults = pgTable(
  'sampling_results',
  {
    tenantId: tenantId(),
    id: id(),
    sampleId: ref('sample_id').notNull(),
    stage: text('stage').notNull().default('初检'),
    item: text('item').notNull(),
    /** 标准条款, e.g. GB 4706.1-2005 第8.1条 */
    clause: text('clause').notNull().default(''),
    required: text('required').notNull().default(''),
    measured: text('measured').notNull().default(''),
    verdict: text('verdict').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.sampleId], foreignColumns: [samplingSamples.tenantId, samplingSamples.id] }),
    index('sampling_results_sample_idx').on(t.tenantId, t.sampleId),
  ],
);

/** 复检: at most one per sample, on the reserve sample; its conclusion is final. */
export const samplingRetests = pgTable(
  'sampling_retests',
  {
    tenantId: tenantId(),
    id: id(),
    sampleId: ref('sample_id').notNull(),
    requestedOn: day('requested_on').notNull(),
    disputedItems: text('disputed_items').array().notNull().default(sql`'{}'::text[]`),
    retestBody: text('retest_body').notNull().default(''),
    state: text('state').notNull().default('已申请'),
    refusalReason: text('refusal_reason'),
    conclusion: text('conclusion'),
    concludedOn: day('concluded_on'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.sampleId], foreignColumns: [samplingSamples.tenantId, samplingSamples.id] }),
    unique('sampling_retests_sample_uq').on(t.tenantId, t.sampleId),
  ],
);

export interface DisposalEvent {
  on: string;
  /** order | extension | recheck | escalate | exempt */
  kind: string;
  text: string;
  by: string;
}

/** 后处理 of a failed batch: the order to correct, one extension, 复查, escalation steps. */
export const samplingDisposals = pgTable(
  'sampling_disposals',
  {
    tenantId: tenantId(),
    id: id(),
    sampleId: ref('sample_id').notNull(),
    /** index into DISPOSAL_STEPS */
    step: integer('step').notNull().default(0),
    state: text('state').notNull().default('整改中'),
    noticeNo: text('notice_no').notNull().default(''),
    orderedOn: day('ordered_on').notNull(),
    deadline: day('deadline').notNull(),
    extensionDays: integer('extension_days'),
    extensionAppliedOn: day('extension_applied_on'),
    recheckOn: day('recheck_on'),
    closedOn: day('closed_on'),
    events: jsonb('events').$type<DisposalEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.sampleId], foreignColumns: [samplingSamples.tenantId, samplingSamples.id] }),
    unique('sampling_disposals_sample_uq').on(t.tenantId, t.sampleId),
  ],
);

/**
 * 上级监督抽查: a sampling of an enterprise's product by a higher authority (国家、省级、市级), as the firm
 * shows it or the higher authority reports it. It holds this authority's own sampling of the same
 * product (regulatory-rules.md §4.2: a lower level may not repeat it within the lock period).
 */
export const samplingHigherChecks = pgTable(
  'sampling_higher_checks',
  {
    tenantId: tenantId(),
    id: id(),
    enterpriseId: ref('enterprise_id').notNull(),
    creditCode: text('credit_code').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    productCode: text('product_code').notNull(),
    productName: text('product_name').notNull(),
    brand: text('brand').notNull().default(''),
    model: text('model').notNull().default(''),
    standard: text('standard').notNull().default(''),
    /** the lock's identity of the product (model.productKey), as for the authority's own samples */
    productKey: text('product_key').notNull(),
    /** 国家 | 省级 | 市级 */
    level: text('level').notNull(),
    /** the organising authority, e.g. 浙江省市场监督管理局 */
    organiser: text('organiser').notNull(),
    sampledOn: day('sampled_on').notNull(),
    /** 抽样单、检验报告或通知的编号 */
    reference: text('reference').notNull().default(''),
    note: text('note').notNull().default(''),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sampling_higher_checks_product_idx').on(t.tenantId, t.productKey, t.sampledOn)],
);

export type HigherCheckRow = typeof samplingHigherChecks.$inferSelect;
export type SamplingPlanRow = typeof samplingPlans.$inferSelect;
export type SamplingTaskRow = typeof samplingTasks.$inferSelect;
export type SampleRow = typeof samplingSamples.$inferSelect;
export type SamplingResultRow = typeof samplingResults.$inferSelect;
export type RetestRow = typeof samplingRetests.$inferSelect;
export type DisposalRow = typeof samplingDisposals.$inferSelect;
