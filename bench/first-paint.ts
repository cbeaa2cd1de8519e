// (b) First map paint of the built web app in headless chromium: from navigation start to the
// first frame with villages drawn, and on to the map's first 'idle' (all in view loaded). Fresh
// browser contexts (empty cache) show a first visit; reloads in one context a returning user, whose
// browser keeps the app's immutable assets and current tiles. The province run serves a province
// loaded from the national build.
import { existsSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { NATIONAL_FILES } from '../common/national-dataset';
import { nationalDir } from '../data/build/national/build-national';
import { buildNationalDataset } from '../data/build/national/national-dataset';
import { openDb } from '../server/db/open-db';
import { migrate } from '../server/db/migrate';
import { seedNationalDataset } from '../server/db/national-seed';
import { seedDemoUsers } from '../server/auth/users';
import { CHROMIUM_PATH, launchBrowser } from '../tests/helpers/browser';
import { buildNationalTiles } from '../tiles/build-national';
import { installPaintProbe, type PaintTimes } from './paint-probe';
import { withTimeout } from './processes';
import type { ResultRow } from './report';
import { median } from './stats';

const RUNS = 5;
const PAINT_TIMEOUT_MS = 60_000;
const COUNTY_TARGET_MS = 1500;
/** Shanxi, the province of the demo county. */
const PROVINCE = '14';
const VIEWPORT = { width: 1440, height: 900 };

export const browserAvailable = () => existsSync(CHROMIUM_PATH);

/** Opens the app in a page and waits for its paint times. */
async function paintOnce(page: Page, url: string, label: string): Promise<PaintTimes> {
  await page.goto(url);
  return withTimeout(page.evaluate(() => window.__paint!), PAINT_TIMEOUT_MS, `${label}: villages drawn`);
}

export async function benchFirstPaint(url: string, label: string, log: (line: string) => void): Promise<ResultRow[]> {
  const browser = await launchBrowser();
  const fresh: PaintTimes[] = [];
  const returning: PaintTimes[] = [];
  let timedOut = 0;
  const newPage = async (context: BrowserContext) => {
    const page = await context.newPage();
    await installPaintProbe(page);
    return page;
  };
  const show = (run: string, p: PaintTimes) => log(`${label}: ${run}: drawn ${p.drawn.toFixed(0)} ms, idle ${p.idle.toFixed(0)} ms`);
  try {
    // Run 0 is the cold start: the server builds its tile index on the first tile request.
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        fresh.push(await paintOnce(await newPage(context), url, label));
        show(`fresh run ${run}`, fresh.at(-1)!);
      } catch (error) {
        // One stuck page must not lose the other runs; the row says how many there were.
        if (run === 0) throw error;
        timedOut++;
        log(`${label}: fresh run ${run}: ${(error as Error).message}`);
      } finally {
        await context.close();
      }
    }
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await newPage(context);
      await paintOnce(page, url, label);
      for (let run = 1; run <= RUNS; run++) {
        returning.push(await paintOnce(page, url, label));
        show(`returning run ${run}`, returning.at(-1)!);
      }
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const [cold, ...warm] = fresh;
  const stuck = timedOut ? `, ${timedOut} of ${RUNS} runs drew nothing within ${PAINT_TIMEOUT_MS / 1000} s` : '';
  const isCounty = label.startsWith('county');
  const section = '(b) first map paint';
  const drawn = median(warm.map((p) => p.drawn));
  const figures = (times: PaintTimes[]) =>
    `villages drawn ${median(times.map((p) => p.drawn)).toFixed(0)} ms, all loaded (idle) ${median(times.map((p) => p.idle)).toFixed(0)} ms`;
  return [
    {
      section, measurement: `${label}: first visit, fresh browser cache, median of ${warm.length}`, value: `${figures(warm)}${stuck}`,
      ...(isCounty ? { target: `drawn < ${COUNTY_TARGET_MS} ms`, met: timedOut === 0 && drawn < COUNTY_TARGET_MS } : {}),
    },
    { section, measurement: `${label}: returning visitor, browser cache warm, median of ${returning.length}`, value: figures(returning) },
    { section, measurement: `${label}: first load after server start`, value: figures([cold]) },
  ];
}

export interface PreparedProvince {
  code: string;
  dataDir: string;
  archive: string;
  villages: number;
}

/**
 * Province 14 (Shanxi) from the national build, its tiles and a PGlite database loaded with it,
 * each made once and kept under data/generated/national-14/.
 */
export async function preparedProvince(log: (line: string) => void): Promise<PreparedProvince> {
  const dir = nationalDir(PROVINCE);
  if (!existsSync(join(dir, NATIONAL_FILES.meta))) {
    log(`building the demo data of province ${PROVINCE}`);
    await buildNationalDataset({ outDir: dir, prefix: PROVINCE });
  }
  const archive = join(dir, NATIONAL_FILES.archive);
  if (!existsSync(archive)) writeFileSync(archive, (await buildNationalTiles(dir)).archive);
  const dataDir = join(dir, 'pglite');
  const db = await openDb({ dataDir });
  try {
    await migrate(db);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM villages');
    if (n > 0) return { code: PROVINCE, dataDir, archive, villages: n };
    log(`loading province ${PROVINCE} into PGlite`);
    const counts = await seedNationalDataset(db, { dir });
    await seedDemoUsers(db);
    return { code: PROVINCE, dataDir, archive, villages: counts.villages };
  } finally {
    await db.close();
  }
}
