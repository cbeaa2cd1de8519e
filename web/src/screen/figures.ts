// The county-wide figures of the big screen's side panels: the summary and the township ranking for
// the timeline's year, fetched again whenever a change is committed anywhere.
import { shallowRef, watch } from 'vue';
import type { Summary, TownshipRankRow } from '../../../common/api';
import { api } from '../api/client';
import { useDataStore } from '../stores/data';
import { useLiveStore } from '../stores/live';
import { useTimelineStore } from '../stores/timeline';

export function useCountyFigures() {
  const data = useDataStore();
  const live = useLiveStore();
  const timeline = useTimelineStore();
  const summary = shallowRef<Summary | null>(null);
  const ranking = shallowRef<TownshipRankRow[]>([]);

  async function load(): Promise<void> {
    const year = timeline.year;
    try {
      const [s, r] = await Promise.all([api.summary({ year }), api.townshipRanking({ year })]);
      // The slider may have moved on while this was in flight.
      if (year !== timeline.year) return;
      summary.value = s;
      ranking.value = r;
    } catch (e) {
      data.report(e);
    }
  }

  watch([() => timeline.year, () => live.lastChange, () => live.resyncs], load, { immediate: true });
  return { summary, ranking };
}
