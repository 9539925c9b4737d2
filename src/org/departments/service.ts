import { pgErrorCode, type Db, type DbOrTx } from '../../core/db/index';
import type { Actor } from '../auth/model';
import { assertCan } from '../auth/policy';
import { writeAudit } from '../audit/service';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import {
  cleanName,
  DEPARTMENT_KINDS,
  matchAgainst,
  type Department,
  type DepartmentInput,
  type DepartmentKind,
  type MatchResult,
} from './model';
import { countDepartments, insertDepartment, selectDepartment, selectDepartmentByName, selectDepartments, updateDepartmentIfVersion } from './store';
import type { DepartmentRow } from './tables';

const toDepartment = (r: DepartmentRow): Department => ({ ...r, kind: r.kind as DepartmentKind });

export const departmentNotFound = () => notFound('部门不存在', 'DEPARTMENT_NOT_FOUND');

interface Normalized {
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: DepartmentKind;
  sortOrder: number;
}

function normalize(input: DepartmentInput): Normalized {
  const name = cleanName(input.name ?? '');
  if (!name) throw badRequest('请填写部门名称', 'DEPARTMENT_NAME_REQUIRED');
  if ([...name].length > 64) throw badRequest('部门名称不能超过 64 个字', 'DEPARTMENT_NAME_TOO_LONG');
  const shortName = input.shortName ? cleanName(input.shortName) || null : null;
  if (shortName && [...shortName].length > 32) throw badRequest('部门简称不能超过 32 个字', 'DEPARTMENT_NAME_TOO_LONG');
  const aliases: string[] = [];
  for (const a of input.aliases ?? []) {
    const c = cleanName(String(a));
    if (c && c !== name && !aliases.includes(c)) aliases.push(c);
  }
  if (aliases.length > 50) throw badRequest('别名不能超过 50 个', 'TOO_MANY_ALIASES');
  if (aliases.some((a) => [...a].length > 64)) throw badRequest('别名不能超过 64 个字', 'DEPARTMENT_NAME_TOO_LONG');
  const kind = input.kind ?? 'department';
  if (!DEPARTMENT_KINDS.includes(kind)) throw badRequest(`部门类别无效：${kind}`, 'INVALID_DEPARTMENT_KIND');
  const sortOrder = input.sortOrder ?? 0;
  if (!Number.isInteger(sortOrder)) throw badRequest('排序号应为整数', 'INVALID_SORT_ORDER');
  return { name, shortName, aliases, kind, sortOrder };
}

/** A name, short name or alias may point at one active department only. */
async function assertNamesFree(db: DbOrTx, tenantId: number, n: Normalized, selfId?: number): Promise<void> {
  const others = (await selectDepartments(db, tenantId, { includeInactive: true })).filter((d) => d.id !== selfId);
  const same = others.find((d) => d.name === n.name);
  if (same) {
    throw conflict(
      same.active ? `部门“${n.name}”已存在` : `部门“${n.name}”已存在（已停用），可将其重新启用`,
      'DEPARTMENT_EXISTS',
      { id: same.id },
    );
  }
  const wanted = [n.name, ...(n.shortName ? [n.shortName] : []), ...n.aliases];
  for (const d of others.filter((x) => x.active)) {
    const theirs = new Set([d.name, ...(d.shortName ? [d.shortName] : []), ...d.aliases]);
    const clash = wanted.find((w) => theirs.has(w));
    if (clash) throw conflict(`名称“${clash}”已被部门“${d.name}”使用`, 'DEPARTMENT_ALIAS_TAKEN', { id: d.id, name: clash });
  }
}

function mapUniqueViolation(e: unknown, name: string): never {
  if (pgErrorCode(e) === '23505') throw conflict(`部门“${name}”已存在`, 'DEPARTMENT_EXISTS');
  throw e;
}

/** The tenant's departments, by sort order. Any signed-in role (`departments:read`). */
export async function listDepartments(
  db: Db,
  actor: Actor,
  opts: { includeInactive?: boolean; search?: string } = {},
): Promise<Department[]> {
  assertCan(actor, 'departments:read');
  return (await selectDepartments(db, actor.tenantId, { includeInactive: opts.includeInactive, search: opts.search?.trim() || undefined })).map(
    toDepartment,
  );
}

/** A page of the directory (in its order) with the number of departments listed in all. */
export async function listDepartmentPage(
  db: Db,
  actor: Actor,
  opts: { includeInactive?: boolean; search?: string; page: number; pageSize: number },
): Promise<{ items: Department[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, 'departments:read');
  const filter = { includeInactive: opts.includeInactive, search: opts.search?.trim() || undefined };
  const [rows, total] = await Promise.all([
    selectDepartments(db, actor.tenantId, { ...filter, limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize }),
    countDepartments(db, actor.tenantId, filter),
  ]);
  return { items: rows.map(toDepartment), total, page: opts.page, pageSize: opts.pageSize };
}

/** One department of the actor's tenant; DEPARTMENT_NOT_FOUND for another tenant's id. */
export async function getDepartment(db: Db, actor: Actor, id: number): Promise<Department> {
  assertCan(actor, 'departments:read');
  const d = await selectDepartment(db, actor.tenantId, id);
  if (!d) throw departmentNotFound();
  return toDepartment(d);
}

/** Admin only; audited. Conflicts: DEPARTMENT_EXISTS, DEPARTMENT_ALIAS_TAKEN. */
export async function createDepartment(db: Db, actor: Actor, input: DepartmentInput): Promise<Department> {
  assertCan(actor, 'departments:manage');
  const n = normalize(input);
  try {
    return await db.transaction(async (tx) => {
      await assertNamesFree(tx, actor.tenantId, n);
      const row = await insertDepartment(tx, { tenantId: actor.tenantId, ...n });
      await writeAudit(tx, { actor, action: 'department.create', entityType: 'department', entityId: row.id, after: row });
      return toDepartment(row);
    });
  } catch (e) {
    mapUniqueViolation(e, n.name);
  }
}

export interface DepartmentUpdate extends Partial<DepartmentInput> {
  /** the version the editor saw; a newer stored version answers CONFLICT */
  version: number;
  /** false deactivates, true re-activates */
  active?: boolean;
}

/** Admin only; audited; optimistic concurrency on `version` (CONFLICT 数据已被他人修改，请刷新后重试). */
export async function updateDepartment(db: Db, actor: Actor, id: number, patch: DepartmentUpdate): Promise<Department> {
  assertCan(actor, 'departments:manage');
  if (!Number.isInteger(patch.version)) throw badRequest('缺少版本号', 'VERSION_REQUIRED');
  let name = '';
  try {
    return await db.transaction(async (tx) => {
      const before = await selectDepartment(tx, actor.tenantId, id, true);
      if (!before) throw departmentNotFound();
      if (before.version !== patch.version) throw conflict();
      const n = normalize({
        name: patch.name ?? before.name,
        shortName: patch.shortName === undefined ? before.shortName : patch.shortName,
        aliases: patch.aliases ?? before.aliases,
        kind: patch.kind ?? (before.kind as DepartmentKind),
        sortOrder: patch.sortOrder ?? before.sortOrder,
      });
      name = n.name;
      const active = patch.active ?? before.active;
      if (active) await assertNamesFree(tx, actor.tenantId, n, id);
      const after = await updateDepartmentIfVersion(tx, actor.tenantId, id, patch.version, { ...n, active });
      if (!after) throw conflict();
      const action = before.active && !active ? 'department.deactivate' : !before.active && active ? 'department.activate' : 'department.update';
      await writeAudit(tx, { actor, action, entityType: 'department', entityId: id, before, after });
      return toDepartment(after);
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    mapUniqueViolation(e, name);
  }
}

/** Soft delete (active = false): the department stays for history and can be re-activated. */
export async function deleteDepartment(db: Db, actor: Actor, id: number, version: number): Promise<Department> {
  return updateDepartment(db, actor, id, { version, active: false });
}

/**
 * What a written department name (from an imported plan) refers to in the tenant's directory:
 * `match` when the name, short name or an alias equals it; `suggestions` of near matches
 * (县市场监管局 → 区市场监管局) for a person to confirm. Inactive departments are ignored.
 */
export async function matchDepartment(db: DbOrTx, tenantId: number, name: string): Promise<MatchResult> {
  const directory = (await selectDepartments(db, tenantId)).map(toDepartment);
  return matchAgainst(name, directory);
}

/** Exact lookup by name inside a tenant (seed, CLI). */
export async function findDepartmentByName(db: DbOrTx, tenantId: number, name: string): Promise<Department | undefined> {
  const d = await selectDepartmentByName(db, tenantId, cleanName(name));
  return d ? toDepartment(d) : undefined;
}
