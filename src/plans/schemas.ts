// Request and response schemas of the plan routes. The web imports its types from here.
import { z } from 'zod';
import { Id, IsoDate, Page, PageSize, Timestamp } from '../core/http/schemas';
import { COMPARATORS, DEPARTMENT_ROLES, ITEM_ORIGINS, PLAN_STATUSES, REPORTING_CYCLES, TARGET_KINDS } from './model';

const Year = z.number().int().min(1949).max(2100);
const DateString = IsoDate;
const Num = z.number().refine(Number.isFinite, { message: '应为有限数字' });
export const SpanSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]).meta({ title: '原文位置', description: '[起, 止) 在规范化文本中的字符位置' });

export const Comparator = z.enum(COMPARATORS).meta({ title: '比较方式', description: '>= <= > < = ~（约）range（区间）' });
export const TargetKind = z.enum(TARGET_KINDS).meta({ title: '目标类型', description: 'level 水平值 · increment 增量 · cumulative 累计值' });
export const DepartmentRole = z.enum(DEPARTMENT_ROLES).meta({ title: '责任角色', description: 'lead 牵头 · co 配合' });
export const PlanStatus = z.enum(PLAN_STATUSES).meta({ title: '计划状态' });
export const ReportingCycle = z.enum(REPORTING_CYCLES).meta({ title: '报送周期', description: 'monthly 每月 · quarterly 每季度 · half_yearly 每半年' });
export const ItemOrigin = z.enum(ITEM_ORIGINS).meta({ title: '来源', description: 'extracted 自动提取 · edited 提取后修改 · manual 人工添加' });

// --- the document engine's output (../shared/contracts/plan-extraction.md) ---------------------

export const OutlineNode = z
  .object({
    marker: z.string(),
    title: z.string(),
    level: z.number().int(),
    span: SpanSchema,
    get children(): z.ZodArray<typeof OutlineNode> {
      return z.array(OutlineNode);
    },
  })
  .meta({ id: 'OutlineNode', title: '提纲节点' });
export type OutlineNode = z.infer<typeof OutlineNode>;

export const ExtractedTarget = z.object({
  indicator: z.string(),
  comparator: Comparator,
  value: z.number(),
  valueMax: z.number().optional(),
  unit: z.string(),
  kind: TargetKind,
  deadline: z.number().int().nullable(),
  span: SpanSchema,
});

export const ExtractedTask = z.object({
  marker: z.string().nullable(),
  title: z.string(),
  span: SpanSchema,
  departments: z.array(z.object({ name: z.string(), role: DepartmentRole })),
  deadline: z.string().nullable(),
});

export const TopicScore = z.object({ category: z.string(), subcategory: z.string().nullable(), score: z.number() });

export const PlanExtraction = z
  .object({
    schemaVersion: z.literal(1),
    source: z.object({ fileName: z.string(), format: z.enum(['txt', 'html', 'docx', 'pdf']), encoding: z.string(), normalizations: z.array(z.string()) }),
    text: z.string(),
    metadata: z.object({
      title: z.string().nullable(),
      issuer: z.string().nullable(),
      documentNumber: z.string().nullable(),
      indexNumber: z.string().nullable(),
      writtenDate: z.string().nullable(),
      publishedDate: z.string().nullable(),
      period: z.object({ startYear: z.number().int(), endYear: z.number().int() }).nullable(),
      region: z.string().nullable(),
    }),
    topics: z.array(TopicScore),
    outline: z.array(OutlineNode),
    targets: z.array(ExtractedTarget),
    tasks: z.array(ExtractedTask),
    departments: z.array(z.string()),
  })
  .meta({ id: 'PlanExtraction', title: '文档解析结果' });

const DepartmentBrief = z.object({ id: Id, name: z.string(), shortName: z.string().nullable() });

export const DepartmentCandidate = z.object({
  kind: z.enum(['exact', 'shortName', 'alias', 'near']),
  department: DepartmentBrief,
  score: z.number(),
  matched: z.string(),
});

export const DepartmentNameMatch = z
  .object({
    name: z.string().meta({ title: '文件中的部门名称' }),
    status: z.enum(['exact', 'alias', 'suggested', 'none']).meta({
      description: 'exact 名称一致 · alias 简称或别名一致 · suggested 有相近部门待确认 · none 名录中没有，可新建',
    }),
    match: DepartmentCandidate.nullable(),
    suggestions: z.array(DepartmentCandidate),
    /** how many tasks name it */
    taskCount: z.number().int(),
    unitLike: z.boolean().meta({ description: '名称形如单位名称（以局、委、办、中心、政府、街道、公司等结尾，或在本单位名称表中）；否则默认忽略' }),
  })
  .meta({ id: 'DepartmentNameMatch', title: '部门名称匹配' });
export type DepartmentNameMatch = z.infer<typeof DepartmentNameMatch>;

export const PlanRefSchema = z.object({ id: Id, title: z.string(), status: PlanStatus, createdAt: Timestamp });

export const ParseResponse = z
  .object({
    extraction: PlanExtraction,
    source: z.object({ sha256: z.string(), sizeBytes: z.number().int(), fileName: z.string() }),
    departments: z.array(DepartmentNameMatch),
    targetDepartments: z
      .array(z.array(z.object({ name: z.string(), role: DepartmentRole })))
      .meta({ description: '每个目标建议的责任部门（与 extraction.targets 一一对应）：取包含该目标原文的任务的责任部门；不在任何任务中的目标为空，由办公室指定' }),
    duplicateOf: PlanRefSchema.nullable().meta({ description: '同一文件已导入过时，指向已有计划' }),
  })
  .meta({ id: 'PlanParseResponse' });
export type ParseResponse = z.infer<typeof ParseResponse>;

// --- confirming a reviewed extraction -------------------------------------------------------------

const Text = (max: number, title: string) => z.string().trim().max(max).meta({ title });
const OptText = (max: number, title: string) => z.string().trim().max(max).nullable().optional().meta({ title });

export const ItemDepartmentInput = z.object({
  name: z.string().trim().min(1).max(100).meta({ title: '部门名称', description: '文件中的写法，须在 departments 中给出处理方式' }),
  role: DepartmentRole,
});

export const TargetInput = z
  .object({
    indicator: Text(300, '指标名称').min(1),
    comparator: Comparator,
    value: Num.meta({ title: '目标值' }),
    valueMax: Num.nullable().optional().meta({ title: '上限值' }),
    unit: Text(40, '单位').default(''),
    kind: TargetKind.default('level'),
    deadlineYear: Year.nullable().optional().meta({ title: '完成年份' }),
    baselineValue: Num.nullable().optional().meta({ title: '基期值' }),
    baselineDate: DateString.nullable().optional().meta({ title: '基期日期' }),
    tolerance: Num.min(0).nullable().optional().meta({ title: '容差' }),
    span: SpanSchema.nullable().optional(),
    origin: ItemOrigin.optional(),
    departments: z.array(ItemDepartmentInput).max(50).default([]).meta({ title: '责任部门' }),
  })
  .strict();
export type TargetInput = z.input<typeof TargetInput>;

export const TaskInput = z
  .object({
    marker: OptText(20, '序号'),
    title: Text(2000, '任务名称').min(1),
    span: SpanSchema.nullable().optional(),
    deadlineText: OptText(100, '完成时限'),
    dueDate: DateString.nullable().optional().meta({ title: '截止日期' }),
    origin: ItemOrigin.optional(),
    departments: z.array(ItemDepartmentInput).max(50).default([]).meta({ title: '责任部门' }),
  })
  .strict();
export type TaskInput = z.input<typeof TaskInput>;

export const DepartmentResolution = z
  .discriminatedUnion('action', [
    z.object({
      name: z.string().trim().min(1).max(100),
      action: z.literal('link').meta({ description: '对应名录中已有的部门' }),
      departmentId: Id,
      addAlias: z.boolean().optional().meta({ description: '把文件中的写法记为该部门的别名，下次自动匹配' }),
    }),
    z.object({
      name: z.string().trim().min(1).max(100),
      action: z.literal('create').meta({ description: '在名录中新建部门' }),
      newName: z.string().trim().min(1).max(64).optional().meta({ title: '新部门名称', description: '默认为文件中的写法' }),
      notUnitNameConfirmed: z
        .boolean()
        .optional()
        .meta({ description: '名称不像单位名称时，须为 true 才新建（明确确认），否则拒绝' }),
    }),
    z.object({
      name: z.string().trim().min(1).max(100),
      action: z.literal('ignore').meta({ description: '不是责任部门（提取有误），从任务中去掉' }),
    }),
  ])
  .meta({ id: 'DepartmentResolution', title: '部门处理方式' });
export type DepartmentResolution = z.infer<typeof DepartmentResolution>;

export const PlanMetadataInput = z
  .object({
    title: Text(300, '计划名称').min(1),
    issuer: OptText(200, '发文机关'),
    documentNumber: OptText(100, '文号'),
    indexNumber: OptText(100, '索引号'),
    writtenDate: DateString.nullable().optional().meta({ title: '成文日期' }),
    publishedDate: DateString.nullable().optional().meta({ title: '发布日期' }),
    periodStartYear: Year.nullable().optional().meta({ title: '起始年份' }),
    periodEndYear: Year.nullable().optional().meta({ title: '结束年份' }),
    region: OptText(100, '地区'),
    regionCode: z.string().regex(/^\d{6}(\d{3})?$/, { message: '应为 6 位或 9 位行政区划代码' }).nullable().optional().meta({ title: '行政区划代码' }),
    topicCategory: OptText(100, '主题分类'),
    topicSubcategory: OptText(100, '主题子类'),
  })
  .strict();

export const PlanSettingsInput = z
  .object({
    reportingCycle: ReportingCycle.optional(),
    reportDueWorkingDays: z.number().int().min(0).max(60).optional().meta({ title: '报送期限（工作日）' }),
    warningMarginPct: z.number().min(0).max(100).optional().meta({ title: '预警幅度（%）' }),
  })
  .strict();

export const ConfirmPlanBody = z
  .object({
    source: z
      .object({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: '应为 64 位十六进制 SHA-256' }),
        fileName: z.string().trim().min(1).max(255).meta({ title: '文件名' }),
        format: z.enum(['txt', 'html', 'docx', 'pdf']),
        encoding: z.string().max(40).nullable().optional(),
        normalizations: z.array(z.string().max(100)).max(100).default([]),
        sizeBytes: z.number().int().min(0),
        text: z.string().max(6_000_000).meta({ title: '规范化文本' }),
      })
      .strict()
      .meta({ title: '来源文件' }),
    metadata: PlanMetadataInput,
    settings: PlanSettingsInput.optional(),
    topics: z.array(TopicScore).max(50).default([]),
    outline: z.array(OutlineNode).max(2000).default([]),
    targets: z.array(TargetInput).max(2000),
    tasks: z.array(TaskInput).max(5000),
    departments: z.array(DepartmentResolution).max(500).default([]).meta({ title: '部门处理' }),
    /** the engine's original extraction, kept for reference (optional) */
    extraction: z.unknown().optional(),
    allowDuplicate: z.boolean().optional().meta({ description: '同一文件已导入过时仍要再建一份' }),
  })
  .strict()
  .meta({ id: 'ConfirmPlanBody', title: '确认导入计划' });
export type ConfirmPlanBody = z.input<typeof ConfirmPlanBody>;
export type ConfirmPlanInput = z.output<typeof ConfirmPlanBody>;

// --- stored plans -----------------------------------------------------------------------------------

const DepartmentRefOut = z.object({ id: Id, name: z.string(), role: DepartmentRole });

export const PlanOut = z
  .object({
    id: Id,
    title: z.string(),
    issuer: z.string().nullable(),
    documentNumber: z.string().nullable(),
    indexNumber: z.string().nullable(),
    writtenDate: z.string().nullable(),
    publishedDate: z.string().nullable(),
    periodStartYear: z.number().int().nullable(),
    periodEndYear: z.number().int().nullable(),
    region: z.string().nullable(),
    regionCode: z.string().nullable(),
    topicCategory: z.string().nullable(),
    topicSubcategory: z.string().nullable(),
    status: PlanStatus,
    reportingCycle: ReportingCycle,
    reportDueWorkingDays: z.number().int(),
    warningMarginPct: z.number(),
    publishedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Plan', title: '行动计划' });
export type PlanOut = z.infer<typeof PlanOut>;

export const TargetOut = z
  .object({
    id: Id,
    planId: Id,
    indicator: z.string(),
    comparator: Comparator,
    value: z.number(),
    valueMax: z.number().nullable(),
    unit: z.string(),
    kind: TargetKind,
    deadlineYear: z.number().int().nullable(),
    baselineValue: z.number().nullable(),
    baselineDate: z.string().nullable(),
    tolerance: z.number().nullable(),
    span: SpanSchema.nullable(),
    sortOrder: z.number().int(),
    origin: ItemOrigin,
    departments: z.array(DepartmentRefOut),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Target', title: '目标指标' });
export type TargetOut = z.infer<typeof TargetOut>;

export const TaskOut = z
  .object({
    id: Id,
    planId: Id,
    marker: z.string().nullable(),
    title: z.string(),
    span: SpanSchema.nullable(),
    deadlineText: z.string().nullable(),
    dueDate: z.string().nullable(),
    sortOrder: z.number().int(),
    origin: ItemOrigin,
    departments: z.array(DepartmentRefOut),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Task', title: '重点任务' });
export type TaskOut = z.infer<typeof TaskOut>;

export const PlanCountsOut = z.object({ targets: z.number().int(), tasks: z.number().int(), departments: z.number().int() });

export const PlanListItem = PlanOut.extend({ counts: PlanCountsOut, fileName: z.string().nullable() }).meta({ id: 'PlanListItem' });
export const PlanListResponse = z.object({ items: z.array(PlanListItem), total: z.number().int() }).meta({ id: 'PlanList' });
export type PlanListResponse = z.infer<typeof PlanListResponse>;

export const PlanListQuery = z.object({
  status: PlanStatus.optional(),
  q: z.string().trim().max(100).optional().meta({ title: '搜索词' }),
  page: Page,
  pageSize: PageSize,
});

export const PlanDetailResponse = z
  .object({
    plan: PlanOut,
    source: z
      .object({
        sha256: z.string(),
        fileName: z.string(),
        format: z.string(),
        encoding: z.string().nullable(),
        sizeBytes: z.number().int(),
        text: z.string(),
      })
      .nullable(),
    topics: z.array(TopicScore),
    outline: z.array(OutlineNode),
    targets: z.array(TargetOut),
    tasks: z.array(TaskOut),
    departments: z.array(z.object({ id: Id, name: z.string() })),
  })
  .meta({ id: 'PlanDetail', title: '行动计划详情' });
export type PlanDetailResponse = z.infer<typeof PlanDetailResponse>;

export const ConfirmPlanResponse = z
  .object({
    plan: PlanOut,
    counts: PlanCountsOut,
    departmentsLinked: z.number().int(),
    departmentsCreated: z.array(z.object({ id: Id, name: z.string() })),
  })
  .meta({ id: 'ConfirmPlanResponse' });
export type ConfirmPlanResponse = z.infer<typeof ConfirmPlanResponse>;

export const PlanResponse = z.object({ plan: PlanOut }).meta({ id: 'PlanResponse' });

export const VersionBody = z.object({ version: z.number().int().min(1).meta({ title: '版本号' }) }).strict();
export const VersionQuery = z.object({ version: z.coerce.number().int().min(1).meta({ title: '版本号' }) });

export const UpdatePlanBody = PlanMetadataInput.partial()
  .extend(PlanSettingsInput.shape)
  .extend({ version: z.number().int().min(1).meta({ title: '版本号' }) })
  .strict()
  .meta({ id: 'UpdatePlanBody' });
export type UpdatePlanBody = z.infer<typeof UpdatePlanBody>;

export const UpdateTargetBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号', description: '读取时的 version；已被他人修改则返回 409 CONFLICT' }),
    indicator: Text(300, '指标名称').min(1).optional(),
    comparator: Comparator.optional(),
    value: Num.optional().meta({ title: '目标值' }),
    valueMax: Num.nullable().optional().meta({ title: '上限值' }),
    unit: Text(40, '单位').optional(),
    kind: TargetKind.optional(),
    deadlineYear: Year.nullable().optional().meta({ title: '完成年份' }),
    baselineValue: Num.nullable().optional().meta({ title: '基期值' }),
    baselineDate: DateString.nullable().optional().meta({ title: '基期日期' }),
    tolerance: Num.min(0).nullable().optional().meta({ title: '容差' }),
    sortOrder: z.number().int().min(-100000).max(100000).optional().meta({ title: '排序' }),
    departments: z
      .array(z.object({ departmentId: Id, role: DepartmentRole }))
      .max(50)
      .optional()
      .meta({ title: '责任部门' }),
  })
  .strict()
  .meta({ id: 'UpdateTargetBody' });
export type UpdateTargetBody = z.infer<typeof UpdateTargetBody>;

export const CreateTargetBody = z
  .object({
    indicator: Text(300, '指标名称').min(1),
    comparator: Comparator,
    value: Num.meta({ title: '目标值' }),
    valueMax: Num.nullable().optional().meta({ title: '上限值' }),
    unit: Text(40, '单位').default(''),
    kind: TargetKind.default('level'),
    deadlineYear: Year.nullable().optional().meta({ title: '完成年份' }),
    baselineValue: Num.nullable().optional().meta({ title: '基期值' }),
    baselineDate: DateString.nullable().optional().meta({ title: '基期日期' }),
    tolerance: Num.min(0).nullable().optional().meta({ title: '容差' }),
    span: SpanSchema.nullable().optional(),
    departments: z.array(z.object({ departmentId: Id, role: DepartmentRole })).max(50).default([]).meta({ title: '责任部门' }),
  })
  .strict()
  .meta({ id: 'CreateTargetBody' });
export type CreateTargetBody = z.input<typeof CreateTargetBody>;

export const UpdateTaskBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号', description: '读取时的 version；已被他人修改则返回 409 CONFLICT' }),
    marker: OptText(20, '序号'),
    title: Text(2000, '任务名称').min(1).optional(),
    deadlineText: OptText(100, '完成时限'),
    dueDate: DateString.nullable().optional().meta({ title: '截止日期' }),
    sortOrder: z.number().int().min(-100000).max(100000).optional().meta({ title: '排序' }),
    departments: z.array(z.object({ departmentId: Id, role: DepartmentRole })).max(50).optional().meta({ title: '责任部门' }),
  })
  .strict()
  .meta({ id: 'UpdateTaskBody' });
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

export const CreateTaskBody = z
  .object({
    marker: OptText(20, '序号'),
    title: Text(2000, '任务名称').min(1),
    deadlineText: OptText(100, '完成时限'),
    dueDate: DateString.nullable().optional().meta({ title: '截止日期' }),
    span: SpanSchema.nullable().optional(),
    departments: z.array(z.object({ departmentId: Id, role: DepartmentRole })).max(50).default([]).meta({ title: '责任部门' }),
  })
  .strict()
  .meta({ id: 'CreateTaskBody' });
export type CreateTaskBody = z.input<typeof CreateTaskBody>;

export const TargetResponse = z.object({ target: TargetOut }).meta({ id: 'TargetResponse' });
export const TaskResponse = z.object({ task: TaskOut }).meta({ id: 'TaskResponse' });
export const PlanItemParams = z.object({ id: Id, itemId: Id });
