// 导入企业标准自我声明: the declarations the 企业标准信息公共服务平台 or the enterprises give the
// authority, as .xlsx or .csv; the answer says how many were added, brought up to date or already
// there, and which rows were refused and why, downloadable as Excel (the register import's workbook).
import { useState } from 'react';
import { Alert, Button, Modal, Progress, Space, Statistic, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import type { DeclarationImportResponse } from '../../../src/inspections/schemas';
import { uploadFile } from '../enterprises/ImportPage';

export function DeclarationsImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DeclarationImportResponse | null>(null);

  const choose = (file: File) => {
    setError(null);
    setResult(null);
    setProgress(0);
    uploadFile<DeclarationImportResponse>('/api/inspections/standards/imports', file, setProgress).then(
      (r) => {
        setProgress(null);
        setResult(r);
        void client.invalidateQueries({ queryKey: ['inspections', 'declarations'] });
      },
      (e: unknown) => {
        setProgress(null);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <Modal open={open} onCancel={onClose} title="导入企业标准自我声明" footer={<Button onClick={onClose}>关闭</Button>} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        Excel（.xlsx）或 CSV 文件，第一行为表头：统一社会信用代码、标准编号、标准名称、标准类型（企业标准、团体标准、国家标准、行业标准、地方标准）、声明日期，可另有企业名称、产品。企业须已在本单位名录中；同一企业同一标准编号已登记的，有变化时更新，不会重复登记。
      </Typography.Paragraph>
      <div data-testid="declarations-import-file">
        <Upload.Dragger
          accept=".xlsx,.csv"
          showUploadList={false}
          disabled={progress !== null}
          beforeUpload={(file) => {
            choose(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入自我声明文件</p>
        </Upload.Dragger>
      </div>
      {progress !== null && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{progress < 100 ? '正在上传…' : '正在检查并写入…'}</Typography.Text>
          <Progress percent={progress} status="active" />
        </div>
      )}
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message="没有导入" description={error} />}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="declarations-import-result">
          <Space size="large" wrap>
            <Statistic title="新登记" value={result.imported} />
            <Statistic title="已更新" value={result.updated} />
            <Statistic title="未变" value={result.unchanged} />
            <Statistic title="未导入的行" value={result.refusedCount} valueStyle={result.refusedCount ? { color: '#cf1322' } : undefined} />
          </Space>
          {result.refusedCount > 0 && (
            <>
              <ul style={{ marginTop: 12, paddingLeft: 20, maxHeight: 200, overflow: 'auto' }}>
                {result.refused.slice(0, 20).map((r) => (
                  <li key={r.row}>
                    第 {r.row} 行：{r.reason}
                  </li>
                ))}
                {result.refusedCount > 20 && <li>……共 {result.refusedCount} 行，见下载的 Excel</li>}
              </ul>
              <Button icon={<DownloadOutlined />} href={`/api/inspections/standards/imports/${result.jobId}/refusals`}>
                下载未导入的行（Excel）
              </Button>
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
