import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Residents' names and phone numbers are stored encrypted with AES-256-GCM under a key from the environment
 * (PERSONAL_DATA_KEY, 32 bytes as 64 hex characters). The "v1:" prefix leaves room for key rotation.
 */
/** The key development and tests fall back to; both web and worker refuse it in production. */
export const DEV_PERSONAL_DATA_KEY = '0'.repeat(63) + '1';

export type PersonalDataCipher = {
  encrypt: (plain: string) => string;
  decrypt: (sealed: string) => string;
  /**
   * A keyed hash for exact look-ups without decrypting (a blind index, decision 034): HMAC-SHA256 under a key
   * derived from PERSONAL_DATA_KEY with HKDF (so no second secret to keep), separated by purpose ('mobile',
   * 'id_number', 'name_piece') so equal values of different kinds do not match. Hex; `bytes` shortens it (name
   * pieces keep 8 bytes: enough to find, too short to tell every name apart).
   */
  blindIndex: (purpose: BlindIndexPurpose, normalized: string, bytes?: number) => string;
};

export type BlindIndexPurpose = 'mobile' | 'id_number' | 'name_piece' | 'meal_card';

export function createPersonalDataCipher(keyHex: string): PersonalDataCipher {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error('PERSONAL_DATA_KEY must be 64 hex characters (32 bytes)');
  const key = Buffer.from(keyHex, 'hex');
  const indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'shequ blind index v1', 32));
  return {
    blindIndex(purpose, normalized, bytes = 32) {
      return createHmac('sha256', indexKey).update(`${purpose}\u0000${normalized}`).digest().subarray(0, bytes).toString('hex');
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Opens a sealed value for a document that must not fail as a whole on one bad row (claims, exports): the plain
 * text, or `fallback` when it cannot be opened (sealed under another key, damaged).
 */
export function openOr<T extends string | null>(cipher: PersonalDataCipher, sealed: string, fallback: T): string | T {
  try {
    return cipher.decrypt(sealed);
  } catch {
    return fallback;
  }
}
