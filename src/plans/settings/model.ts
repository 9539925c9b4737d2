// The office's plan-loop settings (pure): defaults and limits. Import-free so the web can use them.

export interface PlanSettings {
  /** reporting periods open up to this many days after a plan's last day; 0 = only inside its period */
  reportingGraceDays: number;
  /** names or name endings the authority counts as unit names when matching departments (e.g. 支行, 区委宣传部) */
  unitNames: string[];
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { reportingGraceDays: 0, unitNames: [] };

export const GRACE_DAYS_MAX = 366;

export const PLAN_SETTINGS_RULES = {
  reportingGraceDays: '报送周期只在计划期内开放；计划期结束后再开放的天数（宽限期），用于报送最终完成情况。0 表示计划期结束后不再开放新的报送周期。',
  unitNames: '除以局、委、办、厅、院、会、中心、政府、街道、镇、公司、所、站、队等结尾的名称外，本单位认定为责任单位名称的名称或名称结尾（每行一个）。',
} as const;
