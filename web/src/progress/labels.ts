// Labels of progress values (keyed by the server's own unions, types only from src/plans/model).
import type { ReportStatus, TaskProgress } from '../../../src/plans/model';
import type { ObligationStateKey } from '../api/types';

export type ReportStatusKey = ReportStatus;
export type TaskProgressKey = TaskProgress;

export const REPORT_STATUS: Record<ReportStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '已报送', color: 'blue' },
  returned: { label: '已退回', color: 'orange' },
  accepted: { label: '已采纳', color: 'green' },
};

export const TASK_PROGRESS: Record<TaskProgress, { label: string; color: string }> = {
  not_started: { label: '未开始', color: 'default' },
  in_progress: { label: '进行中', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  blocked: { label: '受阻', color: 'error' },
};

export const TASK_PROGRESS_OPTIONS = (Object.keys(TASK_PROGRESS) as TaskProgress[]).map((value) => ({ value, label: TASK_PROGRESS[value].label }));

/** Where a (period, department) stands: the server's ObligationState. */
export const OBLIGATION_STATE: Record<ObligationStateKey, { label: string; color: string }> = {
  open: { label: '待报送', color: 'blue' },
  due_soon: { label: '即将到期', color: 'gold' },
  overdue: { label: '已逾期', color: 'red' },
  submitted_on_time: { label: '按时报送', color: 'green' },
  submitted_late: { label: '逾期报送', color: 'orange' },
};

export { formatTarget as formatGoal } from '../plans/labels';
