import path from 'node:path';
import { badRequest } from './errors';

/** Runtime configuration, read from the environment once at start. */
export interface Config {
  /** DATABASE_URL: a PostgreSQL 15+ server. Unset: the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** ZHILIANG_DATA_DIR (default ./data), absolute. Holds the embedded database and its lock file. */
  dataDir: string;
  /** PORT (default 3000). */
  port: number;
  /** HOST (default 127.0.0.1). */
  host: string;
  /** ZHILIANG_SESSION_TTL_HOURS (default 12): idle lifetime of a session. */
  sessionTtlHours: number;
  /** ZHILIANG_POOL_SIZE: node-postgres pool size (default 4 embedded, 10 server). */
  poolSize: number;
  /** ZHILIANG_SEED_DEMO (default true): seed the demo authority on first start. */
  seedDemo: boolean;
  /** ZHILIANG_LOAD_TOWNSHIPS (default false): also load the ~41,000 乡镇/街道 regions (adds seconds to the first start). */
  loadTownships: boolean;
  /** NODE_ENV === 'production' */
  production: boolean;
  /** LOG_LEVEL (default info) */
  logLevel: string;
  /**
   * Limits of the upload parser (ingest/sandbox.ts): ZHILIANG_PARSE_WORKERS (default 1),
   * ZHILIANG_PARSE_TIMEOUT_S (60), ZHILIANG_PARSE_HEAP_MB (1024), ZHILIANG_PARSE_MEMORY_MB (1536).
   */
  parse: { workers: number; timeoutMs: number; heapMb: number; memoryMb: number };
}

function int(env: Record<string, string | undefined>, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw badRequest(`环境变量 ${name} 的值无效：${raw}（应为 ${min}–${max} 之间的整数）`, 'INVALID_CONFIG');
  }
  return n;
}

function bool(env: Record<string, string | undefined>, name: string, dflt: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return dflt;
  return !['0', 'false', 'no', 'off'].includes(raw);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return {
    databaseUrl,
    dataDir: path.resolve(env.ZHILIANG_DATA_DIR?.trim() || './data'),
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    sessionTtlHours: int(env, 'ZHILIANG_SESSION_TTL_HOURS', 12, 1, 24 * 90),
    poolSize: int(env, 'ZHILIANG_POOL_SIZE', databaseUrl ? 10 : 4, 2, 100),
    seedDemo: bool(env, 'ZHILIANG_SEED_DEMO', true),
    loadTownships: bool(env, 'ZHILIANG_LOAD_TOWNSHIPS', false),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    parse: {
      workers: int(env, 'ZHILIANG_PARSE_WORKERS', 1, 1, 16),
      timeoutMs: int(env, 'ZHILIANG_PARSE_TIMEOUT_S', 60, 1, 3600) * 1000,
      heapMb: int(env, 'ZHILIANG_PARSE_HEAP_MB', 1024, 64, 16384),
      memoryMb: int(env, 'ZHILIANG_PARSE_MEMORY_MB', 1536, 64, 65536),
    },
  };
}
