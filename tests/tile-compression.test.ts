// Issue 13, items 2 to 4: dynamic tiles gzipped once and cached by bytes, the static archive read
// by range from its file, and low zooms holding townships and counties instead of every village.
import { VectorTile } from '@mapbox/vector-tile';
import { Hono } from 'hono';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, ftruncateSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VILLAGE_AREA_ZOOMS, VILLAGE_AREAS_LAYER, type TileVersions, type VillageView } from '../common/api';
import { handleError } from '../server/http/errors';
import { tileRoutes } from '../server/routes/tiles';
import { fileArchive, memoryArchive, type ArchiveSource } from '../server/tiles/archive-source';
import { villageBands } from '../server/tiles/dynamic-layers';
import { TileCache } from '../server/tiles/tile-cache';
import { tileFastPath } from '../server/tiles/tile-fast-path';
import { SIZE_ZOOMS, TILE_BUDGET_BYTES, villageTileSizes, villagesOnly } from '../bench/tile-sizes';
import { createTestApp } from './helpers/app';
import { serveFastPathAlone } from './helpers/fast-path';
import { syntheticVillages } from './helpers/synthetic-villages';
import { tileOf } from './helpers/tile-coords';

/** The answer as sent, bytes still encoded: fetch in Node would undo the gzip. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const features = (bytes: Uint8Array, layer: string) => {
  const l = new VectorTile(new PbfReader(bytes)).layers[layer];
  return Array.from({ length: l?.length ?? 0 }, (_, i) => {
    const f = l.feature(i);
    return { id: f.id, properties: f.properties, geometry: f.loadGeometry() };
  });
};

describe('dynamic tiles over HTTP, gzipped when the client takes it', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let alone: Awaited<ReturnType<typeof serveFastPathAlone>>;
  let path: string;
  let tile: { z: number; x: number; y: number };
  beforeAll(async () => {
    t = await createTestApp();
    alone = await serveFastPathAlone(tileFastPath(t.tiles, memoryArchive(t.archive)));
    const village = (await t.json<VillageView[]>('/api/villages')).body[0];
    tile = tileOf(village.center[0], village.center[1], 12);
    path = `/tiles/villages/${tile.z}/${tile.x}/${tile.y}.mvt?v=${(await t.json<TileVersions>('/api/tiles/versions')).body.villages}`;
  });
  afterAll(async () => {
    await alone.close();
    await t.close();
  });

  it('sends gzip that decodes to the same MVT as the plain answer, by the fast path and the route alike', async () => {
    const gz = await t.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    const plain = await t.request(path, { headers: { 'Accept-Encoding': 'identity' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    for (const res of [gz, plain]) expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const gzBytes = new Uint8Array(await gz.arrayBuffer());
    const plainBytes = new Uint8Array(await plain.arrayBuffer());
    expect(gzBytes.length).toBeLessThan(plainBytes.length);
    expect(new Uint8Array(gunzipSync(gzBytes))).toEqual(plainBytes);
    expect(features(gunzipSync(gzBytes), 'villages').length).toBeGreaterThan(0);
    expect(features(gunzipSync(gzBytes), 'villages')).toEqual(features(plainBytes, 'villages'));

    for (const [acceptEncoding, bytes] of [['gzip', gzBytes], ['gzip;q=0, identity', plainBytes]] as const) {
      const fast = await rawGet(alone.base + path, { 'Accept-Encoding': acceptEncoding });
      expect(fast.status).toBe(200);
      expect(new Uint8Array(fast.body)).toEqual(bytes);
      expect(fast.headers.vary).toBe('Accept-Encoding');
      expect(fast.headers['content-encoding']).toBe(bytes === gzBytes ? 'gzip' : undefined);
    }
  });

  it('compresses each tile once: a second answer is the very bytes of the first', async () => {
    t.tiles.invalidate('villages');
    const [first, together] = await Promise.all([0, 1].map(() => t.tiles.tile('villages', tile.z, tile.x, tile.y)));
    expect(first).not.toBeNull();
    expect(together).toBe(first);
    expect(await t.tiles.tile('villages', tile.z, tile.x, tile.y)).toBe(first);
  });
});

describe('the tile cache, bounded in bytes', () => {
  it('drops the least recently used tiles once their bytes pass the cap', () => {
    const cache = new TileCache<Uint8Array | null>(1000);
    cache.set('a', new Uint8Array(300));
    cache.set('b', new Uint8Array(300));
    cache.get('a');
    cache.set('c', new Uint8Array(300));
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.length).toBe(300);
    expect(cache.get('c')?.length).toBe(300);
    cache.deleteWhere((key) => key === 'a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(364);
  });

  it('keeps a server under its cap however many tiles are asked for', async () => {
    const { villages, townships, counties, bounds } = syntheticVillages(2000);
    const cap = 64 * 1024;
    const tiles = villagesOnly(villageBands(villages, townships, counties), cap);
    await villageTileSizes(tiles, bounds, [10, 11, 12]);
    expect(tiles.cacheUse()).toEqual({ bytes: expect.any(Number), capBytes: cap });
    expect(tiles.cacheUse().bytes).toBeLessThanOrEqual(cap);
    expect(tiles.cacheUse().bytes).toBeGreaterThan(cap / 2);
  });
});

describe('low zooms over a dense province corner', () => {
  const { villages, townships, counties, bounds } = syntheticVillages(20_000);
  const tiles = villagesOnly(villageBands(villages, townships, counties));

  it(`keeps every villages tile under ${TILE_BUDGET_BYTES / 1024} KiB gzipped, z${SIZE_ZOOMS[0]} to z${SIZE_ZOOMS.at(-1)}`, async () => {
    const sizes = await villageTileSizes(tiles, bounds);
    for (const s of sizes) expect(s.maxGzipBytes, `z${s.z}`).toBeLessThan(TILE_BUDGET_BYTES);
    expect(sizes.every((s) => s.tiles > 0)).toBe(true);
  }, 60_000);

  it('holds counties, then townships with their share of poor villages exited, then single villages', async () => {
    const centre = villages[10_100].geometry as GeoJSON.Polygon;
    const [lon, lat] = centre.coordinates[0][0];
    const layersAt = async (z: number) => {
      const { x, y } = tileOf(lon, lat, z);
      return new VectorTile(new PbfReader(gunzipSync((await tiles.tile('villages', z, x, y))!))).layers;
    };
    const low = await layersAt(VILLAGE_AREA_ZOOMS.townshipFrom - 1);
    expect(Object.keys(low)).toEqual([VILLAGE_AREAS_LAYER]);
    expect(low[VILLAGE_AREAS_LAYER].feature(0).properties.level).toBe('county');
    const mid = await layersAt(VILLAGE_AREA_ZOOMS.townshipFrom);
    const township = Array.from({ length: mid[VILLAGE_AREAS_LAYER].length }, (_, i) => mid[VILLAGE_AREAS_LAYER].feature(i).properties)
      .find((p) => p.code === villages[10_100].properties!.townshipCode)!;
    const own = villages.filter((v) => v.properties!.townshipCode === township.code).map((v) => v.properties!);
    const poor = own.filter((v) => v.villageClass !== 'non_poor');
    expect(township).toMatchObject({ level: 'township', villages: own.length, poorVillages: poor.length });
    expect(township.exitedShare).toBeCloseTo(poor.filter((v) => ['exited', 'wrong_exit'].includes(v.exitStatus)).length / poor.length, 5);
    expect(Object.keys(await layersAt(VILLAGE_AREA_ZOOMS.villageFrom))).toEqual(['villages']);
  });
});

/** The tile routes alone, with the app's error handler, for an archive. */
function archiveRoutes(archive: ArchiveSource) {
  const app = new Hono().route('/tiles', tileRoutes(villagesOnly([]), archive));
  app.onError(handleError);
  return app;
}

describe('a static archive read from its file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fupin-archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves ranges equal to the file bytes at that offset without loading the file', async () => {
    // 3 GiB, sparse: read whole it would not even fit in a Buffer.
    const path = join(dir, 'big.pmtiles');
    const size = 3 * 1024 ** 3;
    const marker = Buffer.from('range from far into the file: 瓦片');
    const offset = size - 100_000;
    const fd = openSync(path, 'w');
    ftruncateSync(fd, size);
    writeSync(fd, Buffer.from('PMTiles'), 0, 7, 0);
    writeSync(fd, marker, 0, marker.length, offset);
    closeSync(fd);

    const archive = await fileArchive(path);
    const rssBefore = process.memoryUsage().rss;
    const routes = archiveRoutes(archive);
    const alone = await serveFastPathAlone(tileFastPath(villagesOnly([]), archive));
    try {
      const range = `bytes=${offset}-${offset + marker.length - 1}`;
      const routed = await routes.request('/tiles/static.pmtiles', { headers: { Range: range } });
      const fast = await rawGet(`${alone.base}/tiles/static.pmtiles`, { Range: range });
      expect(routed.status).toBe(206);
      expect(routed.headers.get('content-range')).toBe(`bytes ${offset}-${offset + marker.length - 1}/${size}`);
      expect(Buffer.from(await routed.arrayBuffer())).toEqual(marker);
      expect(fast.status).toBe(206);
      expect(fast.body).toEqual(marker);
      const head = await routes.request('/tiles/static.pmtiles', { headers: { Range: 'bytes=0-6' } });
      expect(new TextDecoder().decode(await head.arrayBuffer())).toBe('PMTiles');
      expect((await routes.request('/tiles/static.pmtiles', { headers: { Range: `bytes=${size}-` } })).status).toBe(416);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    } finally {
      await alone.close();
      await archive.close();
    }
  });

  it('streams the whole file to a client that asks without a Range, by the route and the fast path', async () => {
    const path = join(dir, 'small.pmtiles');
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const fd = openSync(path, 'w');
    writeSync(fd, bytes);
    closeSync(fd);
    const archive = await fileArchive(path);
    try {
      const routes = archiveRoutes(archive);
      const res = await routes.request('/tiles/static.pmtiles');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(bytes.length));
      expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync(path));
      const alone = await serveFastPathAlone(tileFastPath(villagesOnly([]), archive));
      try {
        const fast = await rawGet(`${alone.base}/tiles/static.pmtiles`, {});
        expect(fast.status).toBe(200);
        expect(fast.body).toEqual(readFileSync(path));
      } finally {
        await alone.close();
      }
    } finally {
      await archive.close();
    }
  });
});
