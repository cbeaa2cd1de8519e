// Monitoring figures over the signed-in user's scope, kept current by the scoped live events.
// Signed out, or a role without household access, answers null: the panels show a hint instead.
import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import type { MonitoringFigures } from '../../../common/monitoring';
import { ApiRequestError } from '../api/client';
import { monitoringApi } from '../api/monitoring';
import { useSessionStore } from '../stores/session';
import { useLiveQuery } from './live-query';

export function useMonitoringFigures(level: MaybeRefOrGetter<'county' | 'township' | 'village'>) {
  const session = useSessionStore();
  const refused = ref(false);
  const { data } = useLiveQuery({
    args: () => ({ userId: session.user?.id ?? null, level: toValue(level) }),
    fetch: async ({ userId, level }): Promise<MonitoringFigures[] | null> => {
      refused.value = userId === null;
      if (userId === null) return null;
      try {
        return await monitoringApi.figures(level);
      } catch (err) {
        if (err instanceof ApiRequestError && (err.status === 401 || err.status === 403)) {
          refused.value = true;
          return null;
        }
        throw err;
      }
    },
    refetchOn: (change) => change.entity === 'monitoring',
  });
  return { figures: data, refused };
}

export const FIGURE_KEYS = ['registered', 'exited', 'monitored', 'riskRemoved', 'openWarnings', 'overdueWarnings'] as const;

export type FigureTotals = Record<(typeof FIGURE_KEYS)[number], number>;

/** Rows summed: a table's foot, a prefecture's counties as one. */
export const sumFigures = (rows: readonly MonitoringFigures[]): FigureTotals =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, rows.reduce((sum, f) => sum + f[k], 0)])) as FigureTotals;

/** The area's totals over the user's scope; null signed out or without household access. */
export function useMonitoringTotals() {
  const { figures } = useMonitoringFigures('county');
  return computed(() => (figures.value ? sumFigures(figures.value) : null));
}
