// An AsyncLocalStorage that turns Node's async hooks off again whenever no `run` is in flight.
//
// On Node 20 the first `AsyncLocalStorage.run` enables a promise hook for the rest of the process's
// life: from then on every promise anywhere pays for an init hook and a context copy. The embedded
// database's connection holding (pool.ts) and transaction nesting (index.ts) run each transaction in a
// store, so after one sign-in every request, /api/health included, cost about half again as much CPU
// (BENCHMARKS.md, "Start, eighth pass"; decision 050). Here the store is disabled when the last run settles;
// Node removes its hook once no store is enabled, and the next run enables it again.
//
// What the callers see is unchanged: inside a run `getStore()` gives its store; after the run settled
// it gives undefined where the plain class would have kept giving the finished store (both callers
// already mark a finished store `done` and treat it as none).
import { AsyncLocalStorage } from 'node:async_hooks';

export class IdleAsyncLocalStorage<T> {
  private readonly als = new AsyncLocalStorage<T>();
  /** runs begun and not yet settled */
  private active = 0;

  getStore(): T | undefined {
    return this.active > 0 ? this.als.getStore() : undefined;
  }

  /** How many runs are in flight (tests). */
  get inFlight(): number {
    return this.active;
  }

  /** `fn` with `store` as the context of everything it starts; the hook goes off when the last run ends. */
  async run<R>(store: T, fn: () => Promise<R>): Promise<R> {
    this.active++;
    try {
      return await this.als.run(store, fn);
    } finally {
      if (--this.active === 0) this.als.disable();
    }
  }
}
