// Real township or village boundaries (the land survey's, usually CGCS2000 Gauss-Krüger) over the
// generated ones: each layer taken to WGS-84 in its own coordinate system, each feature matched to
// a unit of the county and checked; the commit replaces all of them or none.
import { area, bbox as turfBbox, booleanPointInPolygon, centerOfMass, distance, pointOnFeature } from '@turf/turf';
import type { BBox, LonLat } from '../../../common/api';
import type { BoundaryChange, BoundaryImportPreview, BoundaryLevel } from '../../../common/boundaries';
import type { ImportIssue } from '../../../common/imports';
import type { SessionUser } from '../../../common/roles';
import type { Db, Queryable } from '../../db/client';
import { boundaryTargets, replaceBoundary, type NewBoundary } from '../../repo/boundaries';
import type { PortalArea } from '../../../common/area';
import { areaRow, listTownships } from '../../repo/geography';
import { recordAudit } from '../audit';
import { crsOfGeoJsonMember, crsOfWkt, describeCrs, resolveCrs, toWgs84, type CrsRequest, type SourceCrs } from './boundary-crs';
import { matchFeatures, type FeatureLabel } from './boundary-match';
import { featureIssue } from './feature-properties';
import { parseGeoJson, readShapefileLayer, unzipLayers, type RawFeature } from './geometry-file';
import { capIssues } from './issue-cap';
import { decodeText, extensionOf, unsupported, type Upload } from './upload';
import { stalePreview } from './village-stats';
import { positionsOf } from './declared-crs';

/** A county has a few hundred villages; a file of more is a province's and is refused rather than previewed for minutes. */
const MAX_FEATURES = 5000;
/** About 5 km: a boundary drawn beyond the county's outline by more is in the wrong zone or system. */
const COUNTY_MARGIN_DEGREES = 0.05;

export interface BoundaryImportPlan {
  level: BoundaryLevel;
  note: string;
  items: (NewBoundary & { version: number | null; old: { bbox: BBox; center: LonLat; boundaryDemo: boolean } })[];
}

interface SourceLayer {
  name: string;
  layer?: string;
  features: RawFeature[];
  declared: SourceCrs | null;
}

async function readLayers(file: Upload): Promise<SourceLayer[]> {
  const ext = extensionOf(file.name);
  if (ext === 'geojson' || ext === 'json') {
    const { features, crs } = parseGeoJson(file);
    return [{ name: file.name, features, declared: crsOfGeoJsonMember(crs) }];
  }
  if (ext !== 'zip') throw unsupported(file.name, ' GeoJSON（.geojson/.json）或压缩的 Shapefile（.zip）', 'GeoJSON (.geojson/.json) or a zipped Shapefile (.zip)');
  const layers = unzipLayers(file);
  const several = layers.length > 1;
  return Promise.all(layers.map(async (l) => {
    const name = several ? `${file.name}/${l.name}` : file.name;
    return { name, layer: several ? l.name : undefined, features: await readShapefileLayer(name, l), declared: l.files.prj ? crsOfWkt(decodeText(l.files.prj)) : null };
  }));
}

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** The polygon in WGS-84, or why it cannot be one. */
function toArea(raw: GeoJSON.Geometry | null, transform: (p: number[]) => [number, number]): Area | [string, string] {
  if (!raw || (raw.type !== 'Polygon' && raw.type !== 'MultiPolygon')) return [`几何须为面（Polygon/MultiPolygon），而不是 ${raw?.type ?? '空'}`, `the geometry must be a polygon, not ${raw?.type ?? 'empty'}`];
  const polygons = raw.type === 'Polygon' ? [raw.coordinates] : raw.coordinates;
  const wellFormed = Array.isArray(polygons) && polygons.length > 0 && polygons.every((rings) => Array.isArray(rings) && rings.length > 0 && rings.every((ring) =>
    Array.isArray(ring) && ring.length >= 4 && ring.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]))));
  if (!wellFormed) return ['面的坐标不完整（每个环至少 4 个点）', 'the polygon is malformed (every ring needs at least 4 positions)'];
  const moved = polygons.map((rings) => rings.map((ring) => ring.map((p) => transform(p).map(round7))));
  return raw.type === 'Polygon' ? { type: 'Polygon', coordinates: moved[0] } : { type: 'MultiPolygon', coordinates: moved };
}

function labelPoint(geometry: Area): LonLat {
  const center = centerOfMass(geometry);
  const point = booleanPointInPolygon(center, geometry) ? center : pointOnFeature(geometry);
  return point.geometry.coordinates.map(round7) as LonLat;
}

const overlaps = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

export async function previewBoundaries(
  db: Queryable, portal: PortalArea, file: Upload, level: BoundaryLevel, request: CrsRequest,
): Promise<{ preview: Omit<BoundaryImportPreview, 'token'>; plan: BoundaryImportPlan }> {
  const layers = await readLayers(file);
  const county = await areaRow(db, portal);
  if (!county) throw new Error(`area ${portal.code} is not in the database`);
  const countyBox = turfBbox(county.geom).map((v, i) => v + (i < 2 ? -COUNTY_MARGIN_DEGREES : COUNTY_MARGIN_DEGREES));
  const labels: FeatureLabel[] = [];
  const shapes: (Area | null)[] = [];
  const errors: ImportIssue[] = [];
  const systems = new Set<string>();
  for (const l of layers) {
    const eastings = l.features.flatMap((f) => positionsOf(f.geometry)).map((p) => (p as number[])[0]).filter(Number.isFinite);
    const crs = resolveCrs(l.name, l.declared, request, eastings);
    systems.add(describeCrs(crs));
    const transform = toWgs84(crs, request.towgs84);
    l.features.slice(0, MAX_FEATURES).forEach((f, i) => {
      const row = i + 1;
      labels.push({ row, layer: l.layer, properties: f.properties });
      const shape = toArea(f.geometry, transform);
      const inLayer = (issue: ImportIssue) => (l.layer ? { ...issue, layer: l.layer } : issue);
      if (Array.isArray(shape)) {
        errors.push(inLayer(featureIssue(row, `#${row}`, shape[0], shape[1], 'geometry')));
        shapes.push(null);
      } else if (!overlaps(turfBbox(shape), countyBox)) {
        const [lon, lat] = labelPoint(shape);
        errors.push(inLayer(featureIssue(row, `#${row}`, `位于本县范围之外（${lon.toFixed(4)}, ${lat.toFixed(4)}）：坐标系或分带是否选错？`,
          `lies outside the county (${lon.toFixed(4)}, ${lat.toFixed(4)}): is the coordinate system or zone wrong?`, 'geometry')));
        shapes.push(null);
      } else shapes.push(shape);
    });
  }
  const total = layers.reduce((n, l) => n + l.features.length, 0);
  if (total > MAX_FEATURES) errors.push({ row: 0, code: '', message: `要素过多（${total} 个，上限 ${MAX_FEATURES}）`, messageEn: `Too many features (${total}, limit ${MAX_FEATURES})` });

  const targets = await boundaryTargets(db, level, portal.prefix);
  const townships = await listTownships(db, portal.prefix);
  const { matches, issues } = matchFeatures(level, labels, targets, townships);
  errors.push(...issues);
  const changes: BoundaryChange[] = [];
  const items: BoundaryImportPlan['items'] = [];
  for (const m of matches) {
    const geometry = shapes[m.index];
    if (!geometry) continue;
    const { row, layer } = labels[m.index];
    const center = labelPoint(geometry);
    const t = m.target;
    items.push({ code: t.code, geometry, bbox: turfBbox(geometry) as BBox, center, version: t.version, old: { bbox: t.bbox, center: t.center, boundaryDemo: t.boundaryDemo } });
    changes.push({
      row, ...(layer ? { layer } : {}), code: t.code, name: t.name, townshipCode: t.townshipCode, matchedBy: m.matchedBy,
      areaKm2: Math.round(area(geometry) / 1e4) / 100, shiftKm: Math.round(distance(t.center, center) * 100) / 100,
    });
  }
  const matched = new Set(matches.map((m) => m.target.code));
  const crs = [...systems].join('；');
  return {
    preview: {
      fileName: file.name, level, crs, total, changes,
      missing: targets.filter((t) => !matched.has(t.code)).map((t) => ({ code: t.code, name: t.name })),
      ...capIssues(errors),
    },
    plan: { level, note: `边界导入 / boundary import (${crs}): ${file.name}`, items },
  };
}

/** One transaction: a village edited since the preview undoes them all. */
export function commitBoundaries(db: Db, user: SessionUser, plan: BoundaryImportPlan): Promise<string[]> {
  return db.write(async (tx) => {
    for (const item of plan.items) {
      if (!(await replaceBoundary(tx, plan.level, item, item.version))) throw stalePreview(`村 ${item.code} / village ${item.code}`);
      await recordAudit(tx, {
        user, entityType: plan.level === 'villages' ? 'village' : 'township', entityId: item.code, action: 'import', note: plan.note,
        old: item.old, new: { bbox: item.bbox, center: item.center, boundaryDemo: false },
      });
    }
    return plan.items.map((i) => i.code);
  });
}
