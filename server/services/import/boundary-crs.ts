// The coordinate system of a boundary file: read from its .prj or GeoJSON `crs` member where it
// has one, else as the user chose it, and the proj4 definition that takes it to WGS-84. The
// definitions are written here from the EPSG parameters, so nothing is looked up on the network.
import gcoord from 'gcoord';
import proj4 from 'proj4';
import type { BoundaryCrsChoice, Datum } from '../../../common/boundaries';
import { DomainError } from '../domain-error';

/** A Gauss-Krüger zone: its central meridian, and whether the easting carries the zone number. */
export interface GkZone {
  width: 3 | 6;
  centralMeridian: number;
  zonePrefix: boolean;
}

/** Longitude/latitude as GPS, Amap or Baidu give them, or Gauss-Krüger metres on a Chinese datum. */
export type SourceCrs =
  | { kind: 'lonlat'; shift: 'wgs84' | 'gcj02' | 'bd09'; datum?: Datum }
  | { kind: 'gk'; datum: Datum; zone: GkZone; epsg?: number }
  | { kind: 'other'; name: string };
export type UsableCrs = Exclude<SourceCrs, { kind: 'other' }>;

const zoneNumber = ({ width, centralMeridian }: Pick<GkZone, 'width' | 'centralMeridian'>) => (width === 3 ? centralMeridian / 3 : (centralMeridian + 3) / 6);
export const falseEasting = (zone: GkZone) => (zone.zonePrefix ? zoneNumber(zone) * 1e6 : 0) + 500_000;

/** EPSG's Gauss-Krüger blocks: first code, how many, datum, zone width, prefix, first zone's central meridian (75°E for all). */
const GK_BLOCKS: [number, number, Datum, 3 | 6, boolean][] = [
  [4491, 11, 'cgcs2000', 6, true], [4502, 11, 'cgcs2000', 6, false], [4513, 21, 'cgcs2000', 3, true], [4534, 21, 'cgcs2000', 3, false],
  [2327, 11, 'xian80', 6, true], [2338, 11, 'xian80', 6, false], [2349, 21, 'xian80', 3, true], [2370, 21, 'xian80', 3, false],
  [2401, 21, 'beijing54', 3, true], [2422, 21, 'beijing54', 3, false], [21413, 11, 'beijing54', 6, true], [21453, 11, 'beijing54', 6, false], [21473, 11, 'beijing54', 6, false],
];

export function crsOfEpsg(code: number): SourceCrs | null {
  if (code === 4326) return { kind: 'lonlat', shift: 'wgs84' };
  if (code === 4490) return { kind: 'lonlat', shift: 'wgs84', datum: 'cgcs2000' };
  if (code === 4610) return { kind: 'lonlat', shift: 'wgs84', datum: 'xian80' };
  if (code === 4214) return { kind: 'lonlat', shift: 'wgs84', datum: 'beijing54' };
  const block = GK_BLOCKS.find(([first, n]) => code >= first && code < first + n);
  if (!block) return null;
  const [first, , datum, width, zonePrefix] = block;
  return { kind: 'gk', datum, epsg: code, zone: { width, zonePrefix, centralMeridian: 75 + (code - first) * width } };
}

export function epsgOf(datum: Datum, zone: GkZone): number | undefined {
  const block = GK_BLOCKS.find(([, , d, w, p]) => d === datum && w === zone.width && p === zone.zonePrefix);
  return block ? block[0] + (zone.centralMeridian - 75) / zone.width : undefined;
}

function datumOfText(text: string): Datum | 'wgs84' | null {
  if (/xi'?an|西安/i.test(text)) return 'xian80';
  if (/beijing|北京|krass?ovsky/i.test(text)) return 'beijing54';
  if (/cgcs|china[_ ]2000|china[_ ]geodetic|2000国家/i.test(text)) return 'cgcs2000';
  if (/wgs[_ ]?(19)?84/i.test(text)) return 'wgs84';
  return null;
}

const parameter = (wkt: string, names: string[]) => {
  const match = new RegExp(`PARAMETER\\[\\s*"(?:${names.join('|')})"\\s*,\\s*(-?[\\d.]+)`, 'i').exec(wkt);
  return match ? Number(match[1]) : undefined;
};

/**
 * A .prj in WKT, as ArcGIS writes it ("CGCS2000_3_Degree_GK_CM_114E", "CGCS2000_3_Degree_GK_Zone_38",
 * "Xian_1980_3_Degree_GK_CM_114E"…) or with an EPSG id: the datum from the names, the zone from the
 * central meridian and false easting.
 */
export function crsOfWkt(wkt: string): SourceCrs | null {
  const epsg = [...wkt.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)].at(-1)?.[1];
  const byCode = epsg ? crsOfEpsg(Number(epsg)) : null;
  if (byCode) return byCode;
  const title = /^\s*\w+\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? '';
  const datum = datumOfText(wkt);
  if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(wkt)) {
    if (!datum) return { kind: 'other', name: title };
    return datum === 'wgs84' ? { kind: 'lonlat', shift: 'wgs84' } : { kind: 'lonlat', shift: 'wgs84', datum };
  }
  if (!/^\s*(PROJCS|PROJCRS)\[/i.test(wkt)) return null;
  const isGk = /gauss|_GK_|transverse[_ ]mercator/i.test(wkt) && !/UTM/i.test(title);
  const centralMeridian = parameter(wkt, ['Central_Meridian', 'Longitude of natural origin', 'Longitude_Of_Origin']) ?? Number(/CM_(\d+)E/i.exec(title)?.[1] ?? NaN);
  const easting = parameter(wkt, ['False_Easting', 'False easting']) ?? 500_000;
  if (!isGk || !datum || datum === 'wgs84' || !Number.isFinite(centralMeridian)) return { kind: 'other', name: title };
  const width: 3 | 6 = /6_Degree|6-degree|6度/i.test(title) || (centralMeridian % 6 === 3 && !/3_Degree|3-degree|3度/i.test(title)) ? 6 : 3;
  const zone: GkZone = { width, centralMeridian, zonePrefix: easting > 1e6 };
  if (falseEasting(zone) !== easting) return { kind: 'other', name: title };
  return { kind: 'gk', datum, zone, epsg: epsgOf(datum, zone) };
}

/** A GeoJSON 2008 `crs` member: "EPSG:4547", "urn:ogc:def:crs:EPSG::4490", CRS84, or a name saying GCJ-02 / BD-09. */
export function crsOfGeoJsonMember(crs: unknown): SourceCrs | null {
  const name = (crs as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/gcj|火星|高德/i.test(name)) return { kind: 'lonlat', shift: 'gcj02' };
  if (/bd-?09|baidu|百度/i.test(name)) return { kind: 'lonlat', shift: 'bd09' };
  if (/CRS:?84$/i.test(name)) return { kind: 'lonlat', shift: 'wgs84' };
  const epsg = /EPSG:{1,2}(\d+)/i.exec(name);
  return epsg ? (crsOfEpsg(Number(epsg[1])) ?? { kind: 'other', name }) : { kind: 'other', name };
}

export function describeCrs(crs: SourceCrs): string {
  if (crs.kind === 'other') return crs.name;
  if (crs.kind === 'lonlat') return crs.datum && crs.datum !== 'cgcs2000' ? `${DATUM_LABEL[crs.datum]} 经纬度` : crs.datum === 'cgcs2000' ? 'CGCS2000 经纬度 (EPSG:4490)' : crs.shift.toUpperCase();
  const { width, centralMeridian, zonePrefix } = crs.zone;
  const zone = zonePrefix ? `${width}° zone ${zoneNumber(crs.zone)}` : `${width}° CM ${centralMeridian}E`;
  return `${DATUM_LABEL[crs.datum]} GK ${zone}${crs.epsg ? ` (EPSG:${crs.epsg})` : ''}`;
}

const DATUM_LABEL: Record<Datum, string> = { cgcs2000: 'CGCS2000', xian80: 'Xian 1980', beijing54: 'Beijing 1954' };

export interface CrsRequest {
  choice: BoundaryCrsChoice;
  datum: Datum;
  /** For gk3/gk6 when the eastings carry no zone number. */
  centralMeridian?: number;
  /** Seven Helmert parameters to WGS-84 (dx, dy, dz m; rx, ry, rz arc-seconds; scale ppm), for Xian 1980 and Beijing 1954 data. */
  towgs84?: number[];
}

const crsError = (code: string, zh: string, en: string) => new DomainError('unprocessable', code, zh, en);

/** The eastings' zone number, when every one carries the same. */
function prefixOf(eastings: number[]): number | null {
  const zones = new Set(eastings.map((x) => Math.floor(x / 1e6)));
  return zones.size === 1 && eastings[0] >= 1e6 ? [...zones][0] : null;
}

/**
 * The system the file is in: what it declares, or else what the user chose. Gauss-Krüger without
 * a declaration takes its zone from the eastings' zone number or from the chosen central meridian.
 */
export function resolveCrs(fileName: string, declared: SourceCrs | null, request: CrsRequest, eastings: number[]): UsableCrs {
  if (declared?.kind === 'other') {
    throw crsError('unsupported_crs', `文件「${fileName}」的坐标系「${declared.name}」不受支持：请转换为 CGCS2000（经纬度或高斯-克吕格 3°/6° 分带）或 WGS-84 再导入`,
      `The file "${fileName}" is in "${declared.name}", which is not supported: convert it to CGCS2000 (longitude/latitude or Gauss-Krüger 3°/6° zones) or WGS-84 first`);
  }
  const crs = declared ?? chosenCrs(fileName, request, eastings);
  if (crs.kind === 'gk') checkEastings(fileName, crs.zone, eastings);
  if (crs.datum === 'xian80' || crs.datum === 'beijing54') {
    if (!request.towgs84) {
      throw crsError('datum_needs_parameters',
        `文件「${fileName}」是 ${DATUM_LABEL[crs.datum]} 坐标系：它与 CGCS2000 之间没有公开的转换参数，直接导入会偏移数十米乃至上百米。请在 GIS 软件中转换为 CGCS2000，或填写本地区的七参数（由测绘主管部门提供）`,
        `The file "${fileName}" is in ${DATUM_LABEL[crs.datum]}: there are no public parameters to CGCS2000, and importing it as it is would shift it by tens to hundreds of metres. Convert it to CGCS2000 in a GIS tool, or enter your area's seven parameters (from the surveying authority)`);
    }
  }
  return crs;
}

function chosenCrs(fileName: string, request: CrsRequest, eastings: number[]): UsableCrs {
  const { choice, datum } = request;
  // CGCS2000 longitude/latitude differs from WGS-84 by well under a metre (the two ellipsoids differ
  // by 0.1 mm in the semi-minor axis and the frames by centimetres): it is taken as WGS-84.
  if (choice === 'cgcs2000') return { kind: 'lonlat', shift: 'wgs84', datum: 'cgcs2000' };
  if (choice === 'wgs84' || choice === 'gcj02' || choice === 'bd09') return { kind: 'lonlat', shift: choice };
  if (choice === 'auto') {
    throw crsError('crs_required', `文件「${fileName}」没有说明坐标系（没有 .prj 文件或 crs 声明）：请在导入表单中选择坐标系`,
      `The file "${fileName}" does not say its coordinate system (no .prj file or crs member): choose it in the import form`);
  }
  const width = choice === 'gk3' ? 3 : 6;
  const prefix = prefixOf(eastings);
  const centralMeridian = prefix !== null ? (width === 3 ? prefix * 3 : prefix * 6 - 3) : request.centralMeridian;
  if (centralMeridian === undefined) {
    throw crsError('central_meridian_required', `文件「${fileName}」的横坐标不带带号：请选择中央经线`,
      `The eastings of "${fileName}" carry no zone number: choose the central meridian`);
  }
  if (centralMeridian < 72 || centralMeridian > 138 || (width === 3 ? centralMeridian % 3 !== 0 : centralMeridian % 6 !== 3)) {
    throw crsError('central_meridian_invalid', `中央经线 ${centralMeridian}° 不是中国境内的 ${width}° 分带（带号 ${prefix ?? '无'}）：请检查分带宽度`,
      `Central meridian ${centralMeridian}° is not a ${width}° zone in China (zone number ${prefix ?? 'none'}): check the zone width`);
  }
  const zone: GkZone = { width, centralMeridian, zonePrefix: prefix !== null };
  return { kind: 'gk', datum, zone, epsg: epsgOf(datum, zone) };
}

/** Eastings within the zone (500 km ± 400 km, after the zone number if any): a wrong zone is caught before anything moves. */
function checkEastings(fileName: string, zone: GkZone, eastings: number[]) {
  const offset = falseEasting(zone) - 500_000;
  const bad = eastings.find((x) => !(x - offset > 100_000 && x - offset < 900_000));
  if (bad === undefined) return;
  throw crsError('eastings_outside_zone',
    `文件「${fileName}」的横坐标 ${bad} 不在${zone.zonePrefix ? `第 ${zoneNumber(zone)} 带（带号在前）` : `中央经线 ${zone.centralMeridian}° 的分带（不带带号）`}范围内：请检查坐标系和是否带带号`,
    `The easting ${bad} in "${fileName}" is outside ${zone.zonePrefix ? `zone ${zoneNumber(zone)} (with the zone number)` : `the zone of central meridian ${zone.centralMeridian}° (without the zone number)`}: check the system and the zone number`);
}

const ELLIPSOID: Record<Datum, string> = {
  cgcs2000: '+a=6378137 +rf=298.257222101',
  xian80: '+a=6378140 +rf=298.257',
  beijing54: '+a=6378245 +rf=298.3',
};

/** The proj4 definition of a system: Gauss-Krüger is transverse Mercator with scale 1 on the central meridian. */
export function proj4Definition(crs: UsableCrs, towgs84?: number[]): string {
  const datum = crs.datum ?? 'cgcs2000';
  const shift = datum === 'cgcs2000' ? ' +towgs84=0,0,0,0,0,0,0' : ` +towgs84=${(towgs84 ?? []).join(',')}`;
  if (crs.kind === 'lonlat') return `+proj=longlat ${ELLIPSOID[datum]}${shift} +no_defs`;
  return `+proj=tmerc +lat_0=0 +lon_0=${crs.zone.centralMeridian} +k=1 +x_0=${falseEasting(crs.zone)} +y_0=0 ${ELLIPSOID[datum]}${shift} +units=m +no_defs`;
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** A function taking a position of the file to WGS-84 longitude/latitude. */
export function toWgs84(crs: UsableCrs, towgs84?: number[]): (p: number[]) => [number, number] {
  if (crs.kind === 'lonlat' && (crs.datum === undefined || crs.datum === 'cgcs2000')) {
    if (crs.shift === 'wgs84') return ([x, y]) => [x, y];
    const from = crs.shift === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
    return ([x, y]) => gcoord.transform<[number, number]>([x, y], from, gcoord.WGS84);
  }
  const converter = proj4(proj4Definition(crs, towgs84), WGS84);
  return ([x, y]) => converter.forward<[number, number]>([x, y]);
}
