// Field layers: the device's position with its accuracy circle, and site photos where they were
// taken (their EXIF position, else where their record was made). Households never go on a map.
import { circle } from '@turf/turf';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { MadeAt } from '../../../common/schemas';

const ME_SOURCE = 'my-position';
export const PHOTO_SOURCE = 'field-photos';
export const PHOTO_LAYER = 'field-photo-marker';
const ME_COLOUR = '#38bdf8';
const PHOTO_COLOUR = '#f472b6';

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

function positionFeatures(p: MadeAt | null): GeoJSON.FeatureCollection {
  if (!p) return empty();
  const accuracy = circle([p.lon, p.lat], Math.max(p.accuracy, 1) / 1000, { steps: 64, units: 'kilometers' });
  return {
    type: 'FeatureCollection',
    features: [
      { ...accuracy, properties: { part: 'accuracy' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { part: 'dot' } },
    ],
  };
}

/** Adds the source and layers on first use; later calls move them. */
export function showMyPosition(map: MapLibreMap, p: MadeAt | null): void {
  const source = map.getSource<GeoJSONSource>(ME_SOURCE);
  if (source) {
    void source.setData(positionFeatures(p));
    return;
  }
  map.addSource(ME_SOURCE, { type: 'geojson', data: positionFeatures(p) });
  map.addLayer({ id: 'my-accuracy', type: 'fill', source: ME_SOURCE, filter: ['==', ['get', 'part'], 'accuracy'], paint: { 'fill-color': ME_COLOUR, 'fill-opacity': 0.15 } });
  map.addLayer({ id: 'my-accuracy-edge', type: 'line', source: ME_SOURCE, filter: ['==', ['get', 'part'], 'accuracy'], paint: { 'line-color': ME_COLOUR, 'line-width': 1 } });
  map.addLayer({
    id: 'my-dot', type: 'circle', source: ME_SOURCE, filter: ['==', ['get', 'part'], 'dot'],
    paint: { 'circle-color': ME_COLOUR, 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2.5 },
  });
}

export function showPhotos(map: MapLibreMap, data: GeoJSON.FeatureCollection): void {
  const source = map.getSource<GeoJSONSource>(PHOTO_SOURCE);
  if (source) {
    void source.setData(data);
    return;
  }
  map.addSource(PHOTO_SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: PHOTO_LAYER, type: 'circle', source: PHOTO_SOURCE,
    paint: { 'circle-color': PHOTO_COLOUR, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 14, 8], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
  });
}
