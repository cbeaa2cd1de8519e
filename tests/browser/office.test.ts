// Office work in a real browser: the map view downloaded as a briefing PNG (map plus title, legend
// and note frame), and problem-ledger markers on the map, overdue ones in their own style.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageView } from '../../common/api';
import { launchBrowser, recordForeignRequests } from '../helpers/browser';
import { REPO_ROOT, startTestServer, type TestServer } from '../helpers/server';
import { openPglite } from '../../server/db/pglite';
import { letDeadlinePass } from '../helpers/problems';
import { login } from '../helpers/session';

const ARTIFACTS = join(REPO_ROOT, 'tests/artifacts');
const FRAME = { header: 64, footer: 36, legend: 280 }; // BRIEFING_FRAME in web/src/map/briefing-png.ts
/** A deadline not yet passed: dates more than ten years ahead are refused. */
const NEXT_YEAR_END = `${new Date().getUTCFullYear() + 1}-12-31`;

let server: TestServer;
let dataDir: string;
let browser: Browser;
let page: Page;
let foreign: string[];

/** PNG width and height from the IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('office work in the browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A deadline already past is refused at logging: the overdue problem is logged with a future
    // one, then its deadline is moved back in the database while the server is down.
    const logging = await startTestServer({ keepData: true });
    const fetcher = (path: string, init?: RequestInit) => fetch(`${logging.url}${path}`, init);
    const admin = await login(fetcher, 'admin');
    const villages: VillageView[] = await (await fetch(`${logging.url}/api/villages?class=poor`)).json();
    const ids: Record<string, number> = {};
    for (const [village, deadline] of [[villages[0], '2019-06-30'], [villages[1], NEXT_YEAR_END]] as const) {
      const res = await admin.send<{ id: number }>('POST', '/api/problems', {
        entityType: 'village', entityId: village.code, title: `测试问题 ${deadline}`, source: 'inspection', responsibleUnit: '县扶贫办', deadline: NEXT_YEAR_END,
      });
      expect(res.status).toBe(201);
      ids[deadline] = res.body.id;
    }
    await logging.stop();
    dataDir = logging.dataDir;
    const db = await openPglite(dataDir);
    await letDeadlinePass(db, ids['2019-06-30'], '2019-06-30');
    await db.close();
    server = await startTestServer({ dataDir });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    foreign = recordForeignRequests(page, new URL(server.url).origin);
    await page.goto(server.url);
    await page.waitForFunction(() => {
      const map = window.__map;
      return !!map && map.loaded() && !!map.getSource('problems') && !map.isMoving();
    }, null, { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows open problems as markers, the overdue one in the overdue style', async () => {
    const markers = await page.evaluate(() =>
      window.__map!.queryRenderedFeatures({ layers: ['problem-marker'] }).map((f) => ({ title: f.properties.title, overdue: f.properties.overdue })),
    );
    expect(markers).toHaveLength(2);
    expect(markers.find((m) => m.title.includes('2019'))?.overdue).toBe(true);
    expect(markers.find((m) => m.title.includes(NEXT_YEAR_END))?.overdue).toBe(false);
    const halos = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['problem-overdue-halo'] }).length);
    expect(halos).toBe(1);
    // The legend explains the badges once there are any.
    expect(await page.getByTestId('legend-problems').textContent()).toMatch(/逾期未整改[\s\S]*待整改[\s\S]*已整改待销号/);
  });

  it('downloads the map view as a PNG with room for title, legend and note', async () => {
    const canvas = await page.evaluate(() => ({ width: window.__map!.getCanvas().width, height: window.__map!.getCanvas().height }));
    const ratio = await page.evaluate(() => window.__map!.getCanvas().width / window.__map!.getContainer().clientWidth);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(download.suggestedFilename()).toMatch(/^榆社县扶贫一张图-\d{4}-\d{2}-\d{2}\.png$/);
    const path = join(ARTIFACTS, 'briefing-export.png');
    await download.saveAs(path);
    const { readFileSync } = await import('node:fs');
    const size = pngSize(readFileSync(path));
    expect(size.width).toBe(canvas.width + Math.round(FRAME.legend * ratio));
    expect(size.height).toBe(canvas.height + Math.round((FRAME.header + FRAME.footer) * ratio));
    // The picture decodes, and its map area is not blank: the county is drawn in more than one colour.
    const colours = await page.evaluate(async (dataUrl) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const ctx = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height }).getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const { data } = ctx.getImageData(0, 64, image.width - 280, image.height - 100);
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    }, `data:image/png;base64,${readFileSync(path).toString('base64')}`);
    expect(colours).toBeGreaterThan(10);
    await page.screenshot({ path: join(ARTIFACTS, 'office-map-page.png') });
  });

  it('opens the ledger with the problem in focus when its marker is clicked', async () => {
    const point = await page.evaluate(() => {
      const [f] = window.__map!.queryRenderedFeatures({ layers: ['problem-marker'] }).filter((x) => x.properties.overdue);
      const p = window.__map!.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      const box = window.__map!.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    await page.waitForURL(/\/problems$/, { timeout: 20_000 });
    const card = page.locator('[data-testid^="problem-"].expanded');
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('2019-06-30');
    await page.screenshot({ path: join(ARTIFACTS, 'office-ledger-page.png') });
  });

  it('previews a 100,000-row file as the first errors of each kind and a count of the rest, without freezing', async () => {
    const admin = await login((path, init) => fetch(`${server.url}${path}`, init), 'admin');
    const [name, value] = admin.cookie.split('=');
    const importPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await importPage.context().addCookies([{ name, value, url: server.url }]);
    await importPage.goto(`${server.url}/import`);
    const rows = ['村代码,贫困户数,贫困人口,脱贫户数,脱贫人口,年度'];
    for (let i = 0; i < 100_000; i++) rows.push(`1407219${String(i).padStart(5, '0')},1,2,3,4,2020`);
    await importPage.getByTestId('import-villages-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await importPage.getByTestId('import-villages').locator('button.secondary').click();
    await importPage.getByTestId('import-omitted').waitFor({ timeout: 20_000 });
    const errors = importPage.getByTestId('import-errors');
    expect(await errors.locator('tbody tr').count()).toBe(20);
    expect(await errors.textContent()).toMatch(/100000[\s\S]*99980/);
    await importPage.close();
  });

  it('filters the ledger by status, the overdue problems as the API lists them', async () => {
    const cards = page.locator('article.problem');
    const shown = async () => (await cards.evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')))).sort();
    const listed = async (query: string) =>
      ((await (await fetch(`${server.url}/api/problems?${query}`)).json()) as { id: number }[]).map((p) => `problem-${p.id}`).sort();
    await page.getByTestId('ledger-filter-overdue').click();
    expect(await page.getByTestId('ledger-filter-overdue').getAttribute('aria-checked')).toBe('true');
    const overdue = await listed('overdue=true');
    expect(overdue).toHaveLength(1);
    await expect.poll(shown).toEqual(overdue);
    await page.getByTestId('ledger-filter-open').click();
    await expect.poll(shown).toEqual(await listed('status=open'));
    expect(await shown()).toHaveLength(2);
  });

  it('made no request to another host', () => {
    expect(foreign).toEqual([]);
  });
});
