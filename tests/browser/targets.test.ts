// Annual targets in Debian's chromium: the big screen's targets panel and the drill-down's county
// and township panels show a target behind schedule, and follow a change of the targets live; the
// poverty office sets a target on the targets page from a phone.
import { devices, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetsAnswer } from '../../common/targets';
import { launchBrowser, recordForeignRequests, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, type Session } from '../helpers/session';

let server: TestServer;
let browser: Browser;
let office: Session;
const TOWNSHIP = '140721100';

const api = async <T>(path: string): Promise<T> => (await fetch(`${server.url}${path}`)).json() as Promise<T>;
const behindRows = (page: Page, scope: string) => page.locator(`${scope} [data-testid=target-row][data-status=behind]`);

describe('annual targets in the browser', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    office = await login((path, init) => fetch(`${server.url}${path}`, init), 'fupin');
    // A township target nobody can have met: behind schedule by the end of 2019.
    const res = await office.send('PUT', `/api/targets/${TOWNSHIP}/2019`, { targets: [{ measure: 'persons_relocated', value: 100_000 }, { measure: 'bridges_rebuilt', value: 40 }] });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the targets panel on the big screen with a flagged target, and follows a new target live', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const foreign = recordForeignRequests(page, new URL(server.url).origin);
    await page.goto(`${server.url}/screen`);
    const panel = page.getByTestId('panel-targets');
    await panel.waitFor();
    const answer = await api<TargetsAnswer>('/api/targets');
    const behind = answer.area.targets.filter((p) => p.status === 'behind').length;
    expect(behind).toBeGreaterThan(0);
    await expect.poll(() => panel.getByTestId('targets-behind').textContent()).toContain(`${behind} 项落后`);
    expect(await behindRows(page, '[data-testid=panel-targets]').count()).toBeGreaterThan(0);
    await expect.poll(() => panel.textContent()).toContain('2019 年度');
    await saveScreenshot(page, 'targets-screen');

    // Another office sets a target the county cannot have met: every screen counts one more behind.
    const current = answer.area.targets.map((p) => ({ measure: p.measure, value: p.target }));
    const res = await office.send('PUT', `/api/targets/${answer.area.code}/2019`, { targets: [...current, { measure: 'grid_villages', value: 100_000 }] });
    expect(res.status).toBe(200);
    await expect.poll(() => panel.getByTestId('targets-behind').textContent(), { timeout: 10_000 }).toContain(`${behind + 1} 项落后`);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('shows the county\'s and a township\'s targets in the drill-down, flagged where behind', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await waitForMapIdle(page);
    await page.getByTestId('crumb-county').click();
    const county = page.locator('[data-testid=county-overview] [data-testid=drill-targets]');
    await county.waitFor();
    expect(await behindRows(page, '[data-testid=county-overview]').count()).toBeGreaterThan(0);

    await page.locator(`[data-testid=ranking-row][data-code="${TOWNSHIP}"]`).click();
    const township = page.locator('[data-testid=township-overview] [data-testid=drill-targets]');
    await township.waitFor();
    await expect.poll(() => page.locator('[data-testid=township-overview] [data-testid=target-row][data-measure=persons_relocated]').getAttribute('data-status')).toBe('behind');
    expect(await township.textContent()).toContain('落后');
    await saveScreenshot(page, 'targets-drilldown');
    await page.close();
  });

  it('lets the poverty office set a target on the targets page from a phone', async () => {
    const context = await browser.newContext({ ...devices['Pixel 7'] });
    const [name, value] = office.cookie.split('=');
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/targets`);
    await page.getByTestId('targets-area').waitFor();
    await page.getByTestId('targets-edit-choose').selectOption(TOWNSHIP);
    await page.getByTestId('target-input-bus_coverage').fill('150');
    expect(await page.getByTestId('targets-save').isDisabled()).toBe(true);
    await page.getByTestId('target-input-bus_coverage').fill('96');
    await page.getByTestId('targets-save').click();
    await page.getByTestId('targets-saved').waitFor();
    const answer = await api<TargetsAnswer>(`/api/targets?area=${TOWNSHIP}&year=2019`);
    expect(answer.area.targets.find((p) => p.measure === 'bus_coverage')?.target).toBe(0.96);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
    await saveScreenshot(page, 'targets-phone');
    await context.close();
  });
});
