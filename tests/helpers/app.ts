// An in-process app on a fresh database seeded with the demo dataset: in-memory PGlite, or a new
// database on the test run's PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createApp } from '../../server/app';
import { seedDemoUsers } from '../../server/auth/users';
import { ensureArchive, ensureDataset } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import type { Db } from '../../server/db/client';
import { openDb } from '../../server/db/open-db';
import { migrate } from '../../server/db/migrate';
import { seedDataset } from '../../server/db/seed';
import { memoryArchive } from '../../server/tiles/archive-source';

export type Backend = 'pglite' | 'postgres';

/** The backends this run can test: PostgreSQL only when the global setup started one. */
export const BACKENDS: Backend[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

export async function freshDb(backend: Backend): Promise<Db> {
  if (backend === 'pglite') return openDb({});
  const serverUrl = inject('postgresUrl')!;
  const admin = await openDb({ databaseUrl: serverUrl });
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  return openDb({ databaseUrl: serverUrl.replace(/\/[^/]*$/, `/${name}`) });
}

export async function createTestApp(backend: Backend = 'pglite') {
  const config = loadConfig({});
  const dataset = await ensureDataset(config);
  const archive = await ensureArchive(config, dataset);
  const db = await freshDb(backend);
  await migrate(db);
  await seedDataset(db, dataset);
  await seedDemoUsers(db);
  const { app, tiles, bus } = createApp({ db, staticArchive: memoryArchive(archive), countyCode: config.COUNTY_CODE });
  const request = (path: string, init?: RequestInit) => app.request(path, init);
  const json = async <T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
    const res = await request(path, init);
    return { status: res.status, body: (await res.json()) as T };
  };
  return { app, db, tiles, bus, dataset, archive, request, json, close: () => db.close() };
}
