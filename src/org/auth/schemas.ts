// Request and response schemas of /api/auth/*. The web imports its types from here.
import { z } from 'zod';
import { Id } from '../../core/http/schemas';
import { ROLES, ROLE_LABELS } from './model';

export { ROLES, ROLE_LABELS };
export const Role = z.enum(ROLES).meta({ title: '角色', description: 'admin 系统管理员 · office 领导小组办公室 · department 责任部门联络员 · inspector 执法检查人员' });
export type Role = z.infer<typeof Role>;

export const CurrentUser = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    tenantId: Id,
    tenantName: z.string(),
    mustChangePassword: z.boolean().meta({ title: '须修改密码', description: '为 true 时除修改密码、退出登录和当前用户外的接口均返回 403 PASSWORD_CHANGE_REQUIRED' }),
  })
  .meta({ id: 'CurrentUser', title: '当前用户' });
export type CurrentUser = z.infer<typeof CurrentUser>;

export const LoginBody = z
  .object({
    username: z.string().trim().min(1).max(64).meta({ title: '用户名' }),
    password: z.string().min(1).max(256).meta({ title: '密码' }),
    tenantId: Id.optional().meta({ title: '所属单位', description: '系统中只有一个单位时可省略' }),
  })
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

export const UserResponse = z.object({ user: CurrentUser }).meta({ id: 'UserResponse' });
export type UserResponse = z.infer<typeof UserResponse>;
/** The session as the web app asks for it on every page load: the user, or null when nobody is signed in. */
export const SessionResponse = z.object({ user: CurrentUser.nullable() }).meta({ id: 'SessionResponse' });

export const PASSWORD_MIN = 8;
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN)
  .max(128)
  .meta({
    title: '新密码',
    description: `至少 ${PASSWORD_MIN} 位，包含大写字母、小写字母、数字、符号中的至少三类，不含用户名，不能是常见密码或示范密码`,
  });

export const ChangePasswordBody = z
  .object({
    oldPassword: z.string().min(1).max(256).meta({ title: '原密码' }),
    newPassword: NewPassword,
  })
  .meta({ id: 'ChangePasswordBody' });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
