// Problem-ledger markers on a map: a GeoJSON source fed by /api/problems/map (problems not yet
// closed), drawn above every data layer. Badges are drawn on a canvas: the style fetches no sprite.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { PROBLEM_MARKER_RING, PROBLEM_MARKER_STATES, PROBLEM_MARKERS, PROBLEM_OVERDUE_HALO, type ProblemMarkerState } from './palette';

export const PROBLEM_SOURCE = 'problems';
export const PROBLEM_MARKER_LAYER = 'problem-marker';
const HALO_LAYER = 'problem-overdue-halo';
const PIXEL_RATIO = 2;
const SIZE_PX = 20;

const iconName = (state: ProblemMarkerState) => `problem-${state}`;

/** The marker state a feature shows: overdue wins over its status. */
const stateExpression = ['case', ['to-boolean', ['get', 'overdue']], 'overdue', ['get', 'status']] as const;

/** The badge, also drawn by the legend and the PNG export so they cannot disagree with the map. */
export function drawProblemBadge(ctx: CanvasRenderingContext2D, state: ProblemMarkerState, cx: number, cy: number, radius: number): void {
  const { fill, glyph, glyphColour } = PROBLEM_MARKERS[state];
  ctx.beginPath();
  ctx.arc(cx, cy, radius, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = Math.max(1.5, radius / 5);
  ctx.strokeStyle = PROBLEM_MARKER_RING;
  ctx.stroke();
  ctx.fillStyle = glyphColour;
  ctx.font = `bold ${Math.round(radius * 1.3)}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(glyph, cx, cy + radius * 0.05);
}

function badgeImage(state: ProblemMarkerState): ImageData {
  const size = SIZE_PX * PIXEL_RATIO;
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  ctx.canvas.width = ctx.canvas.height = size;
  drawProblemBadge(ctx, state, size / 2, size / 2, size / 2 - 3);
  return ctx.getImageData(0, 0, size, size);
}

/** Adds the source and layers once; later calls only replace the data. */
export function showProblems(map: MapLibreMap, data: GeoJSON.FeatureCollection): void {
  const existing = map.getSource<GeoJSONSource>(PROBLEM_SOURCE);
  if (existing) {
    void existing.setData(data);
    return;
  }
  for (const state of PROBLEM_MARKER_STATES) {
    if (!map.hasImage(iconName(state))) map.addImage(iconName(state), badgeImage(state), { pixelRatio: PIXEL_RATIO });
  }
  map.addSource(PROBLEM_SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: HALO_LAYER,
    type: 'circle',
    source: PROBLEM_SOURCE,
    filter: ['to-boolean', ['get', 'overdue']],
    paint: { 'circle-color': PROBLEM_OVERDUE_HALO, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 13, 14, 19], 'circle-opacity': 0.35, 'circle-blur': 0.5 },
  });
  map.addLayer({
    id: PROBLEM_MARKER_LAYER,
    type: 'symbol',
    source: PROBLEM_SOURCE,
    layout: {
      'icon-image': ['concat', 'problem-', stateExpression] as never,
      'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.85, 14, 1.25],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      // Overdue on top.
      'symbol-sort-key': ['case', ['to-boolean', ['get', 'overdue']], 1, 0],
    },
  });
}
