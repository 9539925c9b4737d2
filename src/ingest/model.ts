// The parser's output, field by field as ../shared/contracts/plan-extraction.md fixes it (schemaVersion 1).
// Every span is [start, end) in `text`, the normalized document text.

export type Span = [number, number];

export type SourceFormat = 'txt' | 'html' | 'docx' | 'pdf';

export interface SourceInfo {
  fileName: string;
  format: SourceFormat;
  encoding: string;
  normalizations: string[];
}

export interface PlanMetadata {
  title: string | null;
  issuer: string | null;
  documentNumber: string | null;
  indexNumber: string | null;
  writtenDate: string | null;
  publishedDate: string | null;
  period: { startYear: number; endYear: number } | null;
  region: string | null;
}

export interface TopicScore {
  category: string;
  subcategory: string | null;
  score: number;
}

export interface OutlineNode {
  marker: string;
  title: string;
  level: number;
  span: Span;
  children: OutlineNode[];
}

export type Comparator = '>=' | '<=' | '>' | '<' | '=' | '~' | 'range';
export type TargetKind = 'level' | 'increment' | 'cumulative';

export interface Target {
  indicator: string;
  comparator: Comparator;
  value: number;
  valueMax?: number;
  unit: string;
  kind: TargetKind;
  deadline: number | null;
  span: Span;
}

export type DepartmentRole = 'lead' | 'co';

export interface TaskDepartment {
  name: string;
  role: DepartmentRole;
}

export interface Task {
  marker: string | null;
  title: string;
  span: Span;
  departments: TaskDepartment[];
  deadline: string | null;
}

export interface PlanExtraction {
  schemaVersion: 1;
  source: SourceInfo;
  text: string;
  metadata: PlanMetadata;
  topics: TopicScore[];
  outline: OutlineNode[];
  targets: Target[];
  tasks: Task[];
  departments: string[];
}

/** The result of reading a file: the normalized text and what was done to get it. */
export interface NormalizedDocument {
  text: string;
  source: SourceInfo;
}
