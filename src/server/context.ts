import type { Config } from '../core/config';
import type { Db } from '../core/db';
import type { PlanExtraction } from '../ingest/index';

/** What every route module receives. */
export interface ApiContext {
  db: Db;
  config: Config;
  /** The current time (tests move it). */
  clock: () => Date;
  /** The document engine for uploads: on a worker with time and memory limits (ingest/sandbox.ts). */
  parsePlan: (bytes: Uint8Array, fileName: string) => Promise<PlanExtraction>;
}
