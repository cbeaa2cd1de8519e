// An in-process app on an in-memory PGlite seeded with the demo dataset: fast API tests.
import { createApp } from '../../server/app';
import { ensureArchive, ensureDataset } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import { openDb, type Db } from '../../server/db/client';
import { migrate } from '../../server/db/migrate';
import { seedDataset } from '../../server/db/seed';
import { seedDemoUsers } from '../../server/auth/users';

export async function createTestApp() {
  const config = loadConfig({});
  const dataset = await ensureDataset(config);
  const archive = await ensureArchive(config, dataset);
  const db: Db = await openDb({});
  await migrate(db);
  await seedDataset(db, dataset);
  await seedDemoUsers(db);
  const { app, tiles, bus } = createApp({ db, staticArchive: () => archive });
  const request = (path: string, init?: RequestInit) => app.request(path, init);
  const json = async <T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
    const res = await request(path, init);
    return { status: res.status, body: (await res.json()) as T };
  };
  return { app, db, tiles, bus, dataset, archive, request, json, close: () => db.close() };
}
