import { getRequestListener } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createApp } from './app';
import { ensureArchive, ensureDataset, openSeededDb } from './bootstrap';
import { hasImportedBoundaries } from './repo/boundaries';
import { loadConfig } from './config';
import { tileFastPath } from './tiles/tile-fast-path';
import { webFastPath } from './web/web-fast-path';
import { getCounty } from './repo/geography';
import { loadWebFiles } from './web/web-files';

const config = loadConfig();
const dataset = await ensureDataset(config);
const archive = config.STATIC_ARCHIVE ? readFileSync(config.STATIC_ARCHIVE) : await ensureArchive(config, dataset);
const db = await openSeededDb(config, async () => dataset);
if (!(await getCounty(db, config.COUNTY_CODE))) {
  console.error(`[server] COUNTY_CODE ${config.COUNTY_CODE} is not in the database: set it to a county the database holds`);
  process.exit(1);
}
const web = loadWebFiles(config.WEB_ROOT);
if (!web) console.warn(`[server] ${config.WEB_ROOT} not built: serving the API only (run npm run build:web)`);

const rebuildStaticArchive = !config.STATIC_ARCHIVE;
const { app, tiles, staticArchive, staticTiles } = createApp({ db, staticArchive: () => archive, rebuildStaticArchive, web, countyCode: config.COUNTY_CODE });
// Imported boundaries live in the database, not in the demo dataset the archive on disk was cut from.
if (await hasImportedBoundaries(db, config.COUNTY_CODE)) await staticTiles.rebuild(db, config.COUNTY_CODE);
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
