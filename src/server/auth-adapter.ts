// Bridges the auth service (src/core/auth) to the HTTP session hook.
import { getSession } from '../core/auth/service';
import type { Config } from '../core/config';
import type { Db } from '../core/db';
import type { SessionResolver } from './session';

export function sessionResolver(db: () => Db, config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours'>): SessionResolver {
  return (token, now, requestId) =>
    getSession(db(), token, { now: () => now, idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours, requestId });
}
