import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id (m=19456 KiB, t=2, p=1: the OWASP baseline).

/** argon2id hash in PHC format ($argon2id$v=19$...). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** false for a wrong password or a malformed hash, never throws for those. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real verification, for unknown usernames. */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('zhiliang-dummy-password-0');
  await verifyPassword(await dummy, password);
}
