// Loads the national demo dataset (a data/generated/national folder), or the part of it under a code
// prefix (a province, a prefecture), into an empty database, all or nothing. Counties get their
// real (or borrowed) outline; townships, which have no polygons anywhere, the box around their
// villages; villages a small square around their generated point, so that the map's village fill
// layer draws them as it draws the county build's Voronoi cells.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATIONAL_FILES, type NationalCounty, type NationalMeta, type NationalTownship, type NationalVillage } from '../../common/national-dataset';
import { readNdjsonGz } from '../../data/build/national/ndjson';
import { readOutlineFeature } from '../../data/build/national/outlines';
import type { Db, Queryable } from './client';
import { copyLine } from './copy-text';
import { derivedVillageColumns } from '../repo/villages';
import { insertBatches, insertTownships, insertVillages, isSeeded, type VillageRow } from './seed';

/** Half the side of a village's square, in metres: visible from about zoom 11, clear of its neighbours. */
const VILLAGE_HALF_SIDE_M = 250;
const METRES_PER_DEGREE_LAT = 110_574;
/** Rows handed to insertVillages at a time: bounds memory, not round trips (it batches itself). */
const VILLAGE_CHUNK = 10_000;

type Box = [number, number, number, number];

function squareAround(lon: number, lat: number): Box {
  const dLat = VILLAGE_HALF_SIDE_M / METRES_PER_DEGREE_LAT;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

const boxPolygon = ([w, s, e, n]: Box): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

async function* recordsUnder<T extends { code: string }>(dir: string, file: string, prefix: string): AsyncGenerator<T> {
  for await (const record of readNdjsonGz<T>(join(dir, file))) if (record.code.startsWith(prefix)) yield record;
}

/** The box around each township's village squares: its only honest extent. */
async function townshipBoxes(dir: string, prefix: string): Promise<Map<string, Box>> {
  const boxes = new Map<string, Box>();
  for await (const v of recordsUnder<NationalVillage>(dir, NATIONAL_FILES.villages, prefix)) {
    const [w, s, e, n] = squareAround(v.lon, v.lat);
    const box = boxes.get(v.townshipCode);
    boxes.set(v.townshipCode, box ? [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], n)] : [w, s, e, n]);
  }
  return boxes;
}

async function insertCounties(tx: Queryable, dir: string, prefix: string, sources: string[]): Promise<number> {
  const rows: object[] = [];
  for await (const c of recordsUnder<NationalCounty>(dir, NATIONAL_FILES.counties, prefix)) {
    rows.push({ code: c.code, name: c.name, nameEn: c.nameEn, geom: readOutlineFeature(c.outline).geometry, sources });
  }
  await insertBatches(
    tx,
    `INSERT INTO counties (code, name, name_en, geom, demo, sources)
     SELECT code, name, "nameEn", geom, true, sources
     FROM jsonb_to_recordset($1::text::jsonb) AS x(code text, name text, "nameEn" text, geom jsonb, sources jsonb)`,
    rows,
  );
  return rows.length;
}

async function insertTownshipsUnder(tx: Queryable, dir: string, prefix: string, boxes: Map<string, Box>): Promise<number> {
  const rows = [];
  for await (const t of recordsUnder<NationalTownship>(dir, NATIONAL_FILES.townships, prefix)) {
    const box = boxes.get(t.code)!;
    rows.push({ code: t.code, name: t.name, nameEn: t.nameEn, countyCode: t.countyCode, geom: boxPolygon(box), bbox: box, center: t.center });
  }
  await insertTownships(tx, rows);
  return rows.length;
}

const villageRow = ({ lon, lat, ...v }: NationalVillage): VillageRow => {
  const box = squareAround(lon, lat);
  return { ...v, demo: true, geom: boxPolygon(box), bbox: box, center: [lon, lat] };
};

const VILLAGE_COLUMNS = [
  'code', 'township_code', 'name', 'name_en', 'village_class', 'rural_population', 'poor_households', 'poor_persons', 'exited_households',
  'exited_persons', 'planned_exit_year', 'actual_exit_year', 'collective_income', 'infra', 'infra_done', 'infra_required', 'exit_status',
  'readiness', 'geom', 'bbox', 'center', 'demo',
];

function villageLine(v: VillageRow): string {
  const d = derivedVillageColumns(v);
  return copyLine([
    v.code, v.townshipCode, v.name, v.nameEn, v.villageClass, v.ruralPopulation, v.poorHouseholds, v.poorPersons, v.exitedHouseholds,
    v.exitedPersons, v.plannedExitYear, v.actualExitYear, v.collectiveIncome, v.infra, d.infraDone, d.infraRequired, d.exitStatus,
    d.readiness, v.geom, v.bbox, v.center, v.demo,
  ]);
}

/**
 * The table's own indexes (not those behind its constraints) dropped for the load and built again
 * after it: one sort per index instead of 620,000 insertions into each.
 */
async function withoutIndexes<T>(tx: Queryable, table: string, work: () => Promise<T>): Promise<T> {
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes i
     WHERE tablename = $1 AND schemaname = current_schema()
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  for (const { name } of indexes) await tx.query(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  const result = await work();
  for (const { definition } of indexes) await tx.query(definition);
  return result;
}

/** On PostgreSQL: COPY, the rollup trigger running once over all of them. */
async function copyVillagesUnder(tx: Queryable & Required<Pick<Queryable, 'copyFrom'>>, dir: string, prefix: string, log: (line: string) => void): Promise<number> {
  let count = 0;
  async function* lines() {
    for await (const v of recordsUnder<NationalVillage>(dir, NATIONAL_FILES.villages, prefix)) {
      yield villageLine(villageRow(v));
      if (++count % 100_000 === 0) log(`${count} villages`);
    }
  }
  await withoutIndexes(tx, 'villages', () => tx.copyFrom('villages', VILLAGE_COLUMNS, lines()));
  log(`${count} villages`);
  return count;
}

async function insertVillagesUnder(tx: Queryable, dir: string, prefix: string, log: (line: string) => void): Promise<number> {
  if (tx.copyFrom) return copyVillagesUnder(tx as Queryable & Required<Pick<Queryable, 'copyFrom'>>, dir, prefix, log);
  let chunk: VillageRow[] = [];
  let count = 0;
  const flush = async () => {
    await insertVillages(tx, chunk);
    count += chunk.length;
    chunk = [];
    log(`${count} villages`);
  };
  for await (const v of recordsUnder<NationalVillage>(dir, NATIONAL_FILES.villages, prefix)) {
    chunk.push(villageRow(v));
    if (chunk.length >= VILLAGE_CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
  return count;
}

export interface NationalLoadOptions {
  /** The folder of a national build: data/generated/national or national-<prefix>. */
  dir: string;
  /** Load only codes starting with this ('' = everything in the folder). */
  prefix?: string;
  log?: (line: string) => void;
}

export async function seedNationalDataset(db: Db, { dir, prefix = '', log = () => {} }: NationalLoadOptions) {
  if (await isSeeded(db)) throw new Error('the database already holds a dataset: load into an empty one');
  const meta = JSON.parse(readFileSync(join(dir, NATIONAL_FILES.meta), 'utf8')) as NationalMeta;
  const boxes = await townshipBoxes(dir, prefix);
  return db.write(async (tx) => {
    const counties = await insertCounties(tx, dir, prefix, meta.sources);
    log(`${counties} counties`);
    const townships = await insertTownshipsUnder(tx, dir, prefix, boxes);
    log(`${townships} townships`);
    const villages = await insertVillagesUnder(tx, dir, prefix, log);
    return { counties, townships, villages };
  });
}
