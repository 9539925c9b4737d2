// Request and response schemas of /api/admin/users. The web imports its types from here.
import { z } from 'zod';
import { NewPassword, Role } from '../auth/schemas';
import { Id, Page, PageSize, Timestamp } from '../../core/http/schemas';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: '只能包含字母、数字、下划线、点或连字符，且以字母或数字开头' })
  .meta({ title: '用户名' });

export const DisplayName = z.string().trim().min(1).max(32).meta({ title: '姓名' });

export const AdminUser = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    active: z.boolean(),
    /** Set while the account is locked after failed sign-ins. */
    lockedUntil: Timestamp.nullable(),
    /** The user must choose a new password at the next sign-in (set whenever an administrator sets one). */
    mustChangePassword: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** Send it back on PATCH; a newer stored version answers 409 CONFLICT. */
    version: z.number().int(),
  })
  .meta({ id: 'AdminUser', title: '用户' });
export type AdminUser = z.infer<typeof AdminUser>;

export const UserListQuery = z.object({
  q: z.string().trim().max(64).optional().meta({ title: '搜索词', description: '用户名或姓名的一部分' }),
  role: Role.optional(),
  departmentId: Id.optional().meta({ title: '所属部门' }),
  active: z.enum(['true', 'false']).optional().meta({ title: '启用状态' }),
  page: Page,
  pageSize: PageSize,
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserListResponse = z
  .object({ items: z.array(AdminUser), total: z.number().int() })
  .meta({ id: 'UserList' });
export type UserListResponse = z.infer<typeof UserListResponse>;

export const CreateUserBody = z
  .object({
    username: Username,
    displayName: DisplayName,
    role: Role,
    departmentId: Id.nullish().meta({ title: '所属部门', description: '角色为 department 时必填' }),
    password: NewPassword.meta({ title: '初始密码' }),
  })
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号', description: '读取时的 version；已被他人修改则返回 409 CONFLICT' }),
    displayName: DisplayName.optional(),
    role: Role.optional(),
    departmentId: Id.nullable().optional().meta({ title: '所属部门' }),
    active: z.boolean().optional().meta({ title: '启用状态' }),
    password: NewPassword.optional().meta({ title: '重置密码', description: '重置后该用户的登录锁定一并解除，下次登录须修改密码' }),
  })
  .strict()
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const AdminUserResponse = z.object({ user: AdminUser }).meta({ id: 'AdminUserResponse' });
export type AdminUserResponse = z.infer<typeof AdminUserResponse>;
