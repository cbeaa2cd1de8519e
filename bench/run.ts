// npm run bench: (a) tile throughput vs nginx, (b) first map paint, (c) edit-to-other-browser
// latency, (d) summary query time on PostgreSQL, (e) villages tile sizes per zoom, (f) dynamic tiles
// on PostGIS at national scale (per-tile cutting, edit → new tile, memory), (g) one and two
// instances behind nginx, (m) monitoring at 1,000,000 households, (n) npm run build:national and
// load:national, timed as an operator runs them, (o) offline field work
// (service-worker repeat visits, reconnection to another screen), (s) first paint over a slow link
// (400 kbit/s, 400 ms round trip). Writes bench/RESULTS.md and prints it. A part whose system
// package (nginx, chromium, postgresql) or prepared data is missing is skipped with the reason.
// Every request goes to 127.0.0.1, and every load run is bounded in time.
// `npm run bench -- a c` runs only the sections named (a to g, m, n, o, s) and prints them without
// touching RESULTS.md, which always holds a whole run.
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../tests/helpers/server';
import { benchEditLatency } from './edit-latency';
import { benchInstances } from './instances';
import { benchFieldOffline } from './field-offline';
import { benchFirstPaint, browserAvailable, preparedProvince } from './first-paint';
import { nginxAvailable, NGINX_PATH, startNginx } from './nginx';
import { markdownReport, type ResultRow, type SkippedSection } from './report';
import { benchSlowLink } from './slow-link';
import { benchSummaries, postgresAvailable } from './summary-queries';
import { benchMonitoringScale } from './monitoring-scale';
import { benchNationalBuild } from './national-build';
import { benchTiles } from './tile-load';
import { benchPostgisTiles } from './postgis-tiles';
import { benchProvinceTileSizes, benchTileSizes } from './tile-sizes';
import { ensureWebBuild } from '../scripts/web-build';

const log = (line: string) => console.log(`[bench] ${line}`);
const SECTIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'm', 'n', 'o', 's'];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  console.error(`unknown section ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const wholeRun = chosen.length === 0;
const rows: ResultRow[] = [];
const skipped: SkippedSection[] = [];
const notes: string[] = [];

/** Runs one part; a part that fails is reported as skipped, so the others still run. */
async function part(section: string, missing: string | null, run: () => Promise<ResultRow[]>): Promise<void> {
  if (!wholeRun && !chosen.includes(section[1])) return;
  if (missing) {
    log(`${section}: skipped (${missing})`);
    skipped.push({ section, reason: missing });
    return;
  }
  log(`${section}…`);
  const t0 = performance.now();
  try {
    rows.push(...(await run()));
  } catch (error) {
    console.error(error);
    skipped.push({ section, reason: `failed: ${(error as Error).message.split('\n')[0]}` });
  }
  log(`${section}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function withCountyServer<T>(work: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer();
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

const started = performance.now();
const loadAtStart = loadavg()[0];
let webBuilt: string | null = null;
try {
  ensureWebBuild();
} catch (error) {
  webBuilt = `the web app does not build (${(error as Error).message.split('\n')[0]})`;
}
const noBrowser = browserAvailable() ? webBuilt : 'chromium not found (apt-get install chromium)';

await part('(a) tiles', nginxAvailable() ? null : `${NGINX_PATH} not found (apt-get install nginx)`, () =>
  withCountyServer(async (server) => {
    const nginx = await startNginx();
    try {
      return await benchTiles(server.url, nginx, log);
    } finally {
      await nginx.stop();
    }
  }),
);
await part('(b) first paint, county', noBrowser, () => withCountyServer((server) => benchFirstPaint(server.url, 'county 140721', log)));
await part('(b) first paint, province', noBrowser, async () => {
  const province = await preparedProvince(log);
  const server = await startTestServer({ dataDir: province.dataDir, env: { STATIC_ARCHIVE: province.archive } });
  try {
    return await benchFirstPaint(server.url, `province ${province.code} (${province.villages} villages)`, log);
  } finally {
    await server.stop();
  }
});
await part('(c) edit to other browser', noBrowser, () => withCountyServer((server) => benchEditLatency(server.url, log)));
await part('(n) national build and load', postgresAvailable() ? null : 'PostgreSQL server binaries not found (apt-get install postgresql)', () =>
  benchNationalBuild(log),
);
await part('(d) summary queries', postgresAvailable() ? null : 'PostgreSQL server binaries not found (apt-get install postgresql)', () =>
  benchSummaries(log, notes),
);
await part('(e) villages tile sizes, synthetic', null, () => benchTileSizes(log));
await part('(m) monitoring, 1,000,000 households', postgresAvailable() ? null : 'PostgreSQL server binaries not found (apt-get install postgresql)', () =>
  benchMonitoringScale(log, notes),
);
await part('(e) villages tile sizes, province', null, async () => benchProvinceTileSizes(await preparedProvince(log), log));
await part('(f) PostGIS tiles, province and nation', postgresAvailable() ? null : 'PostgreSQL server binaries not found (apt-get install postgresql)', () =>
  benchPostgisTiles(log),
);
await part(
  '(g) instances behind nginx',
  !postgresAvailable() ? 'PostgreSQL server binaries not found (apt-get install postgresql)' : nginxAvailable() ? null : `${NGINX_PATH} not found (apt-get install nginx)`,
  () => benchInstances(log),
);
await part('(o) offline field work', noBrowser, () => withCountyServer((server) => benchFieldOffline(server.url, log)));
await part('(s) first paint, slow link', noBrowser, () => withCountyServer((server) => benchSlowLink(server.url, log)));

notes.push(
  `Machine: ${availableParallelism()} cores shared by the load generator, the servers and the browser (and by whatever else ` +
    `runs there: 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end). ` +
    `Total bench time ${((performance.now() - started) / 60_000).toFixed(1)} min.`,
);
const report = markdownReport(rows, skipped, notes);
if (wholeRun) writeFileSync(join(import.meta.dirname, 'RESULTS.md'), `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.ts).\n\n${report}`);
console.log(`\n${report}`);
