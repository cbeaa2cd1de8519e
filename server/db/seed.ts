import { bbox as turfBbox } from '@turf/turf';
import type { Dataset, DatasetVillage } from '../../common/dataset';
import type { Township } from '../../common/domain';
import { derivedVillageColumns } from '../repo/villages';
import type { Db, Queryable } from './client';

const BATCH = 2000;

/** Inserts rows in batches through jsonb_to_recordset: one parameter a batch, the same SQL on both drivers. */
export async function insertBatches(tx: Queryable, sql: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.query(sql, [JSON.stringify(rows.slice(i, i + BATCH))]);
  }
}

export interface TownshipRow extends Township {
  geom: GeoJSON.Geometry;
  bbox: number[];
  center: number[];
}

export async function insertTownships(tx: Queryable, rows: TownshipRow[]): Promise<void> {
  await insertBatches(
    tx,
    `INSERT INTO townships (code, county_code, name, name_en, geom, bbox, center)
     SELECT code, "countyCode", name, "nameEn", geom, bbox, center
     FROM jsonb_to_recordset($1::text::jsonb) AS x(code text, "countyCode" text, name text, "nameEn" text, geom jsonb, bbox jsonb, center jsonb)`,
    rows,
  );
}

export interface VillageRow extends DatasetVillage {
  geom: GeoJSON.Geometry;
  bbox: number[];
  center: number[];
}

/** Villages with the columns the application derives from their attributes. */
export async function insertVillages(tx: Queryable, rows: VillageRow[]): Promise<void> {
  await insertBatches(
    tx,
    `INSERT INTO villages (code, township_code, name, name_en, village_class, rural_population, poor_households, poor_persons,
       exited_households, exited_persons, planned_exit_year, actual_exit_year, collective_income, infra,
       infra_done, infra_required, exit_status, readiness, geom, bbox, center, demo)
     SELECT code, "townshipCode", name, "nameEn", "villageClass", "ruralPopulation", "poorHouseholds", "poorPersons",
       "exitedHouseholds", "exitedPersons", "plannedExitYear", "actualExitYear", "collectiveIncome", infra,
       "infraDone", "infraRequired", "exitStatus", readiness, geom, bbox, center, demo
     FROM jsonb_to_recordset($1::text::jsonb) AS x(code text, "townshipCode" text, name text, "nameEn" text,
       "villageClass" text, "ruralPopulation" int, "poorHouseholds" int, "poorPersons" int, "exitedHouseholds" int,
       "exitedPersons" int, "plannedExitYear" int, "actualExitYear" int, "collectiveIncome" float8, infra jsonb,
       "infraDone" int, "infraRequired" int, "exitStatus" text, readiness text, geom jsonb, bbox jsonb, center jsonb, demo boolean)`,
    rows.map((v) => ({ ...v, ...derivedVillageColumns(v) })),
  );
}

export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM counties');
  return row.n > 0;
}

/** Loads a generated dataset into an empty database, all or nothing. */
export async function seedDataset(db: Db, ds: Dataset): Promise<void> {
  await db.write((tx) => insertDataset(tx, ds));
}

type AreaRow = { code: string; name: string; nameEn: string; geometry: GeoJSON.Geometry; demo: boolean; sources: string[] };

/** `table` is one of two literals, never input. */
async function insertArea(tx: Queryable, table: 'counties' | 'prefectures', a: AreaRow): Promise<void> {
  await tx.query(
    `INSERT INTO ${table} (code, name, name_en, geom, demo, sources) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6::text::jsonb)`,
    [a.code, a.name, a.nameEn, JSON.stringify(a.geometry), a.demo, JSON.stringify(a.sources)],
  );
}

/** The dataset's rows, inside the caller's transaction (setup adds its admin in the same one). */
export async function insertDataset(tx: Queryable, ds: Dataset): Promise<void> {
  const area = { ...ds.meta.county, geometry: ds.county.geometry, demo: ds.meta.demo, sources: ds.meta.sources };
  // A prefecture's dataset carries its counties; a county's is its own area.
  if (ds.counties) await insertArea(tx, 'prefectures', area);
  for (const county of ds.counties?.map((c) => ({ ...c.properties, geometry: c.geometry, demo: c.demo, sources: c.sources })) ?? [area]) {
    await insertArea(tx, 'counties', county);
  }
  await insertTownships(
    tx,
    ds.townships.map((t) => {
      const b = turfBbox(t);
      return { ...t.properties, geom: t.geometry, bbox: b, center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] };
    }),
  );
  await insertVillages(tx, ds.villages.map((v) => ({ ...v.properties, geom: v.geometry, bbox: turfBbox(v) })));
  await insertBatches(
    tx,
    `INSERT INTO sites (township_code, name, name_en, lon, lat, planned_households, planned_persons, moved_households,
       moved_persons, completed_households, stable_households, demolished_households, origin_villages, distance_to_town_km, demo)
     SELECT "townshipCode", name, "nameEn", lon, lat, "plannedHouseholds", "plannedPersons", "movedHouseholds",
       "movedPersons", "completedHouseholds", "stableHouseholds", "demolishedHouseholds", "originVillages", "distanceToTownKm", demo
     FROM jsonb_to_recordset($1::text::jsonb) AS x("townshipCode" text, name text, "nameEn" text, lon float8, lat float8,
       "plannedHouseholds" int, "plannedPersons" int, "movedHouseholds" int, "movedPersons" int, "completedHouseholds" int,
       "stableHouseholds" int, "demolishedHouseholds" int, "originVillages" jsonb, "distanceToTownKm" float8, demo boolean)`,
    ds.sites,
  );
  // Projects take their dataset position as id, so their progress reports can name them.
  const projects = ds.projects.map(({ progressReports: _reports, ...p }, i) => ({ ...p, id: i + 1 }));
  await insertBatches(
    tx,
    `INSERT INTO projects (id, kind, subtype, township_code, name, name_en, geom, planned_km, done_km, progress_pct, budget, spent,
       planned_start, planned_end, status, villages, served_households, demo)
     SELECT id, kind, subtype, "townshipCode", name, coalesce("nameEn", ''), geometry, "plannedKm", "doneKm", "progressPct", budget, spent,
       "plannedStart", "plannedEnd", status, villages, "servedHouseholds", demo
     FROM jsonb_to_recordset($1::text::jsonb) AS x(id int, kind text, subtype text, "townshipCode" text, name text, "nameEn" text, geometry jsonb,
       "plannedKm" float8, "doneKm" float8, "progressPct" float8, budget float8, spent float8, "plannedStart" date,
       "plannedEnd" date, status text, villages jsonb, "servedHouseholds" int, demo boolean)`,
    projects,
  );
  await tx.query(`SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM projects), false)`);
  await insertBatches(
    tx,
    `INSERT INTO project_progress (project_id, recorded_on, progress_pct, done_km, spent, status, note)
     SELECT "projectId", "recordedOn", "progressPct", "doneKm", spent, status, '演示数据 / demo report'
     FROM jsonb_to_recordset($1::text::jsonb) AS x("projectId" int, "recordedOn" date, "progressPct" float8, "doneKm" float8, spent float8, status text)`,
    ds.projects.flatMap((p, i) => (p.progressReports ?? []).map((r) => ({ ...r, projectId: i + 1 }))),
  );
  await insertBatches(
    tx,
    `INSERT INTO targets (area_code, year, measure, value, source, demo)
     SELECT area, year, measure, value, source, demo FROM jsonb_to_recordset($1::text::jsonb) AS x(area text, year int, measure text, value float8, source text, demo boolean)`,
    ds.targets ?? [],
  );
}
