import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { clientId } from './client-id';

describe('clientId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes version 4 UUIDs the server accepts, without crypto.randomUUID (plain http pages have none)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: <T extends ArrayBufferView>(a: T) => real.getRandomValues(a as never) });
    const ids = Array.from({ length: 200 }, clientId);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
