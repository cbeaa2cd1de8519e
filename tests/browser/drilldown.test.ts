// Drill-down on the map page in Debian's chromium: county overview with the township ranking of the
// API, a click on a township zooms to it and shows its summary (road km inside it included), a
// village opens its detail, and the breadcrumb goes back up to the county.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BBox, Summary, TownshipRankRow, TownshipView, VillageView } from '../../common/api';
import { openPortalPage, saveScreenshot, waitForMapIdle, type PortalPage } from '../helpers/browser';
import type { TestServer } from '../helpers/server';

// The panels' formats (web/src/i18n/format.ts) in their default language.
const num = (n: number, digits = 0) => n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (r: number | null, digits = 1) => (r === null ? '—' : `${(r * 100).toFixed(digits)}%`);
const km = (done: number, planned: number) => `${num(done, 1)} / ${num(planned, 1)} 公里`;

let portal: PortalPage;
let server: TestServer;
let page: Page;
let township: TownshipView;

const api = async <T>(path: string): Promise<T> => (await fetch(`${server.url}${path}`)).json() as Promise<T>;
const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.replace(/\s+/g, ' ').trim();
const crumbs = async () => (await page.locator('[data-testid=breadcrumb] .crumb').allTextContents()).map((c) => c.trim());

/** The figures a summary must show in the drill-down panel, by the test id of their row. */
function expectedFigures(s: Summary): Record<string, string> {
  return {
    'figure-incidence': pct(s.population.povertyIncidence, 2),
    'figure-poor-persons': `${num(s.population.poorPersons)} 人`,
    'figure-exit': `已退出 ${num(s.villages.exited)} / ${num(s.villages.poor)} 个`,
    'figure-infra': pct(s.infra.completion),
    'figure-relocation': `${num(s.relocation.movedHouseholds)} / ${num(s.relocation.plannedHouseholds)} 户`,
    'figure-roads': km(s.projects.road.doneKm, s.projects.road.plannedKm),
  };
}

async function expectFigures(s: Summary): Promise<void> {
  await page.locator(`[data-testid=scope-figures][data-scope="${s.scope.code}"]`).waitFor();
  for (const [testId, value] of Object.entries(expectedFigures(s))) expect(await text(testId), testId).toContain(value);
}

const mapCentreIn = (bbox: BBox) =>
  page.evaluate(([w, s, e, n]) => {
    const { lng, lat } = window.__map!.getCenter();
    return lng > w && lng < e && lat > s && lat < n;
  }, bbox);

describe('drill-down', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/');
    ({ server, page } = portal);
  });

  afterAll(() => portal?.close());

  it('opens the county overview with its figures and the township ranking of the API', async () => {
    await page.getByTestId('crumb-county').click();
    await page.getByTestId('county-overview').waitFor();
    await expectFigures(await api<Summary>('/api/stats/summary'));
    const ranking = await api<TownshipRankRow[]>('/api/stats/townships');
    await page.getByTestId('ranking-row').nth(ranking.length - 1).waitFor();
    const rows = await page.getByTestId('ranking-row').evaluateAll((trs) =>
      trs.map((tr) => ({ code: tr.getAttribute('data-code'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()) })),
    );
    expect(rows).toEqual(
      ranking.map((r) => ({
        code: r.code,
        cells: [String(r.rank), r.name, pct(r.exitProgress, 0), pct(r.projectProgress, 0), pct(r.fundsProgress, 0)],
      })),
    );
  });

  it('drills into a township from the ranking: zoom, its summary and road km inside it', async () => {
    const [, second] = await api<TownshipRankRow[]>('/api/stats/townships');
    township = (await api<TownshipView[]>('/api/townships')).find((t) => t.code === second.code)!;
    await page.locator(`[data-testid=ranking-row][data-code="${township.code}"]`).click();
    await page.getByTestId('township-overview').waitFor();
    expect(await page.getByTestId('township-overview').getByTestId('panel-title').textContent()).toBe(township.name);
    const summary = await api<Summary>(`/api/stats/summary?township=${township.code}`);
    await expectFigures(summary);
    const { inside } = summary.projects.road;
    expect(await text('figure-roads-inside')).toContain(km(inside.doneKm, inside.plannedKm));
    expect(await crumbs()).toEqual(['榆社县', township.name]);
    await waitForMapIdle(page);
    expect(await mapCentreIn(township.bbox)).toBe(true);
    await saveScreenshot(page, 'drilldown-township');
  });

  it('dims the sites and projects of the other townships while one is in focus', async () => {
    // Framing the whole county brings every township's features into view; the focus stays.
    const county = await api<{ bbox: BBox }>('/api/county');
    await page.evaluate((bbox) => window.__map!.fitBounds(bbox, { duration: 0, padding: 20 }), county.bbox);
    await waitForMapIdle(page);
    const opacities = await page.evaluate(
      ({ layers }) =>
        Object.entries(layers).flatMap(([layer, property]) =>
          window.__map!.queryRenderedFeatures({ layers: [layer] }).map((f) => ({
            layer,
            townshipCode: f.properties.townshipCode as string,
            opacity: (f.layer.paint as Record<string, number>)[property],
          })),
        ),
      { layers: { 'site-circle': 'circle-opacity', 'road-line': 'line-opacity', 'water-symbol': 'icon-opacity' } },
    );
    for (const layer of ['site-circle', 'road-line', 'water-symbol']) {
      const ofLayer = opacities.filter((o) => o.layer === layer);
      const inside = ofLayer.filter((o) => o.townshipCode === township.code);
      const outside = ofLayer.filter((o) => o.townshipCode !== township.code);
      expect(inside.length, layer).toBeGreaterThan(0);
      expect(outside.length, layer).toBeGreaterThan(0);
      expect(new Set(outside.map((o) => o.opacity)), layer).toEqual(new Set([0.25]));
      expect(Math.min(...inside.map((o) => o.opacity)), layer).toBeGreaterThan(0.9);
    }
  });

  it('drills into a village and back up through the breadcrumb', async () => {
    const code = await page.getByTestId('township-village').first().getAttribute('data-code');
    const village = await api<VillageView>(`/api/villages/${code}`);
    expect(village.townshipCode).toBe(township.code);
    await page.getByTestId('township-village').first().click();
    const title = page.getByTestId('detail-panel').getByTestId('panel-title');
    await title.filter({ hasText: village.name }).waitFor();
    expect(await crumbs()).toEqual(['榆社县', township.name, village.name]);

    await page.getByTestId('crumb-township').click();
    await page.getByTestId('township-overview').waitFor();
    expect(await page.getByTestId('detail-panel').count()).toBe(0);
    expect(await crumbs()).toEqual(['榆社县', township.name]);

    await page.getByTestId('crumb-county').click();
    await page.getByTestId('county-overview').waitFor();
    expect(await page.getByTestId('township-overview').count()).toBe(0);
    expect(await page.getByTestId('township-filter').inputValue()).toBe('');
    expect(await crumbs()).toEqual(['榆社县']);
    await waitForMapIdle(page);
    const county = await api<{ bbox: BBox }>('/api/county');
    expect(await mapCentreIn(county.bbox)).toBe(true);
  });

  it('made no request to another host', () => {
    expect(portal.foreignRequests).toEqual([]);
  });
});
