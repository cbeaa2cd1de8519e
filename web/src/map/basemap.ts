// The basemap under the portal's layers: raster tiles (天地图, an intranet XYZ) or vector tiles in
// the Protomaps schema (a local PMTiles archive, an intranet XYZ) styled with @protomaps/basemaps.
// Fills go just above the county's own fill, labels just below the portal's labels, so the
// villages' colours and names stay on top. Switching swaps these layers, never the whole style.
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import { AttributionControl, type LayerSpecification, type Map as MapLibreMap, type SourceSpecification } from 'maplibre-gl';
import { watch } from 'vue';
import type { BasemapOption } from '../../../common/basemaps';
import { locale } from '../i18n';
import { useBasemapStore } from '../stores/basemap';
import { activeMap } from './active-map';
import { whenStyled } from './create';
import { drawIcon, ICON_PIXEL_RATIO } from './icons';
import { BASEMAP_PLACE } from './palette';

const SOURCE = 'basemap';
const OVERLAY_SOURCE = 'basemap-overlay';
const PREFIX = 'basemap-';
/** The portal's layers the basemap goes under: its fills under the villages, its labels under ours. */
const FILLS_BEFORE = 'village-area-fill';
const LABELS_BEFORE = 'label-township';
/** Icon layers need the Protomaps sprite, which a portal without internet does not have: town dots are drawn (map/create.ts). */
const WITHOUT_SPRITE = new Set(['pois', 'roads_shields', 'roads_oneway']);

const absolute = (url: string) => (url.startsWith('/') ? `${location.origin}${url}` : url);

function sources(option: BasemapOption): Record<string, SourceSpecification> {
  const attribution = option.attribution;
  if (option.kind === 'raster') {
    const raster = (tiles: string[]): SourceSpecification => ({ type: 'raster', tiles, tileSize: 256, maxzoom: option.maxzoom, attribution });
    return { [SOURCE]: raster(option.tiles), ...(option.overlayTiles ? { [OVERLAY_SOURCE]: raster(option.overlayTiles) } : {}) };
  }
  return {
    [SOURCE]: option.pmtiles
      ? { type: 'vector', url: `pmtiles://${absolute(option.pmtiles)}`, attribution }
      : { type: 'vector', tiles: option.tiles.map(absolute), maxzoom: option.maxzoom, attribution },
  };
}

function layers(option: BasemapOption): LayerSpecification[] {
  if (option.kind === 'raster') {
    return [SOURCE, ...(option.overlayTiles ? [OVERLAY_SOURCE] : [])].map((source) => ({ id: PREFIX + source, type: 'raster', source }));
  }
  return protomapsLayers(SOURCE, namedFlavor('dark'), { lang: locale.value === 'en' ? 'en' : 'zh' })
    .filter((layer) => layer.type !== 'background' && !WITHOUT_SPRITE.has(layer.id))
    .map((layer) => ({ ...layer, id: PREFIX + layer.id }));
}

/** The dots Protomaps puts beside town names, drawn here since there is no sprite to take them from. */
const PLACE_DOTS = { townspot: 'M8 5 A3 3 0 1 1 7.99 5 Z', capital: 'M8 3.5 A4.5 4.5 0 1 1 7.99 3.5 Z' };
const attributions = new WeakMap<MapLibreMap, AttributionControl>();

function addPlaceDots(map: MapLibreMap): void {
  for (const [name, path] of Object.entries(PLACE_DOTS)) {
    if (!map.hasImage(name)) map.addImage(name, drawIcon(path, BASEMAP_PLACE), { pixelRatio: ICON_PIXEL_RATIO });
  }
}

/** The basemap's owners are named whenever it is shown; the portal's own map needs no credit line. */
function showAttribution(map: MapLibreMap, shown: boolean): void {
  const control = attributions.get(map);
  if (shown && !control) {
    const added = new AttributionControl({ compact: true });
    map.addControl(added, 'bottom-right');
    attributions.set(map, added);
  } else if (!shown && control) {
    map.removeControl(control);
    attributions.delete(map);
  }
}

function remove(map: MapLibreMap): void {
  for (const layer of map.getStyle().layers) if (layer.id.startsWith(PREFIX)) map.removeLayer(layer.id);
  for (const source of [SOURCE, OVERLAY_SOURCE]) if (map.getSource(source)) map.removeSource(source);
}

export function applyBasemap(map: MapLibreMap, option: BasemapOption): void {
  remove(map);
  showAttribution(map, option.kind !== 'none');
  if (option.kind === 'none') return;
  addPlaceDots(map);
  for (const [id, source] of Object.entries(sources(option))) map.addSource(id, source);
  for (const layer of layers(option)) {
    const before = layer.type === 'symbol' ? LABELS_BEFORE : FILLS_BEFORE;
    map.addLayer(layer, map.getLayer(before) ? before : undefined);
  }
}

/** Keeps the basemap of the map on screen the chosen one, in the UI language; call from the component owning the map. */
export function useBasemapOnMap(): void {
  const basemap = useBasemapStore();
  void basemap.load();
  watch(
    [() => basemap.chosen, locale, activeMap],
    ([option, , map]) => whenStyled(map, (styled) => applyBasemap(styled, option)),
    { immediate: true },
  );
}
