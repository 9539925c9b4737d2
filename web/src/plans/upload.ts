// Uploads a plan document for parsing with upload progress (fetch cannot report it, XHR can).
// Errors become ApiError with the server's Chinese message, like every other request.
import { ApiError } from '../api/client';
import type { PlanParseResponse } from '../api/types';

export const ACCEPTED_EXTENSIONS = ['.txt', '.htm', '.html', '.docx', '.pdf'];
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Chinese messages for codes where the server's own message may be missing (a proxy, a crash). */
const FALLBACK: Record<string, string> = {
  NEEDS_OCR: '该 PDF 是扫描件（图片），没有可提取的文字，请上传文字版 PDF、Word 或网页文件',
  UNSUPPORTED_FORMAT: '不支持的文件类型：请上传 txt、html、docx 或 pdf 文件',
  FILE_TOO_LARGE: '文件过大，不能超过 20 MB',
  EMPTY_FILE: '文件是空的，没有可解析的内容',
};

export interface UploadHandlers {
  /** 0–100 while the bytes go up. */
  onProgress?: (percent: number) => void;
  /** All bytes sent: the server is parsing now. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

export function uploadPlanFile(file: File, handlers: UploadHandlers = {}): Promise<PlanParseResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/plans/import/parse');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) handlers.onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.upload.onload = () => {
      handlers.onProgress?.(100);
      handlers.onUploaded?.();
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', '已取消上传'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as PlanParseResponse);
        return;
      }
      const err = (data ?? {}) as { code?: unknown; message?: unknown };
      const code = typeof err.code === 'string' ? err.code : `HTTP_${xhr.status}`;
      const message =
        typeof err.message === 'string' && err.message
          ? err.message
          : (FALLBACK[code] ?? (xhr.status === 413 ? FALLBACK.FILE_TOO_LARGE : xhr.status >= 500 ? '服务器解析文件时出错，请稍后重试' : `上传失败（${xhr.status}）`));
      reject(new ApiError(xhr.status, code, message));
    };
    handlers.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** A file the server would refuse anyway, refused before uploading (null when acceptable). */
export function checkFileBeforeUpload(file: File): string | null {
  const ext = /\.[A-Za-z0-9]+$/.exec(file.name)?.[0].toLowerCase() ?? '';
  if (!['.txt', '.text', '.htm', '.html', '.shtml', '.docx', '.pdf'].includes(ext)) {
    return `不支持的文件类型${ext ? ` ${ext}` : ''}：请上传 txt、html、docx 或 pdf 文件`;
  }
  if (file.size === 0) return FALLBACK.EMPTY_FILE;
  if (file.size > MAX_UPLOAD_BYTES) return `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），不能超过 20 MB`;
  return null;
}
