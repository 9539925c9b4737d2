// The platform's scheduled and queued work (assembly: the domains give the use cases, this file the
// schedule). Runs on the job queue kept in PostgreSQL (core/jobs.ts, decision 019):
//
//   credit-daily       01:30 every day: list deadlines recomputed, serious listings whose period ended
//                      removed; on the tenant's reclassification day, a reclassification run queued
//   credit-reclassify  one run of the whole register of a tenant (scheduled or on demand)
//   sampling-daily     02:00 every day: an overdue 后处理 step opens a follow-up task in a plan (decision 046)
//   plans-reminders    07:30 every day: the due-soon and overdue report notifications of every tenant
//                      (also refreshed when the bell is read)
import type { Db } from '../core/db';
import { JobRunner, type JobDefinition, type JobRunnerOptions } from '../core/jobs';
import { todayInShanghai } from '../org/calendar/index';
import { listTenants } from '../org/tenancy/service';
import { CREDIT_DAILY_JOB, RECLASSIFY_JOB, creditDaily, performRun } from '../credit/service';
import { refreshNotifications } from '../plans/notifications/service';
import { SAMPLING_DAILY_JOB, samplingDaily } from '../sampling/service';

export const REMINDERS_JOB = 'plans-reminders';

export function jobDefinitions(db: () => Db, clock: () => Date = () => new Date(), send: () => JobRunner | undefined = () => undefined): JobDefinition<never>[] {
  const defs: JobDefinition<never>[] = [
    {
      name: CREDIT_DAILY_JOB,
      cron: '30 1 * * *',
      pollingIntervalSeconds: 5,
      handler: async () => {
        const runs = await creditDaily(db(), todayInShanghai(clock));
        for (const r of runs) {
          const queue = send();
          if (queue) await queue.send(RECLASSIFY_JOB, r);
          else await performRun(db(), r.tenantId, r.runId); // the very first poll, before start() returned
        }
      },
    },
    {
      name: RECLASSIFY_JOB,
      // a province's register takes minutes; a server killed meanwhile leaves the job active until this expires
      expireInSeconds: 3600,
      handler: async (data: { tenantId: number; runId: number }) => {
        await performRun(db(), data.tenantId, data.runId);
      },
    },
    {
      name: SAMPLING_DAILY_JOB,
      cron: '0 2 * * *',
      pollingIntervalSeconds: 5,
      handler: async () => {
        const tenants = await listTenants(db());
        await samplingDaily(db(), tenants.map((t) => t.id), todayInShanghai(clock));
      },
    },
    {
      name: REMINDERS_JOB,
      cron: '30 7 * * *',
      pollingIntervalSeconds: 5,
      handler: async () => {
        const now = clock();
        const today = todayInShanghai(() => now);
        for (const t of await listTenants(db())) await refreshNotifications(db(), t.id, today, now);
      },
    },
  ];
  return defs;
}

/** Starts the queue with the platform's jobs on `db` (its pool). */
export async function startJobs(db: Db, options: JobRunnerOptions & { clock?: () => Date } = {}): Promise<JobRunner> {
  let runner: JobRunner | undefined;
  runner = await JobRunner.start(db.$client, jobDefinitions(() => db, options.clock, () => runner), options);
  return runner;
}
