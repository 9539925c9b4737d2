// Request and response schemas of the assessment routes (考核). The web imports its types from here.
import { z } from 'zod';
import { Id, Page, PageInfo, Timestamp, WholeListPageSize } from '../../core/http/schemas';
import { GRADES, MIN_REASON_LENGTH, NOT_ASSESSED } from './model';

export const Year = z.coerce.number().int().min(2000, { message: '年度应在 2000–2100 之间' }).max(2100, { message: '年度应在 2000–2100 之间' }).meta({ title: '年度' });
export const YearQuery = z.object({ year: Year });
export const AssessmentListQuery = YearQuery.extend({ page: Page, pageSize: WholeListPageSize });
export const YearParams = z.object({ year: Year });

const Weight = z.number().min(0, { message: '权重不能为负数' }).max(1000);
const Cut = z.number().min(0).max(1000);

export const SchemeBody = z
  .object({
    version: z.number().int().min(0).meta({ title: '版本号', description: '新建时为 0' }),
    name: z.string().trim().min(1).max(100).default('年度考核方案'),
    weights: z.object({ onTime: Weight, targets: Weight, tasks: Weight }).strict().meta({ title: '权重', description: '按时报送 / 目标完成 / 任务完成' }),
    grades: z.object({ A: Cut, B: Cut, C: Cut }).strict().meta({ title: '等级分数线', description: '各等级最低分，低于 C 为 D' }),
  })
  .strict();
export type SchemeBody = z.infer<typeof SchemeBody>;

export const SchemeOut = z
  .object({
    id: z.string().nullable(),
    year: z.number(),
    name: z.string(),
    weights: z.object({ onTime: z.number(), targets: z.number(), tasks: z.number() }),
    grades: z.object({ A: z.number(), B: z.number(), C: z.number() }),
    stored: z.boolean().meta({ description: 'false：尚未保存，显示的是默认方案' }),
    version: z.number(),
  })
  .meta({ id: 'AssessmentScheme', title: '考核方案' });
export const SchemeResponse = z.object({ scheme: SchemeOut, rules: z.record(z.string(), z.string()) });

export const ComputeBody = z.object({ year: z.number().int().min(2000).max(2100).meta({ title: '年度' }) }).strict();

export const AdjustBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号' }),
    adjustedScore: z.number().nullable().optional().meta({ title: '调整后得分', description: 'null 取消调整' }),
    veto: z.boolean().optional().meta({ title: '一票否决' }),
    reason: z.string().max(2000).meta({ title: '理由', description: `必填，不少于 ${MIN_REASON_LENGTH} 个字` }),
  })
  .strict();
export type AdjustBody = z.infer<typeof AdjustBody>;

const Part = z.object({
  applicable: z.boolean(),
  met: z.number(),
  total: z.number(),
  ratio: z.number(),
  weight: z.number(),
  effectiveWeight: z.number().optional().meta({ description: '按有效部分调整后的权重' }),
  points: z.number(),
  formula: z.string(),
});

export const AssessmentOut = z
  .object({
    id: z.string(),
    year: z.number(),
    departmentId: z.string(),
    departmentName: z.string(),
    breakdown: z
      .object({
        year: z.number(),
        asOf: z.string(),
        onTime: Part.extend({ details: z.array(z.object({ planTitle: z.string(), periodLabel: z.string(), dueDate: z.string(), submittedOn: z.string().nullable(), onTime: z.boolean() })) }),
        assessed: z.boolean().optional().meta({ description: 'false：本年度无应考核事项，不参评' }),
        targets: Part.extend({
          details: z.array(
            z.object({ targetId: z.string(), planTitle: z.string(), indicator: z.string(), deadlineYear: z.number().nullable().optional(), status: z.string(), counted: z.boolean() }),
          ),
        }),
        tasks: Part.extend({
          details: z.array(
            z.object({ taskId: z.string(), planTitle: z.string(), title: z.string(), dueDate: z.string().nullable().optional(), status: z.string().nullable(), counted: z.boolean() }),
          ),
        }),
        excludedPlans: z.array(z.string()).optional().meta({ description: '计划期已在考核年度之前结束、未计入的计划' }),
        total: z.number(),
        totalFormula: z.string().optional(),
      })
      .meta({ description: '计算过程：各部分的计数、比例、权重、得分' }),
    computedScore: z.number(),
    adjustedScore: z.number().nullable(),
    adjustmentReason: z.string().nullable(),
    finalScore: z.number(),
    veto: z.boolean(),
    vetoReason: z.string().nullable(),
    grade: z.enum([...GRADES, NOT_ASSESSED]).meta({ description: 'A–D；N 为不参评' }),
    computedAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number(),
  })
  .meta({ id: 'Assessment', title: '考核结果' });
export type AssessmentOut = z.infer<typeof AssessmentOut>;

export const AssessmentListResponse = z.object({ year: z.number(), items: z.array(AssessmentOut) });
/** GET /api/assessments: a page of the year's results (≤ 200) with their total. */
export const AssessmentPageResponse = AssessmentListResponse.extend(PageInfo);
export const AssessmentResponse = z.object({ assessment: AssessmentOut });
export const AssessmentDetailResponse = z.object({
  assessment: AssessmentOut,
  history: z.array(z.object({ at: Timestamp, actorName: z.string(), adjustedScore: z.number().nullable(), veto: z.boolean(), reason: z.string() })),
});
export const AssessmentParams = z.object({ id: Id });
