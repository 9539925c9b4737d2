// The server's clock. Everything that asks "what time is it" for business rules (due dates,
// overdue reports, notifications, sessions) reads `now()` from here, so tests and browser tests
// can move time instead of sleeping. With env ZHILIANG_TEST_CLOCK=1 the app registers
// `POST /api/test/clock {now}` (never otherwise) to set it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors';

export interface Clock {
  /** The current time as the server sees it. */
  now(): Date;
  /** Moves the clock so that now() is `to` at this moment (time keeps running from there). */
  set(to: Date): void;
  /** Moves the clock forward (or back) by `ms`. */
  advance(ms: number): void;
  /** Back to the base clock. */
  reset(): void;
}

/** A clock running from `base` (default: the system clock) with an adjustable offset. */
export function createClock(base: () => Date = () => new Date()): Clock {
  let offset = 0;
  return {
    now: () => new Date(base().getTime() + offset),
    set(to) {
      offset = to.getTime() - base().getTime();
    },
    advance(ms) {
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}

/** Is the test clock route enabled (env ZHILIANG_TEST_CLOCK=1)? */
export function testClockEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ZHILIANG_TEST_CLOCK === '1';
}

const SetClockBody = z
  .object({
    now: z.string().min(1).meta({ title: '时间', description: 'ISO 8601 时间，或 YYYY-MM-DD（北京时间当日 09:00）' }).optional(),
    reset: z.boolean().optional().meta({ title: '恢复系统时间' }),
  })
  .strict();
const ClockResponse = z.object({ now: z.string() });

/** Parses `2026-10-20` (09:00 Asia/Shanghai that day) or an ISO time; null when invalid. */
export function parseClockTime(value: string): Date | null {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T09:00:00+08:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Registers GET/POST /test/clock (call under the /api prefix, only when testClockEnabled()). */
export async function testClockRoutes(app: FastifyInstance, clock: Clock): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/test/clock', { schema: { tags: ['测试'], summary: '读取测试时钟', response: { 200: ClockResponse } } }, async () => ({
    now: clock.now().toISOString(),
  }));
  r.post(
    '/test/clock',
    {
      schema: {
        tags: ['测试'],
        summary: '设置测试时钟（仅 ZHILIANG_TEST_CLOCK=1 时存在）',
        body: SetClockBody,
        response: { 200: ClockResponse },
      },
    },
    async (request) => {
      const body = request.body;
      if (body.reset) clock.reset();
      else {
        const to = body.now ? parseClockTime(body.now) : null;
        if (!to) throw new AppError('VALIDATION_FAILED', '时间格式不正确，应为 ISO 8601 时间或 YYYY-MM-DD', 400, { fields: [{ path: 'now', message: '时间格式不正确' }] });
        clock.set(to);
      }
      return { now: clock.now().toISOString() };
    },
  );
}
