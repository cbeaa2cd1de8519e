// A prefecture's portal (湘西州 433100, COUNTY_CODE=433100) in Debian's chromium: its counties on the
// map and ranked as the API ranks them, the drill-down prefecture → county → township → village and
// back up the breadcrumb, and the monthly bulletin ranking the counties. The first run builds the
// prefecture's demo dataset into data/generated/ (eight counties: minutes on a loaded machine).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '../../common/bulletin';
import type { CountyInfo, CountyView, Summary, UnitRankRow, VillageView } from '../../common/api';
import { openPortalPage, saveScreenshot, waitForMapIdle, type PortalPage } from '../helpers/browser';
import type { TestServer } from '../helpers/server';

const pct = (r: number | null, digits = 1) => (r === null ? '—' : `${(r * 100).toFixed(digits)}%`);
const num = (n: number) => n.toLocaleString('zh-CN');

let portal: PortalPage;
let server: TestServer;
let page: Page;

const api = async <T>(path: string): Promise<T> => (await fetch(`${server.url}${path}`)).json() as Promise<T>;
const crumbs = async () => (await page.locator('[data-testid=breadcrumb] .crumb').allTextContents()).map((c) => c.replace(/概况与排名 ›/, '').trim());

/** The ranking table's rows as the page shows them, against the API's ranking. */
async function expectRanking(level: 'county' | 'township', ranking: UnitRankRow[]): Promise<void> {
  const table = page.locator(`[data-testid=unit-ranking][data-level=${level}]`);
  await table.locator(`[data-testid=ranking-row][data-code="${ranking[ranking.length - 1].code}"]`).waitFor();
  const rows = await table.getByTestId('ranking-row').evaluateAll((trs) =>
    trs.map((tr) => ({ code: tr.getAttribute('data-code'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()) })),
  );
  expect(rows).toEqual(ranking.map((r) => ({ code: r.code, cells: [String(r.rank), r.name, pct(r.exitProgress, 0), pct(r.projectProgress, 0), pct(r.fundsProgress, 0)] })));
}

async function expectExitFigure(s: Summary): Promise<void> {
  await page.locator(`[data-testid=scope-figures][data-scope="${s.scope.code}"]`).waitFor();
  expect(await page.getByTestId('figure-exit').first().textContent()).toContain(`已退出 ${num(s.villages.exited)} / ${num(s.villages.poor)} 个`);
}

describe('a prefecture portal (433100)', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/', { width: 1440, height: 900 }, { COUNTY_CODE: '433100' });
    ({ server, page } = portal);
  }, 1_200_000);

  afterAll(() => portal?.close());

  it('shows the prefecture outline and its eight counties on the map', async () => {
    const area = await api<CountyInfo>('/api/county');
    expect(area).toMatchObject({ level: 'prefecture', code: '433100', name: '湘西土家族苗族自治州' });
    const counties = await api<CountyView[]>('/api/counties');
    expect(counties.map((c) => c.name)).toEqual(['吉首市', '泸溪县', '凤凰县', '花垣县', '保靖县', '古丈县', '永顺县', '龙山县']);
    const drawn = await page.evaluate(() => ({
      counties: [...new Set(window.__map!.queryRenderedFeatures({ layers: ['counties-border'] }).map((f) => f.properties.code as string))].sort(),
      outline: window.__map!.queryRenderedFeatures({ layers: ['county-border'] }).map((f) => f.properties.code as string),
    }));
    expect(drawn.counties).toEqual(counties.map((c) => c.code));
    expect(new Set(drawn.outline)).toEqual(new Set(['433100']));
  });

  it('opens the prefecture overview with its figures and the counties ranked as the API ranks them', async () => {
    await page.getByTestId('crumb-prefecture').click();
    await page.locator('[data-testid=county-overview][data-level=prefecture]').waitFor();
    await expectExitFigure(await api<Summary>('/api/stats/summary'));
    await expectRanking('county', await api<UnitRankRow[]>('/api/stats/units'));
    expect(await crumbs()).toEqual(['湘西土家族苗族自治州']);
    await saveScreenshot(page, 'prefecture-overview');
  });

  it('drills down prefecture → county → township → village and back up the breadcrumb', async () => {
    const [, second] = await api<UnitRankRow[]>('/api/stats/units');
    await page.locator(`[data-testid=ranking-row][data-code="${second.code}"]`).click();
    await page.locator(`[data-testid=county-overview][data-level=county][data-code="${second.code}"]`).waitFor();
    await expectExitFigure(await api<Summary>(`/api/stats/summary?county=${second.code}`));
    const townships = await api<UnitRankRow[]>(`/api/stats/units?county=${second.code}`);
    await expectRanking('township', townships);
    expect(await crumbs()).toEqual(['湘西土家族苗族自治州', second.name]);
    await waitForMapIdle(page);
    await saveScreenshot(page, 'prefecture-county');

    const township = townships[0];
    await page.locator(`[data-testid=ranking-row][data-code="${township.code}"]`).click();
    await page.getByTestId('township-overview').waitFor();
    await expectExitFigure(await api<Summary>(`/api/stats/summary?township=${township.code}`));
    expect(await crumbs()).toEqual(['湘西土家族苗族自治州', second.name, township.name]);

    const code = await page.getByTestId('township-village').first().getAttribute('data-code');
    const village = await api<VillageView>(`/api/villages/${code}`);
    await page.getByTestId('township-village').first().click();
    await page.getByTestId('detail-panel').getByTestId('panel-title').filter({ hasText: village.name }).waitFor();
    expect(await crumbs()).toEqual(['湘西土家族苗族自治州', second.name, township.name, village.name]);

    await page.getByTestId('crumb-county').click();
    await page.locator(`[data-testid=county-overview][data-level=county][data-code="${second.code}"]`).waitFor();
    expect(await page.getByTestId('detail-panel').count()).toBe(0);
    expect(await crumbs()).toEqual(['湘西土家族苗族自治州', second.name]);

    await page.getByTestId('crumb-prefecture').click();
    await page.locator('[data-testid=county-overview][data-level=prefecture]').waitFor();
    expect(await crumbs()).toEqual(['湘西土家族苗族自治州']);
  });

  it('ranks the counties in the monthly bulletin', async () => {
    const bulletin = await api<Bulletin>('/api/bulletin');
    expect(bulletin.level).toBe('county');
    await page.goto(`${server.url}/bulletin`);
    await page.getByTestId(`bulletin-row-${bulletin.rows[bulletin.rows.length - 1].code}`).waitFor();
    expect(await page.getByTestId('bulletin-unit-header').textContent()).toBe('县（市、区）');
    const shown = await page.locator('[data-testid^=bulletin-row-]').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('.rank b')!.textContent.trim(), tr.querySelector('.name')!.textContent.trim(), tr.querySelector('[data-column=incidence]')!.textContent.trim()]),
    );
    expect(shown).toEqual(bulletin.rows.map((r) => [String(r.rank), r.name, pct(r.povertyIncidence, 2)]));
    await saveScreenshot(page, 'prefecture-bulletin');
  });

  it('tours the counties on the big screen', async () => {
    const ranking = await api<UnitRankRow[]>('/api/stats/units');
    const names = new Map(ranking.map((r) => [r.name, r.code]));
    await page.goto(`${server.url}/screen?tourSeconds=1`);
    await page.getByTestId('tour-name').waitFor();
    // The demo's counties all have poor villages: the prefecture, then all eight.
    await page.getByTestId('tour-stop').filter({ hasText: /\/ 9 站$/ }).waitFor();
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      const name = (await page.getByTestId('tour-name').textContent())!.trim();
      if (names.has(name)) seen.add(name);
      await page.waitForTimeout(300);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    const focused = await page.evaluate(() => window.__map!.getGlobalState().county as string);
    expect([...names.values(), '']).toContain(focused);
    await saveScreenshot(page, 'prefecture-screen');
  });

  it('made no request to another host', () => {
    expect(portal.foreignRequests).toEqual([]);
  });
});
