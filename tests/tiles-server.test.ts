import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TileVersions, VillageView } from '../common/api';
import { memoryArchive } from '../server/tiles/archive-source';
import { tileFastPath } from '../server/tiles/tile-fast-path';
import { createTestApp } from './helpers/app';
import { HANDED_ON, serveFastPathAlone } from './helpers/fast-path';
import { tileOf } from './helpers/tile-coords';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Reads the archive through the server's Range endpoint, as the browser's pmtiles protocol does. */
class HttpRangeSource implements Source {
  ranges: string[] = [];
  getKey = () => 'static.pmtiles';
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const range = `bytes=${offset}-${offset + length - 1}`;
    this.ranges.push(range);
    const res = await t.request('/tiles/static.pmtiles', { headers: { Range: range } });
    expect(res.status).toBe(206);
    return { data: await res.arrayBuffer() };
  }
}

async function dynamicTile(layer: string, z: number, x: number, y: number) {
  const res = await t.request(`/tiles/${layer}/${z}/${x}/${y}.mvt`);
  return { res, tile: res.status === 200 ? new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))) : null };
}

describe('static PMTiles archive', () => {
  it('answers Range requests with 206 and the exact bytes', async () => {
    const res = await t.request('/tiles/static.pmtiles', { headers: { Range: 'bytes=0-6' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-6/${t.archive.length}`);
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe('PMTiles');
    const bad = await t.request('/tiles/static.pmtiles', { headers: { Range: `bytes=${t.archive.length + 10}-` } });
    expect(bad.status).toBe(416);
  });

  it('holds village outlines with names, readable through the pmtiles client', async () => {
    const source = new HttpRangeSource();
    const archive = new PMTiles(source);
    const village = (await t.json<VillageView[]>('/api/villages')).body[0];
    const { z, x, y } = tileOf(village.center[0], village.center[1], 12);
    const data = await archive.getZxy(z, x, y);
    expect(data).toBeDefined();
    // The pmtiles client has already undone the archive's gzip.
    const tile = new VectorTile(new PbfReader(new Uint8Array(data!.data)));
    const layer = tile.layers.villages_outline;
    const names = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.name);
    expect(names).toContain(village.name);
    expect(Object.keys(tile.layers)).toEqual(expect.arrayContaining(['county', 'townships', 'villages_outline', 'labels']));
    expect(source.ranges.length).toBeGreaterThan(0);
  });
});

describe('dynamic MVT tiles', () => {
  it('carry each village with its exit status and infrastructure completion', async () => {
    const village = (await t.json<VillageView[]>('/api/villages')).body.find((v) => v.villageClass !== 'non_poor')!;
    const { z, x, y } = tileOf(village.center[0], village.center[1], 13);
    const { res, tile } = await dynamicTile('villages', z, x, y);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const layer = tile!.layers.villages;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const f = features.find((ft) => ft.properties.code === village.code)!;
    expect(f).toBeDefined();
    expect(f.id).toBe(Number(village.code));
    expect(f.properties.exitStatus).toBe(village.exitStatus);
    expect(f.properties.infraCompletion).toBeCloseTo(village.infraCompletion, 5);
    expect(f.type).toBe(3);
  });

  it('returns 204 for an empty tile and 400 for impossible coordinates or layers', async () => {
    expect((await t.request('/tiles/villages/10/0/0.mvt')).status).toBe(204);
    expect((await t.request('/tiles/villages/3/8/0.mvt')).status).toBe(400);
    expect((await t.request('/tiles/villages/15/0/0.mvt')).status).toBe(400);
    expect((await t.request('/tiles/secret/1/0/0.mvt')).status).toBe(400);
  });

  it('rebuilds a layer after invalidation and reports the new version', async () => {
    const before = (await t.json<TileVersions>('/api/tiles/versions')).body;
    const site = (await t.json<any[]>('/api/sites')).body[0];
    await t.db.write((tx) => tx.query('UPDATE sites SET moved_households = 0, moved_persons = 0, stable_households = 0, demolished_households = 0 WHERE id = $1', [site.id]));
    t.tiles.invalidate('sites');
    const after = (await t.json<TileVersions>('/api/tiles/versions')).body;
    expect(after.sites).toBe(before.sites + 1);
    expect(after.villages).toBe(before.villages);
    const { z, x, y } = tileOf(site.lon, site.lat, 12);
    const { tile } = await dynamicTile('sites', z, x, y);
    const layer = tile!.layers.sites;
    const f = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((ft) => ft.properties.id === site.id)!;
    expect(f.properties.movedHouseholds).toBe(0);
    expect(f.properties.occupancyRate).toBe(0);
    expect(f.properties.belowTarget).toBe(true);
  });
});

describe('the fast path in front of Hono', () => {
  let alone: Awaited<ReturnType<typeof serveFastPathAlone>>;
  let base: string;
  beforeAll(async () => {
    alone = await serveFastPathAlone(tileFastPath(t.tiles, memoryArchive(t.archive)));
    base = alone.base;
  });
  afterAll(() => alone.close());

  /** Both answers to one request: the fast path's over HTTP, the Hono route's in process. */
  async function both(path: string, headers: Record<string, string> = {}) {
    const fast = await fetch(base + path, { headers });
    const routed = await t.request(path, { headers });
    return { fast, routed, fastBytes: new Uint8Array(await fast.arrayBuffer()), routedBytes: new Uint8Array(await routed.arrayBuffer()) };
  }
  const sameHeaders = (a: Response, b: Response, names: string[]) =>
    expect(names.map((n) => a.headers.get(n))).toEqual(names.map((n) => b.headers.get(n)));

  it('answers archive ranges and current tiles exactly as the routes do', async () => {
    const range = await both('/tiles/static.pmtiles', { Range: 'bytes=127-16510' });
    expect(range.fast.status).toBe(206);
    sameHeaders(range.fast, range.routed, ['content-type', 'content-range', 'content-length', 'accept-ranges', 'cache-control']);
    expect(range.fastBytes).toEqual(range.routedBytes);
    expect(range.fastBytes).toEqual(new Uint8Array(t.archive.subarray(127, 16511)));

    const village = (await t.json<VillageView[]>('/api/villages')).body[0];
    const { z, x, y } = tileOf(village.center[0], village.center[1], 12);
    const version = (await t.json<TileVersions>('/api/tiles/versions')).body.villages;
    for (const [v, cache] of [
      [version, 'public, max-age=86400, immutable'],
      [version - 1, 'no-cache'],
    ] as const) {
      const tile = await both(`/tiles/villages/${z}/${x}/${y}.mvt?v=${v}`);
      expect(tile.fast.status).toBe(200);
      expect(tile.fast.headers.get('cache-control')).toBe(cache);
      sameHeaders(tile.fast, tile.routed, ['content-type', 'cache-control']);
      expect(tile.fastBytes.length).toBeGreaterThan(0);
      expect(tile.fastBytes).toEqual(tile.routedBytes);
    }
    expect((await fetch(`${base}/tiles/villages/10/0/0.mvt`)).status).toBe(204);
  });

  it('hands on what it does not serve plainly, for the routes to answer or explain', async () => {
    for (const path of ['/tiles/villages/3/8/0.mvt', '/tiles/villages/15/0/0.mvt', '/tiles/secret/1/0/0.mvt', '/tiles/villages/1/0/0.mvt?v=1&x=2', '/api/villages']) {
      expect((await fetch(base + path)).status, path).toBe(HANDED_ON);
    }
    expect((await fetch(`${base}/tiles/static.pmtiles`, { headers: { Range: `bytes=${t.archive.length}-` } })).status).toBe(HANDED_ON);
    expect((await fetch(`${base}/tiles/static.pmtiles`, { method: 'HEAD' })).status).toBe(HANDED_ON);
  });
});
