import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function PageHeader({ title, description, extra }: { title: string; description?: string; extra?: ReactNode }) {
  return (
    // wraps on a narrow screen: the actions go under the title instead of past the screen's edge
    <Flex justify="space-between" align="flex-start" style={{ marginBottom: 16 }} gap={16} wrap>
      <div style={{ minWidth: 0, flex: '1 1 280px' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {description && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {description}
          </Typography.Text>
        )}
      </div>
      {extra}
    </Flex>
  );
}
