// GET/PUT /api/plan-settings: the office's plan-loop settings (grace period, unit names).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { GRACE_DAYS_MAX, PLAN_SETTINGS_RULES } from './model';
import { getPlanSettings, savePlanSettings } from './service';

export const PlanSettingsOut = z
  .object({
    reportingGraceDays: z.number().int(),
    unitNames: z.array(z.string()),
    version: z.number().int().meta({ description: '0：尚未保存，为默认值' }),
  })
  .meta({ id: 'PlanSettings', title: '计划设置' });
export const PlanSettingsResponse = z.object({ settings: PlanSettingsOut, rules: z.record(z.string(), z.string()) });
export const PlanSettingsBody = z
  .object({
    version: z.number().int().min(0),
    reportingGraceDays: z.number().int().min(0, { message: '宽限期不能为负数' }).max(GRACE_DAYS_MAX, { message: `宽限期不超过 ${GRACE_DAYS_MAX} 天` }).meta({ title: '宽限期（天）' }),
    unitNames: z.array(z.string().trim().min(1).max(50)).max(500).meta({ title: '认定为单位名称的名称或结尾' }),
  })
  .strict();

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody };

export async function planSettingsRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['行动计划'];
  const security = [{ session: [] }];
  r.get('/plan-settings', { schema: { tags, security, summary: '计划设置（报送宽限期、单位名称）', response: { 200: PlanSettingsResponse, ...errors } } }, async (request) => ({
    settings: await getPlanSettings(ctx.db, actorOf(request)),
    rules: { ...PLAN_SETTINGS_RULES },
  }));
  r.put(
    '/plan-settings',
    { schema: { tags, security, summary: '保存计划设置', description: '质量办；按版本号防止覆盖他人修改。', body: PlanSettingsBody, response: { 200: PlanSettingsResponse, ...errors } } },
    async (request) => ({ settings: await savePlanSettings(ctx.db, actorOf(request), request.body), rules: { ...PLAN_SETTINGS_RULES } }),
  );
}
