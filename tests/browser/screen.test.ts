// Big-screen mode at 1920×1080 in Debian's chromium against the real server: it fits the screen
// (screenshots in tests/artifacts/), its KPI panels show the API's figures, the timeline recolours
// the villages and the exit figures, the tour advances and pauses, and a change saved elsewhere
// arrives without a reload. screen-4k.test.ts covers 3840×2160.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageView } from '../../common/api';
import { launchBrowser, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { expectFitsTheScreen, num, openScreen, pct, summaryIn, textOf as text } from '../helpers/screen';
import { startTestServer, type TestServer } from '../helpers/server';
import { login } from '../helpers/session';
import { exitFillIn, expectVillageFills, showYear } from '../helpers/village-colours';

const FULL_HD = { width: 1920, height: 1080 };

let server: TestServer;
let browser: Browser;

describe('big screen', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe('with the whole county in view', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openScreen(browser, server.url, FULL_HD, 600);
      await waitForMapIdle(page);
    });
    // The tour below opens its own page: two 1080p maps at once would only slow each other.
    afterAll(() => page.close());

    it('fills the screen and its KPI panels show the figures of the API', async () => {
      await expectFitsTheScreen(page);
      await saveScreenshot(page, 'screen-1920x1080');

      const s = await summaryIn(page);
      expect(await text(page, 'kpi-exited')).toBe(num(s.villages.exited));
      expect(await text(page, 'kpi-exited-of')).toBe(num(s.villages.poor));
      expect(await text(page, 'kpi-wrong-exit')).toBe(num(s.villages.wrongExit));
      expect(await text(page, 'kpi-ready')).toBe(num(s.villages.ready));
      expect(await text(page, 'kpi-incidence')).toBe(pct(s.population.povertyIncidence, 2));
      expect(await text(page, 'kpi-infra')).toBe(pct(s.infra.completion));
      expect(await text(page, 'kpi-moved')).toBe(num(s.relocation.movedHouseholds));
      expect(await text(page, 'kpi-moved-of')).toBe(num(s.relocation.plannedHouseholds));
      for (const [key, rate] of Object.entries(s.relocation.indicators)) expect(await text(page, `kpi-${key}`)).toBe(pct(rate));
      expect(await text(page, 'kpi-funds-rate')).toBe(pct(s.projects.spent / s.projects.budget));
      const wan = (yuan: number) => (yuan / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      expect(await text(page, 'kpi-funds-spent')).toBe(`已支付 ${wan(s.projects.spent)} 万元`);
      expect(await text(page, 'kpi-funds-budget')).toBe(`预算 ${wan(s.projects.budget)} 万元`);
      // The clock: today's date in Chinese, and a running time.
      const today = new Date();
      expect(await text(page, 'screen-clock')).toMatch(new RegExp(`^\\d{2}:\\d{2}:\\d{2}${today.getFullYear()}年${today.getMonth() + 1}月`));
      // The tour starts on the whole county, with the same figures.
      expect(await page.getByTestId('tour-card').textContent()).toContain(`${num(s.villages.exited)}/${num(s.villages.poor)}`);
    });

    it('recolours the villages and the exit figures by the timeline year, without new tiles', async () => {
      const tileUrl = () => page.evaluate(() => JSON.stringify(window.__map!.getStyle().sources.villages));
      const tilesBefore = await tileUrl();
      const coloursIn = async (year: number | null) => {
        await showYear(page, year);
        return expectVillageFills(page, (v) => exitFillIn(v, year));
      };

      const in2015 = await coloursIn(2015);
      const in2020 = await coloursIn(2020);
      // The years must make a difference: some villages exited between them.
      const exitedMeanwhile = in2020.filter((v) => v.actualExitYear !== null && v.actualExitYear > 2015 && v.villageClass !== 'non_poor');
      expect(exitedMeanwhile.length).toBeGreaterThan(5);
      for (const v of exitedMeanwhile) {
        expect(in2015.find((w) => w.code === v.code)!.fill).not.toBe(in2020.find((w) => w.code === v.code)!.fill);
      }

      const by2016 = await summaryIn(page, '?year=2016');
      await showYear(page, 2016);
      await expect.poll(() => text(page, 'kpi-exited'), { timeout: 10_000 }).toBe(num(by2016.villages.exited));
      expect(await page.getByTestId('panel-exit').textContent()).toContain('截至 2016 年底');
      await page.waitForTimeout(800); // the charts' transition to the year
      await saveScreenshot(page, 'screen-1920x1080-2016');

      await coloursIn(null);
      expect(await tileUrl()).toBe(tilesBefore);
    });

    it('takes in a change saved elsewhere without a reload', async () => {
      await showYear(page, null);
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      const before = await summaryIn(page);
      const fetcher = (path: string, init?: RequestInit) => fetch(server.url + path, init);
      const admin = await login(fetcher, 'admin');
      const villages = (await (await fetcher('/api/villages?class=poor')).json()) as VillageView[];
      const target = villages.find((v) => v.actualExitYear === null)!;
      const saved = await admin.send('PATCH', `/api/villages/${target.code}`, { version: target.version, actualExitYear: 2020 });
      expect(saved.status).toBe(200);

      await expect.poll(() => text(page, 'kpi-exited'), { timeout: 10_000 }).toBe(num(before.villages.exited + 1));
      const villageTiles = await page.evaluate(() => (window.__map!.getStyle().sources.villages as { tiles: string[] }).tiles[0]);
      const versions = await (await fetcher('/api/tiles/versions')).json();
      expect(villageTiles).toContain(`v=${versions.villages}`);
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    });
  });

  it('names in its legend every kind of symbol its map draws, legible and clear of the timeline', async () => {
    const page = await openScreen(browser, server.url, FULL_HD, 600);
    await waitForMapIdle(page);
    const drawn = await page.evaluate(() => {
      const sources = new Set(window.__map!.queryRenderedFeatures().map((f) => f.source));
      return ['roads', 'water', 'sites'].filter((s) => sources.has(s));
    });
    // The county's map shows road and water projects and sites: each has its rows.
    expect(drawn).toEqual(['roads', 'water', 'sites']);
    expect((await page.getByTestId('screen-legend-projects').locator('li').allTextContents()).map((s) => s.trim())).toEqual(['计划', '在建', '完工', '已验收']);
    await page.getByTestId('screen-legend-sites').waitFor();
    const [legend, timeline] = await Promise.all(
      ['.legend', '.timeline'].map((selector) => page.locator(selector).first().boundingBox()),
    );
    expect(legend!.y + legend!.height).toBeLessThanOrEqual(timeline!.y);
    expect(legend!.y).toBeGreaterThan(0);
    await page.close();
  });

  it('goes full screen and back, and leads back to the map', async () => {
    const page = await openScreen(browser, server.url, FULL_HD, 600);
    const fullscreen = page.getByTestId('fullscreen');
    await fullscreen.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === document.documentElement), { timeout: 5_000 }).toBe(true);
    expect(await fullscreen.textContent()).toContain('退出全屏');
    await fullscreen.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement), { timeout: 5_000 }).toBeNull();

    await page.getByTestId('screen-back').click();
    await page.getByTestId('layer-panel').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  describe('on tour', () => {
    it('tours from township to township and pauses on the space bar', async () => {
      const page = await openScreen(browser, server.url, FULL_HD, 1.5);
      const name = () => text(page, 'tour-name');
      const seen = [await name()];
      for (let i = 0; i < 2; i++) {
        await expect.poll(name, { timeout: 10_000 }).not.toBe(seen.at(-1));
        seen.push(await name());
      }
      expect(new Set(seen).size).toBe(3);
      // The county and seven townships: 城区 has no poor villages, nothing to show, and is skipped.
      expect(await text(page, 'tour-stop')).toMatch(/^第 \d \/ 8 站$/);

      await page.keyboard.press('Space');
      expect(await page.getByTestId('tour-pause').getAttribute('aria-pressed')).toBe('true');
      // Read in one go, so the tour cannot move between the two.
      const { pausedOn, focus } = await page.evaluate(() => ({
        pausedOn: document.querySelector('[data-testid=tour-name]')!.textContent,
        focus: window.__map!.getGlobalState().township as string,
      }));
      // The map focuses the township on tour.
      const townships = (await (await fetch(`${server.url}/api/townships`)).json()) as { code: string; name: string }[];
      expect(townships.find((t) => t.code === focus)?.name).toBe(pausedOn);
      await page.waitForTimeout(2_500);
      expect(await name()).toBe(pausedOn);

      await page.getByTestId('tour-pause').click();
      await expect.poll(name, { timeout: 10_000 }).not.toBe(pausedOn);
      await page.close();
    });
  });
});
