// The signed-in shell: side menu of the platform's areas (only those the role may use; unbuilt ones
// disabled with a 建设中 tag), header with the authority, the user and their role, password change, sign out.
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Button, Dropdown, Layout, Menu, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useLogout, useMe } from '../api/hooks';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { PLATFORM_NAME } from '../auth/LoginPage';
import { areasFor, roleMay, ROLE_LABELS } from './areas';
import { NotificationBell } from './NotificationBell';
import { DemoLoadingBanner } from '../dashboard/DemoLoading';

const { Header, Sider, Content } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

function buildingLabel(label: string) {
  return (
    <Tooltip title="该功能正在建设中，暂未开放" placement="right">
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        {label}
        <Tag color="default" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>
          建设中
        </Tag>
      </span>
    </Tooltip>
  );
}

export function AppLayout() {
  const me = useMe();
  const user = me.data!;
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const { modal } = App.useApp();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const areas = useMemo(() => areasFor(user.role), [user.role]);
  const items: MenuItem[] = useMemo(
    () =>
      areas.map((area): MenuItem => {
        if (!area.built) {
          return { key: area.key, icon: area.icon, label: buildingLabel(area.label), disabled: true, title: `${area.label}（建设中）` };
        }
        if (area.children) {
          return {
            key: area.key,
            icon: area.icon,
            label: area.label,
            children: area.children.map((page) => ({ key: page.path, icon: page.icon, label: page.label })),
          };
        }
        return { key: area.path!, icon: area.icon, label: area.label };
      }),
    [areas],
  );

  const selected = useMemo(() => {
    for (const area of areas) {
      if (area.path && location.pathname.startsWith(area.path)) return { key: area.path, open: undefined };
      for (const page of area.children ?? []) {
        if (location.pathname.startsWith(page.path)) return { key: page.path, open: area.key };
      }
    }
    return { key: location.pathname, open: undefined };
  }, [areas, location.pathname]);

  const [openKeys, setOpenKeys] = useState<string[]>(() => (selected.open ? [selected.open] : areas.some((a) => a.children) ? ['settings'] : []));

  const confirmLogout = () => {
    modal.confirm({
      title: '确认退出登录？',
      content: '退出后需要重新输入用户名和密码。',
      okText: '退出登录',
      cancelText: '取消',
      onOk: () =>
        logout.mutateAsync().finally(() => {
          navigate('/login', { replace: true });
        }),
    });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') confirmLogout();
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider className="app-sider" width={220} breakpoint="lg" collapsedWidth={64} collapsed={collapsed} onBreakpoint={setCollapsed} trigger={null} style={{ background: '#0f2f57' }}>
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: '0 16px',
            color: '#fff',
            fontWeight: 600,
            fontSize: 15,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <Tooltip title={collapsed ? PLATFORM_NAME : undefined} placement="right">
            <SafetyCertificateOutlined style={{ fontSize: 22, color: '#f5c242' }} aria-label={PLATFORM_NAME} />
          </Tooltip>
          {!collapsed && <span>{PLATFORM_NAME}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          style={{ background: '#0f2f57' }}
          items={items}
          selectedKeys={[selected.key]}
          openKeys={openKeys}
          onOpenChange={(keys) => setOpenKeys(keys)}
          onClick={({ key }) => {
            if (key.startsWith('/')) navigate(key);
          }}
          aria-label="主菜单"
        />
      </Sider>
      <Layout>
        <Header className="app-header"
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }} data-testid="tenant-name">
            {user.tenantName}
          </Typography.Text>
          <Space size="middle">
            {roleMay(user.role, 'tasks:read') && <NotificationBell />}
            {user.departmentName && (
              <Typography.Text type="secondary" className="app-header-wide">
                {user.departmentName}
              </Typography.Text>
            )}
            <Tag color={user.role === 'admin' ? 'volcano' : 'blue'} data-testid="user-role" className="app-header-wide">
              {ROLE_LABELS[user.role]}
            </Tag>
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                <span className="app-user-name">{user.displayName}</span> <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="app-content" style={{ margin: 24 }}>
          <DemoLoadingBanner />
          <Suspense fallback={<Spin style={{ display: "block", margin: "80px auto" }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
