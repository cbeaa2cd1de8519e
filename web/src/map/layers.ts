// Layer definitions and their expressions, in drawing order. Colours come from palette.ts only.
import { monitoringFill } from './monitoring-colours';
import type { ExpressionInputType, ExpressionSpecification, LayerSpecification, VisibilitySpecification } from 'maplibre-gl';
import { VILLAGE_AREA_ZOOMS, VILLAGE_AREAS_LAYER, type DynamicLayer } from '../../../common/api';
import {
  BACKGROUND,
  BOUNDARY,
  BUS_STOP_RADIUS,
  COUNTY_FILL,
  EXIT_STATUS_COLOURS,
  EXITED_SHARE_RAMP,
  HIGHLIGHT,
  INFRA_RAMP,
  NO_POOR_AREA,
  OCCUPANCY_RAMP,
  PLANNED_ROAD_DASH,
  PROJECT_STATUS_COLOURS,
  PROJECT_STATUS_ORDER,
  type Ramp,
  READINESS_COLOURS,
  SITE_BELOW_TARGET_RING,
  SITE_RADIUS_STOPS,
  SITE_RING,
  SITE_ZOOM_SCALE,
  TEXT,
  WRONG_EXIT_OUTLINE,
} from './palette';
import { globalState, type ToggleLayer } from './state';
import { waterIconName } from './icons';

export const STATIC_SOURCE = 'static';

/** Ids of the layers other code addresses: those a pointer can hit, and the site labels. */
export const LAYER = {
  villageFill: 'village-fill',
  site: 'site-circle',
  siteLabel: 'site-label',
  road: 'road-line',
  busStop: 'road-point',
  water: 'water-symbol',
} as const;

/** Clickable layers, first hit wins: points and lines get a few pixels of slack, polygons none. */
export const HIT_TARGETS: readonly { layer: string; source: DynamicLayer; slackPx: number }[] = [
  { layer: LAYER.water, source: 'water', slackPx: 6 },
  { layer: LAYER.site, source: 'sites', slackPx: 3 },
  { layer: LAYER.busStop, source: 'roads', slackPx: 5 },
  { layer: LAYER.road, source: 'roads', slackPx: 5 },
  { layer: LAYER.villageFill, source: 'villages', slackPx: 0 },
];

/** The property each dynamic source promotes to feature id, so feature-state (hover, selected) works. */
export const FEATURE_ID: Record<DynamicLayer, 'code' | 'id'> = { villages: 'code', sites: 'id', roads: 'id', water: 'id' };

const FONT = ['Noto Sans Regular'];

/** A feature property by name, or an expression computing the value to match on. */
type MatchInput = string | ExpressionSpecification;

function match(input: MatchInput, arms: readonly (readonly [string, string])[], fallback: string): ExpressionSpecification {
  const value = typeof input === 'string' ? ['get', input] : input;
  // The spec's tuple type cannot describe a variable number of arms.
  return ['match', value, ...arms.flat(), fallback] as unknown as ExpressionSpecification;
}

function matchColour<K extends string>(input: MatchInput, colours: Record<K, string>): ExpressionSpecification {
  return match(input, Object.entries<string>(colours), '#888888');
}

/** HCL interpolation: RGB would turn the yellow-to-green stretch an olive brown. */
function rampColour(value: ExpressionSpecification, ramp: Ramp): ExpressionSpecification {
  return ['interpolate-hcl', ['linear'], value, ...ramp.flat()] as ExpressionSpecification;
}

const showWhen = (layer: ToggleLayer): VisibilitySpecification => ['case', globalState(`show_${layer}`), 'visible', 'none'];

const noTownship: ExpressionSpecification = ['==', globalState('township'), ''];

/** Full opacity inside the township in focus (or everywhere when none), `dimmed` elsewhere. */
/** How much of a village's colour stays over a basemap: enough to read its status, little enough to see the roads. */
const BASEMAP_SHOW_THROUGH = 0.6;
/** A factor of 1 without a basemap, `factor` over one. */
const underBasemap = (factor: number): ExpressionSpecification => ['case', ['boolean', globalState('basemap'), false], factor, 1];

function focusOpacity(inFocus: ExpressionSpecification, full: number, dimmed: number): ExpressionSpecification {
  return ['case', noTownship, full, inFocus, full, dimmed];
}
/** Villages, sites and projects all carry the code of the township they lie in. */
const inFocusTownship: ExpressionSpecification = ['==', ['get', 'townshipCode'], globalState('township')];

type Value = ExpressionInputType | ExpressionSpecification;

/** Selected beats hovered beats neither. */
function byFeatureState(selected: Value, hovered: Value, otherwise: Value): ExpressionSpecification {
  return [
    'case',
    ['boolean', ['feature-state', 'selected'], false],
    selected,
    ['boolean', ['feature-state', 'hover'], false],
    hovered,
    otherwise,
  ];
}

const zoomRamp = (...stops: number[]): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], ...stops] as ExpressionSpecification;

const localisedName: ExpressionSpecification = [
  'case',
  ['==', globalState('locale'), 'en'],
  ['coalesce', ['get', 'nameEn'], ['get', 'name']],
  ['get', 'name'],
];

/**
 * A village's exit status at the end of the timeline year (0: today): exitStatusInYear in
 * common/indicators.ts, evaluated by MapLibre from the years the tiles carry, so moving the slider
 * needs no new tiles. layers.test.ts holds the two to the same answers.
 */
export const exitStatusOfYear: ExpressionSpecification = [
  'case',
  ['==', globalState('year'), 0],
  ['get', 'exitStatus'],
  ['==', ['get', 'villageClass'], 'non_poor'],
  'non_poor',
  ['<=', ['to-number', ['coalesce', ['get', 'actualExitYear'], 9999]], ['to-number', globalState('year')]],
  'exited',
  ['get', 'villageClass'],
];

/** The class a categorical colour mode paints: exit status by year, or readiness (always today's). */
const villageCategory: ExpressionSpecification = [
  'case',
  ['==', globalState('colourMode'), 'readiness'],
  ['get', 'readiness'],
  exitStatusOfYear,
];

const villageFillColour: ExpressionSpecification = [
  'match',
  globalState('colourMode'),
  'infra',
  rampColour(['to-number', ['get', 'infraCompletion'], 0], INFRA_RAMP),
  'readiness',
  matchColour('readiness', READINESS_COLOURS),
  'monitoring',
  monitoringFill('monitoring'),
  'warnings',
  monitoringFill('warnings'),
  matchColour(exitStatusOfYear, EXIT_STATUS_COLOURS),
];

/** A township or county standing in for its villages at low zooms: red to green as its poor villages exit. */
export const villageAreaColour: ExpressionSpecification = [
  'case',
  ['has', 'exitedShare'],
  rampColour(['get', 'exitedShare'], EXITED_SHARE_RAMP),
  NO_POOR_AREA,
];

function siteRadius(): ExpressionSpecification {
  const bySize = (scale: number): ExpressionSpecification =>
    [
      'interpolate',
      ['linear'],
      ['sqrt', ['to-number', ['get', 'plannedHouseholds'], 0]],
      ...SITE_RADIUS_STOPS.flatMap(([x, r]) => [x, r * scale]),
    ] as ExpressionSpecification;
  return ['interpolate', ['linear'], ['zoom'], ...SITE_ZOOM_SCALE.flatMap(([z, s]) => [z, bySize(s)])] as ExpressionSpecification;
}

const belowTarget: ExpressionSpecification = ['to-boolean', ['get', 'belowTarget']];
const occupancyPercent: ExpressionSpecification = [
  'concat',
  ['to-string', ['round', ['*', 100, ['to-number', ['get', 'occupancyRate'], 0]]]],
  '%',
];

const haloText = { 'text-color': TEXT.fill, 'text-halo-color': TEXT.halo, 'text-halo-width': 1.6, 'text-halo-blur': 0.4 };

export function buildLayers(): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
    {
      id: 'county-fill',
      type: 'fill',
      source: STATIC_SOURCE,
      'source-layer': 'county',
      // Edges are drawn by county-border: the antialiased outline would be a second pass (and
      // shader) over the whole county on every frame.
      paint: { 'fill-color': COUNTY_FILL, 'fill-antialias': false, 'fill-opacity': underBasemap(0) },
    },
    {
      id: 'village-area-fill',
      type: 'fill',
      source: 'villages',
      'source-layer': VILLAGE_AREAS_LAYER,
      maxzoom: VILLAGE_AREA_ZOOMS.villageFrom,
      layout: { visibility: showWhen('villages') },
      paint: {
        'fill-color': villageAreaColour,
        'fill-opacity': ['*', 0.82, underBasemap(BASEMAP_SHOW_THROUGH)],
        'fill-outline-color': BOUNDARY.village,
      },
    },
    {
      id: LAYER.villageFill,
      type: 'fill',
      source: 'villages',
      'source-layer': 'villages',
      layout: { visibility: showWhen('villages') },
      paint: { 'fill-color': villageFillColour, 'fill-opacity': ['*', focusOpacity(inFocusTownship, 0.82, 0.18), underBasemap(BASEMAP_SHOW_THROUGH)] },
    },
    {
      id: 'village-border',
      type: 'line',
      source: STATIC_SOURCE,
      'source-layer': 'villages_outline',
      minzoom: 8,
      layout: { visibility: showWhen('villages') },
      paint: { 'line-color': BOUNDARY.village, 'line-width': zoomRamp(8, 0.3, 13, 1.2), 'line-opacity': 0.9 },
    },
    {
      id: 'village-wrong-exit',
      type: 'line',
      source: 'villages',
      'source-layer': 'villages',
      filter: ['==', villageCategory, 'wrong_exit'],
      // Only meaningful next to a legend that has wrong exits.
      layout: {
        visibility: ['case', ['all', globalState('show_villages'), ['match', globalState('colourMode'), ['infra', 'monitoring', 'warnings'], false, true]], 'visible', 'none'],
      },
      paint: { 'line-color': WRONG_EXIT_OUTLINE, 'line-width': zoomRamp(8, 1.6, 13, 3.5) },
    },
    {
      id: 'township-border',
      type: 'line',
      source: STATIC_SOURCE,
      'source-layer': 'townships',
      paint: { 'line-color': BOUNDARY.township, 'line-width': zoomRamp(8, 1.2, 13, 2.6), 'line-opacity': 0.85 },
    },
    {
      // A prefecture's counties (the source layer is empty in a county's portal).
      id: 'counties-border',
      type: 'line',
      source: STATIC_SOURCE,
      'source-layer': 'counties',
      paint: { 'line-color': BOUNDARY.county, 'line-width': zoomRamp(6, 1, 13, 3), 'line-opacity': 0.8 },
    },
    {
      id: 'county-focus',
      type: 'line',
      source: STATIC_SOURCE,
      'source-layer': 'counties',
      filter: ['==', ['get', 'code'], globalState('county')],
      paint: { 'line-color': HIGHLIGHT, 'line-width': zoomRamp(6, 2, 13, 5), 'line-blur': 0.5 },
    },
    {
      id: 'township-focus',
      type: 'line',
      source: STATIC_SOURCE,
      'source-layer': 'townships',
      filter: ['==', ['get', 'code'], globalState('township')],
      paint: { 'line-color': BOUNDARY.county, 'line-width': zoomRamp(8, 2.5, 13, 4.5), 'line-blur': 0.5 },
    },
    {
      id: 'county-border',
      type: 'line',
      source: STATIC_SOURCE,
      'source-layer': 'county',
      paint: { 'line-color': BOUNDARY.county, 'line-width': zoomRamp(6, 1.5, 13, 4) },
    },
    {
      id: 'village-highlight',
      type: 'line',
      source: 'villages',
      'source-layer': 'villages',
      paint: {
        'line-color': HIGHLIGHT,
        'line-width': byFeatureState(3.5, 2, 0),
        'line-opacity': byFeatureState(1, 0.8, 0),
      },
    },
    {
      id: 'road-casing',
      type: 'line',
      source: 'roads',
      'source-layer': 'roads',
      layout: { visibility: showWhen('roads'), 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': byFeatureState(HIGHLIGHT, HIGHLIGHT, BACKGROUND),
        'line-width': zoomRamp(8, 3.5, 14, 10),
        'line-opacity': focusOpacity(inFocusTownship, 0.9, 0.2),
      },
    },
    {
      id: LAYER.road,
      type: 'line',
      source: 'roads',
      'source-layer': 'roads',
      layout: { visibility: showWhen('roads'), 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': matchColour('status', PROJECT_STATUS_COLOURS),
        'line-width': zoomRamp(8, 1.8, 14, 6),
        'line-dasharray': ['case', ['==', ['get', 'status'], 'planned'], ['literal', PLANNED_ROAD_DASH], ['literal', [1, 0]]],
        'line-opacity': focusOpacity(inFocusTownship, 1, 0.25),
      },
    },
    {
      // Road works at a point (招呼站): line layers skip points, so they need their own.
      id: LAYER.busStop,
      type: 'circle',
      source: 'roads',
      'source-layer': 'roads',
      filter: ['==', ['geometry-type'], 'Point'],
      layout: { visibility: showWhen('roads') },
      paint: {
        'circle-radius': zoomRamp(8, BUS_STOP_RADIUS * 0.8, 14, BUS_STOP_RADIUS * 1.6),
        'circle-color': matchColour('status', PROJECT_STATUS_COLOURS),
        'circle-stroke-color': byFeatureState(HIGHLIGHT, HIGHLIGHT, BACKGROUND),
        'circle-stroke-width': byFeatureState(3, 2.5, 1.5),
        'circle-opacity': focusOpacity(inFocusTownship, 1, 0.25),
        'circle-stroke-opacity': focusOpacity(inFocusTownship, 1, 0.25),
      },
    },
    {
      id: 'water-halo',
      type: 'circle',
      source: 'water',
      'source-layer': 'water',
      layout: { visibility: showWhen('water') },
      paint: {
        'circle-color': HIGHLIGHT,
        'circle-radius': zoomRamp(8, 10, 14, 16),
        'circle-blur': 0.6,
        'circle-opacity': byFeatureState(0.9, 0.6, 0),
      },
    },
    {
      id: LAYER.water,
      type: 'symbol',
      source: 'water',
      'source-layer': 'water',
      layout: {
        visibility: showWhen('water'),
        'icon-image': match(
          'status',
          PROJECT_STATUS_ORDER.map((status) => [status, waterIconName(status)]),
          waterIconName('planned'),
        ),
        'icon-size': zoomRamp(8, 0.8, 14, 1.4),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: { 'icon-opacity': focusOpacity(inFocusTownship, 1, 0.25) },
    },
    {
      id: LAYER.site,
      type: 'circle',
      source: 'sites',
      'source-layer': 'sites',
      layout: { visibility: showWhen('sites'), 'circle-sort-key': ['-', 0, ['to-number', ['get', 'plannedHouseholds'], 0]] },
      paint: {
        'circle-radius': siteRadius(),
        'circle-color': rampColour(['to-number', ['get', 'occupancyRate'], 0], OCCUPANCY_RAMP),
        'circle-stroke-color': byFeatureState(
          HIGHLIGHT,
          HIGHLIGHT,
          ['case', belowTarget, SITE_BELOW_TARGET_RING, SITE_RING],
        ),
        'circle-stroke-width': byFeatureState(4, 3, ['case', belowTarget, 3, 1.2]),
        'circle-opacity': focusOpacity(inFocusTownship, 0.95, 0.25),
        'circle-stroke-opacity': focusOpacity(inFocusTownship, 1, 0.25),
      },
    },
    {
      id: LAYER.siteLabel,
      type: 'symbol',
      source: 'sites',
      'source-layer': 'sites',
      minzoom: 11.5,
      layout: {
        visibility: showWhen('sites'),
        // Name, then the occupancy rate: the figure officials look for first.
        'text-field': ['format', localisedName, {}, '\n', {}, occupancyPercent, { 'font-scale': 0.85 }],
        'text-font': FONT,
        'text-size': 12,
        'text-offset': [0, 1.4],
        'text-anchor': 'top',
      },
      paint: haloText,
    },
    {
      id: 'label-township',
      type: 'symbol',
      source: STATIC_SOURCE,
      'source-layer': 'labels',
      maxzoom: 11,
      filter: ['==', ['get', 'kind'], 'township'],
      layout: {
        visibility: showWhen('labels'),
        'text-field': localisedName,
        'text-font': FONT,
        'text-size': zoomRamp(8, 13, 11, 17),
        'text-letter-spacing': 0.1,
        'symbol-sort-key': ['to-number', ['get', 'rank'], 0],
      },
      paint: { ...haloText, 'text-halo-width': 2 },
    },
    {
      id: 'label-county',
      type: 'symbol',
      source: STATIC_SOURCE,
      'source-layer': 'labels',
      maxzoom: 9,
      filter: ['==', ['get', 'kind'], 'county'],
      layout: {
        visibility: showWhen('labels'),
        'text-field': localisedName,
        'text-font': FONT,
        'text-size': zoomRamp(6, 14, 9, 19),
        'text-letter-spacing': 0.1,
      },
      paint: { ...haloText, 'text-halo-width': 2.2 },
    },
    {
      id: 'label-village',
      type: 'symbol',
      source: STATIC_SOURCE,
      'source-layer': 'labels',
      minzoom: 11,
      filter: ['==', ['get', 'kind'], 'village'],
      layout: {
        visibility: showWhen('labels'),
        'text-field': localisedName,
        'text-font': FONT,
        'text-size': zoomRamp(11, 12, 14, 15),
        'symbol-sort-key': ['to-number', ['get', 'rank'], 0],
      },
      paint: haloText,
    },
  ];
}
