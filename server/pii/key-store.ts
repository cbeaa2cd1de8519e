// Where the PII key comes from: PII_KEY (base64 of 32 bytes) or a key file, created with mode 0600
// on the very first start. A database that already holds encrypted data never gets a new key:
// without the old one the server refuses to start rather than write rows nobody could read.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { Db } from '../db/client';
import { createPiiCipher, PII_KEY_BYTES, sameFingerprint, type PiiCipher } from './cipher';

export interface PiiKeySource {
  PII_KEY?: string;
  PII_KEY_FILE: string;
}

export class PiiKeyError extends Error {}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== PII_KEY_BYTES) throw new PiiKeyError(`${where} must hold ${PII_KEY_BYTES} bytes in base64 (got ${key.length})`);
  return key;
}

async function storedFingerprint(db: Db): Promise<string | undefined> {
  const [row] = await db.query<{ fingerprint: string }>('SELECT fingerprint FROM pii_key_check');
  return row?.fingerprint;
}

async function holdsEncryptedData(db: Db): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM members) OR EXISTS (SELECT 1 FROM households WHERE cadre_phone_enc IS NOT NULL) AS any',
  );
  return row.any;
}

function createKeyFile(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(PII_KEY_BYTES);
  // 'wx': never overwrite a key file another process wrote meanwhile.
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}

/** The cipher for this database, after checking the key is the one its data was written with. */
export async function openPiiCipher(db: Db, source: PiiKeySource, log: (msg: string) => void = () => {}): Promise<PiiCipher> {
  const fingerprint = await storedFingerprint(db);
  const bound = fingerprint !== undefined || (await holdsEncryptedData(db));
  let key: Buffer;
  if (source.PII_KEY) key = decodeKey(source.PII_KEY, 'PII_KEY');
  else if (existsSync(source.PII_KEY_FILE)) key = decodeKey(readFileSync(source.PII_KEY_FILE, 'utf8'), source.PII_KEY_FILE);
  else if (bound) {
    throw new PiiKeyError(
      `The database holds encrypted personal data but no key was found (PII_KEY unset, ${source.PII_KEY_FILE} missing). ` +
        'Restore the key file or set PII_KEY; the server will not start without it. / 数据库已有加密的个人信息，但找不到密钥，服务器拒绝启动。',
    );
  } else {
    key = createKeyFile(source.PII_KEY_FILE);
    log(`created the personal-data key ${source.PII_KEY_FILE} (mode 0600): back it up; without it the encrypted ID numbers and phones are lost`);
  }
  const cipher = createPiiCipher(key);
  if (fingerprint === undefined) {
    await db.write((tx) => tx.query('INSERT INTO pii_key_check (fingerprint) VALUES ($1) ON CONFLICT DO NOTHING', [cipher.fingerprint]));
  } else if (!sameFingerprint(fingerprint, cipher.fingerprint)) {
    throw new PiiKeyError('The personal-data key is not the one this database was encrypted with; the server will not start. / 个人信息密钥与数据库不符，服务器拒绝启动。');
  }
  return cipher;
}
