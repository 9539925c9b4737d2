// Every API area registers its routes here, under /api.
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from '../core/audit/routes';
import { authRoutes } from '../core/auth/routes';
import { regionRoutes } from '../core/tenancy/routes';
import { userRoutes } from '../core/users/routes';
import { departmentRoutes } from '../plans/departments/routes';
import { planRoutes } from '../plans/routes';
import { progressRoutes } from '../plans/progress/routes';
import { notificationRoutes } from '../plans/notifications/routes';
import { dashboardRoutes } from '../plans/dashboard/routes';
import { noticeRoutes } from '../plans/notices/routes';
import { assessmentRoutes } from '../plans/assessment/routes';
import { planSettingsRoutes } from '../plans/settings/routes';
import { publicRoutes } from '../plans/public/routes';
import type { ApiContext } from './context';

export async function registerApiRoutes(api: FastifyInstance, ctx: ApiContext): Promise<void> {
  await authRoutes(api, ctx);
  await userRoutes(api, ctx);
  await departmentRoutes(api, ctx);
  await regionRoutes(api, ctx);
  await auditRoutes(api, ctx);
  await planRoutes(api, ctx);
  await progressRoutes(api, ctx);
  await notificationRoutes(api, ctx);
  await dashboardRoutes(api, ctx);
  await noticeRoutes(api, ctx);
  await assessmentRoutes(api, ctx);
  await planSettingsRoutes(api, ctx);
  await publicRoutes(api, ctx);
}
