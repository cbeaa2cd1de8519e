// The one place for map colours and symbol sizes: layers.ts turns them into style expressions and
// Legend.vue draws them, so the legend cannot disagree with the map.
import { PROJECT_STATUSES, type ProjectStatus } from '../../../common/domain';
import type { ExitReadiness, ExitStatus } from '../../../common/indicators';

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
/** The exit-criteria view: the colours it shares with exit status mean the same there. */
export const READINESS_ORDER: readonly ExitReadiness[] = ['wrong_exit', 'not_ready', 'ready', 'exited', 'non_poor'];
export const READINESS_COLOURS: Record<ExitReadiness, string> = {
  wrong_exit: EXIT_STATUS_COLOURS.wrong_exit,
  not_ready: '#ea580c',
  ready: '#a3e635',
  exited: EXIT_STATUS_COLOURS.exited,
  non_poor: EXIT_STATUS_COLOURS.non_poor,
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
/** Share of an area's poor villages that have exited, for the areas standing in for villages at low zooms. */
export const EXITED_SHARE_RAMP: Ramp = [
  [0, '#b91c1c'],
  [0.5, '#f59e0b'],
  [1, '#16a34a'],
];
/** An area without poor villages: nothing to exit. */
export const NO_POOR_AREA = '#9ca3af';
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

/** Big-screen chart chrome; the data series reuse the map's colours so a chart reads like the map. */
export const CHART = {
  text: '#cbd5e1',
  muted: '#8ea3bd',
  axis: 'rgba(125, 211, 252, 0.35)',
  grid: 'rgba(125, 211, 252, 0.12)',
  planned: EXIT_STATUS_COLOURS.poor,
  exited: EXIT_STATUS_COLOURS.exited,
  /** The township the tour is showing. */
  focus: '#38bdf8',
  gap: BACKGROUND,
} as const;

/**
 * Relocation flows, in a hue no other layer uses: faint where households left, bright where they
 * arrived, so a flow's direction reads even without its arrowhead.
 */
export const FLOW = {
  leaving: 'rgba(196, 181, 253, 0.12)',
  arriving: '#ddd6fe',
  arrow: '#a78bfa',
  origin: '#a78bfa',
} as const;

/** A project being drawn: a hue no data layer uses, on a dark casing so it reads over any village. */
export const SKETCH = { line: '#ff7ab6', casing: BACKGROUND, vertex: '#ffffff' } as const;

/** Bus stops (招呼站) are road projects at a point: a small dot in the road status colours. */
export const BUS_STOP_RADIUS = 5;

/**
 * Problem-ledger markers: round badges with a glyph, ringed in white so they read over any village
 * fill. Overdue problems are red and haloed: they must be seen from county zoom.
 */
export const PROBLEM_MARKER_STATES = ['overdue', 'open', 'fixed'] as const;
export type ProblemMarkerState = (typeof PROBLEM_MARKER_STATES)[number];
export const PROBLEM_MARKERS: Record<ProblemMarkerState, { fill: string; glyph: string; glyphColour: string }> = {
  overdue: { fill: '#ef4444', glyph: '!', glyphColour: '#ffffff' },
  open: { fill: '#fde047', glyph: '!', glyphColour: '#0b1a2e' },
  fixed: { fill: '#5eead4', glyph: '✓', glyphColour: '#0b1a2e' },
};
export const PROBLEM_MARKER_RING = '#ffffff';
export const PROBLEM_OVERDUE_HALO = '#ef4444';

/** Town dots of a basemap: light grey like its labels, quieter than any data colour. */
export const BASEMAP_PLACE = '#9ca3af';
