// The portal's MapLibre map as every page frames it: the county and a margin around it, north up
// (no rotation or tilt: officials compare it with paper maps), zoom buttons and a scale, and icons
// drawn on demand because the style has no sprite to fetch them from.
import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type PaddingOptions,
  type StyleSpecification,
} from 'maplibre-gl';
import { DYNAMIC_LAYERS, type BBox, type TileVersions } from '../../../common/api';
import { noteFailedTiles, setSourceTiles } from './failed-tiles';
import { addWaterIcons } from './icons';
import { dynamicTileUrl } from './style';

export interface PortalMapOptions {
  container: HTMLElement;
  style: StyleSpecification;
  countyBbox: BBox;
  /** Keeps the county clear of whatever the page lays over the map. */
  padding: PaddingOptions;
  /** Canvas pixels per CSS pixel; undefined follows the screen. */
  pixelRatio?: number;
  /** Draws the icons a page's own layers name, besides the water-project triangles. */
  addImages?: (map: MapLibreMap) => void;
}

/** Maps whose style is in: MapLibre refuses feature state, global state and source changes before. */
const styled = new WeakSet<MapLibreMap>();

/**
 * Runs now if the map's style is in, else as soon as it is. A page can select or recolour before
 * its new map has its style (the selection carries over from another page, a live change arrives).
 */
export function whenStyled(map: MapLibreMap | null, run: (map: MapLibreMap) => void): void {
  if (!map) return;
  if (styled.has(map)) run(map);
  else map.once('style.load', () => run(map));
}

export function createPortalMap(options: PortalMapOptions): MapLibreMap {
  const [w, s, e, n] = options.countyBbox;
  const margin = Math.max(e - w, n - s);
  const map = new MapLibreMap({
    container: options.container,
    style: options.style,
    bounds: options.countyBbox,
    fitBoundsOptions: { padding: options.padding },
    pixelRatio: options.pixelRatio,
    // There is nothing to see further out.
    maxBounds: [w - margin, s - margin, e + margin, n + margin],
    minZoom: 6,
    maxZoom: 16,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.once('style.load', () => styled.add(map));
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.setMissingStyleImageResolver(() => {
    addWaterIcons(map);
    options.addImages?.(map);
  });
  map.on('error', (event) => console.warn('map error', event.error));
  noteFailedTiles(map, DYNAMIC_LAYERS);
  return map;
}

/** A version bump refetches that layer's tiles only. */
export function applyTileVersions(map: MapLibreMap, next: TileVersions, previous: TileVersions | null | undefined): void {
  whenStyled(map, (styledMap) => {
    for (const layer of DYNAMIC_LAYERS) {
      if (next[layer] !== previous?.[layer]) setSourceTiles(styledMap, layer, dynamicTileUrl(layer, next[layer]));
    }
  });
}
