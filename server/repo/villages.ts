import type { VillageView } from '../../common/api';
import type { Village } from '../../common/domain';
import { exitCheck, exitStatus, infraCompletion, infraCounts, povertyIncidence } from '../../common/indicators';
import type { Queryable } from '../db/client';
import { likeLiteral } from './like';

export const VILLAGE_COLUMNS = `code, township_code AS "townshipCode", name, name_en AS "nameEn",
  village_class AS "villageClass", rural_population AS "ruralPopulation", poor_households AS "poorHouseholds",
  poor_persons AS "poorPersons", exited_households AS "exitedHouseholds", exited_persons AS "exitedPersons",
  planned_exit_year AS "plannedExitYear", actual_exit_year AS "actualExitYear",
  collective_income AS "collectiveIncome", infra, demo, boundary_demo AS "boundaryDemo", version, updated_at AS "updatedAt", center, bbox`;

type VillageRow = Omit<VillageView, 'povertyIncidence' | 'infraCompletion' | 'exitStatus' | 'exitCheck' | 'updatedAt'> & {
  updatedAt: Date | string;
};

export function toVillageView(row: VillageRow): VillageView {
  return {
    ...row,
    updatedAt: new Date(row.updatedAt).toISOString(),
    povertyIncidence: povertyIncidence(row),
    infraCompletion: infraCompletion(row.infra),
    exitStatus: exitStatus(row),
    exitCheck: exitCheck(row),
  };
}

/** The columns the application derives from a village's attributes and stores for SQL aggregation. */
export function derivedVillageColumns(v: Omit<Village, 'version' | 'updatedAt'>) {
  const { done, required } = infraCounts(v.infra);
  return { infraDone: done, infraRequired: required, exitStatus: exitStatus(v), readiness: exitCheck(v).readiness };
}

export interface VillageFilter {
  /** The deployment's county: a database may hold a province or the nation. */
  county: string;
  township?: string;
  q?: string;
  villageClass?: string;
  status?: string;
  readiness?: string;
}

export async function listVillages(db: Queryable, f: VillageFilter): Promise<VillageView[]> {
  const rows = await db.query<VillageRow>(
    `SELECT ${VILLAGE_COLUMNS} FROM villages
     WHERE ($1::text IS NULL OR township_code = $1)
       AND ($2::text IS NULL OR name LIKE '%' || $2 || '%' OR lower(name_en) LIKE '%' || lower($2) || '%' OR code LIKE $2 || '%')
       AND ($3::text IS NULL OR village_class = $3)
       AND ($4::text IS NULL OR exit_status = $4)
       AND ($5::text IS NULL OR readiness = $5)
       AND township_code LIKE $6 || '%'
     ORDER BY code`,
    [f.township ?? null, f.q === undefined ? null : likeLiteral(f.q), f.villageClass ?? null, f.status ?? null, f.readiness ?? null, f.county],
  );
  return rows.map(toVillageView);
}

/** Village polygons by code, of the county or one township of it. */
export async function villageGeometries(db: Queryable, f: Pick<VillageFilter, 'county' | 'township'>): Promise<Map<string, GeoJSON.Geometry>> {
  const rows = await db.query<{ code: string; geom: GeoJSON.Geometry }>(
    `SELECT code, geom FROM villages
     WHERE ($1::text IS NULL OR township_code = $1) AND township_code LIKE $2 || '%'`,
    [f.township ?? null, f.county],
  );
  return new Map(rows.map((r) => [r.code, r.geom]));
}

export async function getVillage(db: Queryable, code: string): Promise<VillageView | undefined> {
  const [row] = await db.query<VillageRow>(`SELECT ${VILLAGE_COLUMNS} FROM villages WHERE code = $1`, [code]);
  return row && toVillageView(row);
}
