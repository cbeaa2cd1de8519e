// Builds the national (or one province's) PMTiles archive from data/generated/national*/:
//   county  — county outlines, simplified per zoom by geojson-vt, with village counts;
//   labels  — one label point per county (kind 'county', rank 1), like the county archive's labels;
//   villages — village points with their exit status, thinned below FULL_ZOOM to one per grid cell
//              (most important first), all of them from FULL_ZOOM on.
// CLI: npx tsx tiles/build-national.ts [prefix]   (npm run build:national:tiles)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bbox } from '@turf/turf';
import GeoJSONVT, { type LegacyTile } from 'geojson-vt';
import vtPbf from 'vt-pbf';
import { exitStatus, type ExitStatus } from '../common/indicators';
import {
  NATIONAL_FILES, type NationalCounty, type NationalMeta, type NationalVillage,
} from '../common/national-dataset';
import { nationalDir } from '../data/build/national/build-national';
import { readNdjsonGz } from '../data/build/national/ndjson';
import { readOutlineFeature } from '../data/build/national/outlines';
import { measureResources } from '../data/build/national/resource-report';
import { formatBytes, tilesCovering, type Bounds } from './tile-grid';
import { writePmtiles, type ArchiveTile } from './pmtiles-writer';
import { cutPointTiles, thinByGrid, tileKey, type TilePoint } from './point-tiles';

export const NATIONAL_ZOOMS = { minZoom: 3, maxZoom: 10 } as const;
/** From this zoom on every village is in the tiles; below it they are thinned. */
export const FULL_ZOOM = 10;
/** The limit for a low-zoom tile, compressed as served. */
export const TILE_BUDGET_BYTES = 500 * 1024;
/** One village per 4×4 px cell: at most 64² = 4096 village points in a tile. */
const THINNING_CELL_PX = 4;
const EXTENT = 4096;
const POINT_BUFFER = 64;

/** Thinning keeps the villages a poverty map must not lose first: deep poverty, wrong exits, the poor. */
const STATUS_PRIORITY: Record<ExitStatus, number> = { deep_poor: 0, wrong_exit: 1, poor: 2, exited: 3, non_poor: 4 };

export interface ZoomReport {
  z: number;
  tiles: number;
  villages: number;
  bytes: number;
  maxTileBytes: number;
}

interface CountyStats {
  villages: number;
  poor: number;
  exited: number;
  lonSum: number;
  latSum: number;
}

/** Deterministic spread of ties: thinning should not favour low codes, i.e. one corner of each county. */
function codeHash(code: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) hash = Math.imul(hash ^ code.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

async function readVillagePoints(dir: string) {
  const points: (TilePoint & { priority: number; hash: number })[] = [];
  const stats = new Map<string, CountyStats>();
  for await (const v of readNdjsonGz<NationalVillage>(join(dir, NATIONAL_FILES.villages))) {
    const status = exitStatus(v);
    points.push({
      id: Number(v.code), lon: v.lon, lat: v.lat, priority: STATUS_PRIORITY[status], hash: codeHash(v.code),
      tags: { code: v.code, name: v.name, nameEn: v.nameEn, exitStatus: status, villageClass: v.villageClass },
    });
    const countyCode = v.code.slice(0, 6);
    const s = stats.get(countyCode) ?? { villages: 0, poor: 0, exited: 0, lonSum: 0, latSum: 0 };
    s.villages++;
    if (v.villageClass !== 'non_poor') s.poor++;
    if (v.villageClass !== 'non_poor' && v.actualExitYear !== null) s.exited++;
    s.lonSum += v.lon;
    s.latSum += v.lat;
    stats.set(countyCode, s);
  }
  points.sort((a, b) => a.priority - b.priority || a.hash - b.hash);
  return { points, stats };
}

async function readCounties(dir: string): Promise<NationalCounty[]> {
  const counties: NationalCounty[] = [];
  for await (const c of readNdjsonGz<NationalCounty>(join(dir, NATIONAL_FILES.counties))) counties.push(c);
  return counties;
}

/** County polygons for the counties with an outline of their own; a borrowed outline belongs to its host. */
function countyOutlines(counties: NationalCounty[], stats: Map<string, CountyStats>): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: counties
      .filter((c) => c.hostCode === c.code)
      .map((c) => {
        const s = stats.get(c.code);
        return {
          ...readOutlineFeature(c.outline),
          id: Number(c.code),
          properties: { code: c.code, name: c.name, nameEn: c.nameEn, villages: s?.villages ?? 0, poorVillages: s?.poor ?? 0, exitedVillages: s?.exited ?? 0 },
        };
      }),
  };
}

/** At the seat for counties with their own outline, else amid their villages inside the borrowed one. */
function countyLabels(counties: NationalCounty[], stats: Map<string, CountyStats>): TilePoint[] {
  return counties.map((c) => {
    const s = stats.get(c.code);
    const [lon, lat] = c.hostCode === c.code || !s ? c.seat : [s.lonSum / s.villages, s.latSum / s.villages];
    return { id: Number(c.code), lon, lat, tags: { kind: 'county', code: c.code, name: c.name, nameEn: c.nameEn, rank: 1 } };
  });
}

function archiveMetadata(meta: NationalMeta): Record<string, unknown> {
  const layer = (id: string, description: string, fields: Record<string, string>, minzoom: number = NATIONAL_ZOOMS.minZoom) => ({
    id, description, fields, minzoom, maxzoom: NATIONAL_ZOOMS.maxZoom,
  });
  return {
    name: meta.prefix ? `Villages of ${meta.prefix}*` : 'Villages of China',
    description: 'Demo village points with exit status inside real county outlines',
    attribution: '演示数据 Demo data: generated village positions and figures, not official',
    sources: meta.sources,
    version: '1',
    type: 'overlay',
    format: 'pbf',
    vector_layers: [
      layer('county', 'County outlines; feature id = numeric county code', { code: 'String', name: 'String', nameEn: 'String', villages: 'Number', poorVillages: 'Number', exitedVillages: 'Number' }),
      layer('labels', 'County label points (rank 1)', { kind: 'String', code: 'String', name: 'String', nameEn: 'String', rank: 'Number' }),
      layer('villages', `Village points; thinned to one per ${THINNING_CELL_PX} px below z${FULL_ZOOM}`, { code: 'String', name: 'String', nameEn: 'String', exitStatus: 'String', villageClass: 'String' }),
    ],
  };
}

export interface NationalTileResult {
  archive: Buffer;
  zooms: ZoomReport[];
}

export async function buildNationalTiles(dir: string, log: (line: string) => void = () => {}): Promise<NationalTileResult> {
  const meta = JSON.parse(readFileSync(join(dir, NATIONAL_FILES.meta), 'utf8')) as NationalMeta;
  const [{ points, stats }, counties] = await Promise.all([readVillagePoints(dir), readCounties(dir)]);
  const outlines = countyOutlines(counties, stats);
  const labels = countyLabels(counties, stats);
  const [minLon, minLat, maxLon, maxLat] = bbox(outlines);
  const bounds: Bounds = [minLon, minLat, maxLon, maxLat];
  const countyIndex = new GeoJSONVT(outlines, { maxZoom: NATIONAL_ZOOMS.maxZoom, extent: EXTENT });
  log(`${points.length} villages, ${outlines.features.length} county outlines read`);

  const tiles: ArchiveTile[] = [];
  const zooms: ZoomReport[] = [];
  const cut = { extent: EXTENT, buffer: POINT_BUFFER };
  for (let z = NATIONAL_ZOOMS.minZoom; z <= NATIONAL_ZOOMS.maxZoom; z++) {
    const villages = z >= FULL_ZOOM ? points : thinByGrid(points, z, THINNING_CELL_PX);
    const pointLayers = { labels: cutPointTiles(labels, z, cut), villages: cutPointTiles(villages, z, cut) };
    const report: ZoomReport = { z, tiles: 0, villages: villages.length, bytes: 0, maxTileBytes: 0 };
    for (const { x, y } of tilesCovering(bounds, z)) {
      const layers: Record<string, LegacyTile> = {};
      const county = countyIndex.getTile(z, x, y);
      if (county && county.features.length > 0) layers.county = county;
      for (const [name, layerTiles] of Object.entries(pointLayers)) {
        const tile = layerTiles.get(tileKey(z, x, y));
        if (tile) layers[name] = tile;
      }
      if (Object.keys(layers).length === 0) continue;
      const data = gzipSync(vtPbf.fromGeojsonVt(layers, { version: 2, extent: EXTENT }));
      if (data.length > TILE_BUDGET_BYTES) throw new Error(`tile ${z}/${x}/${y} is ${formatBytes(data.length)}, over the ${formatBytes(TILE_BUDGET_BYTES)} budget`);
      tiles.push({ z, x, y, data });
      report.tiles++;
      report.bytes += data.length;
      report.maxTileBytes = Math.max(report.maxTileBytes, data.length);
    }
    zooms.push(report);
    log(`z${z}: ${report.tiles} tiles, ${report.villages} villages, ${formatBytes(report.bytes)}, largest tile ${formatBytes(report.maxTileBytes)}`);
  }

  const archive = writePmtiles(tiles, {
    metadata: archiveMetadata(meta),
    bounds,
    center: [(minLon + maxLon) / 2, (minLat + maxLat) / 2, meta.prefix.length >= 2 ? 6 : 4],
    minZoom: NATIONAL_ZOOMS.minZoom,
    maxZoom: NATIONAL_ZOOMS.maxZoom,
  });
  return { archive, zooms };
}

async function runCli(): Promise<void> {
  const prefix = process.argv[2] ?? '';
  const dir = nationalDir(prefix);
  const stop = measureResources('national tile build');
  const { archive } = await buildNationalTiles(dir, (line) => console.log(`[tiles] ${line}`));
  const outPath = join(dir, NATIONAL_FILES.archive);
  writeFileSync(outPath, archive);
  console.log(`[tiles] wrote ${outPath}: ${formatBytes(archive.length)}`);
  stop();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCli();
