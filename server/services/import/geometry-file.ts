// Features from a GeoJSON file or a zipped Shapefile, in WGS-84 longitude/latitude. Coordinates
// taken from Amap (GCJ-02) or Baidu (BD-09) are shifted back with gcoord.
import { unzipSync } from 'fflate';
import gcoord, { type CRSTypes } from 'gcoord';
import { read as readShapefile } from 'shapefile';
import type { ImportCrs } from '../../../common/imports';
import { decodeText, extensionOf, unreadable, unsupported, type Upload } from './upload';

export interface RawFeature {
  geometry: GeoJSON.Geometry | null;
  properties: Record<string, unknown>;
}

const FROM: Record<ImportCrs, CRSTypes | null> = { wgs84: null, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 };

export async function readFeatures(file: Upload, crs: ImportCrs): Promise<RawFeature[]> {
  const ext = extensionOf(file.name);
  const features = ext === 'zip' ? await readZippedShapefile(file) : ext === 'geojson' || ext === 'json' ? readGeoJson(file) : null;
  if (!features) throw unsupported(file.name, ' GeoJSON（.geojson/.json）或压缩的 Shapefile（.zip）', 'GeoJSON (.geojson/.json) or a zipped Shapefile (.zip)');
  const from = FROM[crs];
  return from ? features.map((f) => ({ ...f, geometry: f.geometry && toWgs84(f.geometry, from) })) : features;
}

function readGeoJson(file: Upload): RawFeature[] {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(file.bytes));
  } catch {
    throw unreadable(file.name, '不是有效的 JSON', 'not valid JSON');
  }
  const object = json as { type?: string; features?: unknown; geometry?: unknown; properties?: unknown };
  const list = object?.type === 'FeatureCollection' && Array.isArray(object.features) ? object.features : object?.type === 'Feature' ? [object] : null;
  if (!list) throw unreadable(file.name, '须为 GeoJSON FeatureCollection 或 Feature', 'expected a GeoJSON FeatureCollection or Feature');
  return list.map((f: { geometry?: unknown; properties?: unknown }) => ({
    geometry: (f?.geometry ?? null) as GeoJSON.Geometry | null,
    properties: f?.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {},
  }));
}

async function readZippedShapefile(file: Upload): Promise<RawFeature[]> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes);
  } catch {
    throw unreadable(file.name, '不是有效的 zip 压缩包', 'not a valid zip archive');
  }
  const byExt = (want: string) => Object.entries(entries).find(([name]) => !name.startsWith('__MACOSX/') && extensionOf(name) === want)?.[1];
  const shp = byExt('shp');
  const dbf = byExt('dbf');
  if (!shp || !dbf) throw unreadable(file.name, '压缩包中须有 .shp 和 .dbf 文件', 'the zip must hold a .shp and a .dbf file');
  const prj = byExt('prj');
  if (prj && /^\s*PROJCS/i.test(decodeText(prj))) {
    throw unreadable(file.name, '.prj 表明是投影坐标，请先转换为经纬度（WGS-84、GCJ-02 或 BD-09）', 'its .prj is a projected system; convert to longitude/latitude (WGS-84, GCJ-02 or BD-09) first');
  }
  const cpg = byExt('cpg');
  try {
    const collection = await readShapefile(shp, dbf, { encoding: cpg ? decodeText(cpg).trim() : dbfEncoding(dbf) });
    return collection.features.map((f) => ({ geometry: f.geometry, properties: f.properties ?? {} }));
  } catch {
    throw unreadable(file.name, 'Shapefile 已损坏或格式不对', 'the Shapefile is damaged or malformed');
  }
}

/** Without a .cpg the attribute encoding is a guess: UTF-8 if the bytes are valid UTF-8, else GBK as Chinese GIS software writes. */
function dbfEncoding(dbf: Uint8Array): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf);
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

type Position = GeoJSON.Position;

function toWgs84(geometry: GeoJSON.Geometry, from: CRSTypes): GeoJSON.Geometry {
  // Shift only well-formed positions; malformed ones are left for validation to report.
  const shift = (p: Position): Position =>
    Array.isArray(p) && p.length >= 2 && p.every(Number.isFinite) ? gcoord.transform([p[0], p[1]], from, gcoord.WGS84) : p;
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: shift(geometry.coordinates) };
    case 'LineString':
      return { ...geometry, coordinates: mapArray(geometry.coordinates, shift) };
    case 'MultiLineString':
      return { ...geometry, coordinates: mapArray(geometry.coordinates, (line: Position[]) => mapArray(line, shift)) };
    default:
      // Other types are refused by validation.
      return geometry;
  }
}

const mapArray = <T, U>(list: T[], fn: (item: T) => U): U[] => (Array.isArray(list) ? list.map(fn) : list);
