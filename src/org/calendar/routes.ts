// Working-day calendar routes: the admin's page for entering a year's State Council schedule
// (工作日历), the 驾驶舱's warning, and the answer for one day.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { OkResponse } from '../../core/http/schemas';
import { assertCan } from '../auth/policy';
import { todayInShanghai } from './calendar';
import {
  calendarDateSchema,
  calendarStatusSchema,
  calendarYearSchema,
  dayInfoSchema,
  enterScheduleResponseSchema,
  officialScheduleSchema,
} from './schema';
import { calendarStatus, checkDay, enterOfficialSchedule, getCalendarYear, removeOfficialSchedule } from './service';

const YearParams = z.object({ year: z.coerce.number().int().min(1000, { message: '年份应为四位数' }).max(9999, { message: '年份应为四位数' }) });
const DateParams = z.object({ date: calendarDateSchema });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function calendarRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['工作日历'];
  const security = [{ session: [] }];

  r.get(
    '/calendar/status',
    {
      schema: {
        tags,
        security,
        summary: '工作日历状态：近三年有无官方安排；自 11 月 1 日起下一年未录入时给出提醒',
        response: { 200: calendarStatusSchema, ...errors },
      },
    },
    async (request) => calendarStatus(ctx.db, actorOf(request), todayInShanghai(ctx.clock)),
  );

  r.get(
    '/calendar/days/:date',
    {
      schema: { tags, security, summary: '某一天是工作日还是休息日，及其依据', params: DateParams, response: { 200: dayInfoSchema, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'dashboard:read');
      return checkDay(ctx.db, actor.tenantId, request.params.date);
    },
  );

  r.get(
    '/admin/calendar/:year',
    {
      schema: {
        tags,
        security,
        summary: '某年的节假日安排（官方安排或法定节假日推算）',
        params: YearParams,
        response: { 200: calendarYearSchema, ...errors },
      },
    },
    async (request) => getCalendarYear(ctx.db, actorOf(request), request.params.year),
  );

  r.put(
    '/admin/calendar/:year/official',
    {
      schema: {
        tags,
        security,
        summary: '录入某年的国务院放假安排（放假日、调休上班日、文号），全平台生效',
        description: '替换该年已录入的安排；写入审计日志。录入后该年不再按法定节假日推算。',
        params: YearParams,
        body: officialScheduleSchema,
        response: { 200: enterScheduleResponseSchema, ...errors },
      },
    },
    async (request) => enterOfficialSchedule(ctx.db, actorOf(request), request.params.year, request.body),
  );

  r.delete(
    '/admin/calendar/:year/official',
    {
      schema: {
        tags,
        security,
        summary: '删除某年录入的官方安排（恢复为软件包数据或法定节假日推算）',
        params: YearParams,
        response: { 200: OkResponse, ...errors },
      },
    },
    async (request) => {
      await removeOfficialSchedule(ctx.db, actorOf(request), request.params.year);
      return { ok: true as const };
    },
  );
}
