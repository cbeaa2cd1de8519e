// The portal on a phone, as a field cadre meets it: a touch screen of 390×844 (and the narrow
// 360×740). Sign in, open a village from the map, draw a road by taps with explicit finish and
// undo; correct a road (reshape it, retract a report), pick a basemap, see the outbox offline;
// and at every step no control under 44 px nor off the screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEntry, ProjectView } from '../../common/api';
import { launchBrowser, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { openRoad, signIn } from '../helpers/portal-actions';
import { startTestServer, type TestServer } from '../helpers/server';
import { touchOffenders } from '../helpers/touch-targets';

const PHONES = [
  { name: '390×844', viewport: { width: 390, height: 844 } },
  { name: '360×740', viewport: { width: 360, height: 740 } },
];

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let page: Page;
/** Where the phone says it stands: a village centre of the county, to 10 m. */
let here: { longitude: number; latitude: number; accuracy: number };

async function openPhone(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({
    viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: 'zh-CN', geolocation: here, permissions: ['geolocation'],
  });
  contexts.push(context);
  const opened = await context.newPage();
  await opened.goto(server.url);
  await waitForMapIdle(opened);
  await opened.getByTestId('search-input').waitFor();
  return opened;
}

async function expectTouchable(where: string): Promise<void> {
  await saveScreenshot(page, `phone-${page.viewportSize()!.width}-${where.replaceAll(' ', '-')}`);
  const { small, offScreen } = await touchOffenders(page);
  expect(small, `controls under 44 px (${where})`).toEqual([]);
  expect(offScreen, `controls off screen (${where})`).toEqual([]);
}

/** The bottom sheet has slid into place. */
function sheetSettled(): Promise<unknown> {
  return page.waitForFunction(() => document.querySelector('.side-panel')?.getAnimations().every((a) => a.playState === 'finished'));
}

/** A point of the map canvas no panel covers, where the given layer draws something (or nothing). */
function clearMapPoint(target: { layer: string | null; avoid?: { x: number; y: number }[] }): Promise<{ x: number; y: number } | null> {
  return page.evaluate(({ layer, avoid }) => {
    const map = window.__map!;
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    for (let y = box.top + 130; y < box.bottom - 80; y += 23) {
      for (let x = box.left + 30; x < box.right - 30; x += 19) {
        if (document.elementFromPoint(x, y) !== canvas) continue;
        if (avoid?.some((p) => Math.hypot(p.x - x, p.y - y) < 40)) continue;
        const hits = map.queryRenderedFeatures([x - box.left, y - box.top]);
        const ok = layer ? hits[0]?.layer.id === layer : hits.every((h) => h.layer.id === 'village-fill' || h.layer.type === 'fill' || h.layer.type === 'line' && !h.layer.id.startsWith('road'));
        if (ok) return { x, y };
      }
    }
    return null;
  }, target);
}

describe('the portal on a phone', () => {
  beforeAll(async () => {
    // A 天地图 key puts the basemap picker in the layer sheet; nothing is fetched until it is chosen.
    server = await startTestServer({ env: { TIANDITU_KEY: 'abc123def456' } });
    const [village] = (await (await fetch(`${server.url}/api/villages`)).json()) as { center: [number, number] }[];
    here = { longitude: village.center[0], latitude: village.center[1], accuracy: 10 };
    browser = await launchBrowser();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await saveScreenshot(page, `phone-failed-${task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  for (const { name, viewport } of PHONES) {
    it(`signs in, opens a village and draws a road by taps at ${name}`, async () => {
      page = await openPhone(viewport);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectTouchable('map page');

      // The sign-in button on screen, the dialog usable by taps.
      await page.getByTestId('login-open').tap();
      await page.getByTestId('login-username').fill('xiangmu');
      await page.getByTestId('login-password').fill('xiangmu123');
      await expectTouchable('sign-in dialog');
      await page.getByTestId('login-submit').tap();
      await page.getByTestId('session-user').waitFor();
      await expectTouchable('signed in');

      // The layer panel and the legend are sheets, opened and closed on demand.
      await page.getByTestId('sheet-open-layers').tap();
      await page.getByTestId('layer-panel').waitFor();
      await expectTouchable('layer sheet');
      await page.getByTestId('sheet-close').tap();
      await page.getByTestId('sheet-open-legend').tap();
      await page.getByTestId('legend').waitFor();
      await page.getByTestId('sheet-close').tap();
      expect(await page.getByTestId('legend').count()).toBe(0);

      // A tap on a village opens its panel as a bottom sheet, which folds down to its title.
      const village = await clearMapPoint({ layer: 'village-fill' });
      expect(village, 'a village clear of the panels').not.toBeNull();
      await page.touchscreen.tap(village!.x, village!.y);
      await page.getByTestId('detail-panel').waitFor();
      await sheetSettled();
      const sheet = await page.locator('.side-panel').boundingBox();
      expect(sheet!.y + sheet!.height).toBeLessThanOrEqual(viewport.height + 0.5);
      expect(sheet!.height).toBeLessThan(viewport.height * 0.65);
      await expectTouchable('village sheet');
      await page.getByTestId('sheet-handle').tap();
      expect((await page.locator('.side-panel').boundingBox())!.height).toBeLessThan(viewport.height / 5);
      await page.getByTestId('sheet-handle').tap();
      expect((await page.locator('.side-panel').boundingBox())!.height).toBeGreaterThan(viewport.height / 3);
      await page.getByTestId('panel-close').tap();
      await page.getByTestId('detail-panel').waitFor({ state: 'detached' });

      // A road started where the user stands, then drawn by three taps; undo takes the last back,
      // finish opens the form.
      await page.getByTestId('draw-open').tap();
      await page.getByTestId('draw-upgrade').tap();
      await expect(page.getByTestId('draw-hint').textContent()).resolves.toContain('完成');
      await expectTouchable('drawing');
      await page.getByTestId('draw-at-me').tap();
      await page.getByText('已画 1 个节点').waitFor({ timeout: 10_000 });
      const sketched = await page.evaluate(async () => JSON.stringify(await window.__map!.getSource<import('maplibre-gl').GeoJSONSource>('sketch')!.getData()));
      expect(sketched).toContain(`[${here.longitude},${here.latitude}]`);
      await waitForMapIdle(page);
      const taps: { x: number; y: number }[] = [];
      for (let i = 1; i < 4; i++) {
        const point = await clearMapPoint({ layer: null, avoid: taps });
        expect(point, `a free spot for tap ${i + 1}`).not.toBeNull();
        taps.push(point!);
        await page.touchscreen.tap(point!.x, point!.y);
        await page.getByText(`已画 ${i + 1} 个节点`).waitFor({ timeout: 5000 });
        // Apart in time, as a finger is: a quick second tap is a double tap.
        await page.waitForTimeout(350);
      }
      await page.getByTestId('draw-undo').tap();
      await page.getByText('已画 3 个节点').waitFor();
      await page.getByTestId('draw-finish').tap();
      await page.getByTestId('new-project-panel').waitFor();
      await sheetSettled();
      await expectTouchable('new project form');
      const form = await page.locator('.side-panel').boundingBox();
      expect(form!.y + form!.height).toBeLessThanOrEqual(viewport.height + 0.5);
    }, 120_000);
  }

  it('corrects a road, picks a basemap and shows the outbox offline, every control touchable', async () => {
    page = await openPhone(PHONES[0].viewport);
    await signIn(page, 'xiangmu');
    await page.getByTestId('sheet-open-layers').tap();
    await page.getByTestId('basemap-select').waitFor();
    await expectTouchable('layer sheet with basemaps');
    await page.getByTestId('sheet-close').tap();

    const roads: ProjectView[] = await (await fetch(`${server.url}/api/projects?kind=road&status=under_construction`)).json();
    let road: ProjectView | undefined;
    for (const candidate of roads.filter((p) => p.geometry.type === 'LineString')) {
      const reports: ProgressEntry[] = await (await fetch(`${server.url}/api/projects/${candidate.id}/progress`)).json();
      if (reports.length) {
        road = candidate;
        break;
      }
    }
    expect(road, 'a road with progress reports').toBeDefined();
    await openRoad(page, road!);
    await sheetSettled();
    await page.getByTestId('edit-reshape').tap();
    await page.getByTestId('reshape-form').waitFor();
    await expectTouchable('reshape form');
    await page.getByTestId('edit-cancel').tap();

    await page.getByTestId('tab-history').tap();
    await page.getByTestId('progress-report').first().getByTestId('report-retract').tap();
    await page.getByTestId('correction-form').waitFor();
    await expectTouchable('retract form');

    await page.context().setOffline(true);
    await page.getByTestId('edit-online-only').waitFor();
    // The outbox folds to its badge, clear of the form's buttons, and says it is offline when opened.
    const badge = (await page.getByTestId('outbox').boundingBox())!;
    const save = (await page.getByTestId('correction-form').getByTestId('edit-save').boundingBox())!;
    expect(badge.x + badge.width <= save.x || badge.y >= save.y + save.height || badge.y + badge.height <= save.y, 'the outbox badge clear of the save button').toBe(true);
    await expectTouchable('offline');
    await page.getByTestId('outbox-toggle').tap();
    await page.getByTestId('outbox-offline').waitFor();
    await page.context().setOffline(false);
  }, 120_000);
});
