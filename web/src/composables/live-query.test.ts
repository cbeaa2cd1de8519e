// useLiveQuery without a browser: which answers land, and which changes fetch again.
import { createPinia, setActivePinia } from 'pinia';
import { effectScope, nextTick, ref } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeEvent } from '../../../common/api';
import { useLiveStore } from '../stores/live';
import { useLiveQuery } from './live-query';

/** A fetch whose answers the test hands out, in any order. */
function controlledFetch() {
  const pending: { args: number; resolve: (answer: string) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (args: number) => new Promise<string>((resolve, reject) => pending.push({ args, resolve, reject }));
  return { fetch, pending };
}

const change = (entity: ChangeEvent['entity']): ChangeEvent =>
  ({ seq: 1, entity, id: '1', action: 'update', layer: null, versions: {}, by: 'admin', at: '' }) as unknown as ChangeEvent;

const settle = async () => {
  for (let i = 0; i < 3; i++) await nextTick();
};

describe('useLiveQuery', () => {
  let scope = effectScope();
  beforeEach(() => {
    scope = effectScope();
    // The data store loads the summary as it starts; these tests are not about it.
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    setActivePinia(createPinia());
  });
  afterEach(() => {
    scope.stop();
    vi.unstubAllGlobals();
  });

  it('shows only the answer to the latest request, however the answers arrive', async () => {
    const { fetch, pending } = controlledFetch();
    const year = ref(2016);
    const query = scope.run(() => useLiveQuery({ args: () => year.value, fetch, refetchOn: () => false }))!;
    year.value = 2018;
    await settle();
    expect(pending.map((p) => p.args)).toEqual([2016, 2018]);
    pending[1].resolve('answer for 2018');
    await settle();
    pending[0].resolve('answer for 2016');
    await settle();
    expect(query.data.value).toBe('answer for 2018');
  });

  it('fetches again on the changes it depends on and on a resync, not on others', async () => {
    const { fetch, pending } = controlledFetch();
    const onError = vi.fn();
    scope.run(() => useLiveQuery({ fetch, refetchOn: (c) => c.entity === 'site', onError }));
    const live = useLiveStore();
    live.lastChange = change('village');
    await settle();
    expect(pending).toHaveLength(1);
    live.lastChange = change('site');
    await settle();
    expect(pending).toHaveLength(2);
    live.resyncs++;
    await settle();
    expect(pending).toHaveLength(3);
    // A failure of a request overtaken by a later one is not reported.
    pending[1].reject(new Error('stale'));
    pending[2].reject(new Error('latest'));
    await settle();
    expect(onError.mock.calls.map(([e]) => (e as Error).message)).toEqual(['latest']);
  });
});
