// An in-process app on a fresh database seeded with the demo dataset: in-memory PGlite, or a new
// database on the test run's PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createApp, type AppOptions } from '../../server/app';
import { DEMO_ASSISTING_CADRE, seedDemoUsers } from '../../server/auth/users';
import { ensureArchive, ensureDataset } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import type { Db } from '../../server/db/client';
import { openDb } from '../../server/db/open-db';
import { migrate } from '../../server/db/migrate';
import { enablePostgis } from '../../server/db/postgis';
import { seedDemoHouseholds } from '../../server/db/household-seed';
import { seedDataset } from '../../server/db/seed';
import { createPiiCipher } from '../../server/pii/cipher';
import { deriveVillageFigures } from '../../server/services/figure-source';
import { memoryArchive } from '../../server/tiles/archive-source';

/** postgis: a PostgreSQL database with PostGIS enabled, whose dynamic tiles are cut in SQL. */
export type Backend = 'pglite' | 'postgres' | 'postgis';

/** The backends this run can test: PostgreSQL only when the global setup started one. */
export const BACKENDS: Backend[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
/** For the tile suites, which run on all three back ends. */
export const TILE_BACKENDS: Backend[] = inject('postgresUrl') ? [...BACKENDS, 'postgis'] : BACKENDS;

/** A new, empty database on the test run's PostgreSQL server. */
export async function freshDatabaseUrl(): Promise<string> {
  const serverUrl = inject('postgresUrl')!;
  const admin = await openDb({ databaseUrl: serverUrl });
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  return serverUrl.replace(/\/[^/]*$/, `/${name}`);
}

export async function freshDb(backend: Backend): Promise<Db> {
  if (backend === 'pglite') return openDb({});
  return openDb({ databaseUrl: await freshDatabaseUrl() });
}

/**
 * `households`: also seed the demo households (seconds more), for the suites that need them;
 * the rest: the app's settings beyond the database and data (proxy, cookie, live limits).
 */
export async function createTestApp(backend: Backend = 'pglite', { households, ...options }: Partial<Omit<AppOptions, 'db'>> & { households?: boolean } = {}) {
  // `countyCode`: another area's demo (a prefecture's: 433100), built into data/generated/ on first use.
  const config = loadConfig(options.countyCode ? { COUNTY_CODE: options.countyCode } : {});
  const dataset = await ensureDataset(config);
  const archive = await ensureArchive(config, dataset);
  const db = await freshDb(backend);
  await migrate(db);
  await seedDataset(db, dataset);
  await seedDemoUsers(db);
  const postgis = backend === 'postgis' && (await enablePostgis(db));
  if (backend === 'postgis' && !postgis) throw new Error('the test PostgreSQL server has no PostGIS: apt-get install postgresql-15-postgis-3');
  const pii = createPiiCipher(randomBytes(32));
  if (households) {
    await seedDemoHouseholds(db, pii, config.COUNTY_CODE, DEMO_ASSISTING_CADRE);
    await db.write((tx) => deriveVillageFigures(tx, config.COUNTY_CODE));
  }
  const { app, tiles, bus, start, stop } = createApp({ db, postgis, staticArchive: memoryArchive(archive), countyCode: config.COUNTY_CODE, pii, ...options });
  await start();
  const request = (path: string, init?: RequestInit) => app.request(path, init);
  const json = async <T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
    const res = await request(path, init);
    return { status: res.status, body: (await res.json()) as T };
  };
  return { app, db, pii, tiles, bus, dataset, archive, request, json, close: async () => {
    await stop();
    await db.close();
  } };
}
