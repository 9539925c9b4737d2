// Follow-up tasks (后续任务, issue 12 "the loop back to the plan"): a record of a regulatory room (a 双随机
// result with a problem found, later a failed sample or an overdue 后处理) opens a task for a
// department in a plan; the task shows the record, the record shows the task, and the task closes only
// when the record's own state agrees. Import-free so the web can use the constants.

export const FOLLOWUP_STATES = ['open', 'closed'] as const;
export type FollowUpState = (typeof FOLLOWUP_STATES)[number];
export const FOLLOWUP_STATE_LABELS: Record<FollowUpState, string> = { open: '办理中', closed: '已办结' };

/** The record a follow-up comes from: a kind registered by its room, and the record's id there. */
export interface FollowUpSourceRef {
  kind: string;
  id: number;
}

/** What the plan page shows of a source record (the room answers it; the plans room stores nothing of it). */
export interface FollowUpSourceView {
  /** one line, e.g. 舟山某某有限公司：发现问题待后续处理 */
  title: string;
  /** the record's own state in words, e.g. 已公示，后续处置未完成 */
  state: string;
  /** a web path to the record */
  link: string;
  /** whether the record's state lets the follow-up close now */
  mayClose: boolean;
  /** why not, when it may not (shown beside the disabled 办结 button and in the 409) */
  whyNot: string | null;
}

export const FOLLOWUP_RULES = {
  close: '后续任务只有在来源记录的状态表明已处置完毕时才能办结（例如双随机抽查结果的后续处置已完成并经审核公示）。',
  plan: '后续任务开在质量办选择的计划中；未选择时开在“默认计划”（计划设置中指定，未指定时为最近发布的计划）。',
} as const;
