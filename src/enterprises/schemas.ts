// Request and response shapes of the directory's API (zod), imported as types by the web.
import { z } from 'zod';
import { Id, Page, Timestamp } from '../core/http/schemas';

export const EnterpriseListQuery = z.object({
  q: z.string().trim().max(100).optional().meta({ title: '名称片段或统一社会信用代码（前几位）' }),
  region: z
    .string()
    .regex(/^\d{6}(\d{3})?$/, { message: '应为6位或9位行政区划代码' })
    .optional()
    .meta({ title: '行政区划代码（含下级）' }),
  industry: z
    .string()
    .regex(/^([A-T]|\d{2})$/, { message: '应为行业门类字母或两位大类代码' })
    .optional()
    .meta({ title: '行业（门类或大类）' }),
  status: z.enum(['存续', '在业', '迁出', '吊销', '注销']).optional().meta({ title: '登记状态' }),
  licence: z.string().trim().max(50).optional().meta({ title: '许可证类别' }),
  product: z.string().trim().max(50).optional().meta({ title: '重点产品' }),
  riskClass: z.enum(['A', 'B', 'C', 'D']).optional().meta({ title: '信用风险分类（A–D）' }),
  list: z.enum(['abnormal', 'serious']).optional().meta({ title: '在列名录：abnormal 经营异常名录，serious 严重违法失信名单' }),
  page: Page,
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ title: '每页条数（最多100）' }),
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuery>;

export const LicenceOut = z.object({ kind: z.string(), number: z.string(), product: z.string().optional(), validUntil: z.string().optional() });

export const EnterpriseOut = z
  .object({
    id: Id,
    creditCode: z.string(),
    name: z.string(),
    legalRepresentative: z.string().nullable(),
    category: z.string(),
    type: z.string().nullable(),
    status: z.string(),
    registeredOn: z.string().nullable(),
    registeredCapital: z.number().nullable(),
    address: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    industrySection: z.string().nullable(),
    industryDivision: z.string().nullable(),
    industryName: z.string().nullable(),
    licences: z.array(LicenceOut),
    productTags: z.array(z.string()),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Enterprise' });
export type EnterpriseOut = z.infer<typeof EnterpriseOut>;

export const EnterpriseListResponse = z.object({
  items: z.array(EnterpriseOut),
  total: z.number().int(),
  /** false: more than 10 000 matches, `total` is the database's estimate */
  totalExact: z.boolean(),
});
export type EnterpriseListResponse = z.infer<typeof EnterpriseListResponse>;

export const HistoryOut = z.object({
  id: Id,
  field: z.string(),
  fieldLabel: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  source: z.string(),
  changedAt: Timestamp,
});
export type HistoryOut = z.infer<typeof HistoryOut>;

export const TimelineEntryOut = z.object({
  at: z.string(),
  domain: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().optional(),
  link: z.string().optional(),
});
export type TimelineEntryOut = z.infer<typeof TimelineEntryOut>;

export const EnterpriseFileResponse = z.object({
  enterprise: EnterpriseOut.extend({ industrySectionName: z.string().nullable() }),
  history: z.array(HistoryOut),
  timeline: z.array(TimelineEntryOut),
});
export type EnterpriseFileResponse = z.infer<typeof EnterpriseFileResponse>;

export const EnterpriseOptionsResponse = z.object({
  statuses: z.array(z.string()),
  industries: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['门类', '大类']), section: z.string() })),
  regions: z.array(z.object({ code: z.string(), name: z.string(), level: z.number().int() })),
  licenceKinds: z.array(z.string()),
  importFields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
  maxImportBytes: z.number().int(),
});
export type EnterpriseOptionsResponse = z.infer<typeof EnterpriseOptionsResponse>;

export const ImportJobOut = z
  .object({
    id: Id,
    fileName: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    stage: z.enum(['reading', 'merging', 'done']),
    percent: z.number().int(),
    rowsRead: z.number().int(),
    rowsPerSecond: z.number().int(),
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'EnterpriseImportJob' });
export type ImportJobOut = z.infer<typeof ImportJobOut>;

export const ImportPreviewResponse = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  kind: z.enum(['xlsx', 'csv']),
  encoding: z.string(),
  headers: z.array(z.string()),
  /** field → column index found from the header names */
  mapping: z.record(z.string(), z.number().int()),
  /** required fields no header was recognised for: the mapping step is needed */
  missing: z.array(z.string()),
});
export type ImportPreviewResponse = z.infer<typeof ImportPreviewResponse>;

export const StartImportBody = z
  .object({
    uploadId: z.string().regex(/^[0-9a-f]{32}$/, { message: '上传编号无效' }),
    mapping: z.record(z.string(), z.number().int().min(0).max(500)).optional().meta({ description: '字段 → 列序号（从0起）；省略时按表头名称自动对应' }),
  })
  .strict();
export type StartImportBody = z.infer<typeof StartImportBody>;

export const ImportJobResponse = z.object({ job: ImportJobOut });
export type ImportJobResponse = z.infer<typeof ImportJobResponse>;
