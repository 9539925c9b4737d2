// 计划设置: the plan loop's settings of the authority — how many days reporting stays open after a
// plan's period (宽限期), and the names the authority counts as unit names when an import matches
// department names. The admin and the office change them (policy: plans:settings); saved with the
// version read, so that two people cannot overwrite each other.
import { useEffect } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { useNotify } from '../api/notify';
import { usePlanSettings, useSavePlanSettings } from '../api/planSettings';
import { PageHeader } from '../admin/PageHeader';
import { LoadError } from '../components/results';
import { GRACE_DAYS_MAX } from '../../../src/plans/settings/model';

interface Values {
  reportingGraceDays: number | null;
  unitNames: string;
}

/** One name a line; blank lines and repeats dropped. */
export function unitNamesOf(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
}

export function PlanSettingsPage() {
  const settings = usePlanSettings();
  const save = useSavePlanSettings();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const data = settings.data;

  useEffect(() => {
    if (data) form.setFieldsValue({ reportingGraceDays: data.settings.reportingGraceDays, unitNames: data.settings.unitNames.join('\n') });
  }, [data, form]);

  if (settings.isError) return <LoadError message={(settings.error as Error).message} onRetry={() => void settings.refetch()} />;
  if (!data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ version: data.settings.version, reportingGraceDays: v.reportingGraceDays ?? 0, unitNames: unitNamesOf(v.unitNames ?? '') });
      notify.success('已保存计划设置');
    } catch (e) {
      notify.error(e);
      if (e instanceof ApiError && e.status === 409) void settings.refetch();
    }
  };

  return (
    <div style={{ maxWidth: 760 }}>
      <PageHeader title="计划设置" description="本单位行动计划的报送和导入规则，修改后对所有计划生效。" />
      {data.settings.version === 0 && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="尚未保存过设置，以下为默认值。" />}
      <Card>
        <Form form={form} layout="vertical" onFinish={() => void submit()} data-testid="plan-settings-form">
          {/* no min/max on the input: a value out of range gets the rule's message instead of being changed silently */}
          <Form.Item
            name="reportingGraceDays"
            label="计划期结束后的报送宽限期（天）"
            extra={data.rules.reportingGraceDays}
            rules={[
              { required: true, message: '请填写宽限期（0 表示不设宽限期）' },
              { type: 'integer', min: 0, max: GRACE_DAYS_MAX, message: `宽限期应为 0–${GRACE_DAYS_MAX} 的整数` },
            ]}
          >
            <InputNumber precision={0} addonAfter="天" style={{ width: 200 }} aria-label="报送宽限期" />
          </Form.Item>
          <Form.Item
            name="unitNames"
            label="认定为单位名称的名称或结尾"
            extra={data.rules.unitNames}
            rules={[
              {
                validator: (_, v: string | undefined) => {
                  const names = unitNamesOf(v ?? '');
                  if (names.length > 500) return Promise.reject(new Error('最多 500 个名称'));
                  const long = names.find((n) => n.length > 50);
                  return long ? Promise.reject(new Error(`名称不超过 50 字：${long.slice(0, 20)}…`)) : Promise.resolve();
                },
              },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} placeholder={'支行\n区委宣传部'} aria-label="单位名称" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="plan-settings-save">
              保存
            </Button>
            <Typography.Text type="secondary">版本 {data.settings.version}</Typography.Text>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
