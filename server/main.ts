import { getRequestListener } from '@hono/node-server';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createApp } from './app';
import { ensureArchive, ensureDataset, openSeededDb } from './bootstrap';
import { loadConfig } from './config';
import { tileFastPath } from './http/tile-fast-path';

const config = loadConfig();
const dataset = await ensureDataset(config);
const archive = config.STATIC_ARCHIVE ? readFileSync(config.STATIC_ARCHIVE) : await ensureArchive(config, dataset);
const db = await openSeededDb(config, async () => dataset);
const webRoot = existsSync(config.WEB_ROOT) ? config.WEB_ROOT : undefined;
if (!webRoot) console.warn(`[server] ${config.WEB_ROOT} not built: serving the API only (run npm run build:web)`);

const staticArchive = () => archive;
const { app, tiles } = createApp({ db, staticArchive, webRoot });
const serveTile = tileFastPath(tiles, staticArchive);
const serveApp = getRequestListener(app.fetch);
const server = createServer((req, res) => {
  if (!serveTile(req, res)) void serveApp(req, res);
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
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
