// Dashboard route (驾驶舱), office and admin.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayInShanghai } from '../../org/calendar/index';
import { actorOf } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { jsonOut } from '../progress/routes';
import { DashboardResponse } from '../progress/schemas';
import { getDashboard } from './service';

/**
 * The answer's JSON per computed dashboard: the service hands every request the same object until
 * the figures change, so they are shaped, checked against the schema and serialized once, not per
 * request (with 2 000 plans that was ~40 ms of CPU for each of 338 KB; issue 7's load).
 */
const serialized = new WeakMap<object, { json: Buffer; gzip?: Buffer }>();

function bodyOf(d: Awaited<ReturnType<typeof getDashboard>>) {
  let body = serialized.get(d);
  if (body === undefined) {
    // kept as bytes: a 338 KB string would be encoded to UTF-8 again for every answer
    body = { json: Buffer.from(JSON.stringify(DashboardResponse.parse(jsonOut<DashboardResponse>(d)))) };
    serialized.set(d, body);
  }
  return body;
}

/**
 * The same bytes gzipped, also once per computed dashboard (decision 038): with 2 000 plans the answer
 * is 338 KB of JSON, and every browser asks for gzip.
 */
function gzipOf(d: Awaited<ReturnType<typeof getDashboard>>): Buffer {
  const body = bodyOf(d);
  body.gzip ??= gzipSync(body.json, { level: 6 });
  return body.gzip;
}

/** Does the request accept gzip (Accept-Encoding: gzip, or gzip;q>0)? */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  for (const part of value.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== 'x-gzip') continue;
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

export async function dashboardRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/dashboard',
    {
      schema: {
        tags: ['驾驶舱'],
        security: [{ session: [] }],
        summary: '驾驶舱：各计划指标状态、各部门按时报送率、逾期未报清单',
        description: '全区的督办数据：策略表中 dashboard:read 的角色（管理员、质量办）可读；其他角色 403。',
        response: { 200: DashboardResponse, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const d = await getDashboard(ctx.db, actorOf(request), todayInShanghai(ctx.clock));
      // the bytes are sent as they are, not serialized again (the response schema above still
      // documents them; the type provider only knows the object form, hence the cast)
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      const gz = acceptsGzip(request.headers['accept-encoding']) ? gzipOf(d) : undefined;
      if (gz) return reply.header('content-encoding', 'gzip').send(gz as unknown as DashboardResponse);
      return reply.send(bodyOf(d).json as unknown as DashboardResponse);
    },
  );
}
