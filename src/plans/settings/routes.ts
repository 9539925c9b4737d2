// GET/PUT /api/plan-settings: the office's plan-loop settings (grace period, unit names).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { PLAN_SETTINGS_RULES } from './model';
import { PlanSettingsBody, PlanSettingsResponse } from './schemas';
import { getPlanSettings, savePlanSettings } from './service';

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
