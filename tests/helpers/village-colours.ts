// What the map actually painted each village with, and what the exit timeline says it should be:
// shared by the browser tests of the map page and of the big screen.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { VillageClass } from '../../common/domain';
import { exitStatusInYear, type ExitReadiness, type ExitStatus } from '../../common/indicators';
import { EXIT_STATUS_COLOURS } from '../../web/src/map/palette';

export interface RenderedVillage {
  code: string;
  villageClass: VillageClass;
  actualExitYear: number | null;
  exitStatus: ExitStatus;
  readiness: ExitReadiness;
  /** The fill colour drawn, as #rrggbb. */
  fill: string;
}

/** Every village on screen, with the fill colour MapLibre evaluated for it. */
export function renderedVillages(page: Page): Promise<RenderedVillage[]> {
  return page.evaluate(() => {
    const hex = (c: { r: number; g: number; b: number }) =>
      `#${[c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
    const byCode = new Map<string, RenderedVillage>();
    for (const f of window.__map!.queryRenderedFeatures({ layers: ['village-fill'] })) {
      const p = f.properties;
      byCode.set(String(p.code), {
        code: String(p.code),
        villageClass: p.villageClass as VillageClass,
        actualExitYear: p.actualExitYear === undefined ? null : Number(p.actualExitYear),
        exitStatus: p.exitStatus as ExitStatus,
        readiness: p.readiness as ExitReadiness,
        // Queried features carry their paint properties evaluated for them: the colour actually drawn.
        fill: hex((f.layer.paint as Record<string, { r: number; g: number; b: number }>)['fill-color']),
      });
    }
    return [...byCode.values()];
  });
}

/** The colour of a village in a timeline year (null: today). */
export const exitFillIn = (v: RenderedVillage, year: number | null): string => EXIT_STATUS_COLOURS[exitStatusInYear(v, year)];

/** Waits until every village on screen has the colour `expected` gives it; returns them. */
export async function expectVillageFills(page: Page, expected: (v: RenderedVillage) => string): Promise<RenderedVillage[]> {
  await expect
    .poll(async () => (await renderedVillages(page)).filter((v) => v.fill !== expected(v)).map((v) => v.code), { timeout: 10_000 })
    .toEqual([]);
  const villages = await renderedVillages(page);
  expect(villages.length).toBeGreaterThan(20);
  return villages;
}

/** Moves the timeline control (on either page) to a year, or back to today. */
export async function showYear(page: Page, year: number | null): Promise<void> {
  if (year === null) await page.getByTestId('timeline-today').click();
  else await page.getByTestId('timeline-slider').fill(String(year));
}
