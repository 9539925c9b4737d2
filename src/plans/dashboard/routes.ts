// Dashboard route (驾驶舱), office and admin.
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
const serialized = new WeakMap<object, Buffer>();

function bodyOf(d: Awaited<ReturnType<typeof getDashboard>>): Buffer {
  let body = serialized.get(d);
  if (body === undefined) {
    // kept as bytes: a 338 KB string would be encoded to UTF-8 again for every answer
    body = Buffer.from(JSON.stringify(DashboardResponse.parse(jsonOut<DashboardResponse>(d))));
    serialized.set(d, body);
  }
  return body;
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
      return reply.type('application/json; charset=utf-8').send(bodyOf(d) as unknown as DashboardResponse);
    },
  );
}
