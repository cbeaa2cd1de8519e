// Builds the static vector-tile archive (county, townships, village outlines, labels) of one county.
// CLI: npx tsx tiles/build-static.ts [countyCode]   reads data/generated/<code>.json, writes <code>.pmtiles
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bbox } from '@turf/turf';
import { STATIC_LAYERS } from '../common/api';
import type { Dataset } from '../common/dataset';
import { cutLayers } from './cut-layers';
import { formatBytes, type Bounds } from './tile-grid';
import { writePmtiles } from './pmtiles-writer';
import { STATIC_LAYER_INFO, staticLayerGeoJson, type StaticSource } from './static-layers';

export interface StaticTileOptions {
  minZoom: number;
  maxZoom: number;
  log?: (line: string) => void;
}

/** z6 still shows the county in its province; z14 is where geojson-vt stops simplifying. */
export const DEFAULT_ZOOMS = { minZoom: 6, maxZoom: 14 } as const;

export function buildStaticTiles(dataset: StaticSource, options: StaticTileOptions): Buffer {
  const { minZoom, maxZoom } = options;
  const bounds = datasetBounds(dataset);
  const tiles = cutLayers(staticLayerGeoJson(dataset), bounds, options);

  return writePmtiles(tiles, {
    metadata: archiveMetadata(dataset, minZoom, maxZoom),
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, centerZoom(bounds, minZoom, maxZoom)],
    minZoom,
    maxZoom,
  });
}

function datasetBounds(dataset: StaticSource): Bounds {
  const all: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: [dataset.county, ...dataset.townships, ...dataset.villages],
  };
  const [minLon, minLat, maxLon, maxLat] = bbox(all);
  return [minLon, minLat, maxLon, maxLat];
}

/** The zoom at which the county spans about two 256 px tiles, i.e. fills a typical map view. */
function centerZoom([minLon, , maxLon]: Bounds, minZoom: number, maxZoom: number): number {
  const fitsOneTile = Math.floor(Math.log2(360 / Math.max(maxLon - minLon, 1e-9)));
  return Math.min(maxZoom, Math.max(minZoom, fitsOneTile + 1));
}

function archiveMetadata(dataset: StaticSource, minZoom: number, maxZoom: number): Record<string, unknown> {
  const { county, sources, demo } = dataset.meta;
  return {
    name: `${county.nameEn} static layers`,
    description: `${county.name} ${demo ? 'demo ' : ''}static layers`,
    // Kept short because the map shows it; the full provenance goes in `sources`.
    attribution: demo ? '演示数据 Demo data: generated boundaries and figures, not official' : '边界为导入的实测数据 Boundaries imported from survey data',
    sources,
    version: '1',
    type: 'overlay',
    format: 'pbf',
    vector_layers: STATIC_LAYERS.map((id) => ({ id, minzoom: minZoom, maxzoom: maxZoom, ...STATIC_LAYER_INFO[id] })),
  };
}

function runCli(): void {
  const code = process.argv[2] ?? '140721';
  const generated = fileURLToPath(new URL('../data/generated/', import.meta.url));
  const started = performance.now();
  const dataset = JSON.parse(readFileSync(resolve(generated, `${code}.json`), 'utf8')) as Dataset;
  const archive = buildStaticTiles(dataset, { ...DEFAULT_ZOOMS, log: console.log });
  const outPath = resolve(generated, `${code}.pmtiles`);
  writeFileSync(outPath, archive);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`wrote ${outPath}: ${formatBytes(archive.length)} in ${seconds} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli();
