// The node-postgres pool the app uses, with two additions:
//
// - A bounded wait. A query that cannot get a connection within `waitMs`, or that finds `maxWaiting`
//   others already waiting, fails at once with AppError SERVER_BUSY (503) instead of queueing for
//   minutes behind a load that has long gone (issue 7: 7.5 minutes of hung endpoints after a load).
//
// - Held connections (the embedded database). PGlite is one PostgreSQL session: the app reaches it
//   over exactly one connection (see docs/decisions/010-embedded-one-connection.md). Work that must
//   keep that connection for several statements (a transaction, a session advisory lock) runs in
//   `hold(fn)`; any query issued from inside `fn`'s asynchronous context, also through `db` rather
//   than the transaction handle, goes to the held connection instead of waiting for it (which would
//   wait forever). Queries from elsewhere wait their turn.
import pg from 'pg';
import { AppError } from '../errors';
import { IdleAsyncLocalStorage } from './idle-storage';

export const SERVER_BUSY_MESSAGE = '服务器繁忙，请稍后重试';

export function serverBusy(reason: string): AppError {
  return new AppError('SERVER_BUSY', SERVER_BUSY_MESSAGE, 503, { reason });
}

export interface AppPoolOptions {
  /** Most queries waiting for a connection before new ones are refused with SERVER_BUSY. */
  maxWaiting: number;
  /** Longest wait for a connection before the query fails with SERVER_BUSY (ms). */
  waitMs: number;
  /** Route queries from inside `hold()` to the held connection (embedded mode). */
  holdRouting: boolean;
}

interface Held {
  client: pg.PoolClient;
  /** set when hold() has returned: a late query from a leftover callback must not use the connection */
  done: boolean;
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/** The held client as handed to code inside hold(): everything delegates, release() does nothing. */
function lease(client: pg.PoolClient): pg.PoolClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'release') return () => {};
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

export class AppPool extends pg.Pool {
  private readonly held = new IdleAsyncLocalStorage<Held>();
  readonly appOptions: AppPoolOptions;

  constructor(config: pg.PoolConfig, options: AppPoolOptions) {
    super({ ...config, connectionTimeoutMillis: options.waitMs });
    this.appOptions = options;
  }

  /** The connection held by the current asynchronous context, if any. */
  private current(): Held | undefined {
    if (!this.appOptions.holdRouting) return undefined;
    const h = this.held.getStore();
    return h && !h.done ? h : undefined;
  }

  // node-postgres calls connect(cb) from pool.query(); drizzle and our code call connect().
  override connect(): Promise<pg.PoolClient>;
  override connect(cb: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(cb?: ConnectCallback): Promise<pg.PoolClient> | void {
    const h = this.current();
    if (h) {
      const c = lease(h.client);
      if (cb) {
        process.nextTick(() => cb(undefined, c, () => {}));
        return;
      }
      return Promise.resolve(c);
    }
    if (this.waitingCount >= this.appOptions.maxWaiting) {
      const err = serverBusy('queue-full');
      if (cb) {
        process.nextTick(() => cb(err, undefined, () => {}));
        return;
      }
      return Promise.reject(err);
    }
    const translate = (e: Error): Error => (/timeout exceeded when trying to connect/.test(e?.message ?? '') ? serverBusy('wait-timeout') : e);
    if (cb) {
      super.connect(((err: Error | undefined, client: pg.PoolClient, done: (release?: unknown) => void) =>
        err ? cb(translate(err), undefined, () => {}) : cb(undefined, client, done)) as never);
      return;
    }
    return (super.connect() as Promise<pg.PoolClient>).catch((e: Error) => {
      throw translate(e);
    });
  }

  /**
   * Runs `fn` with one connection checked out for its whole duration; with holdRouting, every query
   * from inside `fn` (through the pool, `db` or a transaction) uses that connection. Nested calls
   * reuse the connection already held.
   */
  async hold<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const existing = this.current();
    if (existing) return fn(lease(existing.client));
    const client = (await this.connect()) as pg.PoolClient;
    const h: Held = { client, done: false };
    try {
      return await this.held.run(h, () => fn(lease(client)));
    } finally {
      h.done = true;
      client.release(); // node-postgres drops a connection that broke meanwhile
    }
  }
}
