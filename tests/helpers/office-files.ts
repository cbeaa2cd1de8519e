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
