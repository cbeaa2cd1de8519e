// Picks the driver: a PostgreSQL server when DATABASE_URL is set, else embedded PGlite.
import type { Db } from './client';

export interface DbConfig {
  databaseUrl?: string;
  /** PGlite data directory; undefined keeps the database in memory (tests). */
  dataDir?: string;
}

export async function openDb(config: DbConfig): Promise<Db> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(config.databaseUrl);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(config.dataDir);
}
