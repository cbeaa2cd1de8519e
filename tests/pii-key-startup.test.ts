// The real server and its personal-data key: created on the first start, and without it a database
// that holds encrypted data keeps the server from starting, with a message saying why.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers/server';

describe('personal-data key at server start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fupin-db-'));
  const keyFile = `${dataDir}.pii.key`;
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keyFile, { force: true });
  });

  it('creates the key with mode 0600 on first start, and refuses to start once it is gone', async () => {
    const first = await startTestServer({ dataDir });
    try {
      expect(first.output()).toMatch(/created the personal-data key/);
      expect(first.output()).toMatch(/seeded \d+ demo households/);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    } finally {
      await first.stop();
    }
    rmSync(keyFile);
    await expect(startTestServer({ dataDir })).rejects.toThrow(/holds encrypted personal data but no key was found/);
    expect(existsSync(keyFile)).toBe(false);
  });
});
