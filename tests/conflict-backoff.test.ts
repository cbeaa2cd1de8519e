// Ten editors re-applying a stale save at once starved each other: the form now holds each try
// after a conflict (longer after each in a row, jittered) and shows the conflict meanwhile.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { conflictBackoffMs } from '../web/src/edit/conflict-backoff';

describe('conflict back-off', () => {
  it('doubles with each conflict in a row, jittered, up to half a minute', () => {
    expect([1, 2, 3, 4].map((n) => conflictBackoffMs(n, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(conflictBackoffMs(1, () => 0)).toBe(500);
    expect(conflictBackoffMs(20, () => 1)).toBe(30_000);
  });

  describe('in the edit form', () => {
    let useEditForm: typeof import('../web/src/edit/useEditForm').useEditForm;
    let ApiRequestError: typeof import('../web/src/api/client').ApiRequestError;
    beforeAll(async () => {
      // The i18n module remembers the language in the browser's storage.
      vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
      vi.stubGlobal('document', { documentElement: {} });
      ({ useEditForm } = await import('../web/src/edit/useEditForm'));
      ({ ApiRequestError } = await import('../web/src/api/client'));
      setActivePinia(createPinia());
    });
    afterEach(() => vi.useRealTimers());

    it('does not re-apply at once after a conflict, and lets it through once the hold is over', async () => {
      vi.useFakeTimers();
      let version = 1;
      const sent: number[] = [];
      const form = useEditForm<{ version: number }, { version: number; budget: number }>({
        check: () => [],
        // Someone else always saves first.
        send: async (payload) => {
          sent.push(payload.version);
          version++;
          throw new ApiRequestError(409, { error: { code: 'version_conflict', message: '已被他人修改', messageEn: 'Changed', current: { version } } });
        },
        saved: () => undefined,
      });
      await form.submit({ version: 1, budget: 3 });
      expect(form.conflict?.current.version).toBe(2);
      expect(form.waiting).toBe(true);
      for (let i = 0; i < 10; i++) await form.reapply();
      expect(sent).toEqual([1]);

      await vi.advanceTimersByTimeAsync(1_000);
      expect(form.waiting).toBe(false);
      await form.reapply();
      expect(sent).toEqual([1, 2]);
      // The second conflict in a row holds longer than the first could.
      await vi.advanceTimersByTimeAsync(999);
      expect(form.waiting).toBe(true);
    });
  });
});
