// Shared by the big-screen browser tests: opening /screen and checking that it fits the screen.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Summary } from '../../common/api';

// The screen's formats (web/src/i18n/format.ts) in its default language.
export const num = (n: number) => n.toLocaleString('zh-CN');
export const pct = (r: number | null, digits = 1) => `${(r! * 100).toFixed(digits)}%`;

/** The big screen with its figures loaded; ?tourSeconds sets how long the tour stays on each stop. */
export async function openScreen(browser: Browser, baseUrl: string, size: { width: number; height: number }, tourSeconds: number): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${baseUrl}/screen?tourSeconds=${tourSeconds}`);
  await page.getByTestId('kpi-exited').waitFor();
  return page;
}

export const summaryIn = (page: Page, query = '') =>
  page.evaluate(async (q) => (await fetch(`/api/stats/summary${q}`)).json() as Promise<Summary>, query);

export const textOf = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();

/**
 * No scrollbars, nothing cut off inside a panel, no text under 1.3 % of the screen height and the
 * headline figure at 3.5 % or more: legible from across the room at any resolution.
 */
export async function expectFitsTheScreen(page: Page): Promise<void> {
  const measure = () => page.evaluate(() => {
    const root = document.documentElement;
    const screen = document.querySelector('[data-testid=screen]')!;
    const overflowing = [...screen.querySelectorAll<HTMLElement>('.screen-panel, header')]
      .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent?.slice(0, 40));
    const sizeOf = (element: Element) =>
      // Shared px-sized components are scaled with CSS zoom, which computed styles leave out.
      parseFloat(getComputedStyle(element).fontSize) * (element as Element & { currentCSSZoom: number }).currentCSSZoom;
    let smallestText = Infinity;
    const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      if (!node.textContent?.trim() || !element.getClientRects().length) continue;
      smallestText = Math.min(smallestText, sizeOf(element));
    }
    return {
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      height: innerHeight,
      width: innerWidth,
      overflowing,
      smallestText,
      headlineFigure: sizeOf(screen.querySelector('[data-testid=kpi-exited]')!),
    };
  });
  // Panels are laid out as their charts and figures arrive: on a busy machine the first look may
  // catch one mid-layout. What must hold is the screen once settled.
  await expect.poll(async () => (await measure()).overflowing, { timeout: 10_000 }).toEqual([]);
  const layout = await measure();
  expect(layout.scrollHeight).toBeLessThanOrEqual(layout.height);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
  expect(layout.smallestText).toBeGreaterThanOrEqual(0.013 * layout.height);
  expect(layout.headlineFigure).toBeGreaterThanOrEqual(0.035 * layout.height);
}
