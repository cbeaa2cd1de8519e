// (s) First paint over a slow link: 400 kbit/s both ways and 400 ms round trip, set with CDP's
// Network.emulateNetworkConditions, beside the same page on the unthrottled loopback. Times, in ms
// from navigation start in a fresh browser context (empty cache): the first contentful paint (the
// inline shell of index.html, with the county's name the server wrote into it), and the first frame
// with the county's villages drawn on the map.
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser';
import { installPaintProbe, type PaintTimes } from './paint-probe';
import { withTimeout } from './processes';
import type { ResultRow } from './report';
import { median } from './stats';

const RUNS = 3;
const SLOW = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const SHELL_TARGET_MS = 1500;
const VIEWPORT = { width: 1440, height: 900 };

interface SlowRun {
  shell: number;
  drawn: number;
}

async function runOnce(browser: Browser, url: string, throttled: boolean): Promise<SlowRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await installPaintProbe(page);
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW);
    }
    await page.goto(url, { waitUntil: 'commit' });
    const shell = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 60_000 });
    const paint: PaintTimes = await withTimeout(page.evaluate(() => window.__paint!), 180_000, 'villages drawn');
    return { shell: (await shell.jsonValue()), drawn: paint.drawn };
  } finally {
    await context.close();
  }
}

export async function benchSlowLink(url: string, log: (line: string) => void): Promise<ResultRow[]> {
  const html = await (await fetch(url)).text();
  const countyInShell = /class="boot-county">[^<]+</.test(html);
  const browser = await launchBrowser();
  const results: Record<'slow' | 'fast', SlowRun[]> = { slow: [], fast: [] };
  try {
    // A first run warms the server (tile index, caches), as a deployed portal is.
    await runOnce(browser, url, false);
    for (let run = 1; run <= RUNS; run++) {
      for (const link of ['fast', 'slow'] as const) {
        const r = await runOnce(browser, url, link === 'slow');
        results[link].push(r);
        log(`slow link: ${link} run ${run}: shell ${r.shell.toFixed(0)} ms, villages drawn ${r.drawn.toFixed(0)} ms`);
      }
    }
  } finally {
    await browser.close();
  }
  const section = '(s) first paint, slow link';
  const shellSlow = median(results.slow.map((r) => r.shell));
  const row = (link: 'slow' | 'fast', label: string): ResultRow => ({
    section,
    measurement: `${label}: shell painted (first contentful paint) / county villages drawn, fresh cache, median of ${RUNS}`,
    value: `${median(results[link].map((r) => r.shell)).toFixed(0)} ms / ${median(results[link].map((r) => r.drawn)).toFixed(0)} ms`,
  });
  return [
    { ...row('slow', '400 kbit/s, 400 ms RTT'), target: `shell with county name < ${SHELL_TARGET_MS} ms`, met: countyInShell && shellSlow < SHELL_TARGET_MS },
    row('fast', 'loopback, unthrottled'),
  ];
}
