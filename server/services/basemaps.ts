// The basemaps this deployment offers, from its configuration: a local PMTiles archive (vector tiles
// in the Protomaps schema, styled in the browser with @protomaps/basemaps), 天地图 vector and
// imagery (WMTS by key), and any XYZ raster or Protomaps-schema vector tiles on the intranet.
import { BASEMAP_ARCHIVE_PATH, NO_BASEMAP, type BasemapOption } from '../../common/basemaps';

export interface BasemapConfig {
  /** Attribution of the local archive: the configured one, else what the archive's metadata says. */
  localAttribution?: string;
  hasLocalArchive: boolean;
  tiandituKey?: string;
  /** {s} the mirror 0–7, {layer} vec/cva/img/cia, {key}, {z}/{x}/{y}. */
  tiandituUrl: string;
  xyzRasterUrl?: string;
  xyzRasterName?: string;
  xyzRasterAttribution?: string;
  xyzVectorUrl?: string;
  xyzVectorAttribution?: string;
}

export const TIANDITU_URL =
  'https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}';
const TIANDITU_ATTRIBUTION = '© 天地图 国家地理信息公共服务平台';
const MIRRORS = ['0', '1', '2', '3', '4', '5', '6', '7'];

function tiandituTiles(template: string, layer: string, key: string): string[] {
  const filled = template.replaceAll('{layer}', layer).replaceAll('{key}', encodeURIComponent(key));
  return filled.includes('{s}') ? MIRRORS.map((s) => filled.replaceAll('{s}', s)) : [filled];
}

export function basemapOptions(config: BasemapConfig): BasemapOption[] {
  const options: BasemapOption[] = [NO_BASEMAP];
  if (config.hasLocalArchive) {
    options.push({
      id: 'local', kind: 'vector', name: '本地底图', nameEn: 'Local basemap', tiles: [], pmtiles: BASEMAP_ARCHIVE_PATH,
      attribution: config.localAttribution ?? '本地底图 Local basemap', maxzoom: 15,
    });
  }
  if (config.tiandituKey) {
    const { tiandituKey: key, tiandituUrl: url } = config;
    options.push(
      { id: 'tianditu-vec', kind: 'raster', name: '天地图 矢量', nameEn: 'Tianditu map', tiles: tiandituTiles(url, 'vec', key), overlayTiles: tiandituTiles(url, 'cva', key), attribution: TIANDITU_ATTRIBUTION, maxzoom: 18 },
      { id: 'tianditu-img', kind: 'raster', name: '天地图 影像', nameEn: 'Tianditu imagery', tiles: tiandituTiles(url, 'img', key), overlayTiles: tiandituTiles(url, 'cia', key), attribution: TIANDITU_ATTRIBUTION, maxzoom: 18 },
    );
  }
  if (config.xyzRasterUrl) {
    options.push({
      id: 'xyz-raster', kind: 'raster', name: config.xyzRasterName ?? '内网底图', nameEn: config.xyzRasterName ?? 'Intranet basemap',
      tiles: [config.xyzRasterUrl], attribution: config.xyzRasterAttribution ?? '', maxzoom: 18,
    });
  }
  if (config.xyzVectorUrl) {
    options.push({
      id: 'xyz-vector', kind: 'vector', name: '内网矢量底图', nameEn: 'Intranet vector basemap',
      tiles: [config.xyzVectorUrl], attribution: config.xyzVectorAttribution ?? '', maxzoom: 15,
    });
  }
  return options;
}
