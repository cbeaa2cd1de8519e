// The basemaps a portal offers under its own layers. None is always there and is the default: it
// works on any intranet and sends no request anywhere. Every other one exists only when the
// deployment configures it (server/services/basemaps.ts), so nothing leaves the machine unasked.
export type BasemapKind = 'none' | 'raster' | 'vector';

export interface BasemapOption {
  id: string;
  kind: BasemapKind;
  name: string;
  nameEn: string;
  /** XYZ tile URL templates ({z}/{x}/{y}); several are the same tiles from mirrors. */
  tiles: string[];
  /** A PMTiles archive of vector tiles, served by the portal (vector kind only). */
  pmtiles?: string;
  /** Labels drawn over an imagery or vector raster (天地图's annotation layers). */
  overlayTiles?: string[];
  attribution: string;
  maxzoom: number;
}

export const NO_BASEMAP: BasemapOption = { id: 'none', kind: 'none', name: '无底图', nameEn: 'No basemap', tiles: [], attribution: '', maxzoom: 0 };

/** Where the portal serves a local basemap archive (BASEMAP_PMTILES). */
export const BASEMAP_ARCHIVE_PATH = '/tiles/basemap.pmtiles';
