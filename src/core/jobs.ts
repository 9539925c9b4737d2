// The job queue kept in PostgreSQL (docs/decisions/019-job-queue.md): pg-boss 10, talking through
// the app's own pool (AppPool) rather than a pool of its own, so on the embedded database its queries
// wait in the one connection's queue like everyone else's (decision 010) and never open a second
// session on PGlite. Jobs survive restarts (they are rows); a job is fetched with
// SELECT … FOR UPDATE SKIP LOCKED, so two servers never run one job twice; cron schedules fire once
// per slot whichever server sees the slot first.
//
// Core knows no domain: the assembly (src/server/jobs.ts) gives the definitions.
import PgBoss from 'pg-boss';
import type { AppPool } from './db/pool';

/** What a domain's code may ask of the queue (the HTTP context carries it when jobs run). */
export interface JobQueue {
  /** Enqueues a job; returns its id (null when a singleton job of that key is already waiting). */
  send(name: string, data: object, options?: { singletonKey?: string }): Promise<string | null>;
}

export interface JobDefinition<T extends object = object> {
  name: string;
  handler: (data: T, job: { id: string; name: string }) => Promise<void>;
  /** cron (minute hour day month weekday), in `tz` (default Asia/Shanghai) */
  cron?: string;
  /** data of the scheduled job */
  cronData?: object;
  /** seconds before an active job counts as lost and is retried (default 15 minutes) */
  expireInSeconds?: number;
  retryLimit?: number;
  /** how often an idle worker looks for work (default 2 s) */
  pollingIntervalSeconds?: number;
}

export interface JobRunnerOptions {
  /** database schema of the queue's tables (default pgboss) */
  schema?: string;
  /** also work the queues (false: only send, e.g. a CLI) */
  work?: boolean;
  /** schedule the cron definitions (default true when working) */
  schedule?: boolean;
  tz?: string;
  /** seconds before a failed job is tried again (default 30) */
  retryDelaySeconds?: number;
  onError?: (e: Error) => void;
}

export class JobRunner implements JobQueue {
  private constructor(private readonly boss: PgBoss) {}

  /** Creates the queue's tables when missing (first start), the queues and schedules, and starts the workers. */
  static async start(pool: AppPool, definitions: readonly JobDefinition<never>[], options: JobRunnerOptions = {}): Promise<JobRunner> {
    const work = options.work ?? true;
    const schedule = options.schedule ?? work;
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values as unknown[]) },
      schema: options.schema ?? 'pgboss',
      supervise: work,
      schedule,
      // finished jobs are kept a week for inspection, then archived and dropped by the maintenance
      deleteAfterDays: 7,
    });
    boss.on('error', (e) => options.onError?.(e));
    await boss.start();
    const runner = new JobRunner(boss);
    for (const d of definitions) {
      if (!(await boss.getQueue(d.name))) {
        await boss.createQueue(d.name, { name: d.name, policy: 'standard', expireInSeconds: d.expireInSeconds ?? 900, retryLimit: d.retryLimit ?? 2, retryDelay: options.retryDelaySeconds ?? 30 });
      }
      if (schedule) {
        if (d.cron) await boss.schedule(d.name, d.cron, d.cronData ?? {}, { tz: options.tz ?? 'Asia/Shanghai' });
        else await boss.unschedule(d.name).catch(() => {});
      }
      if (work) {
        await boss.work<object>(d.name, { pollingIntervalSeconds: d.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
          await (d.handler as JobDefinition['handler'])(job.data, { id: job.id, name: job.name });
        });
      }
    }
    return runner;
  }

  send(name: string, data: object, options: { singletonKey?: string } = {}): Promise<string | null> {
    return this.boss.send(name, data, options.singletonKey ? { singletonKey: options.singletonKey } : {});
  }

  /** The state of a job (created, active, completed, failed …), or null when unknown. */
  async stateOf(name: string, id: string): Promise<string | null> {
    const j = await this.boss.getJobById(name, id);
    return j?.state ?? null;
  }

  /**
   * Stops fetching and scheduling; a job in progress gets up to `timeoutMs` to finish, after which it
   * stays "active" in the table and is retried (by this or another server) when it expires.
   */
  async stop(timeoutMs = 2000): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: Math.max(1000, timeoutMs), wait: true, close: false }).catch(() => {});
  }
}
