/**
 * The password rule, checked whenever a password is set (create, admin reset, own change):
 * 8–128 characters, at least 3 of 4 classes (lower case, upper case, digits, other characters), not
 * containing the account name, and not guessable: zxcvbn (with the common-password and keyboard
 * dictionaries, the account name and the platform's own words as inputs) must score it at least
 * MIN_SCORE. The public demo password is refused outright.
 */
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { DEMO_PASSWORD } from '../seed-data/demo';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_SCORE = 3;

/** Words anyone would try first against this platform. */
const PLATFORM_WORDS = ['zhiliang', 'quality', 'admin', 'office', 'dept', 'inspector', 'shifanqu', 'password', 'mima'];

let factory: ZxcvbnFactory | undefined;
/** Built on the first password set, not at start: the dictionaries are large and most starts set none. */
function zxcvbn(): ZxcvbnFactory {
  if (!factory) {
    const require = createRequire(import.meta.url);
    const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    factory = new Factory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  }
  return factory;
}

/** How many of the 4 character classes the password uses. */
export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export const PASSWORD_RULE_TEXT = '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类';

/** A Chinese message saying what is wrong with the password, or null when it may be used. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_RULE_TEXT;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  if (characterClasses(password) < 3) return PASSWORD_RULE_TEXT;
  const name = username?.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return '密码不能包含用户名';
  if (password === DEMO_PASSWORD) return '不能使用公开的示范密码，请设置新的密码';
  const result = zxcvbn().check(password.slice(0, 64), [...PLATFORM_WORDS, ...(name ? [name] : [])]);
  if (result.score < MIN_SCORE) return '密码过于常见或容易猜到（如常用密码、键盘顺序、单词加年份），请换一个更复杂的密码';
  return null;
}
