// Basemaps offered by configuration only: none by default, 天地图 and intranet XYZ when set, and a
// local PMTiles archive served by range with its own attribution.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_BASEMAP, type BasemapOption } from '../common/basemaps';
import { ensureDataset } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { configuredBasemaps } from '../server/services/basemap-config';
import { buildBasemap } from '../tiles/build-basemap';
import { createTestApp } from './helpers/app';

let dir: string;
let archivePath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fupin-basemap-'));
  archivePath = join(dir, 'basemap.pmtiles');
  writeFileSync(archivePath, buildBasemap(await ensureDataset(loadConfig({}))));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('basemaps a deployment offers', () => {
  it('offers only "none" when nothing is configured, so no request leaves the machine', async () => {
    const app = await createTestApp();
    expect((await app.json<BasemapOption[]>('/api/basemaps')).body).toEqual([NO_BASEMAP]);
    expect((await app.request('/tiles/basemap.pmtiles')).status).toBe(404);
    await app.close();
  });

  it('adds 天地图 vector and imagery with their annotation layers on every mirror, the key in each URL', async () => {
    const { options } = await configuredBasemaps(loadConfig({ TIANDITU_KEY: 'abc123def456' }));
    const vec = options.find((o) => o.id === 'tianditu-vec')!;
    expect(options.map((o) => o.id)).toEqual(['none', 'tianditu-vec', 'tianditu-img']);
    expect(vec.tiles).toHaveLength(8);
    expect(vec.tiles[3]).toBe('https://t3.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc123def456');
    expect(vec.overlayTiles![0]).toContain('LAYER=cva');
    expect(vec.attribution).toContain('天地图');
  });

  it('takes an intranet mirror of 天地图 and intranet XYZ raster and vector tiles', async () => {
    const { options } = await configuredBasemaps(loadConfig({
      TIANDITU_KEY: 'abc123def456',
      TIANDITU_URL: 'http://10.0.0.5/tdt/{layer}/{z}/{x}/{y}?tk={key}',
      BASEMAP_XYZ_URL: 'http://10.0.0.6/xyz/{z}/{x}/{y}.png',
      BASEMAP_XYZ_NAME: '市影像',
      BASEMAP_XYZ_ATTRIBUTION: '© 市自然资源局',
      BASEMAP_VECTOR_URL: 'http://10.0.0.7/pm/{z}/{x}/{y}.mvt',
    }));
    expect(options.find((o) => o.id === 'tianditu-img')!.tiles).toEqual(['http://10.0.0.5/tdt/img/{z}/{x}/{y}?tk=abc123def456']);
    expect(options.find((o) => o.id === 'xyz-raster')).toMatchObject({ kind: 'raster', name: '市影像', tiles: ['http://10.0.0.6/xyz/{z}/{x}/{y}.png'], attribution: '© 市自然资源局' });
    expect(options.find((o) => o.id === 'xyz-vector')).toMatchObject({ kind: 'vector', tiles: ['http://10.0.0.7/pm/{z}/{x}/{y}.mvt'] });
  });

  it('refuses a tile URL that is not http(s) or lacks {z}/{x}/{y}, and a malformed key, at start', () => {
    expect(() => loadConfig({ BASEMAP_XYZ_URL: 'file:///etc/{z}/{x}/{y}' })).toThrow(/BASEMAP_XYZ_URL/);
    expect(() => loadConfig({ BASEMAP_XYZ_URL: 'http://10.0.0.6/tiles.png' })).toThrow(/\{z\}/);
    expect(() => loadConfig({ TIANDITU_KEY: 'abc"><script>' })).toThrow(/TIANDITU_KEY/);
  });

  it('serves a local PMTiles archive by range, with the attribution its metadata names', async () => {
    const basemaps = await configuredBasemaps(loadConfig({ BASEMAP_PMTILES: archivePath }));
    const local = basemaps.options.find((o) => o.id === 'local')!;
    expect(local).toMatchObject({ kind: 'vector', pmtiles: '/tiles/basemap.pmtiles' });
    expect(local.attribution).toContain('演示底图');
    const app = await createTestApp('pglite', { basemaps });
    const head = await app.request('/tiles/basemap.pmtiles', { headers: { Range: 'bytes=0-126' } });
    expect(head.status).toBe(206);
    const bytes = new Uint8Array(await head.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe('PMTiles');
    expect((await app.request('/tiles/basemap.pmtiles', { headers: { Range: 'bytes=99999999-' } })).status).toBe(416);
    await app.close();
  });

  it('stops the server at start on a file that is not a PMTiles archive', async () => {
    const notAnArchive = join(dir, 'not.pmtiles');
    writeFileSync(notAnArchive, 'hello');
    await expect(configuredBasemaps(loadConfig({ BASEMAP_PMTILES: notAnArchive }))).rejects.toThrow();
  });
});
