// Request and response shapes of the sampling API (zod; the web imports the types).
import { z } from 'zod';
import { Id, IsoDate, Page, PageSize, Timestamp } from '../core/http/schemas';
import { FollowUpLinkOut } from '../plans/followups/schemas';
import { DISPOSAL_STATES, DISPOSAL_STEPS, MEASURES, PLAN_LEVELS, RETEST_STATES, SAMPLE_PURPOSES, SAMPLE_STATES, VERDICTS } from './model';

const text = (max: number) => z.string().trim().max(max);
const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const SettingsBody = z
  .object({
    version: int(0, 1_000_000),
    lockMonths: int(0, 60),
    minSamplers: int(2, 10),
    retestRequestDays: int(1, 90),
    notifyWorkingDays: int(1, 60),
    orderWorkingDays: int(1, 60),
    rectifyDays: int(1, 365),
    extensionMaxDays: int(0, 365),
    extensionApplyBeforeDays: int(0, 60),
    escalationDays: int(1, 365),
    disposalWarnDays: int(0, 60),
  })
  .strict();
export const SettingsResponse = z.object({ settings: SettingsBody.meta({ id: 'SamplingSettings', title: '监督抽查期限参数' }), rules: z.record(z.string(), z.string()) });
export type SettingsResponse = z.infer<typeof SettingsResponse>;

const Product = z.object({ code: z.string(), name: z.string() });
export const CatalogueResponse = z
  .object({
    name: z.string(),
    note: z.string(),
    sources: z.array(z.object({ title: z.string(), via: z.string(), used: z.string() })),
    groups: z.array(z.object({ code: z.string(), name: z.string(), subgroups: z.array(z.object({ code: z.string(), name: z.string(), planYear: z.number(), products: z.array(Product) })) })),
  })
  .meta({ id: 'ProductCatalogue', title: '监督抽查产品目录' });
export type CatalogueResponse = z.infer<typeof CatalogueResponse>;

// --- plans and tasks

export const PlanBody = z
  .object({
    year: int(2000, 2100),
    name: text(200).min(1, { message: '请填写计划名称' }),
    level: z.enum(PLAN_LEVELS).default('县级监督抽查'),
    productCode: text(6).min(1, { message: '请选择抽查产品' }),
    plannedBatches: int(1, 100_000),
    stage: z.enum(['生产', '流通', '电商']).default('生产'),
    department: text(100).default(''),
    note: text(2000).default(''),
  })
  .strict();
export const PlanOut = z
  .object({
    id: z.string(),
    year: z.number(),
    name: z.string(),
    level: z.string(),
    productCode: z.string(),
    productName: z.string(),
    plannedBatches: z.number(),
    stage: z.string(),
    department: z.string(),
    note: z.string(),
    sampled: z.number(),
    tested: z.number(),
    failed: z.number(),
  })
  .meta({ id: 'SamplingPlan', title: '监督抽查计划' });
export type PlanOut = z.infer<typeof PlanOut>;

export const TaskBody = z
  .object({ testingBody: text(200).min(1, { message: '请填写承检机构' }), batches: int(1, 100_000), dueOn: IsoDate.nullable().default(null) })
  .strict();
export const TaskOut = z.object({ id: z.string(), planId: z.string(), testingBody: z.string(), batches: z.number(), dueOn: z.string().nullable() }).meta({ id: 'SamplingTask', title: '抽查任务' });
export type TaskOut = z.infer<typeof TaskOut>;

// --- samples

export const SampleBody = z
  .object({
    taskId: Id,
    sampleNo: text(60).min(1, { message: '请填写抽样单编号' }),
    enterpriseId: Id.nullable().default(null),
    creditCode: text(30).nullable().default(null).meta({ title: '统一社会信用代码', description: '未给 enterpriseId 时按信用代码在企业名录中查找' }),
    productName: text(200).default(''),
    brand: text(100).default(''),
    model: text(100).default(''),
    batchNo: text(100).default(''),
    standard: text(200).default(''),
    purpose: z.enum(SAMPLE_PURPOSES).default('常规抽查'),
    sampledOn: IsoDate,
    samplers: z.array(text(50)).min(1, { message: '请填写抽样人员' }).max(10),
    reserveKept: z.boolean().default(true),
  })
  .strict();

export const HigherCheckBody = z
  .object({
    enterpriseId: Id.nullable().default(null),
    creditCode: text(30).nullable().default(null).meta({ title: '统一社会信用代码', description: '未给 enterpriseId 时按信用代码在企业名录中查找' }),
    productCode: text(20).min(1, { message: '请选择产品类别' }),
    productName: text(200).default(''),
    brand: text(100).default(''),
    model: text(100).default(''),
    standard: text(200).default(''),
    level: z.enum(['国家', '省级', '市级']),
    organiser: text(100).min(1, { message: '请填写组织抽查的部门' }),
    sampledOn: IsoDate,
    reference: text(100).default(''),
    note: text(500).default(''),
  })
  .strict();

export const HigherCheckOut = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    creditCode: z.string(),
    enterpriseName: z.string(),
    productCode: z.string(),
    productName: z.string(),
    brand: z.string(),
    model: z.string(),
    standard: z.string(),
    level: z.string(),
    organiser: z.string(),
    sampledOn: IsoDate,
    reference: z.string(),
    note: z.string(),
    lockEndsOn: IsoDate.meta({ description: '本级可再次抽查该产品的第一天' }),
  })
  .meta({ id: 'SamplingHigherCheck', title: '上级监督抽查记录' });
export type HigherCheckOut = z.infer<typeof HigherCheckOut>;

export const SampleOut = z
  .object({
    id: z.string(),
    planId: z.string(),
    taskId: z.string(),
    sampleNo: z.string(),
    enterpriseId: z.string(),
    creditCode: z.string(),
    enterpriseName: z.string(),
    regionCode: z.string(),
    productCode: z.string(),
    productName: z.string(),
    brand: z.string(),
    model: z.string(),
    batchNo: z.string(),
    standard: z.string(),
    purpose: z.string(),
    sampledOn: z.string(),
    samplers: z.array(z.string()),
    reserveKept: z.boolean(),
    state: z.enum(SAMPLE_STATES),
    untestedReason: z.string().nullable(),
    firstConclusion: z.string().nullable(),
    conclusion: z.string().nullable(),
    reportNo: z.string().nullable(),
    reportOn: z.string().nullable(),
    notifiedOn: z.string().nullable(),
    finalOn: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Sample', title: '样品（批次）' });
export type SampleOut = z.infer<typeof SampleOut>;

export const ResultItem = z
  .object({
    item: text(200).min(1, { message: '请填写检验项目' }),
    clause: text(200).default(''),
    required: text(200).default(''),
    measured: text(200).default(''),
    verdict: z.enum(VERDICTS),
  })
  .strict();
export const ResultItemOut = z.object({ id: z.string(), stage: z.string(), item: z.string(), clause: z.string(), required: z.string(), measured: z.string(), verdict: z.string() });

export const RetestOut = z.object({
  id: z.string(),
  requestedOn: z.string(),
  disputedItems: z.array(z.string()),
  retestBody: z.string(),
  state: z.enum(RETEST_STATES),
  conclusion: z.string().nullable(),
  concludedOn: z.string().nullable(),
});
export const DisposalOut = z.object({
  id: z.string(),
  step: z.number(),
  stepName: z.enum(DISPOSAL_STEPS),
  state: z.enum(DISPOSAL_STATES),
  noticeNo: z.string(),
  orderedOn: z.string(),
  deadline: z.string(),
  extensionDays: z.number().nullable(),
  recheckOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  events: z.array(z.object({ on: z.string(), kind: z.string(), text: z.string(), by: z.string() })),
  version: z.number(),
});

export const SampleListItem = z.object({ sample: SampleOut, retest: RetestOut.nullable(), disposal: DisposalOut.nullable() });
export const SampleListResponse = z.object({ items: z.array(SampleListItem), total: z.number() });
export type SampleListResponse = z.infer<typeof SampleListResponse>;
export const SampleListQuery = z.object({
  planId: Id.optional(),
  state: z.enum(SAMPLE_STATES).optional(),
  conclusion: z.enum(VERDICTS).optional(),
  enterpriseId: Id.optional(),
  page: Page,
  pageSize: PageSize,
});

export const SampleDetailResponse = z
  .object({
    sample: SampleOut,
    results: z.array(ResultItemOut),
    retest: RetestOut.nullable(),
    disposal: DisposalOut.nullable(),
    deadlines: z.array(z.object({ key: z.string(), label: z.string(), due: z.string(), status: z.enum(['done', 'open', 'overdue']), workingDays: z.boolean() })),
    can: z.object({
      enterResults: z.boolean(),
      notify: z.boolean(),
      requestRetest: z.boolean(),
      concludeRetest: z.boolean(),
      order: z.boolean(),
      extend: z.boolean(),
      recheck: z.boolean(),
      escalate: z.boolean(),
      exempt: z.boolean(),
    }),
    blocked: z.boolean(),
    /** the plans' follow-up tasks (后续任务) the final failure opened */
    followUps: z.array(FollowUpLinkOut),
  })
  .meta({ id: 'SampleDetail', title: '样品详情：检验结果、复检、后处理和期限' });
export type SampleDetailResponse = z.infer<typeof SampleDetailResponse>;

export const PlanPageResponse = z.object({ plan: PlanOut, tasks: z.array(TaskOut), samples: z.array(SampleOut) });
export type PlanPageResponse = z.infer<typeof PlanPageResponse>;

export const ResultsBody = z
  .object({
    reportNo: text(100).default(''),
    reportOn: IsoDate,
    items: z.array(ResultItem).max(500).default([]),
    untestedReason: text(500).nullable().default(null).meta({ title: '未检验原因', description: '样品已抽取但未检验时填写（计入抽查批次，不计入实际检验批次）' }),
  })
  .strict();
export const NotifyBody = z.object({ notifiedOn: IsoDate.meta({ title: '企业收到检验结果的日期' }) }).strict();
export const RetestBody = z
  .object({ requestedOn: IsoDate, disputedItems: z.array(text(200)).max(100).default([]), retestBody: text(200).default('') })
  .strict();
export const RetestResultBody = z.object({ concludedOn: IsoDate, items: z.array(ResultItem).min(1).max(500) }).strict();
export const OrderBody = z.object({ orderedOn: IsoDate, noticeNo: text(100).default('') }).strict();
export const DisposalActionBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('extend'), version: int(1, 1_000_000), appliedOn: IsoDate, days: int(1, 365), reason: text(500).default('') }).strict(),
  z.object({ kind: z.literal('recheck'), version: int(1, 1_000_000), on: IsoDate, passed: z.boolean(), note: text(500).default('') }).strict(),
  z.object({ kind: z.literal('escalate'), version: int(1, 1_000_000), on: IsoDate, note: text(500).default('') }).strict(),
  z.object({ kind: z.literal('exempt'), version: int(1, 1_000_000), on: IsoDate, reason: text(500).min(1, { message: '请说明停产或转产的证明' }) }).strict(),
]);

// --- rates

export const RatesQuery = z.object({
  yearFrom: z.coerce.number().int().min(2000).max(2100),
  yearTo: z.coerce.number().int().min(2000).max(2100),
  category: z.string().regex(/^\d{2}(\d{2}){0,2}$/, { message: '产品目录编码（2、4或6位）' }).optional(),
  region: z.string().regex(/^\d{2,12}$/, { message: '行政区划代码前缀' }).optional(),
  categoryLevel: z.enum(['group', 'subgroup', 'product']).default('group'),
  regionLevel: z.enum(['county', 'township']).default('county'),
});
export const RateRowOut = z.object({
  year: z.number(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  region: z.string().nullable(),
  regionName: z.string().nullable(),
  sampled: z.number(),
  tested: z.number(),
  passed: z.number(),
  failed: z.number(),
  passRate: z.number().nullable(),
  failRate: z.number().nullable(),
});
export const RatesResponse = z
  .object({ rows: z.array(RateRowOut), definitions: z.record(z.string(), z.string()) })
  .meta({ id: 'SamplingRates', title: '抽检合格率和不合格发现率（按产品类别、地区、年度；类别或地区为 null 的行为合计）' });
export type RatesResponse = z.infer<typeof RatesResponse>;
export const RateBatchesQuery = RatesQuery.omit({ categoryLevel: true, regionLevel: true }).extend({ measure: z.enum(MEASURES), page: Page, pageSize: PageSize });
export const RateBatchesResponse = z.object({ items: z.array(SampleOut), total: z.number() });
export type RateBatchesResponse = z.infer<typeof RateBatchesResponse>;

export const ImportResponse = z
  .object({ samples: z.number(), imported: z.number(), refused: z.array(z.object({ row: z.number(), reason: z.string() })) })
  .meta({ id: 'SamplingImport', title: '检验结果导入：导入的样品数和被拒绝的行' });
export type ImportResponse = z.infer<typeof ImportResponse>;

export { Timestamp };

// --- the 驾驶舱 card of 后处理

export const DisposalsDueResponse = z
  .object({
    today: IsoDate,
    warnDays: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    pending: z
      .array(
        z.object({
          sampleId: z.string(),
          sampleNo: z.string(),
          enterpriseName: z.string(),
          productName: z.string(),
          step: z.enum(['通知企业', '下达责令整改']),
          workingDays: z.number().int().meta({ description: '该步骤的期限（工作日，期限参数）' }),
          deadline: IsoDate,
          standing: z.enum(['overdue', 'soon']),
          days: z.number().int().meta({ description: '逾期天数，或距期限届满的天数' }),
        }),
      )
      .meta({ description: '尚未开始后处理的不合格批次：未书面通知企业，或结论确定后未下达责令整改通知书' }),
    items: z.array(
      z.object({
        disposalId: z.string(),
        sampleId: z.string(),
        sampleNo: z.string(),
        enterpriseName: z.string(),
        productName: z.string(),
        step: z.enum(DISPOSAL_STEPS),
        state: z.enum(DISPOSAL_STATES),
        deadline: IsoDate,
        standing: z.enum(['overdue', 'soon']),
        days: z.number().int().meta({ description: '逾期天数，或距期限届满的天数' }),
        followUp: z.object({ id: z.string(), planId: z.string(), state: z.string() }).nullable().meta({ description: '逾期后在计划中开设的后续任务' }),
      }),
    ),
  })
  .meta({ id: 'SamplingDisposalsDue', title: '不合格后处理期限：逾期和即将到期' });
export type DisposalsDueResponse = z.infer<typeof DisposalsDueResponse>;
