// 导入企业名录 (administrator): upload the registration system's .xlsx or .csv, map the columns when
// its headers differ from the ones recognised, then follow the import (percentage, rows/s) and get
// the counts and the refused rows as an Excel file.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Progress, Row, Select, Space, Statistic, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, errorMessage } from '../api/client';
import type { ImportJobResponse, ImportPreviewResponse } from '../../../src/enterprises/schemas';
import { PageHeader } from '../admin/PageHeader';
import { useEnterpriseOptions, useImportJob } from './api';

/** Sends the file to `url` with upload progress (XHR); errors become ApiError with the server's message. */
export function uploadFile<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      let data: { code?: string; message?: string } | undefined;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as unknown as T);
      else reject(new ApiError(xhr.status, data?.code ?? `HTTP_${xhr.status}`, data?.message ?? (xhr.status === 413 ? '文件过大' : `上传失败（${xhr.status}）`)));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function EnterpriseImportPage() {
  const options = useEnterpriseOptions();
  const client = useQueryClient();
  const [uploading, setUploading] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreviewResponse | null>(null);
  const [mapping, setMapping] = useState<Record<string, number>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useImportJob(jobId);
  const start = useMutation({
    mutationFn: (body: { uploadId: string; mapping?: Record<string, number> }) => api.post<ImportJobResponse>('/api/enterprises/imports', body),
    onSuccess: (res) => {
      setJobId(res.job.id);
      client.setQueryData(['enterprises', 'import', res.job.id], res);
    },
  });

  const choose = (file: File) => {
    setPreview(null);
    setJobId(null);
    setUploadError(null);
    start.reset();
    setUploading(0);
    uploadFile<ImportPreviewResponse>('/api/enterprises/imports/upload', file, setUploading).then(
      (p) => {
        setUploading(null);
        setPreview(p);
        setMapping(p.mapping);
        // headers all recognised: start at once
        if (p.missing.length === 0) start.mutate({ uploadId: p.uploadId });
      },
      (e: unknown) => {
        setUploading(null);
        setUploadError(errorMessage(e));
      },
    );
  };

  const j = job.data?.job;
  const needsMapping = preview && preview.missing.length > 0 && !jobId;
  const fields = options.data?.importFields ?? [];
  const headerOptions = (preview?.headers ?? []).map((h, i) => ({ value: i, label: h || `第${i + 1}列` }));

  return (
    <div>
      <PageHeader
        title="导入企业名录"
        description="上传登记注册系统导出的名录（.xlsx 或 .csv，UTF-8 或 GB18030），按统一社会信用代码新增或更新；无法导入的行逐行给出原因。"
        extra={
          <Link to="/enterprises">
            <Button icon={<ArrowLeftOutlined />}>返回企业名录</Button>
          </Link>
        }
      />
      <Card>
        <Upload.Dragger
          name="file"
          multiple={false}
          accept=".xlsx,.csv"
          showUploadList={false}
          disabled={uploading !== null || j?.status === 'running'}
          beforeUpload={(file) => {
            choose(file as unknown as File);
            return false;
          }}
          data-testid="register-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">将名录文件拖到此处，或点击选择文件</p>
          <p className="ant-upload-hint">
            支持 .xlsx、.csv，不超过 {options.data ? options.data.maxImportBytes / 1024 / 1024 : 200} MB；可识别的表头：统一社会信用代码、企业名称、法定代表人、登记状态、成立日期、住所、所属行业等
          </p>
        </Upload.Dragger>

        {uploading !== null && (
          <div style={{ marginTop: 24 }}>
            <Typography.Text>正在上传</Typography.Text>
            <Progress percent={uploading} status="active" />
          </div>
        )}
        {uploadError && <Alert style={{ marginTop: 24 }} type="error" showIcon role="alert" title="文件无法导入" description={uploadError} data-testid="import-error" />}
        {start.isError && <Alert style={{ marginTop: 24 }} type="error" showIcon role="alert" title="无法开始导入" description={errorMessage(start.error)} />}

        {needsMapping && (
          <Card type="inner" style={{ marginTop: 24 }} title="对应表头" data-testid="mapping-step">
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`文件“${preview.fileName}”的表头与登记系统常用的名称不同，请指出下列字段在哪一列`}
              description={`未识别：${preview.missing.map((k) => fields.find((f) => f.key === k)?.label ?? k).join('、')}`}
            />
            <Form layout="vertical">
              <Row gutter={16}>
                {fields.map((f) => (
                  <Col xs={24} md={12} lg={8} key={f.key}>
                    <Form.Item label={f.label} required={f.required}>
                      <Select
                        allowClear
                        aria-label={f.label}
                        placeholder="不导入"
                        value={mapping[f.key]}
                        options={headerOptions}
                        onChange={(v?: number) =>
                          setMapping((m) => {
                            const next = { ...m };
                            if (v === undefined) delete next[f.key];
                            else next[f.key] = v;
                            return next;
                          })
                        }
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Form>
            <Button type="primary" loading={start.isPending} onClick={() => start.mutate({ uploadId: preview.uploadId, mapping })}>
              开始导入
            </Button>
          </Card>
        )}

        {j && (
          <div style={{ marginTop: 24 }} data-testid="import-job">
            <Typography.Text strong>{j.fileName}</Typography.Text>
            <Progress percent={j.percent} status={j.status === 'failed' ? 'exception' : j.status === 'running' ? 'active' : 'success'} />
            <Typography.Text type="secondary">
              {j.status === 'running' ? (j.stage === 'merging' ? '正在写入名录…' : '正在读取文件…') : j.status === 'done' ? '导入完成' : '导入失败'} · 已读 {j.rowsRead} 行 · {j.rowsPerSecond} 行/秒
            </Typography.Text>
            {j.status === 'failed' && <Alert style={{ marginTop: 16 }} type="error" showIcon title="导入失败，名录未作任何改动" description={j.errorMessage ?? j.errorCode} />}
            {j.status === 'done' && (
              <>
                <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
                  <Col xs={12} md={6}>
                    <Statistic title="新增" value={j.imported} data-testid="count-imported" />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title="更新" value={j.updated} data-testid="count-updated" />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title="未变" value={j.unchanged} data-testid="count-unchanged" />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title="拒绝" value={j.refused} data-testid="count-refused" />
                  </Col>
                </Row>
                <Space style={{ marginTop: 16 }} wrap>
                  {j.refused > 0 && (
                    <Button icon={<DownloadOutlined />} href={`/api/enterprises/imports/${j.id}/refusals`}>
                      下载未导入行
                    </Button>
                  )}
                  <Link to="/enterprises">
                    <Button>查看企业名录</Button>
                  </Link>
                </Space>
              </>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
