import type { Config } from '../core/config';
import type { Db } from '../core/db';
import type { LoginThrottle } from '../core/auth/throttle';

/** What every route module receives. */
export interface ApiContext {
  db: Db;
  config: Config;
  /** The current time (tests move it). */
  clock: () => Date;
  /** Failed sign-ins per address and account (one per app). */
  loginThrottle: LoginThrottle;
}
