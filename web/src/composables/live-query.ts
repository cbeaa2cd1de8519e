// An answer from the API that a view keeps current: fetched again when what it asks for changes,
// when a committed change it depends on arrives from any screen, and when a reconnect finds that
// changes were missed. Only the answer to the latest request lands, so a slow answer for a year,
// township or record no longer in view, or to an earlier of several quick edits, never wins.
import { shallowRef, watch, type ShallowRef } from 'vue';
import type { ChangeEvent } from '../../../common/api';
import { useDataStore } from '../stores/data';
import { useLiveStore } from '../stores/live';

export interface LiveQueryOptions<A, T> {
  /** What to ask for, read reactively: a change fetches again. Omitted: the query has no arguments. */
  args?: () => A;
  fetch: (args: A) => Promise<T>;
  /** Whether a committed change moves the answer. */
  refetchOn: (change: ChangeEvent, args: A) => boolean;
  /** Where a failure goes; by default the app's error toast. */
  onError?: (error: unknown) => void;
  /** False: nothing is fetched until the arguments change or reload() is called. */
  immediate?: boolean;
}

export function useLiveQuery<A, T>(options: LiveQueryOptions<A, T>): { data: ShallowRef<T | null>; reload: () => Promise<void> } {
  const store = useDataStore();
  const live = useLiveStore();
  const args = options.args ?? (() => undefined as A);
  const data = shallowRef<T | null>(null);
  let latestRequest = 0;

  async function reload(): Promise<void> {
    const request = ++latestRequest;
    try {
      const answer = await options.fetch(args());
      if (request === latestRequest) data.value = answer;
    } catch (e) {
      if (request === latestRequest) (options.onError ?? store.report)(e);
    }
  }

  watch(args, reload, { immediate: options.immediate ?? true });
  watch(
    () => live.lastChange,
    (change) => change && options.refetchOn(change, args()) && reload(),
  );
  watch(() => live.resyncs, reload);
  return { data, reload };
}
