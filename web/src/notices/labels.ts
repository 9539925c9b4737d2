import type { Notice } from '../api/types';

export const NOTICE_STATUS: Record<Notice['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'gold' },
  issued: { label: '已印发', color: 'green' },
};

export const OVERDUE_STATE_LABELS: Record<Notice['content']['departments'][number]['overdueReports'][number]['state'], string> = {
  missing: '逾期未报送',
  draft: '逾期未提交',
  returned: '退回未重报',
  late: '逾期报送',
};

/** The Word file of a notice (a plain link: the browser downloads it with the session cookie). */
export function noticeDocxUrl(id: string): string {
  return `/api/notices/${encodeURIComponent(id)}/docx`;
}
