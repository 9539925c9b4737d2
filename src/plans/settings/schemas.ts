// Request and response shapes of /api/plan-settings (the web imports its types from here).
import { z } from 'zod';
import { GRACE_DAYS_MAX } from './model';

export const PlanSettingsOut = z
  .object({
    reportingGraceDays: z.number().int(),
    unitNames: z.array(z.string()),
    version: z.number().int().meta({ description: '0：尚未保存，为默认值' }),
  })
  .meta({ id: 'PlanSettings', title: '计划设置' });
export const PlanSettingsResponse = z.object({ settings: PlanSettingsOut, rules: z.record(z.string(), z.string()) });
export type PlanSettingsOut = z.infer<typeof PlanSettingsOut>;
export type PlanSettingsResponse = z.infer<typeof PlanSettingsResponse>;
export const PlanSettingsBody = z
  .object({
    version: z.number().int().min(0),
    reportingGraceDays: z.number().int().min(0, { message: '宽限期不能为负数' }).max(GRACE_DAYS_MAX, { message: `宽限期不超过 ${GRACE_DAYS_MAX} 天` }).meta({ title: '宽限期（天）' }),
    unitNames: z.array(z.string().trim().min(1).max(50)).max(500).meta({ title: '认定为单位名称的名称或结尾' }),
  })
  .strict();
export type PlanSettingsBody = z.infer<typeof PlanSettingsBody>;
