// Request and response schemas of the department routes. The web imports its types from here.
import { z } from 'zod';
import { Id, Page, PageInfo, Timestamp, WholeListPageSize } from '../../core/http/schemas';
import { DEPARTMENT_KINDS, DEPARTMENT_KIND_LABELS } from './model';

export { DEPARTMENT_KINDS, DEPARTMENT_KIND_LABELS };

export const DepartmentKind = z
  .enum(DEPARTMENT_KINDS)
  .meta({ title: '部门类别', description: Object.entries(DEPARTMENT_KIND_LABELS).map(([k, v]) => `${k} ${v}`).join(' · ') });

export const DepartmentName = z.string().trim().min(1).max(100).meta({ title: '部门名称' });

export const Aliases = z
  .array(z.string().trim().min(1).max(100))
  .max(50)
  .meta({ title: '别名', description: '文件中出现的其他叫法，例如 区市场监管分局' });

export const Department = z
  .object({
    id: Id,
    name: z.string(),
    shortName: z.string().nullable(),
    aliases: z.array(z.string()),
    kind: DepartmentKind,
    sortOrder: z.number().int(),
    active: z.boolean(),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Department', title: '责任部门' });
export type Department = z.infer<typeof Department>;

export const DepartmentListResponse = z.object({ items: z.array(Department), ...PageInfo }).meta({ id: 'DepartmentList' });
export type DepartmentListResponse = z.infer<typeof DepartmentListResponse>;

export const DepartmentResponse = z.object({ department: Department }).meta({ id: 'DepartmentResponse' });
export type DepartmentResponse = z.infer<typeof DepartmentResponse>;

const ShortName = z.string().trim().max(50).nullable().meta({ title: '简称' });
const SortOrder = z.number().int().min(-100000).max(100000).meta({ title: '排序' });

export const CreateDepartmentBody = z
  .object({
    name: DepartmentName,
    shortName: ShortName.optional(),
    aliases: Aliases.optional(),
    kind: DepartmentKind.optional(),
    sortOrder: SortOrder.optional(),
  })
  .strict()
  .meta({ id: 'CreateDepartmentBody' });
export type CreateDepartmentBody = z.infer<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号', description: '读取时的 version；已被他人修改则返回 409 CONFLICT' }),
    name: DepartmentName.optional(),
    shortName: ShortName.optional(),
    aliases: Aliases.optional(),
    kind: DepartmentKind.optional(),
    sortOrder: SortOrder.optional(),
    active: z.boolean().optional().meta({ title: '启用状态' }),
  })
  .strict()
  .meta({ id: 'UpdateDepartmentBody' });
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBody>;

export const DepartmentListQuery = z.object({
  q: z.string().trim().max(100).optional().meta({ title: '搜索词', description: '名称、简称或别名的一部分' }),
  includeInactive: z.enum(['true', 'false']).optional().meta({ title: '包含已停用', description: '为 true 时也列出已停用的部门' }),
  page: Page,
  pageSize: WholeListPageSize,
});
/** What a caller may send (every field optional). */
export type DepartmentListQuery = z.input<typeof DepartmentListQuery>;

export const DeleteDepartmentQuery = z.object({
  version: z.coerce.number().int().min(1).optional().meta({ title: '版本号', description: '读取时的 version；给出且已被他人修改则返回 409 CONFLICT' }),
});
export type DeleteDepartmentQuery = z.infer<typeof DeleteDepartmentQuery>;
