// The monitoring workflow (防返贫) as the roles do it in the browser, on the household card of a
// village the village team works in: the team reports and reviews, the township cadre checks, the
// poverty office confirms, records the help and removes the risk. Each step needs its reason, and
// the card offers each user only their own step.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalPage, saveScreenshot, type PortalPage } from '../helpers/browser';
import { expectFitsTheScreen } from '../helpers/screen';
import type { TestServer } from '../helpers/server';

let server: TestServer;
let portal: PortalPage;
let page: Page;

async function logIn(username: string): Promise<void> {
  await page.getByTestId('login-open').click();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(`${username}123`);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('session-user').waitFor();
}

async function openFirstHousehold(): Promise<void> {
  await page.getByTestId('search-input').fill('城关村');
  await page.getByTestId('search-hit').filter({ hasText: '城关村' }).first().click();
  await page.getByTestId('detail-panel').getByTestId('panel-title').filter({ hasText: '城关村' }).waitFor();
  await page.getByTestId('household-list-toggle').click();
  const first = page.getByTestId('household-list').locator('tbody tr').first();
  await first.waitFor();
  await first.click();
  await page.getByTestId('household-monitoring').getByRole('heading').waitFor();
}

const card = () => page.getByTestId('household-monitoring');
const stage = () => card().getByTestId('monitoring-stage').first();

async function takeStep(action: string, reason: string, expectedStage: string): Promise<void> {
  await card().getByTestId('monitoring-reason').fill(reason);
  await card().getByTestId(`monitoring-action-${action}`).click();
  await expect.poll(async () => (await stage().textContent())?.trim(), { timeout: 10_000 }).toBe(expectedStage);
}

async function logOut(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-open').waitFor();
}

describe('monitoring workflow in the browser', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/', { width: 1440, height: 900 }, { MONITORING_SCHEDULE: 'off' });
    ({ server, page } = portal);
  });

  afterAll(async () => {
    await portal?.close();
  });

  it('takes a household from 申报 to 风险消除, each role its own step with a reason', async () => {
    await logIn('zhucun');
    await openFirstHousehold();
    // a reason is required before anything is sent
    await card().getByTestId('declare-submit').click();
    expect(await card().getByTestId('monitoring-error').textContent()).toContain('请先填写理由');
    await card().getByTestId('declare-type').selectOption('sudden');
    await card().getByTestId('monitoring-reason').fill('户主突发脑梗住院，家庭收入骤减，本人申请');
    await card().getByTestId('declare-submit').click();
    await expect.poll(async () => (await stage().textContent())?.trim(), { timeout: 10_000 }).toBe('已申报/排查');
    // the village team may review and post, not confirm for the county
    expect(await card().getByTestId('monitoring-action-county_confirm').count()).toBe(0);
    await takeStep('village_review', '村民代表会议评议通过，公示7天无异议', '村评议公示');
    expect(await card().getByTestId('monitoring-action-township_check').count()).toBe(0);
    await logOut();

    await logIn('xiangzhen');
    await openFirstHousehold();
    await takeStep('township_check', '乡镇入户核实，材料齐全', '乡镇审核');
    await logOut();

    await logIn('fupin');
    await openFirstHousehold();
    await takeStep('county_confirm', '县扶贫办确认纳入监测', '县级确认');
    await takeStep('start_assistance', '落实健康帮扶与临时救助', '帮扶中');
    await takeStep('remove_risk', '收入稳定超过监测线，风险已消除', '风险消除');

    const steps = await card().getByTestId('monitoring-steps').first().locator('li').allTextContents();
    expect(steps).toHaveLength(6);
    expect(steps[0]).toContain('zhucun');
    expect(steps[2]).toContain('xiangzhen');
    expect(steps[5]).toContain('收入稳定超过监测线');
    for (const s of steps) expect(s).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // over: no step left to take, and the household may be reported again
    expect(await card().locator('[data-testid^="monitoring-action-"]').count()).toBe(0);
    await card().getByTestId('monitoring-declare').waitFor();
    await saveScreenshot(page, 'monitoring-risk-removed');

    // the monitoring colouring: village aggregates of the county for the poverty office, none signed out
    await page.getByTestId('colour-mode-warnings').click();
    const colours = page.getByTestId('monitoring-map-colours');
    await expect.poll(async () => Number(await colours.getAttribute('data-count')), { timeout: 10_000 }).toBeGreaterThan(100);
    await logOut();
    await expect.poll(async () => Number(await colours.getAttribute('data-count')), { timeout: 10_000 }).toBe(0);
    expect(portal.pageErrors).toEqual([]);
  });

  it("shows the area's monitoring totals on the big screen in turn with the ranking, live, fitting the screen", async () => {
    await logIn('fupin');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${server.url}/screen?tourSeconds=2`);
    // The totals take turns with the ranking chart in its slot, each full size; the space bar holds them.
    await page.getByTestId('panel-ranking').waitFor();
    const panel = page.getByTestId('panel-monitoring');
    await panel.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Space');
    expect(await page.getByTestId('panel-ranking').count()).toBe(0);
    const kpi = (k: string) => panel.getByTestId(`kpi-monitoring-${k}`);
    const apiTotal = (k: string) =>
      page.evaluate(async (key) => {
        const rows = await (await fetch('/api/monitoring/figures?level=county')).json();
        return rows.reduce((sum: number, r: Record<string, number>) => sum + r[key], 0);
      }, k);
    const shown = async (k: string) => Number((await kpi(k).textContent())!.replace(/\D/g, ''));
    await kpi('riskRemoved').waitFor();
    expect(await shown('riskRemoved')).toBeGreaterThanOrEqual(1);
    for (const k of ['monitored', 'riskRemoved', 'openWarnings', 'overdueWarnings']) expect(await shown(k), k).toBe(await apiTotal(k));
    await expectFitsTheScreen(page);

    // The monthly rules run from another screen: the warnings to verify follow without a reload.
    const before = await shown('openWarnings');
    const raised = await page.evaluate(async () => {
      const res = await fetch('/api/monitoring/warnings/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return (await res.json()).raised as number;
    });
    expect(raised).toBeGreaterThan(0);
    await expect.poll(() => shown('openWarnings'), { timeout: 10_000 }).toBe(before + raised);
    await saveScreenshot(page, 'monitoring-screen');
    expect(portal.pageErrors).toEqual([]);
  });
});
