// (b) First map paint of the built web app in headless chromium: from navigation start to the
// map's first 'idle' event with village features rendered, in a fresh browser context (empty
// cache) each run. The province run serves a province loaded from the national build.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATIONAL_FILES } from '../common/national-dataset';
import { nationalDir } from '../data/build/national/build-national';
import { buildNationalDataset } from '../data/build/national/national-dataset';
import { openDb } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import { seedNationalDataset } from '../server/db/national-seed';
import { seedDemoUsers } from '../server/auth/users';
import { CHROMIUM_PATH, launchBrowser } from '../tests/helpers/browser';
import { buildNationalTiles } from '../tiles/build-national';
import { installPaintProbe } from './paint-probe';
import { withTimeout } from './processes';
import type { ResultRow } from './report';
import { median } from './stats';

const RUNS = 5;
const PAINT_TIMEOUT_MS = 60_000;
const COUNTY_TARGET_MS = 1500;
/** Shanxi, the province of the demo county. */
const PROVINCE = '14';

export const browserAvailable = () => existsSync(CHROMIUM_PATH);

export async function benchFirstPaint(url: string, label: string, log: (line: string) => void): Promise<ResultRow[]> {
  const browser = await launchBrowser();
  const times: number[] = [];
  let timedOut = 0;
  try {
    // Run 0 is the cold start: the server builds its tile index on the first tile request.
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      try {
        const page = await context.newPage();
        await installPaintProbe(page);
        await page.goto(url);
        times.push(await withTimeout(page.evaluate(() => window.__firstPaint!), PAINT_TIMEOUT_MS, `${label}: villages drawn`));
        log(`${label}: run ${run}: ${times.at(-1)!.toFixed(0)} ms`);
      } catch (error) {
        // One stuck page must not lose the other runs; the row says how many there were.
        if (run === 0) throw error;
        timedOut++;
        log(`${label}: run ${run}: ${(error as Error).message}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const [cold, ...warm] = times;
  const stuck = timedOut ? `, ${timedOut} of ${RUNS} runs drew nothing within ${PAINT_TIMEOUT_MS / 1000} s` : '';
  const isCounty = label.startsWith('county');
  const section = '(b) first map paint';
  return [
    {
      section, measurement: `${label}: median of ${warm.length}, fresh browser cache`, value: `${median(warm).toFixed(0)} ms${stuck}`,
      ...(isCounty ? { target: `< ${COUNTY_TARGET_MS} ms`, met: timedOut === 0 && median(warm) < COUNTY_TARGET_MS } : {}),
    },
    { section, measurement: `${label}: first load after server start`, value: `${cold.toFixed(0)} ms` },
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
