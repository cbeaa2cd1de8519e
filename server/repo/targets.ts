// Annual targets and the figures each is measured against (common/targets.ts says what each counts).
import { EXIT_CRITERIA } from '../../common/domain';
import { TARGET_MEASURES, type MeasureActuals, type TargetMeasure } from '../../common/targets';
import type { Queryable } from '../db/client';

export interface TargetRow {
  area: string;
  measure: TargetMeasure;
  value: number;
  source: string;
  demo: boolean;
}

export function targetRows(db: Queryable, year: number, areas: string[]): Promise<TargetRow[]> {
  return db.query<TargetRow>(
    `SELECT area_code AS area, measure, value, source, demo FROM targets
     WHERE year = $1 AND area_code IN (SELECT jsonb_array_elements_text($2::text::jsonb)) ORDER BY area_code, measure`,
    [year, JSON.stringify(areas)],
  );
}

/** Years with a target for an area or anything beneath it, newest first, and whether the area itself has one. */
export function targetYears(db: Queryable, code: string, prefix: string): Promise<{ year: number; own: boolean }[]> {
  return db.query<{ year: number; own: boolean }>(
    `SELECT year, bool_or(area_code = $2) AS own FROM targets WHERE area_code LIKE $1 || '%' GROUP BY year ORDER BY year DESC`,
    [prefix, code],
  );
}

export interface Unit {
  code: string;
  name: string;
  nameEn: string;
}

/** A prefecture, county or township, by code. */
export async function findArea(db: Queryable, code: string): Promise<Unit | undefined> {
  const [row] = await db.query<Unit>(
    `SELECT code, name, name_en AS "nameEn" FROM prefectures WHERE code = $1
     UNION ALL SELECT code, name, name_en AS "nameEn" FROM counties WHERE code = $1
     UNION ALL SELECT code, name, name_en AS "nameEn" FROM townships WHERE code = $1 LIMIT 1`,
    [code],
  );
  return row;
}

/** The units one level down: a county's townships, or a prefecture's counties. */
export function unitsBeneath(db: Queryable, code: string, prefix: string): Promise<Unit[]> {
  return code === prefix
    ? db.query<Unit>('SELECT code, name, name_en AS "nameEn" FROM townships WHERE county_code = $1 ORDER BY code', [code])
    : db.query<Unit>(`SELECT code, name, name_en AS "nameEn" FROM counties WHERE code LIKE $1 || '%' AND code <> $2 ORDER BY code`, [prefix, code]);
}

const itemDone = (item: string) => `(infra->>'${item}')::boolean`;
const itemRecorded = (item: string) => `(infra->'${item}') IS NOT NULL`;

/**
 * The measures the portal holds data for anywhere in its area (`prefix`): poor villages marked,
 * households, a project of the kind, a site, a village recording the item or a population, a
 * reported collective income.
 * Without them a target shows "no data" rather than a 0 that only says nothing was entered.
 */
export async function measuresWithData(db: Queryable, prefix: string): Promise<Set<TargetMeasure>> {
  const [r] = await db.query<Record<string, boolean>>(
    `SELECT EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND village_class <> 'non_poor') AS "poorVillages",
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND rural_population > 0) AS population,
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND ${itemRecorded('bus')}) AS bus,
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND ${itemRecorded('water')}) AS water,
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND ${itemRecorded('power')}) AS power,
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND ${itemRecorded('broadband')}) AS broadband,
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND collective_income > 0) AS income,
       EXISTS (SELECT 1 FROM households WHERE village_code LIKE $1 || '%') AS households,
       EXISTS (SELECT 1 FROM sites WHERE township_code LIKE $1 || '%') AS sites`,
    [prefix],
  );
  const subtypes = new Set((await db.query<{ subtype: string }>(
    `SELECT DISTINCT subtype FROM projects WHERE deleted_at IS NULL AND township_code LIKE $1 || '%'`, [prefix],
  )).map((p) => p.subtype));
  const has: Record<TargetMeasure, boolean> = {
    villages_exited: r.poorVillages,
    persons_lifted: r.households,
    poverty_incidence: r.population,
    road_upgrade_km: subtypes.has('upgrade'),
    safety_works_km: subtypes.has('safety'),
    bridges_rebuilt: subtypes.has('bridge'),
    bus_stops: subtypes.has('bus_stop'),
    bus_coverage: r.bus,
    water_villages: r.water,
    grid_villages: r.power,
    broadband_villages: r.broadband,
    base_stations: false,
    income_villages: r.income,
    persons_relocated: r.sites,
  };
  return new Set(TARGET_MEASURES.filter((m) => has[m]));
}

/** The portal's figure for every measure in `withData`, counted beneath `prefix` in `year`. */
export async function measureActuals(db: Queryable, prefix: string, year: number, withData: Set<TargetMeasure>): Promise<MeasureActuals> {
  const [v] = await db.query<Record<string, number>>(
    `SELECT count(*)::int AS villages,
       count(*) FILTER (WHERE village_class <> 'non_poor' AND actual_exit_year = $2)::int AS exited,
       coalesce(sum(poor_persons), 0)::float8 AS poor, coalesce(sum(rural_population), 0)::float8 AS population,
       count(*) FILTER (WHERE ${itemDone('bus')})::int AS bus,
       count(*) FILTER (WHERE village_class <> 'non_poor' AND ${itemDone('water')})::int AS water,
       count(*) FILTER (WHERE village_class <> 'non_poor' AND ${itemDone('power')})::int AS power,
       count(*) FILTER (WHERE ${itemDone('broadband')})::int AS broadband,
       count(*) FILTER (WHERE collective_income >= $3)::int AS income
     FROM villages WHERE township_code LIKE $1 || '%'`,
    [prefix, year, EXIT_CRITERIA.minCollectiveIncomeYuan],
  );
  const [h] = await db.query<{ persons: number }>(
    `SELECT count(*)::int AS persons FROM members m JOIN households h ON h.code = m.household_code
     WHERE h.village_code LIKE $1 || '%' AND h.year_exited = $2`,
    [prefix, year],
  );
  const projects = await db.query<{ subtype: string; km: number; done: number }>(
    `SELECT subtype, coalesce(sum(done_km), 0)::float8 AS km, count(*) FILTER (WHERE status IN ('completed', 'accepted'))::int AS done
     FROM projects WHERE deleted_at IS NULL AND township_code LIKE $1 || '%' AND extract(year FROM planned_end) = $2 GROUP BY subtype`,
    [prefix, year],
  );
  const [s] = await db.query<{ moved: number }>(
    `SELECT coalesce(sum(moved_persons), 0)::int AS moved FROM sites WHERE township_code LIKE $1 || '%'`,
    [prefix],
  );
  const project = new Map(projects.map((p) => [p.subtype, p]));
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);
  const counted: Record<TargetMeasure, number | undefined> = {
    villages_exited: v.exited,
    persons_lifted: h.persons,
    poverty_incidence: share(v.poor, v.population),
    road_upgrade_km: project.get('upgrade')?.km ?? 0,
    safety_works_km: project.get('safety')?.km ?? 0,
    bridges_rebuilt: project.get('bridge')?.done ?? 0,
    bus_stops: project.get('bus_stop')?.done ?? 0,
    bus_coverage: share(v.bus, v.villages),
    water_villages: v.water,
    grid_villages: v.power,
    broadband_villages: v.broadband,
    base_stations: undefined,
    income_villages: share(v.income, v.villages),
    persons_relocated: s.moved,
  };
  return Object.fromEntries(TARGET_MEASURES.flatMap((m) => (withData.has(m) && counted[m] !== undefined ? [[m, counted[m]]] : [])));
}

export interface TargetChange {
  measure: TargetMeasure;
  old: number | null;
  new: number | null;
}

/** Writes an area's targets of a year as given (null removes one) and logs each change. */
export async function writeTargets(
  tx: Queryable,
  at: { area: string; year: number; username: string; source: string; note: string },
  changes: TargetChange[],
): Promise<void> {
  for (const c of changes) {
    if (c.new === null) {
      await tx.query('DELETE FROM targets WHERE area_code = $1 AND year = $2 AND measure = $3', [at.area, at.year, c.measure]);
    } else {
      await tx.query(
        `INSERT INTO targets (area_code, year, measure, value, source, demo, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, false, $6, now())
         ON CONFLICT (area_code, year, measure) DO UPDATE SET value = excluded.value, source = excluded.source, demo = false,
           updated_by = excluded.updated_by, updated_at = now()`,
        [at.area, at.year, c.measure, c.new, at.source, at.username],
      );
    }
    await tx.query(
      `INSERT INTO target_log (username, area_code, year, measure, old_value, new_value, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [at.username, at.area, at.year, c.measure, c.old, c.new, at.note],
    );
  }
}
