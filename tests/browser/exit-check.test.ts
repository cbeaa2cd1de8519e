// The exit timeline and the exit-criteria check on the map page, in Debian's chromium against the
// real server: the compact timeline recolours the villages and the header figures by year; the
// "exit criteria" colour mode paints readiness, lists wrong exits and ready villages with the
// criteria they fail, and a click on the list opens that village. The header leads to the big screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary, VillageView } from '../../common/api';
import { READINESS_COLOURS } from '../../web/src/map/palette';
import { openPortalPage, saveScreenshot, waitForMapIdle, type PortalPage } from '../helpers/browser';
import { num, textOf } from '../helpers/screen';
import type { TestServer } from '../helpers/server';
import { exitFillIn, expectVillageFills, showYear } from '../helpers/village-colours';

let server: TestServer;
let portal: PortalPage;
let page: Page;

const api = async <T>(path: string): Promise<T> => (await fetch(server.url + path)).json() as Promise<T>;

describe('exit timeline and exit-criteria check on the map page', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/');
    ({ server, page } = portal);
  });

  afterAll(async () => {
    await portal?.close();
  });

  it('recolours the villages and the header figures by the timeline year', async () => {
    const by2016 = await api<Summary>('/api/stats/summary?year=2016');
    await showYear(page, 2016);
    await expectVillageFills(page, (v) => exitFillIn(v, 2016));
    await expect
      .poll(async () => page.getByTestId('kpi-strip').textContent(), { timeout: 10_000 })
      .toContain(`${num(by2016.villages.exited)} / ${num(by2016.villages.poor)}`);
    expect(await page.getByTestId('legend').textContent()).not.toContain('错退预警');

    // From today, play runs the years from the first; pause holds one.
    await showYear(page, null);
    const captionYear = async () => Number((await textOf(page, 'timeline-caption'))?.match(/截至 (\d{4}) 年底/)?.[1]);
    await page.getByTestId('timeline-play').click();
    await expect.poll(captionYear, { timeout: 10_000 }).toBeGreaterThan(2014);
    await page.getByTestId('timeline-play').click();
    const held = await captionYear();
    await page.waitForTimeout(2_000);
    expect(await captionYear()).toBe(held);

    await showYear(page, null);
    await expectVillageFills(page, (v) => exitFillIn(v, null));
    expect(await page.getByTestId('legend').textContent()).toContain('错退预警');
  });

  it('paints exit readiness and lists wrong exits and ready villages with the criteria they fail', async () => {
    await page.getByTestId('colour-mode-readiness').click();
    // The timeline is about exits: it leaves with the exit colouring, and takes its year with it.
    await page.getByTestId('timeline').waitFor({ state: 'detached' });
    await expectVillageFills(page, (v) => READINESS_COLOURS[v.readiness]);
    await page.getByTestId('legend-villages-readiness').waitFor();

    const panel = page.getByTestId('exit-check-panel');
    // The map moves the county out from under the list.
    await waitForMapIdle(page);
    const panelLeft = (await panel.boundingBox())!.x;
    const countyEast = await page.evaluate(async () => {
      const map = window.__map!;
      const [, south, east, north] = (await (await fetch('/api/county')).json()).bbox as number[];
      return map.getCanvas().getBoundingClientRect().left + map.project([east, (south + north) / 2]).x;
    });
    expect(countyEast).toBeLessThan(panelLeft);
    for (const group of ['wrong_exit', 'ready', 'not_ready'] as const) {
      const expected = await api<VillageView[]>(`/api/villages?readiness=${group}`);
      const listed = panel.getByTestId(`exit-check-${group}`).getByTestId('exit-check-village');
      await expect.poll(() => listed.count(), { timeout: 10_000 }).toBe(expected.length);
      expect(await listed.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')))).toEqual(expected.map((v) => v.code));
    }

    const [wrong] = await api<VillageView[]>('/api/villages?readiness=wrong_exit');
    const row = panel.locator(`[data-code="${wrong.code}"]`);
    const failing = await row.locator('.criterion.failed').count();
    expect(failing).toBe([wrong.exitCheck.incidenceOk, wrong.exitCheck.infraOk, wrong.exitCheck.incomeOk].filter((ok) => !ok).length);
    expect(failing).toBeGreaterThan(0);
    await saveScreenshot(page, 'map-exit-criteria');

    await row.click();
    const title = page.getByTestId('detail-panel').getByTestId('panel-title');
    await title.filter({ hasText: wrong.name }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => window.__map!.getGlobalState().year)).toBe(0);
  });

  it('offers the colour modes as a radio group the arrow keys move through', async () => {
    const group = page.getByRole('radiogroup', { name: '行政村着色' });
    const checked = async () => group.locator('[role=radio][aria-checked=true]').getAttribute('data-testid');
    expect(await checked()).toBe('colour-mode-readiness');
    await page.getByTestId('colour-mode-readiness').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(checked).toBe('colour-mode-infra');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('colour-mode-infra');
    await page.keyboard.press('ArrowRight');
    await expect.poll(checked).toBe('colour-mode-readiness');
    // Only the checked radio is a tab stop.
    expect(await group.locator('[role=radio][tabindex="0"]').count()).toBe(1);
  });

  it('links to the big screen from the header, the open village carried over without a fault', async () => {
    // The village opened above stays selected: the big screen's new map takes the selection before
    // its style is in, which once threw and left the screen blank.
    await page.getByTestId('open-screen').click();
    await page.getByTestId('kpi-exited').waitFor();
    expect(new URL(page.url()).pathname).toBe('/screen');
    await waitForMapIdle(page);
    expect(portal.pageErrors).toEqual([]);
  });
});
