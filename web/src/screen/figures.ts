// The area-wide figures of the big screen's side panels: the summary and the ranking of the area's
// units (a county's townships, a prefecture's counties) for the timeline's year, fetched again
// whenever a change is committed anywhere.
import { computed } from 'vue';
import { api } from '../api/client';
import { useLiveQuery } from '../composables/live-query';
import { unitsToShow } from './showable';
import { useTimelineStore } from '../stores/timeline';

export function useCountyFigures() {
  const timeline = useTimelineStore();
  const figures = useLiveQuery({
    args: () => timeline.year,
    fetch: async (year) => {
      const [summary, ranking] = await Promise.all([api.summary({ year }), api.unitRanking({ year })]);
      return { summary, ranking };
    },
    refetchOn: () => true,
  });
  return {
    summary: computed(() => figures.data.value?.summary ?? null),
    /** Townships with poor villages only: the others have no exit to rank (and no tour stop). */
    ranking: computed(() => unitsToShow(figures.data.value?.ranking ?? [])),
  };
}
