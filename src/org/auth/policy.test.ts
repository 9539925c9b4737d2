import { describe, expect, it } from 'vitest';
import { actionsOf, assertCan, can } from './policy';
import type { Actor } from './model';

const actor = (role: Actor['role'], departmentId: number | null = null): Actor => ({
  tenantId: 1,
  userId: 1,
  username: role,
  displayName: role,
  role,
  departmentId,
});

describe('policy', () => {
  it('only admins administer users, departments, regions, the audit log and settings', () => {
    for (const a of ['users:manage', 'departments:manage', 'regions:manage', 'audit:read', 'settings:manage'] as const) {
      expect(can(actor('admin'), a)).toBe(true);
      expect(can(actor('office'), a)).toBe(false);
      expect(can(actor('department', 7), a)).toBe(false);
      expect(can(actor('inspector'), a)).toBe(false);
    }
  });

  it('the office runs plans, supervision and assessment; departments report; inspectors inspect', () => {
    expect(can(actor('office'), 'plans:import')).toBe(true);
    expect(can(actor('office'), 'assessment:manage')).toBe(true);
    expect(can(actor('department', 7), 'plans:manage')).toBe(false);
    expect(can(actor('department', 7), 'progress:report')).toBe(true);
    expect(can(actor('office'), 'progress:report')).toBe(false);
    expect(can(actor('inspector'), 'inspections:manage')).toBe(true);
    expect(can(actor('office'), 'inspections:manage')).toBe(false);
    expect(can(actor('admin'), 'plans:manage')).toBe(false);
    // the plan loop's settings: the admin and the office
    expect(can(actor('admin'), 'plans:settings')).toBe(true);
    expect(can(actor('office'), 'plans:settings')).toBe(true);
    expect(can(actor('department', 7), 'plans:settings')).toBe(false);
    expect(can(actor('inspector'), 'plans:settings')).toBe(false);
    // 双随机: the office and inspectors plan and draw and review; only inspectors enter results
    expect(can(actor('office'), 'inspections:plan')).toBe(true);
    expect(can(actor('inspector'), 'inspections:review')).toBe(true);
    expect(can(actor('department', 7), 'inspections:plan')).toBe(false);
    expect(can(actor('admin'), 'inspections:review')).toBe(false);
  });

  it('the office, inspectors and the administrator read the enterprise register; only the administrator imports it', () => {
    for (const role of ['admin', 'office', 'inspector'] as const) expect(can(actor(role), 'enterprises:read')).toBe(true);
    expect(can(actor('department', 7), 'enterprises:read')).toBe(false);
    expect(can(actor('admin'), 'enterprises:import')).toBe(true);
    for (const role of ['office', 'inspector'] as const) expect(can(actor(role), 'enterprises:import')).toBe(false);
    expect(can(actor('department', 7), 'enterprises:import')).toBe(false);
  });

  it("a department user acts only on their own department's items", () => {
    const d = actor('department', 7);
    expect(can(d, 'tasks:read', { departmentId: 7 })).toBe(true);
    expect(can(d, 'tasks:read', { departmentId: 8 })).toBe(false);
    expect(can(d, 'tasks:read', { departmentIds: [3, 7] })).toBe(true);
    expect(can(d, 'progress:report', { departmentIds: [3, 4] })).toBe(false);
    expect(can(actor('department', null), 'tasks:read', { departmentId: 7 })).toBe(false);
    // the office is not limited to a department
    expect(can(actor('office'), 'tasks:read', { departmentId: 8 })).toBe(true);
  });

  it("nobody acts on another tenant's record, and nobody signed out acts at all", () => {
    expect(can(actor('admin'), 'users:manage', { tenantId: 2 })).toBe(false);
    expect(can(null, 'dashboard:read')).toBe(false);
    expect(() => assertCan(actor('inspector'), 'users:manage')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', status: 403 }));
  });

  it('lists the actions of a role for the menu', () => {
    expect(actionsOf('admin')).toContain('audit:read');
    expect(actionsOf('department')).not.toContain('audit:read');
    expect(actionsOf('inspector')).toContain('sampling:manage');
  });
});
