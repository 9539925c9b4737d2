// The platform's jobs on the queue: the daily credit job on the reclassification day queues one run
// per tenant (a second daily job the same day, as from a second server, queues none) and the run
// classifies the register; the reminders job writes the report notifications.
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { JobRunner } from '../core/jobs';
import { makeTenant } from '../org/testing';
import { CREDIT_DAILY_JOB } from '../credit/service';
import { insertRegister } from '../credit/testing';
import { startJobs } from './jobs';

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

forEachDb('platform jobs', (getDb) => {
  let runner: JobRunner | undefined;
  afterAll(async () => {
    await runner?.stop(1000);
  });

  it('on the 1st of the month the daily job reclassifies each register once', async () => {
    const { db } = getDb();
    const { tenantId } = await makeTenant(db);
    await insertRegister(db, tenantId, 25);
    runner = await startJobs(db, { clock: () => new Date('2026-12-01T03:00:00Z') });
    const runs = async () => (await db.execute(sql`select state, enterprises, trigger, as_of::text as as_of from credit_reclassify_runs where tenant_id = ${tenantId}`)).rows as { state: string; enterprises: number; trigger: string; as_of: string }[];
    const first = (await runner.send(CREDIT_DAILY_JOB, {}))!;
    await until('the daily job done', async () => (await runner!.stateOf(CREDIT_DAILY_JOB, first)) === 'completed');
    await until('the run done', async () => (await runs()).some((r) => r.state === 'done'));
    const second = (await runner.send(CREDIT_DAILY_JOB, {}))!;
    await until('the second daily job done', async () => (await runner!.stateOf(CREDIT_DAILY_JOB, second)) === 'completed');
    expect(await runs()).toEqual([{ state: 'done', enterprises: 25, trigger: 'schedule', as_of: '2026-12-01' }]);
    const classes = await db.execute(sql`select count(*)::int as n from credit_risk_classes where tenant_id = ${tenantId}`);
    expect(Number((classes.rows[0] as { n: number }).n)).toBe(25);
  });
});
