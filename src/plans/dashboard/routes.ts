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
    async (request) => jsonOut<DashboardResponse>(await getDashboard(ctx.db, actorOf(request), todayInShanghai(ctx.clock))),
  );
}
