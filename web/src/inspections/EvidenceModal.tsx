// 证据材料 of one drawn enterprise's inspection: photos, scanned 检查记录, PDFs. A file goes with the
// result version being prepared; once that version is entered it stays with it (the reviewer sees
// what was submitted; a correction brings new files with the new version). Its uploader may remove a
// file until then.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Modal, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../api/client';
import type { EvidenceOut, ObjectOut } from '../../../src/inspections/schemas';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

async function uploadEvidence(objectId: string, file: File): Promise<EvidenceOut> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/inspections/objects/${objectId}/evidence`, { method: 'POST', body: form, credentials: 'same-origin' });
  const data = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? `上传失败（${res.status}）`);
  return data as EvidenceOut;
}

export function EvidenceModal({ object, onClose }: { object: ObjectOut; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = ['inspections', 'evidence', object.id];
  const list = useQuery({ queryKey: key, queryFn: async () => (await api.get<{ items: EvidenceOut[] }>(`/api/inspections/objects/${object.id}/evidence`)).items });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['inspections', 'campaign'] });
  };
  const add = useMutation({
    mutationFn: (file: File) => uploadEvidence(object.id, file),
    onSuccess: (e) => {
      message.success(`已上传：${e.fileName}`);
      refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/inspections/evidence/${id}`),
    onSuccess: () => {
      message.success('已删除');
      refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const mayUpload = object.canEnter;
  return (
    <Modal open title={`证据材料：${object.enterpriseName}`} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
      {mayUpload && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Upload
            accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx,.txt"
            showUploadList={false}
            multiple
            customRequest={({ file, onSuccess, onError }) => {
              add.mutateAsync(file as File).then(
                (r) => onSuccess?.(r),
                (e) => onError?.(e as Error),
              );
            }}
          >
            <Button icon={<UploadOutlined />} loading={add.isPending} data-testid="evidence-upload">
              上传证据材料
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            照片（JPG、PNG）、PDF、Word、Excel 或 TXT，单个不超过 10 MB；随下一次提交的检查结果一并提交审核，提交后不能删除。
          </Typography.Text>
        </Space>
      )}
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: '尚无证据材料' }}
        renderItem={(e) => (
          <List.Item
            data-testid="evidence-row"
            actions={
              e.mayDelete
                ? [
                    <Popconfirm key="del" title={`删除“${e.fileName}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutateAsync(e.id)}>
                      <Button type="link" size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <div style={{ minWidth: 0 }}>
              <a href={`/api/inspections/evidence/${e.id}`} download={e.fileName} style={{ wordBreak: 'break-all' }}>
                {e.fileName}
              </a>
              <Space size={[4, 4]} wrap style={{ display: 'flex', marginTop: 2 }}>
                {e.submitted ? <Tag color="blue">第 {e.forVersion} 版</Tag> : <Tag color="gold">待随结果提交</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {size(e.sizeBytes)} · {e.uploadedByName} · {e.uploadedAt.slice(0, 10)}
                </Typography.Text>
              </Space>
            </div>
          </List.Item>
        )}
      />
    </Modal>
  );
}
