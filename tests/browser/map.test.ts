// The web app in a real browser against the real server: the map draws the dynamic village tiles,
// a click opens the village's detail panel, the language switches, and nothing leaves the machine.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView, VillageView } from '../../common/api';
import { indicatorsBelowTarget, SITE_INDICATOR_KEYS } from '../../common/indicators';
import { installPaintProbe } from '../../bench/paint-probe';
import { launchBrowser, recordForeignRequests, waitForMapIdle } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

const VILLAGE_FILL = 'village-fill';

let server: TestServer;
let browser: Browser;
let page: Page;
let foreignRequests: string[];

async function toggleLayer(layer: string): Promise<void> {
  await page.getByTestId(`layer-toggle-${layer}`).click();
}

describe('map page', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    foreignRequests = recordForeignRequests(page, new URL(server.url).origin);
    await page.goto(server.url);
    await waitForMapIdle(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts in Chinese with the demo-data badge', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toBe('扶贫一张图');
    expect(await page.getByTestId('demo-badge').textContent()).toContain('演示数据');
  });

  it('renders village polygons from the dynamic tiles', async () => {
    const rendered = await page.evaluate((layer) => window.__map!.queryRenderedFeatures({ layers: [layer] }).length, VILLAGE_FILL);
    expect(rendered).toBeGreaterThan(0);
  });

  it('opens the detail panel of a clicked village', async () => {
    // With points and lines hidden, a click can only land on a village.
    for (const layer of ['sites', 'roads', 'water']) await toggleLayer(layer);
    await waitForMapIdle(page);

    const target = await page.evaluate(async (layer) => {
      const map = window.__map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      const villages: VillageView[] = await (await fetch('/api/villages')).json();
      for (const village of villages) {
        const point = map.project(village.center);
        // Clear of the toolbar and legend on the left.
        if (point.x < 420 || point.x > canvas.width - 40 || point.y < 40 || point.y > canvas.height - 40) continue;
        const [hit] = map.queryRenderedFeatures([point.x, point.y], { layers: [layer] });
        if (hit?.properties.code === village.code) {
          return { code: village.code, name: village.name, nameEn: village.nameEn, x: canvas.left + point.x, y: canvas.top + point.y };
        }
      }
      return null;
    }, VILLAGE_FILL);
    expect(target).not.toBeNull();

    await page.mouse.click(target!.x, target!.y);
    const title = page.getByTestId('detail-panel').getByTestId('panel-title');
    await title.filter({ hasText: target!.name }).waitFor({ timeout: 10_000 });
    expect(await title.textContent()).toBe(target!.name);
    expect(await page.getByTestId('detail-panel').textContent()).toContain(target!.code);

    await page.getByTestId('language-switch').click();
    await title.filter({ hasText: target!.nameEn }).waitFor({ timeout: 10_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByTestId('legend').textContent()).toContain('Legend');
  });

  it('flags in a clicked site\'s panel each indicator below target, with its rate', async () => {
    await toggleLayer('sites');
    await waitForMapIdle(page);
    // Sites the map draws where a click lands on them and on nothing else above them.
    const clickable = await page.evaluate(async (layer) => {
      const map = window.__map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      const sites: SiteView[] = await (await fetch('/api/sites')).json();
      return sites.flatMap((site) => {
        const point = map.project([site.lon, site.lat]);
        if (point.x < 420 || point.x > canvas.width - 460 || point.y < 40 || point.y > canvas.height - 40) return [];
        const [hit] = map.queryRenderedFeatures([point.x, point.y], { layers: [layer] });
        return hit?.properties.id === site.id ? [{ site, x: canvas.left + point.x, y: canvas.top + point.y }] : [];
      });
    }, 'site-circle');
    const target = clickable.find(({ site }) => indicatorsBelowTarget(site.indicators).length > 0);
    expect(target).toBeDefined();

    await page.mouse.click(target!.x, target!.y);
    const title = page.getByTestId('detail-panel').getByTestId('panel-title');
    await title.filter({ hasText: target!.site.nameEn }).waitFor({ timeout: 10_000 });
    const note = (await page.getByTestId('detail-below-target').textContent())!;
    expect(note).toContain('Below the 90% target');
    const missed = indicatorsBelowTarget(target!.site.indicators);
    for (const key of SITE_INDICATOR_KEYS) {
      const rate = target!.site.indicators[key];
      if (rate !== null) expect(note.includes(`${(rate * 100).toFixed(1)}%`), key).toBe(missed.includes(key));
    }
  });

  it('mounts the toolbar once the villages are drawn, and all the same when they never are', async () => {
    const toolbarShown = () => {
      const w = window as Window & { __toolbarAt?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="layer-panel"]')) return;
        w.__toolbarAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    };
    const open = async (blockVillages: boolean) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // Village tiles that never arrive: the map cannot finish, the panels must not wait for it.
      if (blockVillages) await context.route('**/tiles/villages/**', () => undefined);
      const opened = await context.newPage();
      await installPaintProbe(opened);
      await opened.addInitScript(toolbarShown);
      await opened.goto(server.url);
      await opened.getByTestId('layer-panel').waitFor({ timeout: 10_000 });
      return { context, page: opened };
    };

    const normal = await open(false);
    try {
      const { drawn } = await normal.page.evaluate(() => window.__paint!);
      const toolbarAt = await normal.page.evaluate(() => (window as Window & { __toolbarAt?: number }).__toolbarAt!);
      expect(toolbarAt).toBeGreaterThanOrEqual(drawn);
    } finally {
      await normal.context.close();
    }
    const stuck = await open(true);
    try {
      expect(await stuck.page.evaluate(() => window.__map!.isSourceLoaded('villages'))).toBe(false);
    } finally {
      await stuck.context.close();
    }
  });

  it('made no request to another host', () => {
    expect(foreignRequests).toEqual([]);
  });
});
