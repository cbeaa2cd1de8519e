// A local basemap as a county office would set one up: an archive on disk named by BASEMAP_PMTILES,
// chosen in the layer panel, drawn under the villages with its attribution, remembered on reload,
// and not one request to another host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDataset } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import { buildBasemap } from '../../tiles/build-basemap';
import { openPortalPage, saveScreenshot, waitForMapIdle, type PortalPage } from '../helpers/browser';

let dir: string;
let portal: PortalPage;

/** Features the map draws from the basemap source right now, by source layer. */
const basemapFeatures = (p: PortalPage) =>
  p.page.evaluate(() => {
    const map = window.__map!;
    const ids = map.getStyle().layers.filter((l) => 'source' in l && l.source === 'basemap').map((l) => l.id);
    const counts: Record<string, number> = {};
    for (const f of ids.length ? map.queryRenderedFeatures({ layers: ids }) : []) counts[f.sourceLayer ?? ''] = (counts[f.sourceLayer ?? ''] ?? 0) + 1;
    return counts;
  });

describe('a local basemap under the county', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fupin-basemap-'));
    const archive = join(dir, 'basemap.pmtiles');
    writeFileSync(archive, buildBasemap(await ensureDataset(loadConfig({}))));
    portal = await openPortalPage('/', { width: 1280, height: 800 }, { BASEMAP_PMTILES: archive, TIANDITU_KEY: 'abc123def456' });
  });

  afterAll(async () => {
    await portal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with no basemap, offers the configured ones, and draws the local one with its attribution when chosen', async () => {
    const { page } = portal;
    expect(await page.getByTestId('basemap-select').inputValue()).toBe('none');
    const offered = await page.getByTestId('basemap-select').locator('option').allTextContents();
    expect(offered).toEqual(['无底图', '本地底图', '天地图 矢量', '天地图 影像']);
    expect(await basemapFeatures(portal)).toEqual({});

    const archiveRequests: string[] = [];
    page.on('request', (r) => r.url().endsWith('/tiles/basemap.pmtiles') && archiveRequests.push(r.url()));
    await page.getByTestId('basemap-select').selectOption('local');
    await waitForMapIdle(page);
    await expect.poll(() => basemapFeatures(portal), { timeout: 10_000 }).toMatchObject({ earth: expect.any(Number), roads: expect.any(Number) });
    expect(archiveRequests.length).toBeGreaterThan(0);
    await page.locator('.maplibregl-ctrl-attrib').filter({ hasText: '演示底图' }).waitFor({ state: 'attached' });
    // The villages stay on top, only less opaque: their colour still reads over the basemap.
    const order = await page.evaluate(() => window.__map!.getStyle().layers.map((l) => l.id));
    expect(order.indexOf('basemap-earth')).toBeLessThan(order.indexOf('village-fill'));
    await page.evaluate(() => window.__map!.jumpTo({ zoom: 12 }));
    await waitForMapIdle(page);
    await saveScreenshot(page, 'basemap-local');
  });

  it('remembers the choice on this device, and goes back to none', async () => {
    const { page } = portal;
    await page.reload();
    await waitForMapIdle(page);
    expect(await page.getByTestId('basemap-select').inputValue()).toBe('local');
    await expect.poll(() => basemapFeatures(portal), { timeout: 10_000 }).toMatchObject({ earth: expect.any(Number) });
    await page.getByTestId('basemap-select').selectOption('none');
    await expect.poll(() => basemapFeatures(portal)).toEqual({});
    expect(await page.locator('.maplibregl-ctrl-attrib').count()).toBe(0);
  });

  it('sent no request to another host: 天地图 is offered, not fetched, until chosen', () => {
    expect(portal.foreignRequests).toEqual([]);
  });
});
