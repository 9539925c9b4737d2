// Request and response shapes of the credit API (zod; the web imports the types).
import { z } from 'zod';
import { Id, IsoDate, Timestamp } from '../core/http/schemas';
import { ABNORMAL_REASONS, CREDIT_FACTS, CREDIT_LISTS, DIRECT_EVENT_KINDS, PENALTY_FIELDS, PUBLICATION_KINDS, RISK_CLASSES } from './model';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().max(max);

export const EventKind = z.enum([...DIRECT_EVENT_KINDS]).meta({ title: '记录类型' });

export const EventBody = z
  .object({
    kind: EventKind,
    occurredOn: IsoDate.meta({ title: '发生或决定日期' }),
    decisionNo: text(100).nullish().meta({ title: '决定书文号' }),
    title: text(200).nullish(),
    detail: text(2000).nullish(),
    heavy: z.boolean().optional().meta({ title: '较重行政处罚' }),
    publication: z.enum(keys(PUBLICATION_KINDS)).nullish().meta({ title: '公示期' }),
    field: z.enum(keys(PENALTY_FIELDS)).nullish().meta({ title: '领域' }),
    repairsEventId: Id.nullish().meta({ title: '修复的行政处罚记录' }),
  })
  .strict();
export type EventBody = z.infer<typeof EventBody>;

export const EventOut = z
  .object({
    id: Id,
    enterpriseId: Id,
    kind: z.string(),
    kindLabel: z.string(),
    occurredOn: z.string(),
    decisionNo: z.string().nullable(),
    title: z.string().nullable(),
    detail: z.string().nullable(),
    source: z.string(),
    heavy: z.boolean(),
    publication: z.string().nullable(),
    field: z.string().nullable(),
    publicationEndsOn: z.string().nullable(),
    repairFrom: z.string().nullable(),
    membershipId: Id.nullable(),
    repairsEventId: Id.nullable(),
    withdrawnOn: z.string().nullable(),
    enteredByName: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'CreditEvent', title: '信用记录' });
export type EventOut = z.infer<typeof EventOut>;

export const ListingBody = z
  .object({
    list: z.enum(keys(CREDIT_LISTS)),
    reason: text(500).min(1, { message: '请填写列入事由' }),
    groundsOn: IsoDate.nullish().meta({ title: '事由发生日期' }),
    listedOn: IsoDate.nullish().meta({ title: '列入决定日期' }),
    decisionNo: text(100).nullish(),
  })
  .strict();

export const LIST_ACTION_CODES = ['list', 'drop', 'cure', 'remove', 'objection', 'objection_accept', 'objection_answer'] as const;
export const DecisionBody = z
  .object({
    action: z.enum(LIST_ACTION_CODES),
    on: IsoDate,
    decisionNo: text(100).nullish(),
    note: text(500).nullish(),
    version: z.number().int().min(1),
  })
  .strict();

export const DeadlineOut = z.object({
  kind: z.string(),
  dueOn: z.string(),
  workingDaysLeft: z.number().int(),
  state: z.enum(['due_soon', 'overdue', 'open']),
});

export const MembershipOut = z
  .object({
    id: Id,
    enterpriseId: Id,
    list: z.string(),
    reason: z.string(),
    state: z.string(),
    groundsOn: z.string().nullable(),
    listedOn: z.string().nullable(),
    listingDecisionNo: z.string().nullable(),
    curedOn: z.string().nullable(),
    removedOn: z.string().nullable(),
    removalDecisionNo: z.string().nullable(),
    removalReason: z.string().nullable(),
    objectionOn: z.string().nullable(),
    objectionAcceptedOn: z.string().nullable(),
    objectionAnsweredOn: z.string().nullable(),
    listingDueOn: z.string().nullable(),
    removalDueOn: z.string().nullable(),
    objectionAcceptDueOn: z.string().nullable(),
    objectionVerifyDueOn: z.string().nullable(),
    publicationEndsOn: z.string().nullable(),
    earlyRemovalFrom: z.string().nullable(),
    version: z.number().int(),
    deadlines: z.array(DeadlineOut).optional(),
  })
  .meta({ id: 'CreditListMembership', title: '名单记录' });
export type MembershipOut = z.infer<typeof MembershipOut>;

const FiredRuleOut = z.object({ id: z.string(), label: z.string(), points: z.number().int() });

export const EnterpriseCreditOut = z
  .object({
    enterprise: z.object({ id: Id, name: z.string(), creditCode: z.string() }),
    class: z.enum(RISK_CLASSES).nullable(),
    classLabel: z.string().nullable(),
    points: z.number().int().nullable(),
    asOf: z.string().nullable(),
    firedRules: z.array(FiredRuleOut),
    current: z.object({ class: z.enum(RISK_CLASSES), points: z.number().int(), firedRules: z.array(FiredRuleOut) }),
    history: z.array(z.object({ id: Id, fromClass: z.string().nullable(), toClass: z.string(), points: z.number().int(), firedRules: z.array(z.string()), asOf: z.string(), changedAt: Timestamp })),
    lists: z.array(MembershipOut),
    events: z.array(EventOut),
  })
  .meta({ id: 'EnterpriseCredit', title: '企业信用（分类及理由、名单、记录）' });
export type EnterpriseCreditOut = z.infer<typeof EnterpriseCreditOut>;

export const RunOut = z
  .object({
    id: Id,
    trigger: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    asOf: z.string(),
    requestedBy: z.string().nullable(),
    enterprises: z.number().int(),
    changed: z.number().int(),
    error: z.string().nullable(),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'CreditReclassifyRun', title: '重新分类任务' });
export type RunOut = z.infer<typeof RunOut>;

export const DeadlineListOut = z
  .object({
    today: z.string(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    total: z.number().int(),
    items: z.array(
      z.object({
        membershipId: Id,
        enterpriseId: Id,
        enterpriseName: z.string(),
        creditCode: z.string(),
        list: z.string(),
        listLabel: z.string(),
        reason: z.string(),
        kind: z.string(),
        kindLabel: z.string(),
        dueOn: z.string(),
        workingDaysLeft: z.number().int(),
        state: z.enum(['due_soon', 'overdue', 'open']),
      }),
    ),
  })
  .meta({ id: 'CreditDeadlines', title: '名单期限（即将到期、已逾期）' });
export type DeadlineListOut = z.infer<typeof DeadlineListOut>;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
export const CreditSettingsShape = z
  .object({
    rules: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: '规则编号应为小写字母、数字和下划线' }),
            label: text(100).min(1),
            fact: z.enum(keys(CREDIT_FACTS)),
            threshold: int(0, 10000),
            points: int(-1000, 1000),
            enabled: z.boolean(),
          })
          .strict(),
      )
      .max(100),
    cutoffs: z.object({ B: int(-100000, 100000), C: int(-100000, 100000), D: int(-100000, 100000) }).strict(),
    windows: z.object({ penaltyMonths: int(0, 1200), samplingMonths: int(0, 1200), complaintMonths: int(0, 1200), annualReportMonths: int(0, 1200), inspectionMonths: int(0, 1200) }).strict(),
    deadlines: z
      .object({
        listingDecisionWd: int(0, 1200),
        removalDecisionWd: int(0, 1200),
        objectionAcceptWd: int(0, 1200),
        objectionVerifyWd: int(0, 1200),
        publicationShortMonths: int(0, 1200),
        publicationLongMonths: int(0, 1200),
        seriousPublicationMonths: int(0, 1200),
        repairMinMonths: int(0, 1200),
        repairMinMonthsSpecial: int(0, 1200),
        seriousEarlyRemovalMonths: int(0, 1200),
        dueSoonWd: int(0, 1200),
      })
      .strict(),
    reclassify: z.object({ everyMonths: int(0, 12), dayOfMonth: int(1, 28) }).strict(),
  })
  .meta({ id: 'CreditSettings', title: '信用设置（规则、分界、期限）' });

export const CreditSettingsOut = z.object({ settings: CreditSettingsShape, version: z.number().int(), facts: z.record(z.string(), z.string()) });
export type CreditSettingsOut = z.infer<typeof CreditSettingsOut>;
export const CreditSettingsBody = z.object({ settings: CreditSettingsShape, version: z.number().int().min(0) }).strict();

/** Dates to ISO strings and numeric ids (`id`, `…Id`) to strings, as the JSON shapes above want. */
export function jsonOut<T>(value: unknown): T {
  const walk = (v: unknown, key: string): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'number' && (key === 'id' || /Id$/.test(key))) return String(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, '') as T;
}

export { ABNORMAL_REASONS };

export const EventImportResponse = z.object({
  jobId: z.number().int().meta({ description: '导入任务编号：未导入的行用 GET /credit/imports/{jobId}/refusals 下载' }),
  imported: z.number().int(),
  /** already recorded: left alone */
  unchanged: z.number().int(),
  refusedCount: z.number().int(),
  /** the first 1000 refused rows (all are in the workbook) */
  refused: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type EventImportResponse = z.infer<typeof EventImportResponse>;
