// Bridges the auth service (src/org/auth) to the HTTP session hook.
import { getSession } from '../org/auth/service';
import type { Config } from '../core/config';
import type { Db } from '../core/db';
import type { SessionResolver } from '../core/http/session';

export function sessionResolver(db: () => Db, config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours'>): SessionResolver {
  return (token, now, requestId) =>
    getSession(db(), token, { now: () => now, idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours, requestId });
}
