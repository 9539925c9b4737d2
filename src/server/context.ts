import type { Config } from '../core/config';
import type { Db } from '../core/db';

/** What every route module receives. */
export interface ApiContext {
  db: Db;
  config: Config;
  /** The current time (tests move it). */
  clock: () => Date;
}
