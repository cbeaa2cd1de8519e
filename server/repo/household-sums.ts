// Village figures as the households add them up, and the typed-in figures kept beside them
// (011_household_figures.sql). A county is found by its villages' first six code digits.
import { VILLAGE_STAT_FIELDS, type VillageStatField } from '../../common/imports';
import type { Queryable } from '../db/client';

export type StatValues = Record<VillageStatField, number>;

const TYPED_COLUMNS: Record<VillageStatField, string> = {
  poorHouseholds: 'typed_poor_households',
  poorPersons: 'typed_poor_persons',
  exitedHouseholds: 'typed_exited_households',
  exitedPersons: 'typed_exited_persons',
};

/** Every village of the county with its households' sums (zero where it has none). */
export function householdSums(db: Queryable, county: string): Promise<({ code: string } & StatValues)[]> {
  return db.query(
    `SELECT v.code,
       count(h.code) FILTER (WHERE h.year_exited IS NULL)::int AS "poorHouseholds",
       coalesce(sum(h.persons) FILTER (WHERE h.year_exited IS NULL), 0)::int AS "poorPersons",
       count(h.code) FILTER (WHERE h.year_exited IS NOT NULL)::int AS "exitedHouseholds",
       coalesce(sum(h.persons) FILTER (WHERE h.year_exited IS NOT NULL), 0)::int AS "exitedPersons"
     FROM villages v
     LEFT JOIN (
       SELECT h.code, h.village_code, h.year_exited, count(m.id) AS persons
       FROM households h LEFT JOIN members m ON m.household_code = h.code
       WHERE left(h.village_code, 6) = $1 GROUP BY h.code
     ) h ON h.village_code = v.code
     WHERE left(v.code, 6) = $1
     GROUP BY v.code ORDER BY v.code`,
    [county],
  );
}

/** Keeps the typed figures of the county's villages before household sums first replace them. */
export async function keepTypedFigures(tx: Queryable, county: string): Promise<void> {
  await tx.query(
    `UPDATE villages SET typed_poor_households = poor_households, typed_poor_persons = poor_persons,
       typed_exited_households = exited_households, typed_exited_persons = exited_persons
     WHERE left(code, 6) = $1 AND typed_poor_households IS NULL`,
    [county],
  );
}

/** The typed figures kept for the household counties' villages beneath a code prefix (county or prefecture), by village code. */
export async function typedFigures(db: Queryable, county: string): Promise<Map<string, StatValues>> {
  const rows = await db.query<{ code: string } & StatValues>(
    `SELECT code, ${VILLAGE_STAT_FIELDS.map((f) => `${TYPED_COLUMNS[f]} AS "${f}"`).join(', ')}
     FROM villages WHERE code LIKE $1 || '%' AND typed_poor_households IS NOT NULL`,
    [county],
  );
  return new Map(rows.map(({ code, ...values }) => [code, values]));
}

export async function setTypedFigures(tx: Queryable, code: string, values: StatValues): Promise<void> {
  await tx.query(
    `UPDATE villages SET typed_poor_households = $2, typed_poor_persons = $3, typed_exited_households = $4, typed_exited_persons = $5,
       updated_at = now() WHERE code = $1`,
    [code, values.poorHouseholds, values.poorPersons, values.exitedHouseholds, values.exitedPersons],
  );
}

export interface DerivedFigures extends StatValues {
  code: string;
  exitStatus: string;
  readiness: string;
}

/** Writes household sums and the exit columns they decide, in one statement (the rollup triggers run once). */
export async function writeDerivedFigures(tx: Queryable, rows: DerivedFigures[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE villages v SET poor_households = x."poorHouseholds", poor_persons = x."poorPersons", exited_households = x."exitedHouseholds",
       exited_persons = x."exitedPersons", exit_status = x."exitStatus", readiness = x.readiness, version = v.version + 1, updated_at = now()
     FROM jsonb_to_recordset($1::text::jsonb) AS x(code text, "poorHouseholds" int, "poorPersons" int, "exitedHouseholds" int,
       "exitedPersons" int, "exitStatus" text, readiness text)
     WHERE v.code = x.code`,
    [JSON.stringify(rows)],
  );
}
