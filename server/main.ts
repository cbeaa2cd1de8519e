import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import { createApp } from './app';
import { ensureArchive, ensureDataset, openSeededDb } from './bootstrap';
import { loadConfig } from './config';
import { PiiKeyError } from './pii/key-store';
import { fileArchive, memoryArchive } from './tiles/archive-source';
import { tileFastPath } from './tiles/tile-fast-path';
import { webFastPath } from './web/web-fast-path';
import { getCounty } from './repo/geography';
import { loadWebFiles } from './web/web-files';

const config = loadConfig();
const dataset = await ensureDataset(config);
const staticArchive = config.STATIC_ARCHIVE ? await fileArchive(config.STATIC_ARCHIVE) : memoryArchive(await ensureArchive(config, dataset));
let opened;
try {
  opened = await openSeededDb(config, async () => dataset);
} catch (err) {
  if (!(err instanceof PiiKeyError)) throw err;
  console.error(`[server] ${err.message}`);
  process.exit(1);
}
const { db, pii } = opened;
if (!(await getCounty(db, config.COUNTY_CODE))) {
  console.error(`[server] COUNTY_CODE ${config.COUNTY_CODE} is not in the database: set it to a county the database holds`);
  process.exit(1);
}
const web = loadWebFiles(config.WEB_ROOT);
if (!web) console.warn(`[server] ${config.WEB_ROOT} not built: serving the API only (run npm run build:web)`);

const tileCacheBytes = config.TILE_CACHE_MB * 1024 * 1024;
const { app, tiles } = createApp({
  db, staticArchive, web, countyCode: config.COUNTY_CODE, tileCacheBytes, pii, trustProxy: config.TRUST_PROXY, cookieSecure: config.COOKIE_SECURE,
  live: { heartbeatMs: config.LIVE_HEARTBEAT_MS, perAddress: config.LIVE_CONNECTIONS_PER_ADDRESS },
});
const serveTile = tileFastPath(tiles, staticArchive);
const serveAsset = web ? webFastPath(web) : () => false;
const serveApp = getRequestListener(app.fetch);
const server = createServer((req, res) => {
  if (!serveTile(req, res) && !serveAsset(req, res)) void serveApp(req, res);
});
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
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
