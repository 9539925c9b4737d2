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
  /** set on the demo accounts and whenever an administrator sets the password: the user must choose a new one */
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The password rule lives in password-policy.ts (server side: it loads the zxcvbn dictionaries). */
