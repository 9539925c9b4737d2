// Request validation with zod, answered in Chinese.
//
// fastify-type-provider-zod's validator reports zod's issues as they are (English, or zod's
// half-translated zh-CN locale). Ours parses with the same schema and, on failure, throws one
// error whose message names the field by its Chinese label: the schema's `.meta({ title })`
// (which also becomes the OpenAPI title), else a shared dictionary of common field names,
// else the key itself.
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';

/** Labels for field names used across the API, when a schema does not carry its own title. */
export const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  code: '代码',
  username: '用户名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  displayName: '姓名',
  role: '角色',
  departmentId: '所属部门',
  active: '启用状态',
  name: '名称',
  shortName: '简称',
  aliases: '别名',
  version: '版本号',
  q: '搜索词',
  actor: '操作人',
  entityType: '对象类型',
  action: '操作',
  from: '开始时间',
  to: '结束时间',
  page: '页码',
  pageSize: '每页条数',
  sortOrder: '排序',
  kind: '类别',
  phone: '电话',
  contact: '联系人',
};

const PLACE: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

type AnySchema = z.core.$ZodType;

function metaTitle(schema: AnySchema): string | undefined {
  const meta = z.globalRegistry.get(schema as never) as { title?: string } | undefined;
  return meta?.title;
}

function unwrap(schema: AnySchema): AnySchema {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType as AnySchema;
    case 'pipe':
      return def.in as AnySchema;
    default:
      return schema;
  }
}

/** The Chinese label of the field at `path` inside `schema`. */
export function labelFor(schema: AnySchema, path: readonly PropertyKey[]): string | undefined {
  let current: AnySchema | undefined = schema;
  let title: string | undefined;
  for (const key of path) {
    if (!current) break;
    // Walk through wrappers, remembering the innermost title seen on the way.
    for (let i = 0; i < 8; i++) {
      const next = unwrap(current);
      if (next === current) break;
      current = next;
    }
    const def: Record<string, unknown> = (current as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') {
      current = (def.shape as Record<string, AnySchema>)[String(key)];
    } else if (def.type === 'array') {
      current = def.element as AnySchema;
    } else {
      current = undefined;
    }
    title = undefined;
    let probe = current;
    for (let i = 0; probe && i < 8; i++) {
      title = metaTitle(probe) ?? title;
      if (title) break;
      const next = unwrap(probe);
      if (next === probe) break;
      probe = next;
    }
  }
  if (title) return title;
  const last = [...path].reverse().find((k) => typeof k === 'string');
  return typeof last === 'string' ? (FIELD_LABELS[last] ?? last) : undefined;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是/否（true 或 false）',
  object: '对象',
  array: '列表',
  date: '日期',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  regex: '规定格式',
  datetime: '日期时间（ISO 8601）',
  date: '日期（YYYY-MM-DD）',
  time: '时间',
};

function sizeUnit(origin: unknown): string {
  if (origin === 'string') return '个字符';
  if (origin === 'array' || origin === 'set') return '项';
  return '';
}

/** One Chinese sentence for one zod issue, naming the field. */
export function describeIssue(issue: z.core.$ZodIssue, label: string | undefined, input: unknown): string {
  const field = label ? `「${label}」` : '请求内容';
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return `缺少必填项${field}`;
      const expected = TYPE_NAMES[String(i.expected)] ?? String(i.expected);
      return `${field}应为${expected}`;
    }
    case 'too_small': {
      const unit = sizeUnit(i.origin);
      if (unit && Number(i.minimum) === 1) return `${field}不能为空`;
      if (unit) return `${field}至少 ${String(i.minimum)} ${unit}`;
      return `${field}不能小于 ${String(i.minimum)}`;
    }
    case 'too_big': {
      const unit = sizeUnit(i.origin);
      if (unit) return `${field}最多 ${String(i.maximum)} ${unit}`;
      return `${field}不能大于 ${String(i.maximum)}`;
    }
    case 'invalid_value': {
      const values = (i.values as unknown[] | undefined) ?? [];
      return `${field}取值无效，可选值：${values.map(String).join('、')}`;
    }
    case 'invalid_format': {
      const fmt = FORMAT_NAMES[String(i.format)] ?? String(i.format);
      // A schema may carry its own Chinese message for a pattern; prefer it when given.
      if (issue.message && /[\u4e00-\u9fff]/.test(issue.message) && !issue.message.startsWith('无效')) {
        return `${field}${issue.message}`;
      }
      return `${field}格式不正确，应为${fmt}`;
    }
    case 'unrecognized_keys':
      return `${label ? field : ''}含有不支持的字段：${(i.keys as string[]).join('、')}`;
    case 'not_multiple_of':
      return `${field}应为 ${String(i.divisor)} 的倍数`;
    case 'invalid_union':
      return `${field}格式不正确`;
    default:
      if (issue.message && /[\u4e00-\u9fff]/.test(issue.message)) return `${field}${issue.message}`;
      return `${field}格式不正确`;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Thrown (returned) by the validator; the error handler answers it as VALIDATION_FAILED. */
export class RequestValidationError extends Error {
  readonly code = 'VALIDATION_FAILED';
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly fields: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'RequestValidationError';
  }
}

export function validationErrorFrom(
  schema: AnySchema,
  error: z.core.$ZodError,
  data: unknown,
  httpPart?: string,
): RequestValidationError {
  const fields = error.issues.map((issue) => {
    const label = issue.path.length ? labelFor(schema, issue.path) : undefined;
    return {
      path: issue.path.map(String).join('.'),
      message: describeIssue(issue, label, valueAt(data, issue.path)),
    };
  });
  const place = httpPart ? PLACE[httpPart] : undefined;
  const head = fields[0]?.message ?? `${place ?? '请求'}格式不正确`;
  const more = fields.length > 1 ? `（另有 ${fields.length - 1} 处问题）` : '';
  return new RequestValidationError(`${head}${more}`, fields);
}

export const zodValidatorCompiler: FastifySchemaCompiler<AnySchema> = ({ schema, httpPart }) => {
  return (data: unknown) => {
    const result = z.safeParse(schema, data);
    if (result.success) return { value: result.data };
    return { error: validationErrorFrom(schema, result.error, data, httpPart) };
  };
};
