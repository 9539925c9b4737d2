// The job queue on both databases: two workers (two servers on PostgreSQL) and one job: it runs once;
// a job sent before a restart is done after it; a failing job is retried.
import { afterEach, expect, it } from 'vitest';
import { AppPool } from './db/pool';
import { forEachDb } from './db/testing';
import { JobRunner, type JobDefinition } from './jobs';

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

forEachDb('job queue', (getDb) => {
  const runners: JobRunner[] = [];
  const pools: AppPool[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop(1000)));
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });

  /** A second "server": on PostgreSQL its own pool on the same database; embedded has one connection only. */
  const secondPool = (): AppPool => {
    const { handle, tier } = getDb();
    if (tier === 'pglite') return handle.pool;
    const p = new AppPool({ connectionString: (handle.pool as unknown as { options: { connectionString: string } }).options.connectionString, max: 3 }, { maxWaiting: 100, waitMs: 5000, holdRouting: false });
    pools.push(p);
    return p;
  };

  it('two workers, one job: it runs once; ten jobs: each once', async () => {
    const { handle } = getDb();
    const runs: string[] = [];
    const def = (who: string): JobDefinition<never> => ({
      name: 'test-once',
      pollingIntervalSeconds: 0.5,
      handler: async (data: { n: number }) => {
        runs.push(`${data.n}`);
        await new Promise((r) => setTimeout(r, 300)); // long enough for the other worker to poll meanwhile
        void who;
      },
    });
    const a = await JobRunner.start(handle.pool, [def('a')]);
    runners.push(a);
    const b = await JobRunner.start(secondPool(), [def('b')]);
    runners.push(b);
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) ids.push((await a.send('test-once', { n }))!);
    await until('all ten completed', async () => (await Promise.all(ids.map((id) => a.stateOf('test-once', id)))).every((s) => s === 'completed'));
    expect(runs.sort((x, y) => Number(x) - Number(y))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('a job sent before a restart is done after it', async () => {
    const { handle } = getDb();
    const done: number[] = [];
    const def: JobDefinition<never> = { name: 'test-restart', pollingIntervalSeconds: 0.5, handler: async (d: { n: number }) => void done.push(d.n) };
    const before = await JobRunner.start(handle.pool, [def], { work: false });
    const id = (await before.send('test-restart', { n: 7 }))!;
    await before.stop(1000);
    expect(done).toEqual([]);
    const after = await JobRunner.start(handle.pool, [def]);
    runners.push(after);
    await until('the job completed', async () => (await after.stateOf('test-restart', id)) === 'completed');
    expect(done).toEqual([7]);
  });

  it('a failing job is retried', async () => {
    const { handle } = getDb();
    let attempts = 0;
    const def: JobDefinition<never> = {
      name: 'test-retry',
      pollingIntervalSeconds: 0.5,
      retryLimit: 2,
      handler: async () => {
        attempts++;
        if (attempts === 1) throw new Error('first attempt fails');
      },
    };
    const r = await JobRunner.start(handle.pool, [def], { retryDelaySeconds: 0 });
    runners.push(r);
    const id = (await r.send('test-retry', {}))!;
    await until('the job completed', async () => (await r.stateOf('test-retry', id)) === 'completed');
    expect(attempts).toBe(2);
  });
});
