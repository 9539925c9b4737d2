import { Form, Input, Modal } from 'antd';
import { useChangePassword } from '../api/hooks';
import { useNotify } from '../api/notify';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** The server decides (common passwords, the account name); the form checks what it can see. */
export const PASSWORD_HINT = '密码至少 8 位，须包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名，也不能是常见密码或示范密码。';

const classes = (v: string) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;

export const PASSWORD_RULES = [
  { required: true, message: '请输入新密码' },
  { min: 8, message: '密码至少 8 位' },
  { max: 128, message: '密码最多 128 位' },
  {
    validator: (_: unknown, value: string | undefined) =>
      !value || value.length < 8 || classes(value) >= 3
        ? Promise.resolve()
        : Promise.reject(new Error('须包含大写字母、小写字母、数字、符号中的至少三类')),
  },
];

/** The three fields of a password change (current, new, again), with the checks the form can make. */
export function PasswordChangeFields({ autoFocus = false }: { autoFocus?: boolean }) {
  return (
    <>
      <Form.Item label="当前密码" name="oldPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        rules={[
          ...PASSWORD_RULES,
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value && value === getFieldValue('oldPassword') ? Promise.reject(new Error('新密码不能与当前密码相同')) : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const notify = useNotify();

  const submit = async () => {
    const values = await form.validateFields();
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          notify.success('密码已修改');
          form.resetFields();
          onClose();
        },
        onError: notify.error,
      },
    );
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      okText="确认修改"
      cancelText="取消"
      confirmLoading={change.isPending}
      forceRender
    >
      <Form form={form} name="changePassword" layout="vertical">
        <PasswordChangeFields />
      </Form>
    </Modal>
  );
}
