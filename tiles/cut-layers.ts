// Cuts named GeoJSON layers into gzipped vector tiles over a bounding box, zoom by zoom: what the
// county's static archive and the demo basemap archive are both made of.
import { gzipSync } from 'node:zlib';
import GeoJSONVT, { type LegacyTile } from 'geojson-vt';
import vtPbf from 'vt-pbf';
import { formatBytes, tilesCovering, type Bounds } from './tile-grid';
import type { ArchiveTile } from './pmtiles-writer';

const EXTENT = 4096;

export interface CutOptions {
  minZoom: number;
  maxZoom: number;
  log?: (line: string) => void;
}

export function cutLayers(layers: Record<string, GeoJSON.FeatureCollection>, bounds: Bounds, { minZoom, maxZoom, log = () => {} }: CutOptions): ArchiveTile[] {
  const indexes = Object.entries(layers).map(([name, collection]) => [name, new GeoJSONVT(collection, { maxZoom, extent: EXTENT })] as const);
  const tiles: ArchiveTile[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    let zoomBytes = 0;
    let zoomTiles = 0;
    for (const { x, y } of tilesCovering(bounds, z)) {
      const tileLayers: Record<string, LegacyTile> = {};
      for (const [name, index] of indexes) {
        const tile = index.getTile(z, x, y);
        if (tile && tile.features.length > 0) tileLayers[name] = tile;
      }
      if (Object.keys(tileLayers).length === 0) continue;
      const data = gzipSync(vtPbf.fromGeojsonVt(tileLayers, { version: 2, extent: EXTENT }));
      tiles.push({ z, x, y, data });
      zoomTiles++;
      zoomBytes += data.length;
    }
    log(`z${z}: ${zoomTiles} tiles, ${formatBytes(zoomBytes)}`);
  }
  return tiles;
}
