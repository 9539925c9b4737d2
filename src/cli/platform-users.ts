// `zhiliang users create`: an account in the deployment's authority, made by the system actor.
import { ROLE_LABELS, ROLES, systemActor, type Role } from '../org/auth/model';
import { createUser } from '../org/auth/users';
import type { Config } from '../core/config';
import type { Db } from '../core/db';
import { AppError, badRequest } from '../core/errors';
import { seedDemo } from '../org/seed';
import { listTenants } from '../org/tenancy/service';
import { listDepartments, matchDepartment } from '../org/departments/service';

export interface CliUserInput {
  username: string;
  role: string;
  password: string;
  department?: string;
  displayName?: string;
}

export interface CliUserCreated {
  id: number;
  username: string;
  roleLabel: string;
  departmentName: string | null;
}

export async function createUserFromCli(db: Db, config: Config, input: CliUserInput): Promise<CliUserCreated> {
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw badRequest(
      `角色无效：${input.role}（可选 ${ROLES.map((r) => `${r} ${ROLE_LABELS[r]}`).join('、')}）`,
      'INVALID_ROLE',
    );
  }
  const role = input.role as Role;
  let tenants = await listTenants(db);
  // A fresh data directory gets the demo authority first, as `serve` would.
  if (tenants.length === 0 && config.seedDemo) {
    await seedDemo(db);
    tenants = await listTenants(db);
  }
  if (tenants.length === 0) {
    throw new AppError('NO_TENANT', '系统中还没有主管单位：请先运行 zhiliang serve（首次启动会创建示范单位）', 400);
  }
  if (tenants.length > 1) {
    throw new AppError('TENANT_REQUIRED', '系统中有多个主管单位，命令行暂不支持选择单位', 400);
  }
  const actor = systemActor(tenants[0].id, '系统（命令行）');

  let departmentId: number | null = null;
  let departmentName: string | null = null;
  if (input.department !== undefined) {
    const wanted = input.department.trim();
    const all = await listDepartments(db, actor, {});
    const byId = /^[1-9][0-9]*$/.test(wanted) ? all.find((d) => d.id === Number(wanted)) : undefined;
    const found = byId ?? (await matchDepartment(db, actor.tenantId, wanted)).match?.department;
    if (!found) {
      const { suggestions } = await matchDepartment(db, actor.tenantId, wanted);
      const hint = suggestions.length ? `；是否指：${suggestions.map((s) => s.department.name).join('、')}` : '';
      throw new AppError('DEPARTMENT_NOT_FOUND', `找不到部门“${wanted}”${hint}`, 404);
    }
    departmentId = found.id;
    departmentName = found.name;
  }
  const user = await createUser(db, actor, {
    username: input.username,
    displayName: input.displayName?.trim() || input.username,
    password: input.password,
    role,
    departmentId,
  });
  return { id: user.id, username: user.username, roleLabel: ROLE_LABELS[role], departmentName };
}
