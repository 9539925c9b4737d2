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
