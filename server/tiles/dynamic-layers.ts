// What each dynamic layer's features carry: only what the map styles and filters on.
import { VILLAGE_AREA_ZOOMS, VILLAGE_AREAS_LAYER, type DynamicLayer } from '../../common/api';
import { indicatorsBelowTarget, siteIndicators } from '../../common/indicators';
import type { Queryable } from '../db/client';
import type { LayerLoader, ZoomBand } from './memory-cutter';
import { villageAreas, type AreaOutline } from './village-areas';

const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });

/** MVT properties cannot be null; absent means "none". */
const withoutNulls = (props: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));

/** The properties a village carries on its tiles, the same whichever cutter cuts them. */
export const VILLAGE_TILE_PROPERTIES = `code, name, name_en AS "nameEn", township_code AS "townshipCode", village_class AS "villageClass",
  exit_status AS "exitStatus", readiness, planned_exit_year AS "plannedExitYear", actual_exit_year AS "actualExitYear",
  CASE WHEN infra_required > 0 THEN infra_done::float8 / infra_required ELSE 1 END AS "infraCompletion"`;

/** A road's or water project's, likewise. */
export const PROJECT_TILE_PROPERTIES = `id, name, nullif(name_en, '') AS "nameEn", subtype, status, township_code AS "townshipCode",
  progress_pct AS "progressPct", served_households AS "servedHouseholds"`;

async function villages(db: Queryable): Promise<ZoomBand[]> {
  const rows = await db.query<Record<string, unknown> & { code: string; geom: GeoJSON.Geometry }>(`SELECT ${VILLAGE_TILE_PROPERTIES}, geom FROM villages`);
  const features: GeoJSON.Feature[] = rows.map(({ geom, ...props }) => ({
    type: 'Feature',
    // Numeric ids let the map address a village with feature-state (selection, hover).
    id: Number(props.code),
    geometry: geom,
    properties: withoutNulls(props),
  }));
  const [townships, counties] = await Promise.all([
    db.query<AreaOutline>('SELECT code, geom FROM townships'),
    db.query<AreaOutline>('SELECT code, geom FROM counties'),
  ]);
  return villageBands(features, townships, counties);
}

/** Counties, then townships, then the villages themselves, as the zoom grows (VILLAGE_AREA_ZOOMS). */
export function villageBands(villages: GeoJSON.Feature[], townships: AreaOutline[], counties: AreaOutline[]): ZoomBand[] {
  return [
    { minZoom: 0, sourceLayer: VILLAGE_AREAS_LAYER, features: villageAreas(villages, counties, 'county') },
    { minZoom: VILLAGE_AREA_ZOOMS.townshipFrom, sourceLayer: VILLAGE_AREAS_LAYER, features: villageAreas(villages, townships, 'township') },
    { minZoom: VILLAGE_AREA_ZOOMS.villageFrom, sourceLayer: 'villages', features: collection(villages) },
  ];
}

const oneBand = (layer: DynamicLayer) => (features: GeoJSON.FeatureCollection): ZoomBand[] => [{ minZoom: 0, sourceLayer: layer, features }];

async function sites(db: Queryable) {
  const rows = await db.query<{
    id: number; name: string; nameEn: string; townshipCode: string; lon: number; lat: number; plannedHouseholds: number; movedHouseholds: number;
    plannedPersons: number; movedPersons: number; completedHouseholds: number; stableHouseholds: number; demolishedHouseholds: number;
  }>(
    `SELECT id, name, name_en AS "nameEn", township_code AS "townshipCode", lon, lat, planned_households AS "plannedHouseholds", moved_households AS "movedHouseholds",
       planned_persons AS "plannedPersons", moved_persons AS "movedPersons", completed_households AS "completedHouseholds",
       stable_households AS "stableHouseholds", demolished_households AS "demolishedHouseholds"
     FROM sites`,
  );
  return collection(
    rows.map(({ lon, lat, ...s }) => {
      const indicators = siteIndicators(s);
      return {
        type: 'Feature',
        id: s.id,
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: withoutNulls({
          id: s.id, name: s.name, nameEn: s.nameEn, townshipCode: s.townshipCode, plannedHouseholds: s.plannedHouseholds, movedHouseholds: s.movedHouseholds,
          plannedPersons: s.plannedPersons, movedPersons: s.movedPersons,
          occupancyRate: indicators.occupancyRate,
          belowTarget: indicatorsBelowTarget(indicators).length > 0,
        }),
      };
    }),
  );
}

async function projects(db: Queryable, kind: 'road' | 'water') {
  const rows = await db.query<{ id: number; geom: GeoJSON.Geometry } & Record<string, unknown>>(
    `SELECT ${PROJECT_TILE_PROPERTIES}, geom FROM projects WHERE kind = $1 AND deleted_at IS NULL`,
    [kind],
  );
  return collection(rows.map(({ geom, ...props }) => ({ type: 'Feature', id: props.id, geometry: geom, properties: withoutNulls(props) })));
}

export function dynamicLayerLoaders(db: Queryable): Record<DynamicLayer, LayerLoader> {
  return {
    villages: () => villages(db),
    sites: () => sites(db).then(oneBand('sites')),
    roads: () => projects(db, 'road').then(oneBand('roads')),
    water: () => projects(db, 'water').then(oneBand('water')),
  };
}
