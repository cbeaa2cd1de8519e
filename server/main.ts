import { serve } from '@hono/node-server';
import { existsSync, readFileSync } from 'node:fs';
import { createApp } from './app';
import { ensureArchive, ensureDataset, openSeededDb } from './bootstrap';
import { loadConfig } from './config';

const config = loadConfig();
const dataset = await ensureDataset(config);
const archive = config.STATIC_ARCHIVE ? readFileSync(config.STATIC_ARCHIVE) : await ensureArchive(config, dataset);
const db = await openSeededDb(config, async () => dataset);
const webRoot = existsSync(config.WEB_ROOT) ? config.WEB_ROOT : undefined;
if (!webRoot) console.warn(`[server] ${config.WEB_ROOT} not built: serving the API only (run npm run build:web)`);

const { app } = createApp({ db, staticArchive: () => archive, webRoot });
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  // Test harnesses read this line to find the port when PORT=0.
  console.log(`[server] listening on http://localhost:${info.port} (${db.kind})`);
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
