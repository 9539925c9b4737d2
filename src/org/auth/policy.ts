/**
 * The one place that decides what a role may do. Routes and services call `assertCan`;
 * the web asks `can` to hide what a user may not use.
 */
import { forbidden } from '../../core/errors';
import type { Actor, Role } from './model';

/** Every action of the platform, with the roles allowed to perform it. */
export const POLICY = {
  // administration
  'users:manage': ['admin'],
  'departments:manage': ['admin'],
  'departments:read': ['admin', 'office', 'department', 'inspector'],
  'regions:manage': ['admin'],
  'regions:read': ['admin', 'office', 'department', 'inspector'],
  'audit:read': ['admin'],
  'settings:manage': ['admin'],
  'calendar:manage': ['admin'],
  // plans and supervision (department: own department's items only, see `scoped`)
  // the 驾驶舱 page (the home page of every role; each sees its own panels)
  'home:view': ['admin', 'office', 'department', 'inspector'],
  // GET /api/dashboard: the supervision figures of the whole authority (the office's cockpit)
  'dashboard:read': ['admin', 'office'],
  'plans:read': ['admin', 'office', 'department'],
  'plans:manage': ['office'],
  'plans:import': ['office'],
  // the plan loop's settings (grace days after a plan's period, the unit names the authority keeps)
  'plans:settings': ['admin', 'office'],
  'tasks:read': ['office', 'department'],
  'tasks:assign': ['office'],
  'progress:report': ['department'],
  'progress:review': ['office'],
  'tracking:supervise': ['admin', 'office'],
  'notices:manage': ['office'],
  'notices:read': ['admin', 'office', 'department'],
  'assessment:manage': ['office'],
  'assessment:read': ['admin', 'office', 'department'],
  'targets:read': ['office', 'department'],
  'targets:manage': ['office'],
  // regulatory instruments
  // the directory (市场主体名录库): read by the office, inspectors and the administrator; the register
  // is imported by the administrator; department users (other bureaus' liaisons) do not see it
  'enterprises:read': ['admin', 'office', 'inspector'],
  'enterprises:import': ['admin'],
  'enterprises:manage': ['office', 'inspector'],
  'inspections:read': ['office', 'inspector'],
  // results: entered by the campaign's own inspectors only (checked in the service)
  'inspections:manage': ['inspector'],
  // 抽查事项清单, inspectors, campaigns, frames and draws
  'inspections:plan': ['office', 'inspector'],
  // approve or return a result (never one's own entry: checked in the service)
  'inspections:review': ['office', 'inspector'],
  // the publication-due card of the 驾驶舱 (results to publish within 20 working days of the inspection)
  'inspections:deadlines': ['office', 'inspector'],
  // 产品质量监督抽查 (issue 12): read by the office and inspectors; plans and tasks by both; samples,
  // results, 复检 and 后处理 by inspectors; the authority's periods (settings) by the office
  'sampling:read': ['office', 'inspector'],
  'sampling:plan': ['office', 'inspector'],
  'sampling:manage': ['inspector'],
  'sampling:settings': ['office'],
  // the 后处理 card of the 驾驶舱 (due and overdue 责令整改、公告、停业整顿 periods)
  'sampling:deadlines': ['office', 'inspector'],
  // credit (issue 11): the office decides (events, list decisions); inspectors read them, change nothing
  'credit:read': ['office', 'inspector'],
  'credit:manage': ['office'],
  // reclassify the whole register on demand; the deadlines card of the 驾驶舱; the rule set and deadlines
  'credit:reclassify': ['admin', 'office'],
  'credit:deadlines': ['admin', 'office'],
  'credit:settings': ['admin'],
  'complaints:read': ['office', 'inspector', 'department'],
  'complaints:handle': ['office', 'inspector'],
  'reports:read': ['office', 'department'],
  'reports:manage': ['office'],
  'library:read': ['admin', 'office', 'department', 'inspector'],
  'library:manage': ['office'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** Actions a `department` user may take only on items of their own department. */
const DEPARTMENT_SCOPED: ReadonlySet<Action> = new Set<Action>([
  'plans:read',
  'tasks:read',
  'progress:report',
  'notices:read',
  'assessment:read',
  'targets:read',
  'complaints:read',
  'reports:read',
]);

/** What an action is about, when it is about a particular record. */
export interface Resource {
  tenantId?: number;
  /** the record's responsible department(s); a department user needs theirs among them */
  departmentId?: number | null;
  departmentIds?: readonly number[];
}

export function can(user: Pick<Actor, 'role' | 'tenantId' | 'departmentId'> | null | undefined, action: Action, resource?: Resource): boolean {
  if (!user) return false;
  const roles: readonly Role[] = POLICY[action];
  if (!roles || !roles.includes(user.role)) return false;
  if (resource?.tenantId !== undefined && resource.tenantId !== user.tenantId) return false;
  if (user.role === 'department' && resource && DEPARTMENT_SCOPED.has(action)) {
    const own = user.departmentId;
    if (own === null) return false;
    const ids = [...(resource.departmentIds ?? []), ...(resource.departmentId != null ? [resource.departmentId] : [])];
    if (ids.length > 0 && !ids.includes(own)) return false;
  }
  return true;
}

/** Throws AppError FORBIDDEN (403, 没有权限执行此操作) when `can` says no. */
export function assertCan(user: Pick<Actor, 'role' | 'tenantId' | 'departmentId'> | null | undefined, action: Action, resource?: Resource): void {
  if (!can(user, action, resource)) throw forbidden();
}

/** The actions a role may perform (for the web menu). */
export function actionsOf(role: Role): Action[] {
  return (Object.keys(POLICY) as Action[]).filter((a) => (POLICY[a] as readonly Role[]).includes(role));
}
