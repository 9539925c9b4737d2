import type { Config } from '../config';
import type { Db } from '../db';
import type { LoginThrottle } from '../login-throttle';
import type { JobQueue } from '../jobs';

/** What every route module receives. */
export interface ApiContext {
  db: Db;
  config: Config;
  /** The current time (tests move it). */
  clock: () => Date;
  /** Failed sign-ins per address and account (one per app). */
  loginThrottle: LoginThrottle;
  /** The job queue when this server runs one (read per request: it starts after the database). */
  jobs?: JobQueue;
}
