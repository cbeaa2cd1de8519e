// Where a change shows on the dynamic tiles (ChangeEvent.tileAreas): the changed features' boxes,
// each at the zooms its layer draws it. A village shows at its own box from the zoom villages are
// drawn singly, and through its township's and county's counts below that (VILLAGE_AREA_ZOOMS).
import { bbox } from '@turf/turf';
import { VILLAGE_AREA_ZOOMS, type BBox, type TileArea } from '../../common/api';
import type { Project, RelocationSite } from '../../common/domain';
import type { Queryable } from '../db/client';
import { DYNAMIC_MAX_ZOOM } from './dynamic-tiles';
import { CODE_LENGTH } from './village-areas';

const everyZoom = (box: BBox): TileArea => ({ bbox: box, minZoom: 0, maxZoom: DYNAMIC_MAX_ZOOM });
const boxOf = (geom: GeoJSON.Geometry) => bbox(geom) as BBox;

/** The villages' own boxes, and their townships' and counties' at the lower zooms. */
export async function villageTileAreas(db: Queryable, codes: string[]): Promise<TileArea[]> {
  const rows = await db.query<{ level: 'village' | 'township' | 'county'; geom: GeoJSON.Geometry }>(
    `SELECT 'village' AS level, geom FROM villages WHERE code = ANY($1::text[])
     UNION ALL SELECT 'township', geom FROM townships WHERE code IN (SELECT left(c, $2) FROM unnest($1::text[]) AS c)
     UNION ALL SELECT 'county', geom FROM counties WHERE code IN (SELECT left(c, $3) FROM unnest($1::text[]) AS c)`,
    [codes, CODE_LENGTH.township, CODE_LENGTH.county],
  );
  const zooms = {
    village: { minZoom: VILLAGE_AREA_ZOOMS.villageFrom, maxZoom: DYNAMIC_MAX_ZOOM },
    township: { minZoom: VILLAGE_AREA_ZOOMS.townshipFrom, maxZoom: VILLAGE_AREA_ZOOMS.villageFrom - 1 },
    county: { minZoom: 0, maxZoom: VILLAGE_AREA_ZOOMS.townshipFrom - 1 },
  };
  return rows.map(({ level, geom }) => ({ bbox: boxOf(geom), ...zooms[level] }));
}

/**
 * The portal's area (a county, or a prefecture's counties) and everything in it, at every zoom:
 * what an import that rewrites many of its features at once touches. Taken before and after the
 * import, for moved outlines. `prefix` is the area's code prefix (common/area.ts).
 */
export async function areaTileAreas(db: Queryable, prefix: string): Promise<TileArea[]> {
  const counties = await db.query<{ geom: GeoJSON.Geometry }>("SELECT geom FROM counties WHERE code LIKE $1 || '%'", [prefix]);
  const [inside] = await db.query<{ w: number | null; s: number; e: number; n: number }>(
    `SELECT min((bbox->>0)::float8) AS w, min((bbox->>1)::float8) AS s, max((bbox->>2)::float8) AS e, max((bbox->>3)::float8) AS n
     FROM (SELECT bbox FROM townships WHERE code LIKE $1 || '%' UNION ALL SELECT bbox FROM villages WHERE code LIKE $1 || '%') AS boxes`,
    [prefix],
  );
  return [...counties.map((c) => everyZoom(boxOf(c.geom))), ...(inside.w === null ? [] : [everyZoom([inside.w, inside.s, inside.e, inside.n])])];
}

export const siteTileAreas = (site: Pick<RelocationSite, 'lon' | 'lat'>): TileArea[] => [everyZoom([site.lon, site.lat, site.lon, site.lat])];

/** Each version of a project given (before and after an edit that may move it). */
export const projectTileAreas = (...versions: Pick<Project, 'geometry'>[]): TileArea[] => versions.map((p) => everyZoom(boxOf(p.geometry)));
