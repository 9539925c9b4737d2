// The 责任部门 directory: read by every signed-in role, managed by admins.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assertCan } from '../auth/policy';
import { actorOf, idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { IdParams, isoOrNull } from '../../core/http/schemas';
import type { Department as DepartmentModel } from './model';
import {
  CreateDepartmentBody,
  DeleteDepartmentQuery,
  DepartmentListQuery,
  DepartmentListResponse,
  DepartmentResponse,
  UpdateDepartmentBody,
  type Department,
} from './schemas';
import { createDepartment, deleteDepartment, getDepartment, listDepartmentPage, updateDepartment } from './service';

export function departmentOut(d: DepartmentModel): Department {
  return {
    id: String(d.id),
    name: d.name,
    shortName: d.shortName,
    aliases: d.aliases,
    kind: d.kind,
    sortOrder: d.sortOrder,
    active: d.active,
    version: d.version,
    updatedAt: isoOrNull(d.updatedAt)!,
  };
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function departmentRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['责任部门'];
  const security = [{ session: [] }];

  r.get(
    '/departments',
    {
      schema: {
        tags,
        security,
        summary: '责任部门名录',
        description: '任何已登录角色可读；默认只列出启用的部门。分页：每页至多 200 条（默认 200），total 为总条数。',
        querystring: DepartmentListQuery,
        response: { 200: DepartmentListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'departments:read');
      const list = await listDepartmentPage(ctx.db, actor, {
        search: request.query.q,
        includeInactive: request.query.includeInactive === 'true',
        page: request.query.page,
        pageSize: request.query.pageSize,
      });
      return { ...list, items: list.items.map(departmentOut) };
    },
  );

  r.post(
    '/admin/departments',
    { schema: { tags, security, summary: '新建部门', body: CreateDepartmentBody, response: { 200: DepartmentResponse, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'departments:manage');
      return { department: departmentOut(await createDepartment(ctx.db, actor, request.body)) };
    },
  );

  r.patch(
    '/admin/departments/:id',
    {
      schema: {
        tags,
        security,
        summary: '修改部门',
        description: '需带读取时的 version；已被他人修改则返回 409 CONFLICT。active=false 停用，true 重新启用。',
        params: IdParams,
        body: UpdateDepartmentBody,
        response: { 200: DepartmentResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'departments:manage');
      const d = await updateDepartment(ctx.db, actor, idNumber(request.params.id), request.body);
      return { department: departmentOut(d) };
    },
  );

  r.delete(
    '/admin/departments/:id',
    {
      schema: {
        tags,
        security,
        summary: '停用部门',
        description: '部门保留在历史记录中（停用），可用 PATCH active=true 重新启用。',
        params: IdParams,
        querystring: DeleteDepartmentQuery,
        response: { 200: DepartmentResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'departments:manage');
      const id = idNumber(request.params.id);
      const version = request.query.version ?? (await getDepartment(ctx.db, actor, id)).version;
      return { department: departmentOut(await deleteDepartment(ctx.db, actor, id, version)) };
    },
  );
}
