// The problem ledger as the pages share it: the list under the current filter, the problem in
// focus, and the map markers, all reloaded when a problem changes on any screen.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Problem, ProblemStatus } from '../../../common/problems';
import { problemApi } from '../api/office';
import { useLiveQuery } from '../composables/live-query';

export type LedgerFilter = ProblemStatus | 'overdue' | 'all';

export const useLedgerStore = defineStore('ledger', () => {
  const filter = ref<LedgerFilter>('open');
  const ledger = useLiveQuery({
    args: () => filter.value,
    fetch: async (f) => {
      const [list, markers] = await Promise.all([
        problemApi.list(f === 'all' ? {} : f === 'overdue' ? { overdue: true } : { status: f }),
        problemApi.markers(),
      ]);
      return { list, markers };
    },
    refetchOn: (change) => change.entity === 'problem',
    // Fetched once ProblemMarkers first shows them, not by every panel that reads a count.
    immediate: false,
  });
  const problems = computed(() => ledger.data.value?.list ?? []);
  const markers = computed<GeoJSON.FeatureCollection>(() => ledger.data.value?.markers ?? { type: 'FeatureCollection', features: [] });
  const selectedId = ref<number | null>(null);
  const selected = computed(() => problems.value.find((p) => p.id === selectedId.value) ?? null);
  const load = ledger.reload;

  /** After this screen changed a problem: show it at once rather than wait for the event. */
  function replace(problem: Problem): void {
    selectedId.value = problem.id;
    void load();
  }

  return { problems, markers, filter, selectedId, selected, load, replace };
});
