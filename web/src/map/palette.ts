// The one place for map colours and symbol sizes: layers.ts turns them into style expressions and
// Legend.vue draws them, so the legend cannot disagree with the map.
import { PROJECT_STATUSES, type ProjectStatus } from '../../../common/domain';
import type { ExitStatus } from '../../../common/indicators';

export const BACKGROUND = '#0b1a2e';
export const COUNTY_FILL = '#12284a';
export const BOUNDARY = { county: '#7dd3fc', township: '#cbd5e1', village: '#0b1a2e' } as const;
export const HIGHLIGHT = '#ffffff';
export const TEXT = { fill: '#f1f5f9', halo: '#0b1a2e' } as const;

/** Legend order: the statuses that need action first. */
export const EXIT_STATUS_ORDER: readonly ExitStatus[] = ['deep_poor', 'poor', 'wrong_exit', 'exited', 'non_poor'];
export const EXIT_STATUS_COLOURS: Record<ExitStatus, string> = {
  deep_poor: '#dc2626',
  poor: '#f59e0b',
  wrong_exit: '#c026d3',
  exited: '#16a34a',
  non_poor: '#52677f',
};
/** A wrong exit must stand out even at county zoom, hence its own bright outline. */
export const WRONG_EXIT_OUTLINE = '#ff5ce1';

/** [value, colour] pairs of a continuous 0..1 ramp. */
export type Ramp = readonly (readonly [number, string])[];
export const INFRA_RAMP: Ramp = [
  [0, '#991b1b'],
  [0.6, '#ea580c'],
  [0.8, '#facc15'],
  [1, '#16a34a'],
];
export const OCCUPANCY_RAMP: Ramp = [
  [0, '#f97316'],
  [0.6, '#facc15'],
  [1, '#22d3ee'],
];
export const SITE_BELOW_TARGET_RING = '#ff3b30';
export const SITE_RING = '#e2e8f0';

/** Hues the village fills do not use (no green, orange or red), so works stand out on any village. */
export const PROJECT_STATUS_COLOURS: Record<ProjectStatus, string> = {
  planned: '#e2e8f0',
  under_construction: '#fde047',
  completed: '#22d3ee',
  accepted: '#818cf8',
};
export const PROJECT_STATUS_ORDER: readonly ProjectStatus[] = PROJECT_STATUSES;
/** Planned roads are drawn dashed: nothing is built yet. */
export const PLANNED_ROAD_DASH = [2, 1.5];

/**
 * Site circle radius (px, at the reference zoom) against sqrt(planned households), so that the
 * circle's area, not its radius, grows with the number of households.
 */
export const SITE_RADIUS_STOPS: readonly (readonly [sqrtHouseholds: number, radiusPx: number])[] = [
  [0, 4],
  [10, 9],
  [30, 22],
];
/** Radius multipliers by zoom: sites stay visible at county zoom and do not swamp a village at z14. */
export const SITE_ZOOM_SCALE: readonly (readonly [zoom: number, scale: number])[] = [
  [8, 0.7],
  [14, 1.6],
];
export const SITE_LEGEND_HOUSEHOLDS = [50, 200, 600] as const;

export function siteRadiusPx(households: number): number {
  const x = Math.sqrt(households);
  const stops = SITE_RADIUS_STOPS;
  for (let i = 1; i < stops.length; i++) {
    const [x0, r0] = stops[i - 1];
    const [x1, r1] = stops[i];
    if (x <= x1) return r0 + ((r1 - r0) * (Math.max(x, x0) - x0)) / (x1 - x0);
  }
  return stops[stops.length - 1][1];
}

/** The CSS twin of the map's HCL interpolation (oklch is the closest CSS offers). */
export function rampGradient(ramp: Ramp): string {
  return `linear-gradient(to right in oklch, ${ramp.map(([v, c]) => `${c} ${v * 100}%`).join(', ')})`;
}
