// The bell in the header: in-app notifications (报送即将到期, 已逾期, 被退回, 通报已印发) with an unread
// count; opening one marks it read and goes to its page.
import { Badge, Button, Empty, Popover, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useState } from 'react';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../api/hooks';
import type { NotificationItem } from '../api/types';
import { formatTime } from '../format';

const KIND_LABELS: Record<string, { label: string; color: string }> = {
  report_due: { label: '即将到期', color: 'gold' },
  report_overdue: { label: '已逾期', color: 'red' },
  report_returned: { label: '已退回', color: 'orange' },
  report_submitted: { label: '已报送', color: 'blue' },
  notice_issued: { label: '督查通报', color: 'purple' },
};

export function NotificationBell() {
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const items = notifications.data?.items ?? [];
  const unread = notifications.data?.unread ?? items.filter((n) => !n.readAt).length;

  const openItem = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    if (n.link) navigate(n.link);
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notification-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      ) : (
        <div style={{ maxHeight: 420, overflowY: 'auto' }}>
          {items.slice(0, 20).map((n) => {
            const kind = KIND_LABELS[n.kind];
            return (
              <div
                key={n.id}
                role="button"
                tabIndex={0}
                onClick={() => openItem(n)}
                onKeyDown={(e) => e.key === 'Enter' && openItem(n)}
                style={{ cursor: 'pointer', background: n.readAt ? undefined : '#f0f7ff', padding: '8px', borderBottom: '1px solid #f0f0f0' }}
              >
                <Space size={4}>
                  {kind && <Tag color={kind.color}>{kind.label}</Tag>}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
                {n.body && <div style={{ color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>{n.body}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(n.createdAt)}
                </Typography.Text>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>通知</span>
          {unread > 0 && (
            <Button type="link" size="small" onClick={() => markAll.mutate()} loading={markAll.isPending}>
              全部标为已读
            </Button>
          )}
        </Space>
      }
      content={content}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={unread ? `通知（${unread} 条未读）` : '通知'} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
