// Schemas shared by the API's routes. Ids are bigints in the database and strings in JSON.
import { z } from 'zod';

/**
 * A record id as it appears in JSON and paths: a positive integer written as a string. At most 15
 * digits, so that it converts to a JS number exactly (the tables' bigint ids are read as numbers).
 */
export const Id = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, { message: '应为正整数编号' })
  .meta({ title: '编号', description: '记录编号（数字字符串）', example: '1' });

export const IdParams = z.object({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

/** True for a real calendar date YYYY-MM-DD between the years 1900 and 2999 (not 2026-02-30, not 9999-99-99). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * A date in JSON: YYYY-MM-DD that exists in the calendar (the one date schema of every request).
 * PostgreSQL refuses 2026-02-30 with an error: it must be a 400 before it gets there.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '应为日期（YYYY-MM-DD）' })
  .refine(isCalendarDate, { message: '不是有效的日期（YYYY-MM-DD，年份 1900–2999）' })
  .meta({ description: '日期 YYYY-MM-DD', example: '2026-09-30' });

/** A timestamp in JSON: ISO 8601 with offset. */
export const Timestamp = z.string().meta({ description: 'ISO 8601 时间', example: '2026-01-01T08:00:00.000Z' });

export const OkResponse = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
export type OkResponse = z.infer<typeof OkResponse>;

export const Page = z.coerce.number().int().min(1).max(100000).default(1).meta({ title: '页码' });
export const PageSize = z.coerce.number().int().min(1).max(200).default(20).meta({ title: '每页条数' });
/**
 * The page size of lists that used to answer everything at once (the directory, a department's own
 * items, a year's assessments): at most 200, and 200 unless asked, so a caller written for the whole
 * list still gets it whole while it is that small, and sees from `total` when it is not.
 */
export const WholeListPageSize = z.coerce.number().int().min(1).max(200).default(200).meta({ title: '每页条数', description: '1–200，默认 200' });
/** The paging fields of a list answer. */
export const PageInfo = { total: z.number().int().meta({ title: '总条数' }), page: z.number().int(), pageSize: z.number().int() };

/** Database ids (number or bigint) to the JSON string form. */
export function idString(v: number | bigint | string): string {
  return String(v);
}

/** A Date or ISO string (or null) to the JSON timestamp form. */
export function isoOrNull(v: Date | string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}
