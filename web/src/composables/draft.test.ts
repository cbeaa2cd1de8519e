import { beforeAll, describe, expect, it } from 'vitest';
import { nextTick, reactive, ref } from 'vue';
import { applyDraft, useDraft } from './draft';

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

  it('restores a draft of the same version silently, and only offers one of another version', async () => {
    const first = reactive({ spent: 10 });
    useDraft('site.1', first, 3);
    first.spent = 25;
    await nextTick();

    const same = reactive({ spent: 10 });
    const sameDraft = useDraft('site.1', same, 3);
    expect(same.spent).toBe(25);
    expect(sameDraft.offered.value).toBe(false);

    const moved = reactive({ spent: 12 });
    const offer = useDraft('site.1', moved, 4);
    expect(offer.offered.value).toBe(true);
    expect(moved.spent).toBe(12);
    offer.restore();
    expect(moved.spent).toBe(25);
    expect(offer.offered.value).toBe(false);
  });

  it('forgets a discarded offer', () => {
    sessionStorage.setItem('fupin.draft.site.2', JSON.stringify({ version: 1, fields: { spent: 5 } }));
    const moved = reactive({ spent: 0 });
    useDraft('site.2', moved, 2).discard();
    const later = useDraft('site.2', reactive({ spent: 0 }), 2);
    expect(later.offered.value).toBe(false);
  });

  it('fills nested objects in place and skips values of another type', () => {
    const infra = reactive({ road: false, water: false });
    const note = ref('');
    const fields = reactive({ infra, note, count: 1 });
    applyDraft(fields, { infra: { road: true, water: 'yes' }, note: '已通', count: 'x', unknown: 1 });
    expect(infra).toEqual({ road: true, water: false });
    expect(note.value).toBe('已通');
    expect(fields.count).toBe(1);
  });
});
