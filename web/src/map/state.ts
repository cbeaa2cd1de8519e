// The UI state the map style reads through `global-state` expressions: MapView pushes it with
// map.setGlobalStateProperty and MapLibre re-evaluates only the expressions that use it.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Locale } from '../i18n';

export const COLOUR_MODES = ['exit', 'infra', 'readiness', 'monitoring', 'warnings'] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];

export const TOGGLE_LAYERS = ['villages', 'sites', 'roads', 'water', 'labels'] as const;
export type ToggleLayer = (typeof TOGGLE_LAYERS)[number];

export type MapGlobalState = {
  colourMode: ColourMode;
  /** 9-digit code of the township in focus; '' for the whole county. */
  township: string;
  /** In a prefecture's portal, 6-digit code of the county in focus; '' for the whole prefecture. */
  county: string;
  locale: Locale;
  /** Exit timeline year: villages count as exited only if they exited by then; 0 for today. */
  year: number;
  /** A basemap lies under the county: its own fill gives way and the villages' let it show through. */
  basemap: boolean;
} & Record<`show_${ToggleLayer}`, boolean>;

export const globalState = (key: keyof MapGlobalState): ExpressionSpecification => ['global-state', key];
