// Public routes (no sign-in): published plans and their targets' status. Thin: validate, call the
// service, shape the answer. Nothing here reads a session.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { Id, isoOrNull } from '../../core/http/schemas';
import { TARGET_STATUSES } from '../progress/model';
import { getPublicPlan, listPublicPlans, listPublicTenants, type PublicPlan, type PublicTarget } from './service';

const TenantQuery = z.object({
  tenant: z.string().optional().meta({ title: '地区编号', description: '平台服务多个地区时必填' }),
});
const TenantOut = z.object({ id: z.string(), name: z.string() });
const StatusCounts = z.object(Object.fromEntries(TARGET_STATUSES.map((s) => [s, z.number()])) as Record<(typeof TARGET_STATUSES)[number], z.ZodNumber>);
export const PublicPlanOut = z
  .object({
    id: z.string(),
    title: z.string(),
    issuer: z.string().nullable(),
    documentNumber: z.string().nullable(),
    region: z.string().nullable(),
    periodStartYear: z.number().nullable(),
    periodEndYear: z.number().nullable(),
    publishedDate: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'PublicPlan', title: '公开的计划' });
export const PublicTargetOut = z
  .object({
    id: z.string(),
    indicator: z.string(),
    comparator: z.string(),
    goal: z.string(),
    value: z.number(),
    valueMax: z.number().nullable(),
    unit: z.string(),
    deadlineYear: z.number().nullable(),
    baselineValue: z.number().nullable(),
    latestValue: z.number().nullable(),
    latestAsOf: z.string().nullable(),
    status: z.enum(TARGET_STATUSES),
    statusLabel: z.string(),
    departments: z.array(z.string()),
  })
  .meta({ id: 'PublicTarget', title: '公开的目标指标' });
export const PublicPlanListResponse = z.object({
  tenant: TenantOut,
  items: z.array(PublicPlanOut.extend({ targetCount: z.number(), statusCounts: StatusCounts })),
});
export const PublicPlanResponse = z.object({
  tenant: TenantOut,
  plan: PublicPlanOut,
  targets: z.array(PublicTargetOut),
  statusCounts: StatusCounts,
  rules: z.record(z.string(), z.string()),
});

const planOut = (p: PublicPlan) => ({ ...p, id: String(p.id), publishedAt: isoOrNull(p.publishedAt) });
const targetOut = (t: PublicTarget) => ({ ...t, id: String(t.id) });
const tenantOut = (t: { id: number; name: string }) => ({ id: String(t.id), name: t.name });

export async function publicRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['公开信息'];
  const errors = { 400: ErrorBody, 404: ErrorBody };

  r.get(
    '/public/tenants',
    { schema: { tags, summary: '地区列表（公开）', response: { 200: z.object({ items: z.array(TenantOut) }) } } },
    async () => ({ items: (await listPublicTenants(ctx.db)).map(tenantOut) }),
  );

  r.get(
    '/public/plans',
    {
      schema: {
        tags,
        summary: '已发布的计划（公开，无需登录）',
        description: '只列出已发布的计划及其目标状态统计。平台服务多个地区时需带 tenant 参数。',
        querystring: TenantQuery,
        response: { 200: PublicPlanListResponse, ...errors },
      },
    },
    async (request) => {
      const res = await listPublicPlans(ctx.db, request.query.tenant, ctx.clock());
      return { tenant: tenantOut(res.tenant), items: res.items.map((p) => ({ ...planOut(p), targetCount: p.targetCount, statusCounts: p.statusCounts })) };
    },
  );

  r.get(
    '/public/plans/:id',
    {
      schema: {
        tags,
        summary: '计划的目标及进展（公开，无需登录）',
        description: '已发布计划的目标指标、最新报送值和状态（已达成 / 正常 / 预警 / 滞后 / 未报送）及判定规则。草稿计划返回 404。',
        params: z.object({ id: Id }),
        querystring: TenantQuery,
        response: { 200: PublicPlanResponse, ...errors },
      },
    },
    async (request) => {
      const res = await getPublicPlan(ctx.db, request.query.tenant, idNumber(request.params.id), ctx.clock());
      return { tenant: tenantOut(res.tenant), plan: planOut(res.plan), targets: res.targets.map(targetOut), statusCounts: res.statusCounts, rules: res.rules };
    },
  );
}
