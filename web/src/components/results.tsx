import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';

export function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function Forbidden({ detail }: { detail?: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={detail ?? '您的账号没有访问此页面的权限，如需开通请联系系统管理员。'}
      extra={<Button type="primary" onClick={() => navigate('/dashboard')}>返回驾驶舱</Button>}
    />
  );
}

export function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，请通过左侧菜单进入。"
      extra={<Button type="primary" onClick={() => navigate('/dashboard')}>返回驾驶舱</Button>}
    />
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Result
      status="error"
      title="数据加载失败"
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}
