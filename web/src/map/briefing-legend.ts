// The legend of a map picture, from the same palette the map is drawn with and for the layers on
// screen, so a briefing picture says what the map showed.
import { SITE_TARGET_RATE } from '../../../common/indicators';
import { t, type MessageKey } from '../i18n';
import { formatPercent } from '../i18n/format';
import {
  EXIT_STATUS_COLOURS,
  EXIT_STATUS_ORDER,
  INFRA_RAMP,
  OCCUPANCY_RAMP,
  PROBLEM_MARKER_STATES,
  PROJECT_STATUS_COLOURS,
  PROJECT_STATUS_ORDER,
  READINESS_COLOURS,
  READINESS_ORDER,
  SITE_BELOW_TARGET_RING,
  type ProblemMarkerState,
  type Ramp,
} from './palette';
import type { ColourMode, ToggleLayer } from './state';

export type LegendSymbol =
  | { kind: 'swatch' | 'line' | 'dashed-line' | 'triangle' | 'ring'; colour: string }
  | { kind: 'ramp'; ramp: Ramp }
  | { kind: 'problem'; state: ProblemMarkerState };

export interface LegendGroup {
  title: string;
  entries: { symbol: LegendSymbol; label: string }[];
}

const rampEntry = (ramp: Ramp) => ({ symbol: { kind: 'ramp', ramp } as LegendSymbol, label: '0% — 100%' });

function villageGroup(mode: ColourMode): LegendGroup {
  const title = t(`legend.villages.${mode}` as MessageKey);
  if (mode === 'infra') return { title, entries: [rampEntry(INFRA_RAMP)] };
  if (mode === 'readiness') {
    return { title, entries: READINESS_ORDER.map((r) => ({ symbol: { kind: 'swatch', colour: READINESS_COLOURS[r] }, label: t(`readiness.short.${r}`) })) };
  }
  return { title, entries: EXIT_STATUS_ORDER.map((s) => ({ symbol: { kind: 'swatch', colour: EXIT_STATUS_COLOURS[s] }, label: t(`exitStatus.${s}`) })) };
}

export function briefingLegend(mode: ColourMode, visible: Record<ToggleLayer, boolean>, problemCount: number): LegendGroup[] {
  const groups: LegendGroup[] = [];
  if (visible.villages) groups.push(villageGroup(mode));
  if (visible.sites) {
    groups.push({
      title: t('legend.sites'),
      entries: [
        { ...rampEntry(OCCUPANCY_RAMP), label: t('legend.sites.colour') },
        { symbol: { kind: 'ring', colour: SITE_BELOW_TARGET_RING }, label: t('legend.sites.belowTarget', { pct: formatPercent(SITE_TARGET_RATE, 0) }) },
      ],
    });
  }
  const projectStatuses = (kind: 'line' | 'triangle') =>
    PROJECT_STATUS_ORDER.map((s) => ({
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- without it kind widens to string
      symbol: { kind: kind === 'line' && s === 'planned' ? 'dashed-line' : kind, colour: PROJECT_STATUS_COLOURS[s] } as LegendSymbol,
      label: t(`projectStatus.${s}`),
    }));
  if (visible.roads) groups.push({ title: t('legend.roads'), entries: projectStatuses('line') });
  if (visible.water) groups.push({ title: t('legend.water'), entries: projectStatuses('triangle') });
  if (problemCount > 0) {
    groups.push({
      title: t('nav.problems'),
      entries: PROBLEM_MARKER_STATES.map((state) => ({ symbol: { kind: 'problem', state }, label: t(`problem.legend.${state}`) })),
    });
  }
  return groups;
}
