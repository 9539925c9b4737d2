// Sign-in page. Errors (wrong password, locked account) are the server's Chinese messages, shown in place.
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import { useLogin, useMe } from '../api/hooks';
import type { LoginRequest } from '../api/types';
import { FullPageSpin } from '../components/results';

export const PLATFORM_NAME = '质量提升行动管理平台';

export function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/dashboard';

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={target} replace />;

  const onFinish = (values: LoginRequest) => {
    setError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: () => navigate(target, { replace: true }),
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #0f2f57 0%, #1d4e89 55%, #e8eef6 55%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.15)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {PLATFORM_NAME}
          </Typography.Title>
          <Typography.Text type="secondary">Zhiliang · 质量强区建设</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />}
        <Form<LoginRequest> name="login" layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/public" data-testid="public-link">
            查看公开信息（行动计划进展，无需登录）
          </Link>
        </div>
      </Card>
    </div>
  );
}
