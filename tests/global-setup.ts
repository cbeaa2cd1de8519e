// Once per test run: build the demo dataset, tile archive and web app before test files race to
// build them, and start a PostgreSQL server so database tests run on both backends.
import type { TestProject } from 'vitest/node';
import { ensureArchive, ensureDataset } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { ensureWebBuild } from '../scripts/web-build';
import { startPostgres } from './helpers/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig({});
  await ensureArchive(config, await ensureDataset(config));
  ensureWebBuild();
  const cluster = await startPostgres();
  if (!cluster && process.env.REQUIRE_POSTGRES) throw new Error('REQUIRE_POSTGRES is set but no PostgreSQL server binaries were found');
  if (!cluster) console.warn('[tests] PostgreSQL binaries not found: database tests run on PGlite only (apt-get install postgresql)');
  project.provide('postgresUrl', cluster?.url ?? null);
  return () => cluster?.stop();
}
