// The village panel's household section in Debian's chromium against the real server (which seeds
// the demo households on first start): figures from the households for everyone, the masked
// household list and a household's card only for a permitted user in scope, one ID number unmasked
// with a reason and logged, and all of it gone again on logout.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnmaskLogEntry } from '../../common/household-api';
import { openPortalPage, saveScreenshot, type PortalPage } from '../helpers/browser';
import { signIn } from '../helpers/portal-actions';
import type { TestServer } from '../helpers/server';
import { login } from '../helpers/session';

let server: TestServer;
let portal: PortalPage;
let page: Page;

async function openVillage(name: string): Promise<void> {
  await page.getByTestId('search-input').fill(name);
  await page.getByTestId('search-hit').filter({ hasText: name }).first().click();
  await page.getByTestId('detail-panel').getByTestId('panel-title').filter({ hasText: name }).waitFor();
}

const logIn = (username: string) => signIn(page, username);

describe('households in the village panel', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/');
    ({ server, page } = portal);
  });

  afterAll(async () => {
    await portal?.close();
  });

  it('shows figures from households to everyone; the masked list, a household and a logged unmasking only after a permitted login', async () => {
    await openVillage('城关村');
    const section = page.getByTestId('village-households');
    await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain('建档立卡户数');
    expect(await section.textContent()).toContain('登录后');
    expect(await page.getByTestId('household-list-toggle').count()).toBe(0);

    await logIn('zhucun');
    await page.getByTestId('household-list-toggle').click();
    const rows = page.getByTestId('household-list').locator('tbody tr');
    await rows.first().waitFor();
    const heads = await rows.locator('td:nth-child(2)').allTextContents();
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) expect(head.trim()).toMatch(/^.\*.$/u);
    await saveScreenshot(page, 'village-households');

    // One household: masked members; one ID number shown after a reason, and the look logged.
    await rows.first().click();
    const card = page.getByTestId('household-card');
    const ids = card.getByTestId('member-id-number');
    await ids.first().waitFor();
    for (const id of await ids.allTextContents()) expect(id.trim()).toMatch(/^140721\*{8}\d{3}[\dX]$/);
    expect(await card.getByTestId('household-years').locator('tbody tr').count()).toBeGreaterThan(0);
    await card.getByTestId('unmask-id-number').first().click();
    expect(await card.getByRole('alert').textContent()).toContain('请先填写查看原因');
    await card.getByTestId('unmask-reason').fill('核对低保名单');
    await card.getByTestId('unmask-id-number').first().click();
    await expect.poll(async () => (await ids.first().textContent())?.trim(), { timeout: 10_000 }).toMatch(/^140721\d{11}[\dX]$/);
    const admin = await login((path, init) => fetch(`${server.url}${path}`, init), 'admin');
    const log = await admin.send<UnmaskLogEntry[]>('GET', '/api/unmask-log');
    expect(log.body[0]).toMatchObject({ username: 'zhucun', field: 'idNumber', reason: '核对低保名单' });
    await saveScreenshot(page, 'household-card');

    await page.getByTestId('logout').click();
    await expect.poll(() => page.getByTestId('household-list').count()).toBe(0);
    expect(await page.getByTestId('household-card').count()).toBe(0);
    expect(portal.pageErrors).toEqual([]);
  });
});
