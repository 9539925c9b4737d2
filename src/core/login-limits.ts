/**
 * Sign-in throttling limits (data, overridable by ZHILIANG_LOGIN_* environment variables). Only
 * failures count: any number of correct sign-ins from one address (an office behind one NAT
 * address) pass.
 */
export interface LoginLimits {
  /** failures of one account name from one address before that pair is locked */
  pairMaxFailures: number;
  pairLockMinutes: number;
  /** failures of one account name from all addresses before the account is held back for everyone */
  accountMaxFailures: number;
  /** the first account-wide hold; each further one within the window doubles, up to the max */
  accountLockSeconds: number;
  accountLockMaxSeconds: number;
  /** failures from one address (any account names) before the address is refused */
  addressMaxFailures: number;
  addressLockMinutes: number;
  /** failures older than this are forgotten */
  windowMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  pairMaxFailures: 5,
  pairLockMinutes: 15,
  accountMaxFailures: 10,
  accountLockSeconds: 60,
  accountLockMaxSeconds: 300,
  addressMaxFailures: 20,
  addressLockMinutes: 15,
  windowMinutes: 15,
};
