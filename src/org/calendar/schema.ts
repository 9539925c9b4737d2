// zod schemas for calendar overrides, for routes and the web admin page (one source of truth).
import { z } from 'zod';
import { isValidDate } from './calendar';

export const calendarDateSchema = z
  .string()
  .refine((s) => isValidDate(s), { message: '日期应为 YYYY-MM-DD 格式的真实日期' });

export const calendarOverrideSchema = z.object({
  date: calendarDateSchema,
  kind: z.enum(['workday', 'holiday'], { message: '类型应为 workday（上班）或 holiday（放假）' }),
  name: z.string().trim().max(50, { message: '名称不超过 50 个字' }).nullish(),
});

export type CalendarOverrideInput = z.infer<typeof calendarOverrideSchema>;

/** One year's State Council schedule as the admin enters it (PUT /api/admin/calendar/official/:year). */
export const officialScheduleSchema = z.object({
  documentNumber: z
    .string()
    .trim()
    .min(2, { message: '请填写国务院办公厅通知的文号' })
    .max(60, { message: '文号不超过 60 个字' })
    .meta({ title: '文号', example: '国办发明电〔2026〕7号' }),
  title: z.string().trim().max(200, { message: '标题不超过 200 个字' }).nullish().meta({ title: '通知标题' }),
  days: z
    .array(
      z.object({
        date: calendarDateSchema,
        kind: z.enum(['workday', 'holiday'], { message: '类型应为 workday（调休上班）或 holiday（放假）' }),
        name: z.string().trim().min(1, { message: '请填写节日名称' }).max(50, { message: '名称不超过 50 个字' }),
      }),
    )
    .min(1, { message: '请至少录入一天放假安排' })
    .max(200, { message: '一年的安排不超过 200 天' })
    .meta({ title: '放假和调休日期' }),
});
export type OfficialScheduleInput = z.infer<typeof officialScheduleSchema>;

const DaySourceEnum = z.enum(['override', 'official', 'estimate', 'weekday_rule']);

export const dayInfoSchema = z
  .object({
    date: z.string(),
    isoWeekday: z.number().int(),
    working: z.boolean(),
    kind: z.enum(['workday', 'adjusted_workday', 'holiday', 'weekend']),
    name: z.string().nullable(),
    source: DaySourceEnum,
    sourceLabel: z.string(),
    knownYear: z.boolean(),
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDayOut = z.infer<typeof dayInfoSchema>;

export const calendarYearSchema = z
  .object({
    year: z.number().int(),
    status: z.enum(['official', 'estimate', 'none']),
    /** entered: an admin entered the notice; package: the chinese-days package has it */
    officialFrom: z.enum(['entered', 'package']).nullable(),
    documentNumber: z.string().nullable(),
    title: z.string().nullable(),
    enteredBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
    /** the year's named days: holidays and 调休上班 of the official schedule, or the 推算 holidays */
    days: z.array(dayInfoSchema),
    /** the statutory holidays of the year computed from the law (empty before 2025) */
    statutory: z.array(z.object({ date: z.string(), name: z.string() })),
  })
  .meta({ id: 'CalendarYear' });
export type CalendarYearOut = z.infer<typeof calendarYearSchema>;

export const calendarStatusSchema = z
  .object({
    today: z.string(),
    years: z.array(z.object({ year: z.number().int(), status: z.enum(['official', 'estimate', 'none']) })),
    /** set when the office should act: next year's schedule missing from 1 November, or this year's */
    warning: z.object({ year: z.number().int(), message: z.string() }).nullable(),
  })
  .meta({ id: 'CalendarStatus' });
export type CalendarStatusOut = z.infer<typeof calendarStatusSchema>;

export const enterScheduleResponseSchema = z.object({ year: calendarYearSchema, warnings: z.array(z.string()) }).meta({ id: 'CalendarEntered' });
export type EnterScheduleResponse = z.infer<typeof enterScheduleResponseSchema>;
