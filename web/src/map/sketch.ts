// Drawing on the map with plain MapLibre events: a click adds a vertex, a double click or Enter
// finishes, Backspace takes the last vertex back, Esc cancels (asking first once a vertex is placed). The sketch is a temporary GeoJSON
// source on top of every layer; the vertices live in the sketch store.
import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { onScopeDispose, watch } from 'vue';
import type { LonLat } from '../../../common/api';
import { useSketchStore } from '../stores/sketch';
import { SKETCH } from './palette';

const SOURCE = 'sketch';
/** The two clicks of a double click land within a few pixels: the second adds no vertex. */
const SAME_VERTEX_PX = 4;

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function ensureLayers(map: MapLibreMap): GeoJSONSource {
  if (!map.getSource(SOURCE)) {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const lines: FilterSpecification = ['==', ['geometry-type'], 'LineString'];
    map.addLayer({ id: 'sketch-casing', type: 'line', source: SOURCE, filter: lines, paint: { 'line-color': SKETCH.casing, 'line-width': 7 } });
    map.addLayer({
      id: 'sketch-line',
      type: 'line',
      source: SOURCE,
      filter: lines,
      paint: {
        'line-color': SKETCH.line,
        'line-width': 3.5,
        // The segment to the pointer is only a proposal until the next click.
        'line-dasharray': ['case', ['boolean', ['get', 'proposal'], false], ['literal', [2, 1.5]], ['literal', [1, 0]]],
      },
    });
    map.addLayer({
      id: 'sketch-vertex',
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 5, 'circle-color': SKETCH.vertex, 'circle-stroke-color': SKETCH.line, 'circle-stroke-width': 2.5 },
    });
  }
  return map.getSource<GeoJSONSource>(SOURCE)!;
}

function features(vertices: readonly GeoJSON.Position[], pointer: LonLat | null): GeoJSON.Feature[] {
  const out: GeoJSON.Feature[] = vertices.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } }));
  if (vertices.length >= 2) out.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [...vertices] } });
  if (pointer && vertices.length) {
    out.push({ type: 'Feature', properties: { proposal: true }, geometry: { type: 'LineString', coordinates: [vertices[vertices.length - 1], pointer] } });
  }
  return out;
}

/** Wires the sketch store to the map that `getMap` returns; call from the component owning the map. */
export function useSketchOnMap(getMap: () => MapLibreMap | null): void {
  const sketch = useSketchStore();
  let pointer: LonLat | null = null;

  function render(): void {
    const map = getMap();
    if (!map) return;
    const geometry = sketch.draft?.geometry;
    const draftCoords = !geometry ? [] : geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
    const lineDrawing = sketch.drawing?.geometryType === 'LineString';
    void ensureLayers(map).setData({
      type: 'FeatureCollection',
      features: sketch.drawing ? features(sketch.vertices, lineDrawing ? pointer : null) : features(draftCoords, null),
    });
  }

  function onClick(event: MapMouseEvent): void {
    const map = getMap();
    const last = sketch.vertices[sketch.vertices.length - 1];
    if (map && last) {
      const p = map.project(last);
      if (Math.hypot(p.x - event.point.x, p.y - event.point.y) < SAME_VERTEX_PX) return;
    }
    sketch.addVertex([round6(event.lngLat.lng), round6(event.lngLat.lat)]);
  }

  function onDoubleClick(event: MapMouseEvent): void {
    event.preventDefault();
    sketch.finish();
  }

  function onMove(event: MapMouseEvent): void {
    pointer = [event.lngLat.lng, event.lngLat.lat];
    render();
  }

  function onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [role=alertdialog]')) return;
    if (event.key === 'Enter') sketch.finish();
    else if (event.key === 'Escape') sketch.requestDiscard();
    else if (event.key === 'Backspace') {
      event.preventDefault();
      sketch.undo();
    }
  }

  function attach(map: MapLibreMap): void {
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', onClick);
    map.on('dblclick', onDoubleClick);
    map.on('mousemove', onMove);
    window.addEventListener('keydown', onKey);
  }

  function detach(map: MapLibreMap): void {
    map.off('click', onClick);
    map.off('dblclick', onDoubleClick);
    map.off('mousemove', onMove);
    window.removeEventListener('keydown', onKey);
    map.getCanvas().style.cursor = '';
    pointer = null;
    // Re-enabled only after the double click that finished the line has been handled.
    setTimeout(() => map.doubleClickZoom.enable(), 0);
  }

  watch(
    () => sketch.drawing !== null,
    (drawing) => {
      const map = getMap();
      if (!map) return;
      if (drawing) attach(map);
      else detach(map);
    },
  );
  watch([() => sketch.vertices, () => sketch.draft], render);
  onScopeDispose(() => window.removeEventListener('keydown', onKey));
}
