// The villages' monitoring colourings: monitored households per 100 registered households, or
// warnings awaiting verification. The figures are aggregates of the user's scope set as feature
// state from /api/monitoring/figures (never in a tile); a village without figures stays grey.
import type { ExpressionSpecification } from 'maplibre-gl';

export const MONITORING_MODES = ['monitoring', 'warnings'] as const;
export type MonitoringMode = (typeof MONITORING_MODES)[number];

/** The feature-state key each mode reads. */
export const MONITORING_STATE_KEY: Record<MonitoringMode, 'monitoredPer100' | 'openWarnings'> = {
  monitoring: 'monitoredPer100',
  warnings: 'openWarnings',
};

/** Class lower bounds (a value at a bound belongs to the class above) and their colours, light to dark. */
export const MONITORING_BINS: Record<MonitoringMode, readonly { from: number; colour: string; label: string }[]> = {
  monitoring: [
    { from: 0, colour: '#1e3a5f', label: '0' },
    { from: 0.001, colour: '#fde68a', label: '0–1' },
    { from: 1, colour: '#f59e0b', label: '1–3' },
    { from: 3, colour: '#b91c1c', label: '≥ 3' },
  ],
  warnings: [
    { from: 0, colour: '#1e3a5f', label: '0' },
    { from: 1, colour: '#fde68a', label: '1–4' },
    { from: 5, colour: '#f59e0b', label: '5–19' },
    { from: 20, colour: '#b91c1c', label: '≥ 20' },
  ],
};
export const NO_FIGURES_COLOUR = '#5b6473';

/** The class a value falls in, as the expression below decides it: what the legend and test check. */
export function monitoringBin(mode: MonitoringMode, value: number | null): string {
  if (value === null) return NO_FIGURES_COLOUR;
  return [...MONITORING_BINS[mode]].reverse().find((b) => value >= b.from)?.colour ?? MONITORING_BINS[mode][0].colour;
}

export function monitoringFill(mode: MonitoringMode): ExpressionSpecification {
  const value: ExpressionSpecification = ['feature-state', MONITORING_STATE_KEY[mode]];
  const [first, ...rest] = MONITORING_BINS[mode];
  return ['case', ['==', value, null], NO_FIGURES_COLOUR, ['step', ['to-number', value], first.colour, ...rest.flatMap((b) => [b.from, b.colour])]] as ExpressionSpecification;
}

/** Monitored households per 100 registered households of a village. */
export const perHundred = (monitored: number, registered: number) => (registered > 0 ? (100 * monitored) / registered : 0);
