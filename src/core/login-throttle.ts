/**
 * Sign-in throttling, kept in the server's memory (one process serves a deployment; a restart
 * forgets it, which an attacker cannot cause). Only failures count, so an office of a dozen people
 * behind one NAT address all sign in at once. Three counters, checked in this order:
 *
 * - the address: too many failures from one address, whatever the names → the address waits
 *   (429 TOO_MANY_ATTEMPTS);
 * - the pair (account name, address): too many failures of one name from one address → that
 *   address may not try that name for a while (423 ACCOUNT_LOCKED) — the lockout falls on the
 *   address that guessed, not on the account's owner elsewhere;
 * - the account name from all addresses: guesses spread over many addresses hold the account back
 *   for a short, growing delay (423); afterwards the right password from an address that did not
 *   guess signs in again.
 *
 * Keys are the names as typed (lower-cased, with the tenant), whether or not such an account
 * exists: an unknown name is throttled exactly like a real one, so the answers do not tell them apart.
 */
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './login-limits';

export type ThrottleScope = 'address' | 'pair' | 'account';

export type ThrottleVerdict = { ok: true } | { ok: false; scope: ThrottleScope; until: Date };

interface Counter {
  failures: number;
  /** when the current window's first failure happened (ms) */
  since: number;
  /** locked until (ms); 0 when not locked */
  until: number;
  /** consecutive locks (for the growing account-wide delay) */
  locks: number;
}

export class LoginThrottle {
  readonly limits: LoginLimits;
  private readonly counters = new Map<string, Counter>();

  constructor(limits: Partial<LoginLimits> = {}, private readonly maxEntries = 100_000) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  }

  /** May this address try this account now? Does not count anything. */
  check(account: string, address: string, now: Date): ThrottleVerdict {
    const t = now.getTime();
    for (const [scope, key] of this.keys(account, address)) {
      const c = this.counters.get(key);
      if (c && c.until > t) return { ok: false, scope, until: new Date(c.until) };
    }
    return { ok: true };
  }

  /** Counts a failed attempt; returns the lock it starts, if any (address first, then pair, then account). */
  failure(account: string, address: string, now: Date): ThrottleVerdict {
    const t = now.getTime();
    const window = this.limits.windowMinutes * 60_000;
    let started: ThrottleVerdict = { ok: true };
    for (const [scope, key] of this.keys(account, address)) {
      let c = this.counters.get(key);
      if (!c) {
        this.makeRoom(t);
        c = { failures: 0, since: t, until: 0, locks: 0 };
        this.counters.set(key, c);
      }
      if (t - c.since > window) {
        c.failures = 0;
        c.since = t;
        if (c.until && t - c.until > window) c.locks = 0;
      }
      c.failures += 1;
      if (c.failures >= this.max(scope)) {
        c.locks += 1;
        c.until = t + this.lockMs(scope, c.locks);
        c.failures = 0;
        c.since = t;
        if (started.ok) started = { ok: false, scope, until: new Date(c.until) };
      }
    }
    return started;
  }

  /** A correct sign-in forgets the failures of its name (not those of its address). */
  success(account: string, address: string): void {
    this.counters.delete(`p\u0000${account}\u0000${address}`);
    this.counters.delete(`a\u0000${account}`);
  }

  /** Forgets every lock and failure of an account name (an administrator reset its password). */
  clearAccount(account: string): void {
    const prefix = `p\u0000${account}\u0000`;
    this.counters.delete(`a\u0000${account}`);
    for (const key of this.counters.keys()) if (key.startsWith(prefix)) this.counters.delete(key);
  }

  private keys(account: string, address: string): [ThrottleScope, string][] {
    return [
      ['address', `i\u0000${address}`],
      ['pair', `p\u0000${account}\u0000${address}`],
      ['account', `a\u0000${account}`],
    ];
  }

  private max(scope: ThrottleScope): number {
    const l = this.limits;
    return scope === 'address' ? l.addressMaxFailures : scope === 'pair' ? l.pairMaxFailures : l.accountMaxFailures;
  }

  private lockMs(scope: ThrottleScope, locks: number): number {
    const l = this.limits;
    if (scope === 'address') return l.addressLockMinutes * 60_000;
    if (scope === 'pair') return l.pairLockMinutes * 60_000;
    return Math.min(l.accountLockSeconds * 2 ** Math.min(locks - 1, 20), l.accountLockMaxSeconds) * 1000;
  }

  /** Bounded memory: drop forgotten counters, then the oldest ones. */
  private makeRoom(t: number): void {
    if (this.counters.size < this.maxEntries) return;
    const window = this.limits.windowMinutes * 60_000;
    for (const [key, c] of this.counters) if (c.until < t && t - c.since > window) this.counters.delete(key);
    for (const key of this.counters.keys()) {
      if (this.counters.size < this.maxEntries) break;
      this.counters.delete(key);
    }
  }
}

/** The throttle key of an account name in a tenant: the name as typed, lower-cased. */
export function accountKey(tenantId: number, username: string): string {
  return `${tenantId}:${username.trim().toLowerCase()}`;
}
