import path from 'node:path';
import { badRequest } from './errors';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './login-limits';

export { DEFAULT_LOGIN_LIMITS, type LoginLimits };

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
  /** ZHILIANG_SESSION_IDLE_MINUTES (default 30): a session unused this long ends. */
  sessionIdleMinutes: number;
  /** ZHILIANG_SESSION_MAX_HOURS (default 12): a session ends this long after sign-in, used or not. */
  sessionMaxHours: number;
  /** A signed-in session's rows are kept in the process this long (ms; 0: asked of the database on every request). Decision 038. */
  sessionCacheMs: number;
  /**
   * ZHILIANG_TRUST_PROXY: trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy (nginx).
   * Unset or false: not trusted (the client's own address, the connection's protocol). `true`: trust
   * every hop; a number: that many hops; otherwise a comma-separated list of proxy addresses/CIDRs.
   * Behind nginx with TLS, set it so that the session cookie becomes `__Host-` and `Secure`.
   */
  trustProxy: boolean | number | string[];
  /** Sign-in throttling (ZHILIANG_LOGIN_*), see LoginLimits. */
  loginLimits: LoginLimits;
  /**
   * ZHILIANG_KEY_DIR (default: `<dataDir>-keys`, beside the data directory): the audit-log MAC key
   * and the personal-information keys, outside the database and outside its backups. Created 0700,
   * key files 0600, on first start.
   */
  keyDir: string;
  /** ZHILIANG_POOL_SIZE: node-postgres pool size on PostgreSQL (default 10). The embedded database always uses one connection. */
  poolSize: number;
  /** ZHILIANG_DB_MAX_WAITING (default 500): queries waiting for a connection beyond this are refused at once with 503 SERVER_BUSY. */
  dbMaxWaiting: number;
  /** ZHILIANG_DB_WAIT_MS (default 5000): a query that waits longer than this for a connection fails with 503 SERVER_BUSY. */
  dbWaitMs: number;
  /**
   * ZHILIANG_MAX_EVENT_LOOP_DELAY_MS (default 3000, 0: off): while the server's event loop runs this
   * late (mean over the last second), new requests are answered 503 SERVER_BUSY at once
   * (@fastify/under-pressure) instead of joining a queue they would wait in longer than that.
   */
  maxEventLoopDelayMs: number;
  /** ZHILIANG_SEED_DEMO (default true): seed the demo authority on first start. */
  seedDemo: boolean;
  /** ZHILIANG_JOBS (default true): run the job queue's workers and schedules in this server (src/server/jobs.ts). */
  jobs: boolean;
  /** ZHILIANG_DEMO_ENTERPRISES (default 2000, 0: none): generated enterprises the demo authority gets on first start. */
  demoEnterprises: number;
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

function trustProxy(raw: string | undefined): boolean | number | string[] {
  const v = raw?.trim();
  if (!v || ['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
  if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
  if (/^[0-9]+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const dataDir = path.resolve(env.ZHILIANG_DATA_DIR?.trim() || './data');
  return {
    databaseUrl,
    dataDir,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    sessionIdleMinutes: int(env, 'ZHILIANG_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: int(env, 'ZHILIANG_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    sessionCacheMs: int(env, 'ZHILIANG_SESSION_CACHE_MS', 2000, 0, 60_000),
    trustProxy: trustProxy(env.ZHILIANG_TRUST_PROXY),
    loginLimits: {
      pairMaxFailures: int(env, 'ZHILIANG_LOGIN_MAX_FAILURES', DEFAULT_LOGIN_LIMITS.pairMaxFailures, 1, 1000),
      pairLockMinutes: int(env, 'ZHILIANG_LOGIN_LOCK_MINUTES', DEFAULT_LOGIN_LIMITS.pairLockMinutes, 1, 24 * 60),
      accountMaxFailures: int(env, 'ZHILIANG_LOGIN_ACCOUNT_MAX_FAILURES', DEFAULT_LOGIN_LIMITS.accountMaxFailures, 1, 10_000),
      accountLockSeconds: int(env, 'ZHILIANG_LOGIN_ACCOUNT_LOCK_SECONDS', DEFAULT_LOGIN_LIMITS.accountLockSeconds, 1, 24 * 3600),
      accountLockMaxSeconds: int(env, 'ZHILIANG_LOGIN_ACCOUNT_LOCK_MAX_SECONDS', DEFAULT_LOGIN_LIMITS.accountLockMaxSeconds, 1, 24 * 3600),
      addressMaxFailures: int(env, 'ZHILIANG_LOGIN_ADDRESS_MAX_FAILURES', DEFAULT_LOGIN_LIMITS.addressMaxFailures, 1, 100_000),
      addressLockMinutes: int(env, 'ZHILIANG_LOGIN_ADDRESS_LOCK_MINUTES', DEFAULT_LOGIN_LIMITS.addressLockMinutes, 1, 24 * 60),
      windowMinutes: int(env, 'ZHILIANG_LOGIN_WINDOW_MINUTES', DEFAULT_LOGIN_LIMITS.windowMinutes, 1, 24 * 60),
    },
    keyDir: path.resolve(env.ZHILIANG_KEY_DIR?.trim() || `${dataDir}-keys`),
    poolSize: int(env, 'ZHILIANG_POOL_SIZE', databaseUrl ? 10 : 1, 1, 100),
    dbMaxWaiting: int(env, 'ZHILIANG_DB_MAX_WAITING', 500, 1, 100_000),
    dbWaitMs: int(env, 'ZHILIANG_DB_WAIT_MS', 5000, 100, 600_000),
    maxEventLoopDelayMs: int(env, 'ZHILIANG_MAX_EVENT_LOOP_DELAY_MS', 3000, 0, 600_000),
    seedDemo: bool(env, 'ZHILIANG_SEED_DEMO', true),
    jobs: bool(env, 'ZHILIANG_JOBS', true),
    demoEnterprises: int(env, 'ZHILIANG_DEMO_ENTERPRISES', 2000, 0, 1_000_000),
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
