// The MapLibre style: our own vector sources only. No `glyphs` (labels are drawn locally with the
// browser's fonts), no `sprite` (icons are drawn on a canvas), no basemap: nothing leaves the machine.
import type { StyleSpecification, VectorSourceSpecification } from 'maplibre-gl';
import { DYNAMIC_LAYERS, type DynamicLayer, type TileVersions } from '../../../common/api';
import { buildLayers, FEATURE_ID, STATIC_SOURCE } from './layers';
import type { MapGlobalState } from './state';

/** Dynamic tiles carry their layer version so that a bump refetches only that source. */
export function dynamicTileUrl(layer: DynamicLayer, version: number): string {
  return `${location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt?v=${version}`;
}

function dynamicSource(layer: DynamicLayer, version: number): VectorSourceSpecification {
  return { type: 'vector', tiles: [dynamicTileUrl(layer, version)], maxzoom: 14, promoteId: FEATURE_ID[layer] };
}

export function buildStyle(versions: TileVersions, initialState: MapGlobalState): StyleSpecification {
  const dynamicSources = Object.fromEntries(
    DYNAMIC_LAYERS.map((layer) => [layer, dynamicSource(layer, versions[layer])]),
  );
  return {
    version: 8,
    state: Object.fromEntries(Object.entries(initialState).map(([key, value]) => [key, { default: value }])),
    sources: {
      [STATIC_SOURCE]: { type: 'vector', url: `pmtiles://${location.origin}/tiles/static.pmtiles` },
      ...dynamicSources,
    },
    layers: buildLayers(),
  };
}
