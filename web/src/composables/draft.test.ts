import { beforeAll, describe, expect, it } from 'vitest';
import { nextTick, reactive } from 'vue';
import { useDraft } from './draft';

// The unit project runs in Node: a Map stands in for the tab's sessionStorage.
beforeAll(() => {
  const store = new Map<string, string>();
  globalThis.sessionStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  } as Storage;
});

describe('form drafts', () => {
  it('keeps typed fields, restores them in a new form, and forgets them once saved', async () => {
    const first = reactive({ title: '', deadline: '2026-12-01' });
    useDraft('test', first);
    first.title = '护栏缺失';
    await nextTick();
    const again = reactive({ title: '', deadline: '2026-12-01' });
    const { clear } = useDraft('test', again);
    expect(again).toEqual({ title: '护栏缺失', deadline: '2026-12-01' });
    clear();
    const fresh = reactive({ title: '', deadline: '2026-12-01' });
    useDraft('test', fresh);
    expect(fresh.title).toBe('');
  });
});
