// Bridges the auth service (src/org/auth) to the HTTP session hook.
import { getSession } from '../org/auth/service';
import type { Db } from '../core/db';
import type { SessionResolver } from '../core/http/session';

export function sessionResolver(db: () => Db, sessionTtlHours: number): SessionResolver {
  return (token, now, requestId) => getSession(db(), token, { now: () => now, sessionTtlHours, requestId });
}
