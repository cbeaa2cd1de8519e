// The legend rows of the categorical village colourings, shared by the map page's legend and the
// big screen's, so neither can disagree with the map.
import { t } from '../i18n';
import { MONITORING_BINS, NO_FIGURES_COLOUR } from './monitoring-colours';
import type { ColourMode } from './state';
import { EXIT_STATUS_COLOURS, EXIT_STATUS_ORDER, READINESS_COLOURS, READINESS_ORDER } from './palette';

export interface LegendRow {
  key: string;
  colour: string;
  label: string;
  /** Drawn with the wrong-exit outline, as on the map. */
  outlined: boolean;
}

/** Rows for a colour mode and timeline year (null: today); null for the infrastructure ramp. */
export function villageLegendRows(mode: ColourMode, year: number | null): LegendRow[] | null {
  switch (mode) {
    case 'exit':
      return (
        EXIT_STATUS_ORDER
          // A past year of the timeline flags no wrong exit (criteria are judged on today's figures).
          .filter((status) => year === null || status !== 'wrong_exit')
          .map((status) => ({
            key: status,
            colour: EXIT_STATUS_COLOURS[status],
            label: t(`exitStatus.${status}`),
            outlined: status === 'wrong_exit',
          }))
      );
    case 'readiness':
      return READINESS_ORDER.map((readiness) => ({
        key: readiness,
        colour: READINESS_COLOURS[readiness],
        label: t(`readiness.short.${readiness}`),
        outlined: readiness === 'wrong_exit',
      }));
    case 'infra':
      return null;
    case 'monitoring':
    case 'warnings':
      return [
        ...MONITORING_BINS[mode].map((b) => ({ key: b.label, colour: b.colour, label: b.label, outlined: false })),
        { key: 'none', colour: NO_FIGURES_COLOUR, label: t('monitoring.mode.noFigures'), outlined: false },
      ];
  }
}
