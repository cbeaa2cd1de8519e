// The problem ledger as the pages share it: the list under the current filter, the problem in
// focus, and the map markers, all reloaded when a problem changes on any screen.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Problem, ProblemStatus } from '../../../common/problems';
import { problemApi } from '../api/office';
import { useDataStore } from './data';
import { useLiveStore } from './live';

export type LedgerFilter = ProblemStatus | 'overdue' | 'all';

export const useLedgerStore = defineStore('ledger', () => {
  const data = useDataStore();
  const live = useLiveStore();
  const problems = shallowRef<Problem[]>([]);
  const markers = shallowRef<GeoJSON.FeatureCollection>({ type: 'FeatureCollection', features: [] });
  const filter = ref<LedgerFilter>('open');
  const selectedId = ref<number | null>(null);
  const selected = computed(() => problems.value.find((p) => p.id === selectedId.value) ?? null);

  async function load(): Promise<void> {
    const f = filter.value;
    try {
      const [list, map] = await Promise.all([
        problemApi.list(f === 'all' ? {} : f === 'overdue' ? { overdue: true } : { status: f }),
        problemApi.markers(),
      ]);
      if (f !== filter.value) return;
      problems.value = list;
      markers.value = map;
    } catch (e) {
      data.report(e);
    }
  }

  /** After this screen changed a problem: show it at once rather than wait for the event. */
  function replace(problem: Problem): void {
    selectedId.value = problem.id;
    void load();
  }

  watch(filter, load);
  watch(() => live.lastChange, (change) => change?.entity === 'problem' && load());
  // A reconnect that found changes missed: whatever the last change was, the list may be stale.
  watch(() => live.resyncs, load);

  return { problems, markers, filter, selectedId, selected, load, replace };
});
