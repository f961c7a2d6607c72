import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is a const enum, which isolated modules cannot read: its value is 2.

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~20 ms here, slow enough for attackers.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against a real hash when the account does not exist keeps the timing the same (no account probing). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0');
  return dummyHash;
}
