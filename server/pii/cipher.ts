// Personal data at rest (ID numbers, phones): AES-256-GCM with a fresh 12-byte nonce per value,
// stored as "v1:" + base64(nonce | tag | ciphertext). ID numbers also get a keyed hash
// (HMAC-SHA-256) so another department's list can be matched without decrypting anything.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const PII_KEY_BYTES = 32;

export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash of a normalised ID number (upper-case X), for matching. */
  idNumberHash(idNumber: string): string;
  /** Identifies the key without revealing it: the database keeps it to refuse a different key. */
  readonly fingerprint: string;
}

/** Separate subkeys for each use, so the hash key never doubles as the encryption key. */
const subkey = (master: Buffer, label: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `fupin-pii:${label}`, PII_KEY_BYTES));

export function createPiiCipher(master: Buffer): PiiCipher {
  if (master.length !== PII_KEY_BYTES) throw new Error(`the PII key must be ${PII_KEY_BYTES} bytes, got ${master.length}`);
  const encKey = subkey(master, 'aes-256-gcm');
  const hashKey = subkey(master, 'id-number-hmac');
  const fingerprint = createHmac('sha256', subkey(master, 'fingerprint')).update('pii-key-check').digest('base64');
  return {
    encrypt(plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, nonce);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), data]).toString('base64');
    },
    decrypt(stored) {
      if (!stored.startsWith(PREFIX)) throw new Error('not an encrypted value');
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, NONCE_BYTES));
      decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    idNumberHash: (idNumber) => createHmac('sha256', hashKey).update(idNumber.trim().toUpperCase()).digest('hex'),
    fingerprint,
  };
}

export const sameFingerprint = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
