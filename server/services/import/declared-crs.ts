// What a file says about its own coordinates (a GeoJSON `crs` member, a Shapefile's .prj), held
// against the system the user chose: a file that declares WGS-84 imported as GCJ-02 would be
// shifted by hundreds of metres without a word, and projected metres are not longitude/latitude.
import type { ImportCrs } from '../../../common/imports';
import { DomainError } from '../domain-error';

export type DeclaredCrs =
  | { kind: 'geographic'; name: string }
  | { kind: 'projected'; name: string }
  | { kind: 'chinese'; crs: Exclude<ImportCrs, 'wgs84'>; name: string };

/** Longitude/latitude on the WGS-84 ellipsoid or one within a few metres of it (CGCS2000), or an older national datum. */
const GEOGRAPHIC_EPSG = new Set([4326, 4490, 4214, 4610, 4555, 4979]);
const CRS_LABEL: Record<ImportCrs, [string, string]> = { wgs84: ['WGS-84', 'WGS-84'], gcj02: ['GCJ-02（高德、腾讯）', 'GCJ-02 (Amap, Tencent)'], bd09: ['BD-09（百度）', 'BD-09 (Baidu)'] };

function isProjectedEpsg(code: number): boolean {
  return (
    [3857, 900913, 102100, 3395].includes(code) ||
    (code >= 4491 && code <= 4554) || // CGCS2000 Gauss-Krüger
    (code >= 2327 && code <= 2442) || // Xi'an 1980 and Beijing 1954 Gauss-Krüger
    (code >= 21413 && code <= 21483) || // Beijing 1954 Gauss-Krüger
    (code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760) // UTM
  );
}

/** "EPSG:4326", "urn:ogc:def:crs:EPSG::4547", "urn:ogc:def:crs:OGC:1.3:CRS84", or a name saying GCJ-02 / BD-09. */
export function crsFromName(name: string): DeclaredCrs | null {
  if (/gcj|火星|高德/i.test(name)) return { kind: 'chinese', crs: 'gcj02', name };
  if (/bd-?09|baidu|百度/i.test(name)) return { kind: 'chinese', crs: 'bd09', name };
  if (/CRS:?84$/i.test(name)) return { kind: 'geographic', name };
  const epsg = /EPSG:{1,2}(\d+)/i.exec(name);
  if (!epsg) return null;
  const code = Number(epsg[1]);
  if (GEOGRAPHIC_EPSG.has(code)) return { kind: 'geographic', name: `EPSG:${code}` };
  if (isProjectedEpsg(code)) return { kind: 'projected', name: `EPSG:${code}` };
  return null;
}

/** The GeoJSON 2008 `crs` member, which RFC 7946 dropped but many tools still write. */
export function crsOfGeoJson(crs: unknown): DeclaredCrs | null {
  const name = (crs as { properties?: { name?: unknown } } | null)?.properties?.name;
  return typeof name === 'string' ? crsFromName(name) : null;
}

/** A .prj in WKT: PROJCS[…] is projected, GEOGCS[…] geographic; the EPSG code when the WKT carries one. */
export function crsOfPrj(wkt: string): DeclaredCrs | null {
  const kind = /^\s*(PROJCS|PROJCRS)\[/i.test(wkt) ? 'projected' : /^\s*(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(wkt) ? 'geographic' : null;
  if (!kind) return null;
  const title = /^\s*\w+\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? '';
  // The last AUTHORITY belongs to the whole system, the ones before to its parts.
  const authorities = [...wkt.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const epsg = authorities.at(-1)?.[1];
  return { kind, name: epsg ? `EPSG:${epsg} ${title}`.trim() : title };
}

export function projectedCoordinates(fileName: string, declared: string | null): DomainError {
  const what = declared ? `（文件声明为 ${declared}）` : '';
  const whatEn = declared ? ` (the file declares ${declared})` : '';
  return new DomainError(
    'unprocessable',
    'projected_coordinates',
    `文件「${fileName}」中是投影坐标（米）${what}，不是经纬度：请先在 GIS 软件中转换为经纬度（WGS-84、GCJ-02 或 BD-09）再导入`,
    `The file "${fileName}" holds projected coordinates (metres)${whatEn}, not longitude/latitude: convert it to longitude/latitude (WGS-84, GCJ-02 or BD-09) in a GIS tool first`,
  );
}

/** Refuses a file whose declared system is not the chosen one. */
export function assertDeclaredMatches(fileName: string, declared: DeclaredCrs | null, chosen: ImportCrs): void {
  if (!declared) return;
  if (declared.kind === 'projected') throw projectedCoordinates(fileName, declared.name);
  const fileCrs: ImportCrs = declared.kind === 'chinese' ? declared.crs : 'wgs84';
  if (fileCrs === chosen) return;
  // A geographic system may be CGCS2000 or an older datum: it is plain longitude/latitude, imported as WGS-84.
  const [zh, en] = declared.kind === 'chinese' ? CRS_LABEL[fileCrs] : ['经纬度，按 WGS-84 导入', 'plain longitude/latitude, imported as WGS-84'];
  throw new DomainError(
    'unprocessable',
    'crs_mismatch',
    `文件「${fileName}」声明的坐标系是 ${declared.name}（${zh}），但导入时选择了 ${CRS_LABEL[chosen][0]}：按所选坐标系转换会使位置偏移数百米。请选择 ${CRS_LABEL[fileCrs][0]}，或改正文件中的坐标系声明`,
    `The file "${fileName}" declares ${declared.name} (${en}) but ${CRS_LABEL[chosen][1]} was chosen: converting it as chosen would shift it by hundreds of metres. Choose ${CRS_LABEL[fileCrs][1]}, or correct the file's declaration`,
  );
}

export const positionOutOfRange = (p: unknown) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90);
const inRange = (p: unknown) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && !positionOutOfRange(p);

/** Every position of a geometry, however nested; malformed ones included for the caller to judge. */
export function positionsOf(geometry: GeoJSON.Geometry | null): unknown[] {
  if (!geometry || !('coordinates' in geometry)) return [];
  const out: unknown[] = [];
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(geometry.coordinates);
  return out;
}

/** Projected when no position is longitude/latitude and some are far outside it: one message for the file, not one per vertex. */
export function looksProjected(geometries: (GeoJSON.Geometry | null)[]): boolean {
  const positions = geometries.flatMap(positionsOf);
  return positions.some(positionOutOfRange) && !positions.some(inRange);
}

