// Annual targets and the figures each is measured against (common/targets.ts says what each counts).
import { EXIT_CRITERIA } from '../../common/domain';
import type { MeasureActuals, TargetMeasure } from '../../common/targets';
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

/** Years with a target for an area or anything beneath it, newest first. */
export async function targetYears(db: Queryable, prefix: string): Promise<number[]> {
  const rows = await db.query<{ year: number }>(`SELECT DISTINCT year FROM targets WHERE area_code LIKE $1 || '%' ORDER BY year DESC`, [prefix]);
  return rows.map((r) => r.year);
}

export interface Unit {
  code: string;
  name: string;
  nameEn: string;
}

/** A county or prefecture (counties table) or a township, by code. */
export async function findArea(db: Queryable, code: string): Promise<Unit | undefined> {
  const [row] = await db.query<Unit>(
    `SELECT code, name, name_en AS "nameEn" FROM counties WHERE code = $1
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
 * The portal's figure for every measure it can count beneath `prefix` in `year`. A measure whose
 * data the area does not have at all (no households, no project of the kind, no site, no village
 * recording the item) is left out: "no data", not 0.
 */
export async function measureActuals(db: Queryable, prefix: string, year: number): Promise<MeasureActuals> {
  const [v] = await db.query<Record<string, number>>(
    `SELECT count(*)::int AS villages,
       count(*) FILTER (WHERE village_class <> 'non_poor' AND actual_exit_year = $2)::int AS exited,
       coalesce(sum(poor_persons), 0)::float8 AS poor, coalesce(sum(rural_population), 0)::float8 AS population,
       count(*) FILTER (WHERE ${itemRecorded('bus')})::int AS "busRecorded", count(*) FILTER (WHERE ${itemDone('bus')})::int AS bus,
       count(*) FILTER (WHERE village_class <> 'non_poor' AND ${itemRecorded('water')})::int AS "waterRecorded",
       count(*) FILTER (WHERE village_class <> 'non_poor' AND ${itemDone('water')})::int AS water,
       count(*) FILTER (WHERE village_class <> 'non_poor' AND ${itemRecorded('power')})::int AS "powerRecorded",
       count(*) FILTER (WHERE village_class <> 'non_poor' AND ${itemDone('power')})::int AS power,
       count(*) FILTER (WHERE ${itemRecorded('broadband')})::int AS "broadbandRecorded", count(*) FILTER (WHERE ${itemDone('broadband')})::int AS broadband,
       count(*) FILTER (WHERE collective_income > 0)::int AS "incomeReported",
       count(*) FILTER (WHERE collective_income >= $3)::int AS income
     FROM villages WHERE township_code LIKE $1 || '%'`,
    [prefix, year, EXIT_CRITERIA.minCollectiveIncomeYuan],
  );
  const [h] = await db.query<{ households: number; persons: number }>(
    `SELECT count(DISTINCT h.code)::int AS households, count(m.household_code) FILTER (WHERE h.year_exited = $2)::int AS persons
     FROM households h LEFT JOIN members m ON m.household_code = h.code
     WHERE h.village_code LIKE $1 || '%'`,
    [prefix, year],
  );
  const projects = await db.query<{ subtype: string; km: number; done: number }>(
    `SELECT subtype, coalesce(sum(done_km) FILTER (WHERE extract(year FROM planned_end) = $2), 0)::float8 AS km,
       count(*) FILTER (WHERE extract(year FROM planned_end) = $2 AND status IN ('completed', 'accepted'))::int AS done
     FROM projects WHERE deleted_at IS NULL AND township_code LIKE $1 || '%' GROUP BY subtype`,
    [prefix, year],
  );
  const [s] = await db.query<{ sites: number; moved: number }>(
    `SELECT count(*)::int AS sites, coalesce(sum(moved_persons), 0)::int AS moved FROM sites WHERE township_code LIKE $1 || '%'`,
    [prefix],
  );
  const project = new Map(projects.map((p) => [p.subtype, p]));
  const when = (has: boolean, value: () => number) => (has ? value() : undefined);
  const actuals: Record<TargetMeasure, number | undefined> = {
    villages_exited: when(v.villages > 0, () => v.exited),
    persons_lifted: when(h.households > 0, () => h.persons),
    poverty_incidence: when(v.population > 0, () => v.poor / v.population),
    road_upgrade_km: project.get('upgrade')?.km,
    safety_works_km: project.get('safety')?.km,
    bridges_rebuilt: project.get('bridge')?.done,
    bus_stops: project.get('bus_stop')?.done,
    bus_coverage: when(v.busRecorded > 0, () => v.bus / v.villages),
    water_villages: when(v.waterRecorded > 0, () => v.water),
    grid_villages: when(v.powerRecorded > 0, () => v.power),
    broadband_villages: when(v.broadbandRecorded > 0, () => v.broadband),
    base_stations: undefined,
    income_villages: when(v.incomeReported > 0, () => v.income / v.villages),
    persons_relocated: when(s.sites > 0, () => s.moved),
  };
  return Object.fromEntries(Object.entries(actuals).filter(([, value]) => value !== undefined));
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
