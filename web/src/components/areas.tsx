// The platform's areas, in menu order, and which role may use each.
// `built: false` areas are shown disabled with a 建设中 tag: never a link to a page that is not there.
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  FlagOutlined,
  SettingOutlined,
  TrophyOutlined,
  UserOutlined,
  EnvironmentOutlined,
  AimOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  CalendarOutlined,
  ControlOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
// The one policy of the platform (src/org/auth/policy.ts): the menu shows what the server allows.
import { POLICY, type Action } from '../../../src/org/auth/policy';

/** May this role perform this action? The same table the server's `assertCan` uses. */
export function roleMay(role: Role, action: Action): boolean {
  return (POLICY[action] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  office: '质量办',
  department: '责任部门',
  inspector: '执法人员',
};

export interface AreaPage {
  key: string;
  label: string;
  path: string;
  icon: ReactNode;
  action: Action;
}

export interface Area {
  key: string;
  label: string;
  icon: ReactNode;
  /** The policy action that lets a role see this area. */
  action: Action;
  /** A built area with its own page. */
  path?: string;
  /** A built area made of sub-pages (系统设置). */
  children?: AreaPage[];
  built: boolean;
}

export const AREAS: readonly Area[] = [
  { key: 'dashboard', label: '驾驶舱', icon: <DashboardOutlined />, action: 'home:view', path: '/dashboard', built: true },
  { key: 'plans', label: '行动计划', icon: <FlagOutlined />, action: 'plans:read', path: '/plans', built: true },
  {
    key: 'supervision',
    label: '任务督办',
    icon: <CheckSquareOutlined />,
    action: 'tasks:read',
    built: true,
    children: [
      { key: 'my-tasks', label: '我的任务', path: '/progress/my', icon: <ScheduleOutlined />, action: 'progress:report' },
      { key: 'progress-overview', label: '报送督办', path: '/progress/overview', icon: <ScheduleOutlined />, action: 'progress:review' },
      { key: 'notices', label: '督查通报', path: '/notices', icon: <NotificationOutlined />, action: 'notices:read' },
    ],
  },
  { key: 'assessment', label: '部门考核', icon: <TrophyOutlined />, action: 'assessment:read', path: '/assessment', built: true },
  { key: 'enterprises', label: '企业', icon: <BankOutlined />, action: 'enterprises:read', path: '/enterprises', built: true },
  { key: 'random-inspections', label: '双随机抽查', icon: <AimOutlined />, action: 'inspections:read', path: '/inspections', built: true },
  { key: 'sampling', label: '监督抽查', icon: <ExperimentOutlined />, action: 'sampling:read', path: '/sampling', built: true },
  { key: 'complaints', label: '投诉举报', icon: <AlertOutlined />, action: 'complaints:read', built: false },
  { key: 'reports', label: '报告', icon: <FileTextOutlined />, action: 'reports:read', built: false },
  { key: 'library', label: '政策库', icon: <BookOutlined />, action: 'library:read', built: false },
  {
    key: 'settings',
    label: '系统设置',
    icon: <SettingOutlined />,
    action: 'settings:manage',
    built: true,
    children: [
      { key: 'users', label: '用户管理', path: '/admin/users', icon: <UserOutlined />, action: 'users:manage' },
      { key: 'departments', label: '部门管理', path: '/admin/departments', icon: <ApartmentOutlined />, action: 'departments:manage' },
      { key: 'regions', label: '行政区划', path: '/admin/regions', icon: <EnvironmentOutlined />, action: 'regions:manage' },
      { key: 'calendar', label: '工作日历', path: '/admin/calendar', icon: <CalendarOutlined />, action: 'calendar:manage' },
      { key: 'plan-settings', label: '计划设置', path: '/plans/settings', icon: <ControlOutlined />, action: 'plans:settings' },
      { key: 'credit-settings', label: '信用设置', path: '/admin/credit', icon: <SafetyCertificateOutlined />, action: 'credit:settings' },
      { key: 'audit', label: '审计日志', path: '/admin/audit', icon: <AuditOutlined />, action: 'audit:read' },
    ],
  },
];

/**
 * The areas a role may use, each with only the sub-pages the role may use; an area of sub-pages is
 * also shown to a role that may use one of them (the office sees 系统设置 with 计划设置 only).
 */
export function areasFor(role: Role): Area[] {
  return AREAS.filter((area) => roleMay(role, area.action) || (area.built && area.children?.some((page) => roleMay(role, page.action)))).map((area) =>
    area.children ? { ...area, children: area.children.filter((page) => roleMay(role, page.action)) } : area,
  );
}
