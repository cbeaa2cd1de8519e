// Features from a GeoJSON file or a zipped Shapefile, in WGS-84 longitude/latitude. Coordinates
// taken from Amap (GCJ-02) or Baidu (BD-09) are shifted back with gcoord. A zip may hold several
// layers: each .shp is read with the .dbf, .prj and .cpg of its own base name.
import { unzipSync } from 'fflate';
import gcoord, { type CRSTypes } from 'gcoord';
import { read as readShapefile } from 'shapefile';
import type { ImportCrs, ImportIssue } from '../../../common/imports';
import { DomainError } from '../domain-error';
import { assertDeclaredMatches, crsOfGeoJson, crsOfPrj, looksProjected, projectedCoordinates, type DeclaredCrs } from './declared-crs';
import { decodeText, extensionOf, unreadable, unsupported, type Upload } from './upload';

export interface RawFeature {
  geometry: GeoJSON.Geometry | null;
  properties: Record<string, unknown>;
  /** The Shapefile layer's base name, when the zip holds more than one. */
  layer?: string;
}

/** The features read, and the layers of a zip refused as a whole (each named). */
export interface FeatureFile {
  features: RawFeature[];
  layerIssues: ImportIssue[];
}

const FROM: Record<ImportCrs, CRSTypes | null> = { wgs84: null, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 };

export async function readFeatures(file: Upload, crs: ImportCrs): Promise<FeatureFile> {
  const ext = extensionOf(file.name);
  if (ext !== 'zip' && ext !== 'geojson' && ext !== 'json') {
    throw unsupported(file.name, ' GeoJSON（.geojson/.json）或压缩的 Shapefile（.zip）', 'GeoJSON (.geojson/.json) or a zipped Shapefile (.zip)');
  }
  if (file.bytes.length === 0) throw noFeatures(file.name, '文件是空的', 'the file is empty');
  const read = ext === 'zip' ? await readZippedShapefiles(file, crs) : { features: readGeoJson(file, crs), layerIssues: [] };
  if (read.features.length === 0 && read.layerIssues.length === 0) throw noFeatures(file.name, '其中没有任何要素', 'it holds no features');
  const from = FROM[crs];
  return from ? { ...read, features: read.features.map((f) => ({ ...f, geometry: f.geometry && toWgs84(f.geometry, from) })) } : read;
}

const noFeatures = (name: string, zh: string, en: string) =>
  new DomainError('unprocessable', 'no_features', `文件「${name}」${zh}，没有可导入的要素`, `The file "${name}": ${en}; there is nothing to import`);

function readGeoJson(file: Upload, crs: ImportCrs): RawFeature[] {
  const { features, crs: member } = parseGeoJson(file);
  checkCoordinates(file.name, crsOfGeoJson(member), crs, features);
  return features;
}

/** The features of a GeoJSON file, and its `crs` member (GeoJSON 2008) for the caller to judge. */
export function parseGeoJson(file: Upload): { features: RawFeature[]; crs: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(file.bytes));
  } catch {
    throw unreadable(file.name, '不是有效的 JSON', 'not valid JSON');
  }
  const object = json as { type?: string; features?: unknown; geometry?: unknown; properties?: unknown; crs?: unknown };
  const list = object?.type === 'FeatureCollection' && Array.isArray(object.features) ? object.features : object?.type === 'Feature' ? [object] : null;
  if (!list) throw unreadable(file.name, '须为 GeoJSON FeatureCollection 或 Feature', 'expected a GeoJSON FeatureCollection or Feature');
  const features = list.map((f: { geometry?: unknown; properties?: unknown }) => ({
    geometry: (f?.geometry ?? null) as GeoJSON.Geometry | null,
    properties: f?.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {},
  }));
  return { features, crs: object.crs };
}

function checkCoordinates(name: string, declared: DeclaredCrs | null, chosen: ImportCrs, features: RawFeature[]): void {
  assertDeclaredMatches(name, declared, chosen);
  if (looksProjected(features.map((f) => f.geometry))) throw projectedCoordinates(name, null);
}

export interface Layer {
  name: string;
  files: Partial<Record<'shp' | 'dbf' | 'prj' | 'cpg', Uint8Array>>;
}

/** Files grouped by path without extension, so each layer takes its own table and projection. */
function layersOf(entries: Record<string, Uint8Array>): Layer[] {
  const layers = new Map<string, Layer>();
  for (const [path, bytes] of Object.entries(entries)) {
    const ext = extensionOf(path);
    if (path.startsWith('__MACOSX/') || !['shp', 'dbf', 'prj', 'cpg'].includes(ext)) continue;
    const base = path.slice(0, -ext.length - 1);
    const key = base.toLowerCase();
    const layer = layers.get(key) ?? { name: base.split('/').pop()!, files: {} };
    layer.files[ext as keyof Layer['files']] = bytes;
    layers.set(key, layer);
  }
  return [...layers.values()].filter((l) => l.files.shp || l.files.dbf);
}

/** The Shapefile layers of a zip, each with the files of its own base name. */
export function unzipLayers(file: Upload): Layer[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes);
  } catch {
    throw unreadable(file.name, '不是有效的 zip 压缩包', 'not a valid zip archive');
  }
  const layers = layersOf(entries);
  if (layers.length === 0) throw unreadable(file.name, '压缩包中须有 .shp 和 .dbf 文件', 'the zip must hold a .shp and a .dbf file');
  return layers;
}

async function readZippedShapefiles(file: Upload, crs: ImportCrs): Promise<FeatureFile> {
  const layers = unzipLayers(file);
  // One layer: its fault is the file's. Several: each layer is read or refused by name.
  if (layers.length === 1) return { features: await readLayer(file.name, layers[0], crs), layerIssues: [] };
  const features: RawFeature[] = [];
  const layerIssues: ImportIssue[] = [];
  for (const layer of layers) {
    try {
      features.push(...(await readLayer(`${file.name}/${layer.name}`, layer, crs)).map((f) => ({ ...f, layer: layer.name })));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      layerIssues.push({ row: 0, code: layer.name, layer: layer.name, message: `图层「${layer.name}」：${e.message}`, messageEn: `layer "${layer.name}": ${e.messageEn}` });
    }
  }
  return { features, layerIssues };
}

async function readLayer(name: string, layer: Layer, crs: ImportCrs): Promise<RawFeature[]> {
  const { prj } = layer.files;
  assertDeclaredMatches(name, prj ? crsOfPrj(decodeText(prj)) : null, crs);
  const features = await readShapefileLayer(name, layer);
  checkCoordinates(name, null, crs, features);
  return features;
}

/** A layer's features as they are in the file, attributes decoded by its .cpg or by a guess. */
export async function readShapefileLayer(name: string, layer: Layer): Promise<RawFeature[]> {
  const { shp, dbf, cpg } = layer.files;
  if (!shp || !dbf) throw unreadable(name, `压缩包中须有同名的 .shp 和 .dbf 文件（${layer.name}.${shp ? 'dbf' : 'shp'} 缺失）`, `the zip must hold a .shp and a .dbf file of the same name (${layer.name}.${shp ? 'dbf' : 'shp'} is missing)`);
  const encoding = cpg ? encodingOfCpg(name, decodeText(cpg)) : dbfEncoding(dbf);
  let features: RawFeature[];
  try {
    const collection = await readShapefile(shp, dbf, { encoding });
    features = collection.features.map((f) => ({ geometry: f.geometry, properties: f.properties ?? {} }));
  } catch {
    throw unreadable(name, 'Shapefile 已损坏或格式不对', 'the Shapefile is damaged or malformed');
  }
  return features;
}

/** A .cpg names the .dbf's encoding, as a code page number (936, "ANSI 936") or a name (UTF-8, GBK). */
export function encodingOfCpg(name: string, text: string): string {
  const value = text.trim().replace(/^(ansi|cp|windows-?)\s*/i, '').toLowerCase();
  const byCodePage: Record<string, string> = { '936': 'gbk', '54936': 'gb18030', '65001': 'utf-8', '950': 'big5', '1252': 'windows-1252', '20936': 'gb18030' };
  const encoding = byCodePage[value] ?? (/^utf-?8$/.test(value) ? 'utf-8' : value);
  try {
    return new TextDecoder(encoding).encoding;
  } catch {
    throw unreadable(name, `.cpg 文件写的编码「${text.trim()}」无法识别（应为 UTF-8、GBK 或代码页号如 936）`, `its .cpg names an unknown encoding "${text.trim()}" (expected UTF-8, GBK or a code page such as 936)`);
  }
}

/**
 * Without a .cpg the attribute encoding is a guess: UTF-8 if the field names and records are valid
 * UTF-8, else GBK as Chinese GIS software writes. The header's binary counts are not judged, and a
 * field name cut at 10 bytes may end inside a character.
 */
export function dbfEncoding(dbf: Uint8Array): string {
  const headerLength = dbf.length >= 10 ? dbf[8] | (dbf[9] << 8) : 0;
  const names: Uint8Array[] = [];
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const name = dbf.subarray(at, at + 11);
    names.push(name.subarray(0, name.indexOf(0) < 0 ? 11 : name.indexOf(0)));
  }
  const records = dbf.subarray(Math.min(headerLength, dbf.length)).filter((b) => b !== 0x1a);
  return isUtf8(records) && names.every((n) => (n.length === 10 ? [0, 1, 2] : [0]).some((cut) => isUtf8(n.subarray(0, n.length - cut)))) ? 'utf-8' : 'gbk';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
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
