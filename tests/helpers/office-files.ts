// Files as county offices make them, built in the test: GBK text, hand-written DBF tables (whose
// field names are raw bytes, cut where dBase cuts them) and zipped Shapefile layers.
import shpwrite from '@mapbox/shp-write';
import { unzipSync, zipSync } from 'fflate';

let gbkTable: Map<string, number[]> | null = null;

/** GBK bytes of a text, from a table built by decoding every two-byte GBK sequence. */
export function gbkEncode(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== '\uFFFD' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) bytes.push(c.charCodeAt(0));
    else bytes.push(...(gbkTable.get(c) ?? [0x3f]));
  }
  return new Uint8Array(bytes);
}

export interface DbfField {
  /** The name as stored: at most 10 bytes, in the table's encoding. */
  name: Uint8Array;
  type: 'C' | 'N';
  length: number;
}

/** A dBase III table; `encode` turns each text value into the table's bytes. */
export function dbfBytes(fields: DbfField[], records: (string | number)[][], encode: (s: string) => Uint8Array): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([120, 1, 1], 1);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(f.name.subarray(0, 10), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((record, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20;
    fields.forEach((f, i) => {
      const value = encode(String(record[i] ?? '')).subarray(0, f.length);
      const cell = new Uint8Array(f.length).fill(0x20);
      cell.set(value, f.type === 'N' ? f.length - value.length : 0);
      out.set(cell, at);
      at += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** Field names cut at 10 bytes of their encoding, as dBase stores them (possibly inside a character). */
export const dbfName = (name: string, encode: (s: string) => Uint8Array) => encode(name).subarray(0, 10);

/** The .shp and .shx of some geometries (attributes come from a DBF written separately). */
export async function shapeFiles(geometries: GeoJSON.Geometry[]): Promise<{ shp: Uint8Array; shx: Uint8Array }> {
  const zip = (await shpwrite.zip(
    { type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', geometry, properties: {} })) },
    { outputType: 'uint8array', compression: 'STORE' } as never,
  )) as Uint8Array;
  const entries = unzipSync(zip);
  const pick = (ext: string) => Object.entries(entries).find(([name]) => name.toLowerCase().endsWith(ext))![1];
  return { shp: pick('.shp'), shx: pick('.shx') };
}

export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A zip of layers, each a base name with its files (.shp, .shx, .dbf, .prj, .cpg). */
export function zipLayers(layers: Record<string, Record<string, Uint8Array | string>>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [base, files] of Object.entries(layers)) {
    for (const [ext, bytes] of Object.entries(files)) entries[`${base}.${ext}`] = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  }
  return zipSync(entries);
}

/** One member row of a household table as the national poverty information system exports it. */
export interface NationalMemberRow {
  户编号: string;
  姓名: string;
  证件号码: string;
  与户主关系: string;
  性别: string;
  民族?: string;
  文化程度?: string;
  在校生状况?: string;
  健康状况: string;
  劳动技能: string;
  贫困户属性?: string;
  主要致贫原因?: string;
  脱贫年度?: string | number;
  联系电话?: string;
}

/**
 * The household member table (贫困户家庭成员信息) as a county office saves it from 国扶系统: a title
 * row, the headers with the system's notes in brackets, codes and ID numbers as text, household
 * attributes only on the head's row, and a blank row at the end.
 */
export async function nationalHouseholdWorkbook(rows: NationalMemberRow[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('贫困户家庭成员信息');
  const headers = ['序号', '户编号', '姓名', '证件号码（身份证）', '与户主关系', '性别', '民族', '文化程度', '在校生状况', '健康状况', '劳动技能',
    '贫困户属性', '主要致贫原因', '脱贫年度', '联系电话'];
  sheet.addRow(['山西省榆社县建档立卡贫困户家庭成员信息表（国扶系统导出）']);
  sheet.addRow(headers);
  rows.forEach((r, i) => {
    const row = sheet.addRow([i + 1, r.户编号, r.姓名, r.证件号码, r.与户主关系, r.性别, r.民族 ?? '汉族', r.文化程度 ?? '', r.在校生状况 ?? '非在校生',
      r.健康状况, r.劳动技能, r.贫困户属性 ?? '', r.主要致贫原因 ?? '', r.脱贫年度 ?? '', r.联系电话 ?? '']);
    for (const col of [2, 4, 15]) row.getCell(col).numFmt = '@';
  });
  sheet.addRow([]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
