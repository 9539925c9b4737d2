// 导入计划文件: drop a document, watch it upload and parse, then review the extraction (ReviewScreen).
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Progress, Space, Spin, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import type { PlanParseResponse } from '../api/types';
import { PageHeader } from '../admin/PageHeader';
import { ReviewScreen } from './ReviewScreen';
import { ACCEPTED_EXTENSIONS, checkFileBeforeUpload, uploadPlanFile } from './upload';

type Stage = { kind: 'idle' } | { kind: 'uploading'; fileName: string; percent: number } | { kind: 'parsing'; fileName: string } | { kind: 'failed'; fileName: string; message: string; code: string };

export function ImportPage() {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [parsed, setParsed] = useState<PlanParseResponse | null>(null);
  const abort = useRef<AbortController | null>(null);
  const navigate = useNavigate();

  const start = (file: File) => {
    const problem = checkFileBeforeUpload(file);
    if (problem) {
      setStage({ kind: 'failed', fileName: file.name, message: problem, code: 'CLIENT_CHECK' });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setParsed(null);
    setStage({ kind: 'uploading', fileName: file.name, percent: 0 });
    uploadPlanFile(file, {
      signal: controller.signal,
      onProgress: (percent) => setStage((s) => (s.kind === 'uploading' ? { ...s, percent } : s)),
      onUploaded: () => setStage({ kind: 'parsing', fileName: file.name }),
    }).then(
      (result) => {
        setParsed(result);
        setStage({ kind: 'idle' });
      },
      (err: unknown) => {
        if (controller.signal.aborted) {
          setStage({ kind: 'idle' });
          return;
        }
        const code = (err as { code?: string }).code ?? 'ERROR';
        setStage({ kind: 'failed', fileName: file.name, message: errorMessage(err), code });
      },
    );
  };

  if (parsed) {
    return <ReviewScreen parsed={parsed} onRestart={() => setParsed(null)} onConfirmed={(id) => navigate(`/plans/${id}`)} />;
  }

  const busy = stage.kind === 'uploading' || stage.kind === 'parsing';
  return (
    <div>
      <PageHeader
        title="导入计划文件"
        description="上传行动计划或实施方案文件，系统自动提取目标指标、重点任务和责任部门，确认后生成计划草稿。"
        extra={
          <Link to="/plans">
            <Button icon={<ArrowLeftOutlined />}>返回计划列表</Button>
          </Link>
        }
      />
      <Card>
        <Upload.Dragger
          name="file"
          multiple={false}
          accept={ACCEPTED_EXTENSIONS.join(',')}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            start(file as unknown as File);
            return false;
          }}
          data-testid="plan-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">将计划文件拖到此处，或点击选择文件</p>
          <p className="ant-upload-hint">支持 .txt、.html、.docx、.pdf（文字版），单个文件不超过 20 MB；简体、繁体均可</p>
        </Upload.Dragger>

        {stage.kind === 'uploading' && (
          <div style={{ marginTop: 24 }} data-testid="upload-progress">
            <Typography.Text>正在上传 {stage.fileName}</Typography.Text>
            <Progress percent={stage.percent} status="active" />
          </div>
        )}
        {stage.kind === 'parsing' && (
          <div style={{ marginTop: 24, textAlign: 'center' }} data-testid="parse-progress">
            <Progress percent={100} size="small" />
            <Space style={{ marginTop: 12 }}>
              <Spin />
              <Typography.Text>正在解析… 提取标题、目标指标、重点任务和责任部门</Typography.Text>
            </Space>
            <div style={{ marginTop: 12 }}>
              <Button
                size="small"
                onClick={() => {
                  abort.current?.abort();
                }}
              >
                取消
              </Button>
            </div>
          </div>
        )}
        {stage.kind === 'failed' && (
          <Alert
            style={{ marginTop: 24 }}
            type="error"
            showIcon
            role="alert"
            data-testid="import-error"
            title={`“${stage.fileName}”无法导入`}
            description={stage.message}
          />
        )}
      </Card>
    </div>
  );
}
