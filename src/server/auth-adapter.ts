// Bridges the auth service (src/org/auth) to the HTTP session hook.
import { getSession } from '../org/auth/service';
import type { Config } from '../core/config';
import type { Db } from '../core/db';
import type { SessionResolver } from '../core/http/session';
import { DEFAULT_SESSION_CACHE_MS } from '../org/auth/session-cache';

export function sessionResolver(db: () => Db, config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours'> & Partial<Pick<Config, 'sessionCacheMs'>>): SessionResolver {
  return (token, now, requestId) =>
    getSession(db(), token, { now: () => now, idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours, sessionCacheMs: config.sessionCacheMs ?? DEFAULT_SESSION_CACHE_MS, requestId });
}
