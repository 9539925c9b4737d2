// Every API area registers its routes here, under /api.
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from '../org/audit/routes';
import { registerAuditNames } from '../org/audit/names';
import { planAuditNameQueries } from '../plans/store';
import { calendarRoutes } from '../org/calendar/routes';
import { authRoutes } from '../org/auth/routes';
import { regionRoutes } from '../org/tenancy/routes';
import { userRoutes } from '../org/users/routes';
import { departmentRoutes } from '../org/departments/routes';
import { planRoutes } from '../plans/routes';
import { progressRoutes } from '../plans/progress/routes';
import { notificationRoutes } from '../plans/notifications/routes';
import { dashboardRoutes } from '../plans/dashboard/routes';
import { noticeRoutes } from '../plans/notices/routes';
import { assessmentRoutes } from '../plans/assessment/routes';
import { planSettingsRoutes } from '../plans/settings/routes';
import { publicRoutes } from '../plans/public/routes';
import { creditRoutes } from '../credit/routes';
import { creditTimelineSource } from '../credit/service';
import { inspectionRoutes } from '../inspections/routes';
import { followUpRoutes } from '../plans/followups/routes';
import { enterpriseTimeline } from '../inspections/service';
import { samplingRoutes } from '../sampling/routes';
import { samplingTimeline } from '../sampling/service';
import { enterpriseRoutes } from '../enterprises/routes';
import { historyTimeline } from '../enterprises/service';
import { registerTimelineSource } from '../enterprises/timeline';
import type { ApiContext } from '../core/http/context';
import type { PlanParser } from '../plans/import';

export async function registerApiRoutes(api: FastifyInstance, ctx: ApiContext, services: { parsePlan: PlanParser }): Promise<void> {
  // the audit log names the objects of each room
  for (const [type, query] of Object.entries(planAuditNameQueries)) registerAuditNames(type, query);
  await authRoutes(api, ctx);
  await userRoutes(api, ctx);
  await departmentRoutes(api, ctx);
  await regionRoutes(api, ctx);
  await auditRoutes(api, ctx);
  await calendarRoutes(api, ctx);
  await planRoutes(api, ctx, { parse: services.parsePlan });
  await progressRoutes(api, ctx);
  await notificationRoutes(api, ctx);
  await dashboardRoutes(api, ctx);
  await noticeRoutes(api, ctx);
  await assessmentRoutes(api, ctx);
  await planSettingsRoutes(api, ctx);
  await publicRoutes(api, ctx);
  await followUpRoutes(api, ctx);
  await creditRoutes(api, ctx);
  registerTimelineSource('credit', creditTimelineSource);
  await inspectionRoutes(api, ctx);
  registerTimelineSource('inspections', enterpriseTimeline);
  await samplingRoutes(api, ctx);
  registerTimelineSource('sampling', samplingTimeline);
  await enterpriseRoutes(api, ctx);
  // the quality file's timeline: the directory's own changes (credit and the rooms after it register theirs here)
  registerTimelineSource('enterprises', historyTimeline);
}
