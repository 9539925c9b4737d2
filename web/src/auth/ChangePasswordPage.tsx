// First sign-in (or after an administrator set the password): the user chooses a new password
// before anything else. The server refuses every other call meanwhile (403 PASSWORD_CHANGE_REQUIRED).
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import { keys, useChangePassword, useLogout, useMe } from '../api/hooks';
import { FullPageSpin } from '../components/results';
import { PASSWORD_HINT, PasswordChangeFields } from './ChangePasswordModal';
import { PLATFORM_NAME } from './LoginPage';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const me = useMe();
  const change = useChangePassword();
  const logout = useLogout();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && !['/login', '/change-password'].includes(from) ? from : '/dashboard';

  if (me.isPending) return <FullPageSpin />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (!me.data.mustChangePassword) return <Navigate to={target} replace />;

  const onFinish = (values: Values) => {
    setError(null);
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: async () => {
          await client.invalidateQueries({ queryKey: keys.me });
          navigate(target, { replace: true });
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#e8eef6', padding: 16 }}>
      <Card style={{ width: 440, boxShadow: '0 8px 24px rgba(0,0,0,0.15)' }}>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          设置新密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.data.displayName}，您好。{PLATFORM_NAME}要求您在首次登录或管理员重置密码后设置自己的新密码，设置后即可继续使用。
        </Typography.Paragraph>
        <Alert type="info" showIcon title={PASSWORD_HINT} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="change-password-error" />}
        <Form<Values> name="firstPassword" layout="vertical" onFinish={onFinish} requiredMark={false} disabled={change.isPending}>
          <PasswordChangeFields autoFocus />
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            保存新密码并继续
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button type="link" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}>
            退出登录
          </Button>
        </div>
      </Card>
    </div>
  );
}
