// Notification routes: the signed-in user's notifications (refreshed on read), mark read.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInShanghai } from '../../org/calendar/index';
import { actorOf, idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { Id } from '../../core/http/schemas';
import { jsonOut } from '../progress/routes';
import { NotificationListQuery, NotificationListResponse, NotificationOut } from '../progress/schemas';
import { listNotifications, markAllRead, markRead } from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const shape = (n: { id: number; kind: string; title: string; body: string; link: string | null; readAt: Date | null; createdAt: Date }) =>
  jsonOut<NotificationOut>({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: n.readAt, createdAt: n.createdAt });

export async function notificationRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['通知'];
  const security = [{ session: [] }];
  r.get(
    '/notifications',
    {
      schema: {
        tags,
        security,
        summary: '我的通知（报送即将到期、逾期、被退回），最新在前，含未读数',
        querystring: NotificationListQuery,
        response: { 200: NotificationListResponse, ...errors },
      },
    },
    async (request) => {
      const now = ctx.clock();
      const list = await listNotifications(ctx.db, actorOf(request), todayInShanghai(() => now), now, { unreadOnly: request.query.unread === 'true' });
      return { items: list.items.map(shape), unread: list.unread };
    },
  );
  r.post(
    '/notifications/:id/read',
    { schema: { tags, security, summary: '标记通知为已读', params: z.object({ id: Id }), response: { 200: NotificationOut, ...errors } } },
    async (request) => shape(await markRead(ctx.db, actorOf(request), idNumber(request.params.id), ctx.clock())),
  );
  r.post(
    '/notifications/read-all',
    { schema: { tags, security, summary: '全部标记为已读', response: { 200: z.object({ updated: z.number().int() }), ...errors } } },
    async (request) => ({ updated: await markAllRead(ctx.db, actorOf(request), ctx.clock()) }),
  );
}
