// A national-scale village set made in the database with set-based SQL, in seconds rather than the
// minutes of `npm run build:national` + `load:national`: 30 provinces of 95 counties, 14 townships
// to a county and 15 or 16 villages to a township (618,450 villages), laid on a grid over China.
// Each village is a 2 km square with the properties the tiles carry; statuses cycle as in
// tests/helpers/synthetic-villages.ts. County 140721 is one of them, so a server can start on it.
import type { BBox } from '../common/api';
import type { Db } from '../server/db/client';

export const PROVINCES = 30;
const COUNTIES_PER_PROVINCE = 95;
const TOWNSHIPS_PER_COUNTY = 14;
const ORIGIN = [98, 22] as const;
const PROVINCE_DEG = 4;
const COUNTY_DEG = 0.4;
const TOWNSHIP_DEG = 0.1;
const VILLAGE_DEG = 0.025;

/** The box of the synthetic province `code` (two digits), for sampling its tiles. */
export async function provinceBox(db: Db, code: string): Promise<BBox> {
  const [row] = await db.query<{ i: number }>('SELECT (SELECT count(*)::int FROM provinces WHERE code < $1) AS i', [code]);
  const w = ORIGIN[0] + (row.i % 6) * PROVINCE_DEG;
  const s = ORIGIN[1] + Math.floor(row.i / 6) * PROVINCE_DEG;
  return [w, s, w + PROVINCE_DEG, s + PROVINCE_DEG];
}

const boxJson = (w: string, s: string, size: string) => `jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
  jsonb_build_array(${w}, ${s}), jsonb_build_array(${w} + ${size}, ${s}), jsonb_build_array(${w} + ${size}, ${s} + ${size}),
  jsonb_build_array(${w}, ${s} + ${size}), jsonb_build_array(${w}, ${s}))))`;

/** Fills an empty, migrated database with the nation, or with one province (two digits). Returns the village count. */
export async function loadSyntheticNation(db: Db, province?: string): Promise<number> {
  await db.write(async (tx) => {
    await tx.query(`CREATE TEMP TABLE syn_counties ON COMMIT DROP AS
      SELECT p.code || lpad((701 + k)::text, 4, '0') AS code, ${ORIGIN[0]} + (p.i % 6) * ${PROVINCE_DEG} + (k % 10) * ${COUNTY_DEG} AS w,
        ${ORIGIN[1]} + (p.i / 6) * ${PROVINCE_DEG} + (k / 10) * ${COUNTY_DEG} AS s
      FROM (SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM provinces) AS p, generate_series(0, ${COUNTIES_PER_PROVINCE - 1}) AS k
      WHERE p.i < $1 AND p.code LIKE $2 || '%'`, [PROVINCES, province ?? '']);
    await tx.query(`INSERT INTO counties (code, name, name_en, geom)
      SELECT code, '合成县' || code, 'Synthetic county ' || code, ${boxJson('w', 's', String(COUNTY_DEG))} FROM syn_counties`);
    await tx.query(`CREATE TEMP TABLE syn_townships ON COMMIT DROP AS
      SELECT c.code || lpad((t + 1)::text, 3, '0') AS code, c.code AS county_code, t, c.w + (t % 4) * ${TOWNSHIP_DEG} AS w, c.s + (t / 4) * ${TOWNSHIP_DEG} AS s
      FROM syn_counties c, generate_series(0, ${TOWNSHIPS_PER_COUNTY - 1}) AS t`);
    await tx.query(`INSERT INTO townships (code, county_code, name, name_en, geom, bbox, center)
      SELECT code, county_code, '合成乡' || code, 'Synthetic township ' || code, ${boxJson('w', 's', String(TOWNSHIP_DEG))},
        jsonb_build_array(w, s, w + ${TOWNSHIP_DEG}, s + ${TOWNSHIP_DEG}), jsonb_build_array(w + ${TOWNSHIP_DEG / 2}, s + ${TOWNSHIP_DEG / 2})
      FROM syn_townships`);
    await tx.query(`INSERT INTO villages (code, township_code, name, name_en, village_class, rural_population, poor_households, poor_persons,
        exited_households, exited_persons, planned_exit_year, actual_exit_year, collective_income, infra, infra_done, infra_required,
        exit_status, readiness, geom, bbox, center)
      SELECT code, township_code, '合成村' || code, 'Synthetic village ' || code, st[1], 800, 50, 150, 20, 60,
        CASE WHEN st[1] <> 'non_poor' THEN 2018 END, CASE WHEN st[2] IN ('exited', 'wrong_exit') THEN 2019 END, 10000,
        '{"tv": true, "bus": true, "road": true, "power": true, "venue": true, "water": true, "clinic": true, "mobile": true, "housing": true, "broadband": false}',
        9, 10, st[2], st[3], ${boxJson('w', 's', String(VILLAGE_DEG * 0.8))},
        jsonb_build_array(w, s, w + ${VILLAGE_DEG * 0.8}, s + ${VILLAGE_DEG * 0.8}), jsonb_build_array(w + ${VILLAGE_DEG * 0.4}, s + ${VILLAGE_DEG * 0.4})
      FROM (
        SELECT t.code || lpad((v + 1)::text, 3, '0') AS code, t.code AS township_code,
          t.w + (v % 4) * ${VILLAGE_DEG} + ${VILLAGE_DEG * 0.1} AS w, t.s + (v / 4) * ${VILLAGE_DEG} + ${VILLAGE_DEG * 0.1} AS s,
          1 + (v + t.t) % 5 AS k
        FROM syn_townships t, generate_series(0, 14 + t.t % 2) AS v
      ) AS g, LATERAL (SELECT ARRAY[(ARRAY['poor', 'deep_poor', 'poor', 'poor', 'non_poor'])[k], (ARRAY['poor', 'deep_poor', 'exited', 'wrong_exit', 'non_poor'])[k],
        (ARRAY['not_ready', 'not_ready', 'exited', 'wrong_exit', 'non_poor'])[k]] AS st) AS status`);
  });
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM villages');
  return row.n;
}
