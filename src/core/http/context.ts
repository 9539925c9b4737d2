import type { Config } from '../config';
import type { Db } from '../db';

/** What every route module receives. */
export interface ApiContext {
  db: Db;
  config: Config;
  /** The current time (tests move it). */
  clock: () => Date;
}
