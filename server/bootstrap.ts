// First start: build the demo dataset and the static tile archive if they are missing, create the
// schema, and seed an empty database. Every later start finds all of it in place.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../common/dataset';
import type { ServerConfig } from './config';
import type { Db } from './db/client';
import { openDb } from './db/open-db';
import { migrate } from './db/migrate';
import { isSeeded, seedDataset } from './db/seed';
import { seedDemoUsers } from './auth/users';

const log = (msg: string) => console.log(`[bootstrap] ${msg}`);

export const datasetPath = (cfg: Pick<ServerConfig, 'GENERATED_DIR' | 'COUNTY_CODE'>) => join(cfg.GENERATED_DIR, `${cfg.COUNTY_CODE}.json`);
export const archivePath = (cfg: Pick<ServerConfig, 'GENERATED_DIR' | 'COUNTY_CODE'>) => join(cfg.GENERATED_DIR, `${cfg.COUNTY_CODE}.pmtiles`);

/** Write-then-rename, so a concurrent reader never sees half a file. */
function writeAtomically(path: string, data: string | Uint8Array) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

async function timed<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  log(`${label}…`);
  const result = await work();
  log(`${label}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

export async function ensureDataset(cfg: ServerConfig): Promise<Dataset> {
  const path = datasetPath(cfg);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  const { buildCountyDataset } = await import('../data/build/county-dataset');
  const dataset = await timed(`building demo dataset for county ${cfg.COUNTY_CODE}`, () => buildCountyDataset(cfg.COUNTY_CODE));
  mkdirSync(cfg.GENERATED_DIR, { recursive: true });
  writeAtomically(path, JSON.stringify(dataset));
  return dataset;
}

export async function ensureArchive(cfg: ServerConfig, dataset: Dataset): Promise<Uint8Array> {
  const path = archivePath(cfg);
  if (existsSync(path)) return readFileSync(path);
  const { buildStaticTiles, DEFAULT_ZOOMS } = await import('../tiles/build-static');
  const archive = await timed('building static vector tiles (PMTiles)', () => buildStaticTiles(dataset, DEFAULT_ZOOMS));
  writeAtomically(path, archive);
  return archive;
}

export async function openSeededDb(cfg: ServerConfig, dataset: () => Promise<Dataset>): Promise<Db> {
  const db = await openDb({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.DATABASE_URL ? undefined : cfg.DATA_DIR });
  const applied = await migrate(db);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  if (!(await isSeeded(db))) {
    const ds = await dataset();
    await timed(`seeding ${ds.villages.length} villages, ${ds.sites.length} sites, ${ds.projects.length} projects`, () => seedDataset(db, ds));
  }
  await seedDemoUsers(db);
  return db;
}
