// Detects PostGIS on a PostgreSQL server and keeps geometry columns beside the GeoJSON
// (data/postgis/geometry.sql). Run at every start, after the migrations: PostGIS can be installed
// on a server long after its database was migrated, and the statements are idempotent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './client';
import { splitStatements } from './migrate';

export const POSTGIS_SQL = join(import.meta.dirname, '../../data/postgis/geometry.sql');
/** Two instances starting at once must not both redefine the same functions and triggers. */
const SETUP_LOCK = 1_469_001_413;
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * True when the database now has PostGIS and its geometry columns: the server then cuts dynamic
 * tiles in SQL. False on PGlite, on a server without the extension, or where this role may not
 * create it (said once in the log: an administrator can run CREATE EXTENSION postgis).
 */
export async function enablePostgis(db: Db, log: (line: string) => void = () => {}): Promise<boolean> {
  if (db.kind !== 'postgres') return false;
  const [available] = await db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
  if (!available) return false;
  const statements = splitStatements(readFileSync(POSTGIS_SQL, 'utf8'));
  try {
    await db.write(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      await tx.query('CREATE EXTENSION IF NOT EXISTS postgis');
      for (const statement of statements) await tx.query(statement);
    });
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    log('PostGIS is installed but this role may not create the extension: tiles are cut in memory (run CREATE EXTENSION postgis as an administrator)');
    return false;
  }
  return true;
}
