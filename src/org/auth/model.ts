/** Roles of signed-in users. `public` (not signed in) has no account. */
export const ROLES = ['admin', 'office', 'department', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  office: '领导小组办公室',
  department: '责任部门联络员',
  inspector: '执法检查人员',
};

/** Who is acting: the signed-in user (from the session) or the system (seed, CLI). */
export interface Actor {
  tenantId: number;
  /** null for the system actor */
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  /** set iff role === 'department' */
  departmentId: number | null;
  /** the HTTP request id, recorded in the audit log */
  requestId?: string;
}

/** The system acting for a tenant (first-start seed, `zhiliang users create`). Has admin rights. */
export function systemActor(tenantId: number, name = '系统'): Actor {
  return { tenantId, userId: null, username: 'system', displayName: name, role: 'admin', departmentId: null };
}

/** A user as shown to clients: never the password hash. */
export interface PublicUser {
  id: number;
  tenantId: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  active: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Password rule, checked on create, reset and change. Returns a Chinese message or null when fine. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8) return '密码至少 8 位，且须同时包含字母和数字';
  if (password.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '密码至少 8 位，且须同时包含字母和数字';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
