// The relocation dashboard's map: the portal's style with village fills, roads and water hidden,
// site names at every zoom, origin villages tinted, and the flows from them drawn under the sites.
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { TileVersions } from '../../../common/api';
import type { Locale } from '../i18n';
import { drawIcon, ICON_PIXEL_RATIO } from './icons';
import { LAYER } from './layers';
import { FLOW } from './palette';
import { buildStyle } from './style';

export const FLOW_SOURCE = 'flows';
export const FLOW_LAYER = {
  line: 'flow-line',
  arrow: 'flow-arrow',
  origin: 'flow-origin',
  originVillages: 'origin-village-fill',
} as const;

const ARROW_ICON = 'flow-arrow';
/** An arrowhead pointing north in a 16×16 box; the layer turns it along the flow. */
const ARROW_PATH = 'M8 1.5 L14 14 L8 10.5 L2 14 Z';

/** This map's style state beyond the portal's: the site in focus (0 for none) and its origin villages. */
export interface FocusState {
  focusSite: number;
  focusOrigins: string[];
}

const focusSite: ExpressionSpecification = ['global-state', 'focusSite'];
/** `all` while no site is in focus; else `on` for the features of the site in focus, `off` for the rest. */
const byFocus = (all: number, on: number, off: number): ExpressionSpecification => [
  'case',
  ['==', focusSite, 0],
  all,
  ['==', ['get', 'siteId'], focusSite],
  on,
  off,
];
const ofKind = (kind: 'flow' | 'origin' | 'arrow'): ExpressionSpecification => ['==', ['get', 'kind'], kind];

export const originVillagesFilter = (codes: readonly string[]): ExpressionSpecification => [
  'in',
  ['get', 'code'],
  ['literal', [...codes]],
];

function originVillageLayer(codes: readonly string[]): LayerSpecification {
  return {
    id: FLOW_LAYER.originVillages,
    type: 'fill',
    source: 'villages',
    'source-layer': 'villages',
    filter: originVillagesFilter(codes),
    paint: {
      'fill-color': FLOW.origin,
      'fill-opacity': ['case', ['==', focusSite, 0], 0.3, ['in', ['get', 'code'], ['global-state', 'focusOrigins']], 0.45, 0.08],
    },
  };
}

function flowLayers(): LayerSpecification[] {
  return [
    {
      id: FLOW_LAYER.line,
      type: 'line',
      source: FLOW_SOURCE,
      filter: ofKind('flow'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-gradient': ['interpolate', ['linear'], ['line-progress'], 0, FLOW.leaving, 1, FLOW.arriving],
        'line-width': byFocus(2.2, 3.6, 1.4),
        'line-opacity': byFocus(0.9, 1, 0.15),
      },
    },
    {
      id: FLOW_LAYER.origin,
      type: 'circle',
      source: FLOW_SOURCE,
      filter: ofKind('origin'),
      paint: {
        'circle-radius': byFocus(3, 4.5, 2.5),
        'circle-color': FLOW.origin,
        'circle-stroke-color': FLOW.arriving,
        'circle-stroke-width': 1,
        'circle-opacity': byFocus(0.9, 1, 0.2),
        'circle-stroke-opacity': byFocus(0.9, 1, 0.2),
      },
    },
    {
      id: FLOW_LAYER.arrow,
      type: 'symbol',
      source: FLOW_SOURCE,
      filter: ofKind('arrow'),
      layout: {
        'icon-image': ARROW_ICON,
        'icon-rotate': ['get', 'bearing'],
        'icon-rotation-alignment': 'map',
        'icon-size': byFocus(0.75, 1, 0.6),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: { 'icon-opacity': byFocus(0.95, 1, 0.15) },
    },
  ];
}

export function relocationStyle(
  versions: TileVersions,
  locale: Locale,
  flows: GeoJSON.FeatureCollection,
  originCodes: readonly string[],
): StyleSpecification {
  const base = buildStyle(versions, {
    colourMode: 'exit',
    township: '',
    county: '',
    locale,
    year: 0,
    basemap: false,
    show_villages: false,
    show_sites: true,
    show_roads: false,
    show_water: false,
    show_labels: true,
  });
  const siteLabel = base.layers.find((layer) => layer.id === LAYER.siteLabel);
  const layers = base.layers.flatMap((layer): LayerSpecification[] => {
    if (layer.id === LAYER.villageFill) return [originVillageLayer(originCodes), layer];
    if (layer.id === LAYER.site) return [...flowLayers(), layer];
    return layer === siteLabel ? [] : [layer];
  });
  // The dashboard is about the sites: their names show at every zoom and, drawn last, are placed
  // before the place names, which give way where they collide.
  if (siteLabel) layers.push({ ...siteLabel, minzoom: 0 });
  const focus: FocusState = { focusSite: 0, focusOrigins: [] };
  return {
    ...base,
    state: { ...base.state, ...Object.fromEntries(Object.entries(focus).map(([key, value]) => [key, { default: value }])) },
    sources: { ...base.sources, [FLOW_SOURCE]: { type: 'geojson', data: flows, lineMetrics: true } },
    layers,
  };
}

export function addFlowIcons(map: MapLibreMap): void {
  if (!map.hasImage(ARROW_ICON)) map.addImage(ARROW_ICON, drawIcon(ARROW_PATH, FLOW.arrow), { pixelRatio: ICON_PIXEL_RATIO });
}
