// CLI: npx tsx scripts/load-national.ts [prefix] [dir]   (npm run load:national -- 14)
// Loads the national demo dataset, or the counties under a code prefix, into the database the
// server would use (DATABASE_URL, else the PGlite DATA_DIR), which must be empty.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { seedDemoUsers } from '../server/auth/users';
import { loadConfig } from '../server/config';
import { openDb } from '../server/db/open-db';
import { migrate } from '../server/db/migrate';
import { enablePostgis } from '../server/db/postgis';
import { seedNationalDataset } from '../server/db/national-seed';
import { nationalDir } from '../data/build/national/build-national';
import { measureResources } from '../data/build/national/resource-report';

/** Printed when the geometry columns are filled during the load; the benchmark looks for it. */
export const LOADED_WITH_POSTGIS = 'with PostGIS: geometry columns filled during the load';

const prefixArg = z.string().regex(/^\d{0,6}$/, 'prefix: up to 6 digits of a county code');

async function runCli(): Promise<void> {
  const [prefix = '', dir = nationalDir()] = process.argv.slice(2);
  prefixArg.parse(prefix);
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR });
  const stop = measureResources('national load');
  try {
    await migrate(db);
    // Before the villages go in: the geometry columns' triggers then fill them during the COPY, and
    // the GiST indexes are built once after it, not by the first server start over 620,000 rows.
    const postgis = config.POSTGIS === 'auto' && (await enablePostgis(db, (line) => console.log(`[load] ${line}`)));
    console.log(`[load] ${postgis ? LOADED_WITH_POSTGIS : 'without PostGIS: the server will cut dynamic tiles in memory'}`);
    const counts = await seedNationalDataset(db, { dir, prefix, log: (line) => console.log(`[load] ${line}`) });
    await seedDemoUsers(db);
    console.log(`[load] ${JSON.stringify(counts)} into ${db.kind}`);
  } finally {
    await db.close();
  }
  stop();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCli();
