// The signed-in user of a request as the services' Actor, and small conversions for routes.
import type { FastifyRequest } from 'fastify';
import { requireSession, type HttpActor } from './session';

/**
 * The acting user (401 when not signed in; 403 PASSWORD_CHANGE_REQUIRED while the password must be
 * changed, unless `allowPasswordChangePending`), carrying the request id for the audit log.
 */
export function actorOf(request: FastifyRequest, opts: { allowPasswordChangePending?: boolean } = {}): HttpActor {
  const session = requireSession(request, opts);
  return { ...session.actor, requestId: request.id };
}

/** Path ids are validated strings of digits; services take numbers. */
export function idNumber(id: string): number {
  return Number(id);
}

/**
 * A date (YYYY-MM-DD, a day in Asia/Shanghai) or an ISO time. With `endOfDay`, a bare date means
 * the end of that day (exclusive bound: the next midnight), so `to=2026-03-01` includes March 1.
 */
export function parseBound(value: string | undefined, endOfDay = false): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00+08:00`);
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return d;
  }
  return new Date(value);
}
