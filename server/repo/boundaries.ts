// The polygons of the area's townships and villages, read for a boundary import and replaced by it.
import type { BBox, LonLat } from '../../common/api';
import type { BoundaryLevel } from '../../common/boundaries';
import type { Queryable } from '../db/client';

export interface BoundaryTarget {
  code: string;
  name: string;
  townshipCode: string;
  bbox: BBox;
  center: LonLat;
  boundaryDemo: boolean;
  /** Villages only; townships carry no version. */
  version: number | null;
}

/** The area's townships or villages, in code order (`prefix`: PortalArea.prefix). Table names come from this fixed map, never from input. */
export function boundaryTargets(db: Queryable, level: BoundaryLevel, prefix: string): Promise<BoundaryTarget[]> {
  return db.query<BoundaryTarget>(
    level === 'villages'
      ? `SELECT code, name, township_code AS "townshipCode", bbox, center, boundary_demo AS "boundaryDemo", version
         FROM villages WHERE township_code LIKE $1 || '%' ORDER BY code`
      : `SELECT code, name, code AS "townshipCode", bbox, center, boundary_demo AS "boundaryDemo", NULL::int AS version
         FROM townships WHERE code LIKE $1 || '%' ORDER BY code`,
    [prefix],
  );
}

export interface NewBoundary {
  code: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  bbox: BBox;
  center: LonLat;
}

/** Replaces one polygon and marks it real; false when a village changed since `version` was read. */
export async function replaceBoundary(tx: Queryable, level: BoundaryLevel, b: NewBoundary, version: number | null): Promise<boolean> {
  const params = [b.code, JSON.stringify(b.geometry), JSON.stringify(b.bbox), JSON.stringify(b.center)];
  const rows = level === 'villages'
    ? await tx.query(
      `UPDATE villages SET geom = $2::text::jsonb, bbox = $3::text::jsonb, center = $4::text::jsonb, boundary_demo = false,
         version = version + 1, updated_at = now() WHERE code = $1 AND version = $5 RETURNING code`,
      [...params, version],
    )
    : await tx.query(
      `UPDATE townships SET geom = $2::text::jsonb, bbox = $3::text::jsonb, center = $4::text::jsonb, boundary_demo = false WHERE code = $1 RETURNING code`,
      params,
    );
  return rows.length === 1;
}

/** Which of the area's layers still hold generated data. */
export async function demoFlags(db: Queryable, prefix: string) {
  const [row] = await db.query<{ townshipBoundaries: boolean; villageBoundaries: boolean; villageFigures: boolean; sites: boolean; projects: boolean }>(
    `SELECT
       EXISTS (SELECT 1 FROM townships WHERE code LIKE $1 || '%' AND boundary_demo) AS "townshipBoundaries",
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND boundary_demo) AS "villageBoundaries",
       EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND demo) AS "villageFigures",
       EXISTS (SELECT 1 FROM sites WHERE township_code LIKE $1 || '%' AND demo) AS sites,
       EXISTS (SELECT 1 FROM projects WHERE township_code LIKE $1 || '%' AND demo) AS projects`,
    [prefix],
  );
  return row;
}

/** Whether any of the area's townships or villages has an imported boundary. */
export async function hasImportedBoundaries(db: Queryable, prefix: string): Promise<boolean> {
  const [row] = await db.query<{ imported: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM townships WHERE code LIKE $1 || '%' AND NOT boundary_demo)
         OR EXISTS (SELECT 1 FROM villages WHERE township_code LIKE $1 || '%' AND NOT boundary_demo) AS imported`,
    [prefix],
  );
  return row.imported;
}
