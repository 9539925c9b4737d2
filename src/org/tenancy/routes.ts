// Regions: the authority's own (admins manage), and the GB/T 2260 reference lookup.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { OkResponse, isoOrNull } from '../../core/http/schemas';
import { assertCan } from '../auth/policy';
import {
  AddRegionBody,
  RegionCodeParams,
  RegionListResponse,
  RegionResponse,
  RegionSearchQuery,
  type Region as RegionOut,
} from './schemas';
import { addTenantRegion, listTenantRegions, removeTenantRegion, searchRegions, type Region } from './service';

export function regionOut(r: Region & { addedAt?: Date }): RegionOut {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parentCode,
    fullName: r.fullName,
    ...(r.addedAt ? { addedAt: isoOrNull(r.addedAt)! } : {}),
  };
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function regionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['行政区划'];
  const security = [{ session: [] }];

  r.get(
    '/admin/regions',
    { schema: { tags, security, summary: '本单位辖区', response: { 200: RegionListResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'regions:manage');
      return { items: (await listTenantRegions(ctx.db, actor)).map(regionOut) };
    },
  );

  r.post(
    '/admin/regions',
    { schema: { tags, security, summary: '添加辖区', body: AddRegionBody, response: { 200: RegionResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'regions:manage');
      return { region: regionOut(await addTenantRegion(ctx.db, actor, request.body.code)) };
    },
  );

  r.delete(
    '/admin/regions/:code',
    {
      schema: {
        tags,
        security,
        summary: '移除辖区',
        description: '单位至少保留一个辖区（400 LAST_REGION）。',
        params: RegionCodeParams,
        response: { 200: OkResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'regions:manage');
      await removeTenantRegion(ctx.db, actor, request.params.code);
      return { ok: true as const };
    },
  );

  r.get(
    '/regions/search',
    {
      schema: {
        tags,
        security,
        summary: '查找行政区划（GB/T 2260）',
        description: '按名称、全称或代码查找，任何已登录角色可用。',
        querystring: RegionSearchQuery,
        response: { 200: RegionListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'regions:read');
      const items = await searchRegions(ctx.db, { q: request.query.q, limit: request.query.limit });
      return { items: items.map(regionOut) };
    },
  );
}
