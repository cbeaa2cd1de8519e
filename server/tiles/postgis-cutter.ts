// Tiles cut per tile in SQL, the way Martin and pg_tileserv cut them: the GiST index finds the
// features under the tile's box (widened by the buffer), ST_AsMVTGeom clips and quantises them to
// the tile, ST_AsMVT encodes the tile. Nothing of a layer is held in memory, so a change makes only
// the tiles it touches stale. Layer names, properties and feature ids are those of the in-memory
// cutter (dynamic-layers.ts): the map cannot tell which one cut a tile.
import { VILLAGE_AREA_ZOOMS, VILLAGE_AREAS_LAYER, type DynamicLayer } from '../../common/api';
import { SITE_TARGET_RATE } from '../../common/indicators';
import type { Queryable } from '../db/client';
import type { TileCutter } from './dynamic-tiles';
import { PROJECT_TILE_PROPERTIES, VILLAGE_TILE_PROPERTIES } from './dynamic-layers';
import { TILE_BUFFER, TILE_EXTENT } from './tile-areas';
import { EXITED_STATUSES, type AreaLevel } from './village-areas';

/** $1..$3 are z, x, y; `tile` is the tile's box for ST_AsMVTGeom, `wide` the box with its buffer, for the index. */
const BOUNDS = `bounds AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS tile,
    ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${TILE_BUFFER / TILE_EXTENT}) AS wide)`;
const MVT_GEOM = `ST_AsMVTGeom(geom_3857, bounds.tile, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom`;

/** One source layer of features selected by `features` (which yields fid, properties and geom). */
const tileQuery = (sourceLayer: string, features: string) => `WITH ${BOUNDS}
SELECT ST_AsMVT(features, '${sourceLayer}', ${TILE_EXTENT}, 'geom', 'fid') AS mvt
FROM (${features}) AS features WHERE geom IS NOT NULL`;

const VILLAGES = tileQuery('villages', `
  SELECT code::bigint AS fid, ${VILLAGE_TILE_PROPERTIES}, ${MVT_GEOM}
  FROM villages, bounds WHERE geom_3857 && bounds.wide`);

/**
 * Counties or townships with their villages counted as village-areas.ts counts them, from the
 * per-area counts the triggers keep (data/postgis/geometry.sql). $4: the exited statuses.
 */
const areaQuery = (table: 'counties' | 'townships', level: AreaLevel) => tileQuery(VILLAGE_AREAS_LAYER, `
  WITH areas AS (SELECT code, geom_3857 FROM ${table}, bounds WHERE geom_3857 && bounds.wide),
  counts AS (
    SELECT code, sum(villages)::int AS villages,
      coalesce(sum(villages) FILTER (WHERE village_class <> 'non_poor'), 0)::int AS poor,
      coalesce(sum(villages) FILTER (WHERE exit_status = ANY($4::text[])), 0)::int AS exited
    FROM village_area_counts WHERE code IN (SELECT code FROM areas) GROUP BY 1)
  SELECT code::bigint AS fid, code, '${level}'::text AS level, villages, poor AS "poorVillages", exited AS "exitedVillages",
    CASE WHEN poor > 0 THEN exited::float8 / poor END AS "exitedShare", ${MVT_GEOM}
  FROM areas JOIN counts USING (code), bounds WHERE villages > 0`);

const COUNTY_AREAS = areaQuery('counties', 'county');
const TOWNSHIP_AREAS = areaQuery('townships', 'township');

/**
 * The site rule of common/indicators.ts (siteIndicators, indicatorsBelowTarget) restated in SQL;
 * tests/tile-backends.test.ts checks it against the rule on every back end. $4: SITE_TARGET_RATE.
 */
const SITES = tileQuery('sites', `
  SELECT id AS fid, id, name, name_en AS "nameEn", township_code AS "townshipCode",
    planned_households AS "plannedHouseholds", moved_households AS "movedHouseholds",
    planned_persons AS "plannedPersons", moved_persons AS "movedPersons",
    CASE WHEN planned_households > 0 THEN moved_households::float8 / planned_households END AS "occupancyRate",
    (planned_households > 0 AND (completed_households::float8 / planned_households < $4 OR moved_households::float8 / planned_households < $4))
      OR (moved_households > 0 AND (stable_households::float8 / moved_households < $4 OR demolished_households::float8 / moved_households < $4))
      AS "belowTarget",
    ${MVT_GEOM}
  FROM sites, bounds WHERE geom_3857 && bounds.wide`);

/** $4: the project kind. */
const projectQuery = (layer: 'roads' | 'water') => tileQuery(layer, `
  SELECT id AS fid, ${PROJECT_TILE_PROPERTIES}, ${MVT_GEOM}
  FROM projects, bounds WHERE kind = $4 AND deleted_at IS NULL AND geom_3857 && bounds.wide`);
const ROADS = projectQuery('roads');
const WATER = projectQuery('water');

function query(layer: DynamicLayer, z: number): [string, unknown] {
  switch (layer) {
    case 'villages':
      if (z < VILLAGE_AREA_ZOOMS.townshipFrom) return [COUNTY_AREAS, EXITED_STATUSES];
      if (z < VILLAGE_AREA_ZOOMS.villageFrom) return [TOWNSHIP_AREAS, EXITED_STATUSES];
      return [VILLAGES, null];
    case 'sites':
      return [SITES, SITE_TARGET_RATE];
    case 'roads':
      return [ROADS, 'road'];
    case 'water':
      return [WATER, 'water'];
  }
}

export function postgisCutter(db: Queryable): TileCutter {
  return {
    kind: 'postgis',
    async cut(layer, z, x, y) {
      const [sql, extra] = query(layer, z);
      const [row] = await db.query<{ mvt: Uint8Array | null }>(sql, extra === null ? [z, x, y] : [z, x, y, extra]);
      return row?.mvt && row.mvt.length > 0 ? new Uint8Array(row.mvt) : null;
    },
    changed: (_layer, areas) => areas !== undefined,
  };
}
