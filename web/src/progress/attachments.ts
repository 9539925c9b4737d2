// Client-side attachment checks (the server checks again, by content): size and type before upload.
import type { ATTACHMENT_LIMITS as ServerLimits } from '../../../src/plans/progress/model';

/**
 * The server's ATTACHMENT_LIMITS (src/plans/progress/model.ts). Not imported as a value: that module
 * pulls the working-day calendar and its tables into the browser bundle. The `satisfies` keeps the
 * allowed types in step with the server's at type-check time.
 */
export const ATTACHMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPerReport: 20,
  types: ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'txt'] as const,
} satisfies typeof ServerLimits;

export const ATTACHMENT_ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,.txt';

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** A Chinese reason why this file may not be attached, or null when it may. */
export function attachmentProblem(file: { name: string; size: number }, alreadyAttached: number): string | null {
  const ext = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const type = ext === 'jpeg' ? 'jpg' : ext;
  if (!(ATTACHMENT_LIMITS.types as readonly string[]).includes(type)) {
    return `「${file.name}」的文件类型不允许上传，仅支持 PDF、Word（.docx）、Excel（.xlsx）、JPG、PNG、TXT`;
  }
  if (file.size > ATTACHMENT_LIMITS.maxBytes) {
    return `「${file.name}」过大（${formatSize(file.size)}），单个附件不能超过 ${formatSize(ATTACHMENT_LIMITS.maxBytes)}`;
  }
  if (file.size === 0) return `「${file.name}」是空文件`;
  if (alreadyAttached >= ATTACHMENT_LIMITS.maxPerReport) return `每份报送最多 ${ATTACHMENT_LIMITS.maxPerReport} 个附件`;
  return null;
}
