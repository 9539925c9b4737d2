// 导入信用记录 (the office): a file of penalties, failed samplings, complaints and missing annual
// reports another system exported, as .xlsx or .csv; the answer says how many were recorded, how
// many were there already, and which rows were refused and why, downloadable as Excel (the same
// workbook as the register import's). Classes change at the next reclassification.
import { useState } from 'react';
import { Alert, Button, Modal, Progress, Space, Statistic, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import type { EventImportResponse } from '../../../src/credit/schemas';
import { uploadFile } from '../enterprises/ImportPage';

export function CreditImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<EventImportResponse | null>(null);

  const choose = (file: File) => {
    setError(null);
    setResult(null);
    setProgress(0);
    uploadFile<EventImportResponse>('/api/credit/events/import', file, setProgress).then(
      (r) => {
        setProgress(null);
        setResult(r);
        void client.invalidateQueries({ queryKey: ['credit'] });
        void client.invalidateQueries({ queryKey: ['enterprises'] });
      },
      (e: unknown) => {
        setProgress(null);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <Modal open={open} onCancel={onClose} title="导入信用记录" footer={<Button onClick={onClose}>关闭</Button>} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        Excel（.xlsx）或 CSV 文件，第一行为表头：统一社会信用代码、记录类型（行政处罚、产品抽检不合格、投诉、未报送年报）、决定日期，可另有
        决定书文号、事由、说明、较重行政处罚（是/否）、公示期（3个月/3年）、领域（一般/食品/药品/特种设备）。已有的同一条记录不会重复写入；列入、移出名录和信用修复请在企业质量档案中办理。导入后在下次重新分类时计入风险分类。
      </Typography.Paragraph>
      <div data-testid="credit-import-file">
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
          <p className="ant-upload-text">点击或拖入信用记录文件</p>
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
        <div style={{ marginTop: 16 }} data-testid="credit-import-result">
          <Space size="large" wrap>
            <Statistic title="新记录" value={result.imported} />
            <Statistic title="已存在（未重复写入）" value={result.unchanged} />
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
              <Button icon={<DownloadOutlined />} href={`/api/credit/imports/${result.jobId}/refusals`}>
                下载未导入的行（Excel）
              </Button>
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
