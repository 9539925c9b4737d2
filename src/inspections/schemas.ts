// Request and response shapes of the inspections API (zod; the web imports the types).
import { z } from 'zod';
import { Id, IsoDate, Timestamp } from '../core/http/schemas';
import { FollowUpLinkOut } from '../plans/followups/schemas';
import { CAMPAIGN_STATES, RESULT_CODES, RESULT_STATES, RISK_CLASSES, STANDARD_CHECK_KEYS, STANDARD_TYPES, type StandardCheckKey } from './model';

const text = (max: number) => z.string().trim().max(max);
const ClassRuleIn = z.object({ ratio: z.number().min(0).max(1), perYear: z.number().min(0).max(366) }).strict();
const ClassRules = z.object(Object.fromEntries(RISK_CLASSES.map((c) => [c, ClassRuleIn])) as Record<(typeof RISK_CLASSES)[number], typeof ClassRuleIn>);
const PartialClassRules = ClassRules.partial();
const idList = z.array(Id).max(500);

export const SettingsBody = z
  .object({
    version: z.number().int().min(0),
    classRules: ClassRules,
    inspectorsPerObject: z.number().int().min(2).max(10),
    publishWithinWorkingDays: z.number().int().min(1).max(120),
    notDrawnWithinDays: z.number().int().min(0).max(3660),
    operatingStatuses: z.array(text(20).min(1)).min(1).max(20),
  })
  .strict();
export const SettingsOut = SettingsBody.meta({ id: 'InspectionSettings', title: '双随机抽查参数' });
export const SettingsResponse = z.object({ settings: SettingsOut, rules: z.record(z.string(), z.string()) });

export const ItemScope = z
  .object({
    standardDeclarations: z.boolean().optional().meta({ description: '企业标准自我声明抽查：只抽有自我声明的企业' }),
    industrySections: z.array(text(2)).max(30).optional(),
    industryDivisions: z.array(text(3)).max(120).optional(),
    licenceKinds: z.array(text(50)).max(50).optional(),
    productTags: z.array(text(50)).max(100).optional(),
  })
  .strict();

export const ItemBody = z
  .object({
    code: text(40).min(1, { message: '请填写事项编号' }),
    name: text(200).min(1, { message: '请填写事项名称' }),
    legalBasis: text(2000).min(1, { message: '请填写抽查依据' }),
    department: text(100).min(1, { message: '请填写抽查主体' }),
    content: text(4000).default(''),
    method: text(100).default('实地核查'),
    scope: ItemScope.default({}),
    classRules: PartialClassRules.default({}),
    notDrawnWithinDays: z.number().int().min(0).max(3660).nullable().default(null).meta({ description: '本事项的不重复抽取天数（空：用本机关参数；企业标准抽查 1095 天）' }),
    active: z.boolean().default(true),
  })
  .strict();
export const ItemUpdateBody = ItemBody.extend({ version: z.number().int().min(1) });
export const ItemOut = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    legalBasis: z.string(),
    department: z.string(),
    content: z.string(),
    method: z.string(),
    scope: ItemScope,
    classRules: PartialClassRules,
    notDrawnWithinDays: z.number().nullable(),
    active: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'InspectionItem', title: '抽查事项' });
export type ItemOut = z.infer<typeof ItemOut>;

const Conflict = z.object({ creditCode: text(30).min(1), reason: text(200).default('') }).strict();
export const InspectorBody = z
  .object({
    userId: Id.nullable().default(null),
    username: text(64).nullable().default(null).meta({ title: '平台账号用户名', description: '填写则按用户名关联执法人员账号（优先于 userId）' }),
    name: text(50).min(1, { message: '请填写姓名' }),
    department: text(100).min(1, { message: '请填写所在部门' }),
    certificateNo: text(40).min(1, { message: '请填写执法证号' }),
    qualifiedItemIds: idList.default([]),
    conflicts: z.array(Conflict).max(200).default([]),
    active: z.boolean().default(true),
  })
  .strict();
export const InspectorUpdateBody = InspectorBody.extend({ version: z.number().int().min(1) });
export const InspectorOut = z
  .object({
    id: z.string(),
    userId: z.string().nullable(),
    name: z.string(),
    department: z.string(),
    certificateNo: z.string(),
    qualifiedItemIds: z.array(z.string()),
    conflicts: z.array(z.object({ creditCode: z.string(), reason: z.string() })),
    active: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'Inspector', title: '执法检查人员' });
export type InspectorOut = z.infer<typeof InspectorOut>;

export const CampaignBody = z
  .object({
    name: text(200).min(1, { message: '请填写任务名称' }),
    year: z.number().int().min(2000).max(2100),
    itemIds: idList.min(1, { message: '请至少选择一个抽查事项' }),
    departments: z.array(text(100).min(1)).max(20).default([]),
    regionPrefix: z.string().regex(/^\d{2,9}$/, { message: '行政区划代码前缀应为 2–9 位数字' }).nullable().default(null),
  })
  .strict();

const Stratum = z.object({ key: z.string(), ratio: z.number(), size: z.number(), take: z.number(), listHash: z.string(), candidateBound: z.string().nullable().optional() });
export const FrameOut = z
  .object({
    format: z.string(),
    version: z.number(),
    campaignId: z.number(),
    campaignName: z.string(),
    authority: z.string(),
    items: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
    exclusions: z.object({ operatingStatuses: z.array(z.string()), notDrawnForSameItemWithinDays: z.number(), excludedCount: z.number() }),
    strata: z.array(Stratum),
    inspectors: z.array(z.object({ id: z.number(), name: z.string(), department: z.string(), certificateNo: z.string(), conflicts: z.array(z.string()) })),
    inspectorsPerObject: z.number(),
    fixedAt: z.string(),
  })
  .meta({ id: 'DrawFrame', title: '抽查框' });
export const DrawResultOut = z.object({
  objects: z.array(z.object({ stratum: z.string(), position: z.number(), creditCode: z.string(), inspectors: z.array(z.number()) })),
  recusals: z.array(z.object({ creditCode: z.string(), inspectorId: z.number() })),
});

export const CampaignOut = z
  .object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    itemIds: z.array(z.string()),
    departments: z.array(z.string()),
    regionPrefix: z.string().nullable(),
    state: z.enum(CAMPAIGN_STATES),
    frame: FrameOut.nullable(),
    frameHash: z.string().nullable(),
    commitment: z.string().nullable(),
    seed: z.string().nullable().meta({ description: '抽取后才公开' }),
    frameFixedAt: Timestamp.nullable(),
    drawnAt: Timestamp.nullable(),
    result: DrawResultOut.nullable().meta({ description: '抽取结果（仅在抽取的应答中；列表和任务页见 objectCount、recusalCount，全部名单见抽取文件）' }),
    objectCount: z.number().meta({ description: '抽中的检查对象数' }),
    recusalCount: z.number().meta({ description: '回避改派次数' }),
    endedOn: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'InspectionCampaign', title: '抽查任务' });
export type CampaignOut = z.infer<typeof CampaignOut>;

const Checklist = z.object(Object.fromEntries(STANDARD_CHECK_KEYS.map((k) => [k, z.boolean()])) as Record<StandardCheckKey, z.ZodBoolean>).strict();

export const ResultBody = z
  .object({
    resultCode: z.enum(RESULT_CODES, { message: '请选择检查结果' }),
    findings: text(4000).default(''),
    followUp: text(4000).default(''),
    followUpDone: z.boolean().default(false),
    inspectedOn: IsoDate,
    checklist: Checklist.nullable().default(null).meta({ description: '企业标准自我声明抽查的核查清单（其他事项为空）' }),
  })
  .strict();
export const ReviewBody = z.object({ approve: z.boolean(), comment: text(1000).default('') }).strict();
export const MoveBody = z.object({ state: z.enum(['执行中', '已完成']), endedOn: IsoDate.nullable().default(null) }).strict();

export const ResultOut = z
  .object({
    id: z.string(),
    objectId: z.string(),
    version: z.number(),
    state: z.enum(RESULT_STATES),
    resultCode: z.string(),
    findings: z.string(),
    followUp: z.string(),
    followUpDone: z.boolean(),
    inspectedOn: z.string(),
    enteredByName: z.string(),
    enteredAt: Timestamp,
    reviewedByName: z.string().nullable(),
    reviewedAt: Timestamp.nullable(),
    reviewComment: z.string().nullable(),
    checklist: Checklist.nullable(),
    /** may the asking user review it (not their own entry, still pending) */
    canReview: z.boolean(),
  })
  .meta({ id: 'InspectionResult', title: '检查结果（一个版本）' });
export type ResultOut = z.infer<typeof ResultOut>;

export const ObjectOut = z
  .object({
    id: z.string(),
    drawOrder: z.number(),
    stratum: z.string(),
    creditCode: z.string(),
    enterpriseId: z.string().meta({ description: '企业质量档案 /enterprises/:id' }),
    enterpriseName: z.string(),
    inspectors: z.array(z.object({ id: z.string(), name: z.string() })),
    state: z.enum(RESULT_STATES),
    current: ResultOut.nullable(),
    versions: z.array(ResultOut),
    dueDate: z.string().nullable(),
    publication: z.enum(['published', 'due', 'overdue', 'none']),
    canEnter: z.boolean(),
    /** the plans' follow-up tasks opened from this result (后续任务) */
    followUps: z.array(FollowUpLinkOut),
    evidence: z.number().int().meta({ description: '证据材料份数（各版本合计）' }),
  })
  .meta({ id: 'InspectionObject', title: '检查对象' });

export const EvidenceOut = z
  .object({
    id: z.string(),
    objectId: z.string(),
    forVersion: z.number().int().meta({ description: '随第几版检查结果提交' }),
    submitted: z.boolean().meta({ description: '该版本是否已提交（已提交的不能删除）' }),
    fileName: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedByName: z.string(),
    uploadedAt: z.string(),
    mayDelete: z.boolean(),
  })
  .meta({ id: 'InspectionEvidence', title: '证据材料' });
export type EvidenceOut = z.infer<typeof EvidenceOut>;
export type ObjectOut = z.infer<typeof ObjectOut>;

export const ObjectFilter = z.enum(['all', '未录入', '待审核', '退回', '已公示', 'overdue', 'mine']);
export const CampaignPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  filter: ObjectFilter.default('all'),
  object: Id.optional().meta({ description: '只看这一个检查对象（后续任务的链接）' }),
});
export const CampaignPageResponse = z.object({
  campaign: CampaignOut,
  /** one page of the drawn objects (a campaign may draw tens of thousands) */
  objects: z.array(ObjectOut),
  total: z.number().meta({ description: '符合筛选条件的检查对象数' }),
  page: z.number(),
  pageSize: z.number(),
  /** all objects of the campaign by result state, and how many are overdue for publication */
  counts: z.object({ all: z.number(), 未录入: z.number(), 待审核: z.number(), 退回: z.number(), 已公示: z.number(), overdue: z.number() }),
  me: z.object({ id: z.string(), name: z.string() }).nullable(),
  downloadUrl: z.string().nullable(),
});
export type CampaignPageResponse = z.infer<typeof CampaignPageResponse>;

export const PublicDrawOut = z
  .object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    items: z.array(z.string()),
    strata: z.array(z.object({ key: z.string(), size: z.number(), take: z.number(), ratio: z.number() })),
    commitment: z.string(),
    frameHash: z.string(),
    frameFixedAt: Timestamp,
    drawnAt: Timestamp.nullable(),
    seed: z.string().nullable(),
    objectCount: z.number(),
    downloadUrl: z.string().meta({ description: '抽取文件（JSON）：抽查框、承诺值、对象名单；抽取后含随机种子和结果，可用 zhiliang draw verify 核验' }),
  })
  .meta({ id: 'PublicDraw', title: '公开的抽取' });
export type PublicDrawOut = z.infer<typeof PublicDrawOut>;
export const PublicDrawListResponse = z.object({ tenant: z.object({ id: z.string(), name: z.string() }), items: z.array(PublicDrawOut) });
export type PublicDrawListResponse = z.infer<typeof PublicDrawListResponse>;

export const PublicationDueResponse = z
  .object({
    today: z.string(),
    publishWithinWorkingDays: z.number(),
    overdue: z.number().meta({ description: '公示逾期的检查对象数' }),
    dueSoon: z.number().meta({ description: '5 个工作日内到期的检查对象数' }),
    items: z.array(
      z.object({
        campaignId: z.string(),
        name: z.string(),
        overdue: z.number(),
        dueSoon: z.number(),
        pending: z.number().meta({ description: '未公示（有检查日期或任务已结束）的检查对象数' }),
        earliest: z.string().nullable(),
        dueOn: z.string().nullable().meta({ description: '最早一个的公示期限' }),
      }),
    ),
  })
  .meta({ id: 'PublicationDue', title: '检查结果公示期限' });
export type PublicationDueResponse = z.infer<typeof PublicationDueResponse>;

// --- 企业标准自我声明 spot checks ----------------------------------------------------------------------

export const DeclarationBody = z
  .object({
    creditCode: text(30).min(1, { message: '请填写统一社会信用代码' }),
    standardNo: text(60).min(1, { message: '请填写标准编号' }),
    standardName: text(200).min(1, { message: '请填写标准名称' }),
    standardType: z.enum(STANDARD_TYPES, { message: '标准类型应为企业标准、团体标准、国家标准、行业标准或地方标准' }),
    products: text(1000).default(''),
    declaredOn: IsoDate,
  })
  .strict();
export const DeclarationOut = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    creditCode: z.string(),
    standardNo: z.string(),
    standardName: z.string(),
    standardType: z.string(),
    products: z.string(),
    declaredOn: z.string(),
  })
  .meta({ id: 'StandardDeclaration', title: '企业标准自我声明' });
export type DeclarationOut = z.infer<typeof DeclarationOut>;
export const DeclarationListResponse = z.object({ items: z.array(DeclarationOut), total: z.number() });

const Rate = z.object({ checked: z.number(), conforming: z.number(), rate: z.number().nullable().meta({ description: '符合率 = 符合的 / 已核查（已公示结果）' }) });
export const ConformityResponse = z
  .object({
    year: z.number(),
    total: Rate,
    byIndustry: z.array(Rate.extend({ industrySection: z.string().nullable(), industryName: z.string() })),
    byRegion: z.array(Rate.extend({ regionCode: z.string().nullable(), regionName: z.string() })),
  })
  .meta({ id: 'StandardConformity', title: '企业标准自我声明抽查符合率' });
export type ConformityResponse = z.infer<typeof ConformityResponse>;

export const DeclarationImportResponse = z
  .object({
    jobId: z.number().int().meta({ description: '导入任务编号：未导入的行用 GET /inspections/standards/imports/{jobId}/refusals 下载' }),
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    refused: z.array(z.object({ row: z.number(), reason: z.string() })),
    refusedCount: z.number().int(),
  })
  .meta({ id: 'DeclarationImport', title: '企业标准自我声明导入：新增、更新、未变和未导入的行' });
export type DeclarationImportResponse = z.infer<typeof DeclarationImportResponse>;
