// (e) Dynamic villages tile sizes per zoom, cut by the server's DynamicTiles: over a dense made-up
// province corner (20,000 villages as thick as Henan's, tests/helpers/synthetic-villages.ts), and
// over the demo province's database as the server loads it. For each zoom, the largest tile,
// gzipped as sent and raw, with villages shipped one by one at every zoom (as before) and with
// township and county areas below VILLAGE_AREA_ZOOMS.villageFrom (as now).
import { gunzipSync } from 'node:zlib';
import { bbox } from '@turf/turf';
import { DYNAMIC_LAYERS, VILLAGE_AREA_ZOOMS, type DynamicLayer } from '../common/api';
import { openDb } from '../server/db/open-db';
import { dynamicLayerLoaders, villageBands } from '../server/tiles/dynamic-layers';
import { DynamicTiles } from '../server/tiles/dynamic-tiles';
import { memoryCutter, type LayerLoader, type ZoomBand } from '../server/tiles/memory-cutter';
import { syntheticVillages } from '../tests/helpers/synthetic-villages';
import { formatBytes, tilesCovering } from '../tiles/tile-grid';
import type { PreparedProvince } from './first-paint';
import type { ResultRow } from './report';

export const SIZE_ZOOMS = [4, 5, 6, 7, 8, 9, 10];
export const TILE_BUDGET_BYTES = 500 * 1024;
const VILLAGES = 20_000;

export interface ZoomSize {
  z: number;
  tiles: number;
  maxGzipBytes: number;
  maxRawBytes: number;
}

/** Tiles whose only non-empty layer is villages, loaded from the bands given. */
export function villagesOnly(bands: ZoomBand[], cacheBytes?: number): DynamicTiles {
  const empty: LayerLoader = async () => [];
  const loaders = Object.fromEntries(DYNAMIC_LAYERS.map((l) => [l, empty])) as Record<DynamicLayer, LayerLoader>;
  return new DynamicTiles(memoryCutter({ ...loaders, villages: async () => bands }), cacheBytes);
}

export async function villageTileSizes(tiles: DynamicTiles, bounds: readonly [number, number, number, number], zooms = SIZE_ZOOMS): Promise<ZoomSize[]> {
  const sizes: ZoomSize[] = [];
  for (const z of zooms) {
    const size: ZoomSize = { z, tiles: 0, maxGzipBytes: 0, maxRawBytes: 0 };
    for (const { x, y } of tilesCovering([...bounds], z)) {
      const gzipped = await tiles.tile('villages', z, x, y);
      if (!gzipped) continue;
      size.tiles++;
      size.maxGzipBytes = Math.max(size.maxGzipBytes, gzipped.length);
      size.maxRawBytes = Math.max(size.maxRawBytes, gunzipSync(gzipped).length);
    }
    sizes.push(size);
  }
  return sizes;
}

type Bounds = readonly [number, number, number, number];

async function compare(section: string, bands: ZoomBand[], bounds: Bounds, log: (line: string) => void): Promise<ResultRow[]> {
  const oneByOne = bands.filter((b) => b.sourceLayer === 'villages').map((b) => ({ ...b, minZoom: 0 }));
  const before = await villageTileSizes(villagesOnly(oneByOne), bounds);
  const after = await villageTileSizes(villagesOnly(bands), bounds);
  return after.flatMap((now, i) => {
    const was = before[i];
    const fmt = (s: ZoomSize) => `${formatBytes(s.maxGzipBytes)} gzip (${formatBytes(s.maxRawBytes)} raw)`;
    log(`${section} z${now.z}: largest tile ${fmt(was)} one by one, ${fmt(now)} now`);
    return [
      { section, measurement: `z${now.z} largest tile, every village one by one (before)`, value: fmt(was) },
      { section, measurement: `z${now.z} largest tile, areas below z${VILLAGE_AREA_ZOOMS.villageFrom} (now)`, value: fmt(now), target: `< ${formatBytes(TILE_BUDGET_BYTES)} gzip`, met: now.maxGzipBytes < TILE_BUDGET_BYTES },
    ];
  });
}

export function benchTileSizes(log: (line: string) => void): Promise<ResultRow[]> {
  const { villages, townships, counties, bounds } = syntheticVillages(VILLAGES);
  return compare(`(e) villages tile sizes, ${VILLAGES} synthetic villages (Henan's density)`, villageBands(villages, townships, counties), bounds, log);
}

export async function benchProvinceTileSizes(province: PreparedProvince, log: (line: string) => void): Promise<ResultRow[]> {
  const db = await openDb({ dataDir: province.dataDir });
  try {
    const bands = await dynamicLayerLoaders(db).villages();
    const villages = bands.find((b) => b.sourceLayer === 'villages')!.features;
    return await compare(`(e) villages tile sizes, province ${province.code} (${province.villages} villages)`, bands, bbox(villages) as unknown as Bounds, log);
  } finally {
    await db.close();
  }
}
