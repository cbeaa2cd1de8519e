// Assembles the Dataset of one county: real names, codes and outline, everything else generated demo data.
import type { Dataset } from '../../common/dataset';
import { generateVillageAttributes } from './attributes';
import { demoTargets } from './demo-targets';
import { planTargets, readPlan } from './plans';
import { OUTLINE_FOLDER, readCountyOutline } from './county-outline';
import { layoutCountyGeometry } from './geometry';
import type { PlacedVillage } from './placed-villages';
import { datasetNote, datasetSources, NO_FIGURES, PLACEHOLDER_GEOMETRY_SOURCE, productionNote } from './provenance';
import { createRandom, DEFAULT_SEED, type Random } from './random';
import { progressReports } from './progress-reports';
import { generateRoadProjects } from './road-projects';
import { generateSites } from './sites';
import { readCountyUnits } from './units';
import { assertDatasetConsistent } from './validate';
import { generateWaterProjects } from './water-projects';

/** 榆社县, the county the demo is built for. */
export const DEFAULT_COUNTY_CODE = '140721';

/** The real units of a county laid out in its outline: generated cells until real polygons are imported. */
function layOutCounty(countyCode: string, random: Random) {
  const { county, townships } = readCountyUnits(countyCode);
  const outline = readCountyOutline(countyCode);
  const geometry = layoutCountyGeometry(townships, outline, random.fork('geometry'));
  const villageUnits = townships.flatMap((t) => t.villages);
  const townshipFeatures = townships.map((t): Dataset['townships'][number] => ({
    type: 'Feature',
    properties: { code: t.code, name: t.name, nameEn: t.nameEn, countyCode },
    geometry: geometry.townships.get(t.code)!,
  }));
  const countyFeature: Dataset['county'] = { type: 'Feature', properties: county, geometry: outline.feature.geometry };
  return { county, townships, outline, geometry, villageUnits, townshipFeatures, countyFeature };
}

export function buildCountyDataset(countyCode: string = DEFAULT_COUNTY_CODE, seed: number = DEFAULT_SEED): Dataset {
  const random = createRandom(seed);
  const { county, townships, outline, geometry, villageUnits, townshipFeatures, countyFeature } = layOutCounty(countyCode, random);
  const centers = new Map(villageUnits.map((v) => [v.code, geometry.villages.get(v.code)!.center]));
  // A county with a published plan gets a demo that matches it (plan-demo.ts) and the plan's targets.
  const plan = readPlan(countyCode);
  const planDemo = plan?.demo && { figures: plan.demo, townships };
  const attributes = generateVillageAttributes(villageUnits, centers, outline.seat, random.fork('attributes'), planDemo);
  const villages: PlacedVillage[] = villageUnits.map((v) => ({
    ...v,
    ...geometry.villages.get(v.code)!,
    attributes: attributes.get(v.code)!,
  }));

  const dataset: Dataset = {
    meta: {
      county,
      seed,
      demo: true,
      sources: datasetSources(outline.file, OUTLINE_FOLDER, countyCode),
      note: datasetNote(seed),
    },
    county: countyFeature,
    townships: townshipFeatures,
    villages: villages.map((v) => ({
      type: 'Feature',
      properties: {
        code: v.code,
        name: v.name,
        nameEn: v.nameEn,
        townshipCode: v.townshipCode,
        ...v.attributes,
        demo: true,
        center: v.center,
      },
      geometry: v.geometry,
    })),
    sites: generateSites(townships, geometry.townships, villages, random.fork('sites'), plan?.demo?.relocation),
    projects: [
      ...generateRoadProjects(villages, outline.feature, random.fork('roads')),
      ...generateWaterProjects(villages, random.fork('water')),
    ].map((p) => ({ ...p, progressReports: progressReports(p) })),
  };
  dataset.targets = plan ? planTargets(plan) : demoTargets(countyCode, townships.map((t) => t.code), dataset);
  assertDatasetConsistent(dataset, { townships: townships.length, villages: villageUnits.length });
  return dataset;
}

const publishedTargets = (countyCode: string) => {
  const plan = readPlan(countyCode);
  return plan ? planTargets(plan) : [];
};

/**
 * The targets of a dataset file written before targets existed: the published plan's, else for a
 * demo its own demo targets. (Its demo figures predate the plan, so they may not match it.)
 */
export function targetsOfOlderDataset(dataset: Dataset): NonNullable<Dataset['targets']> {
  const code = dataset.meta.county.code;
  const published = publishedTargets(code);
  if (published.length || !dataset.meta.demo) return published;
  return demoTargets(code, dataset.townships.map((t) => t.properties.code), dataset);
}

/**
 * A production portal's starting point: the real names, codes and outline, every figure zero or
 * empty and not demo, no sites or projects. The township and village polygons are still
 * generated cells (marked so in meta.sources) until the office imports its own boundaries.
 */
export function buildProductionCountyDataset(countyCode: string): Dataset {
  const { county, townships, outline, geometry, villageUnits, townshipFeatures, countyFeature } = layOutCounty(countyCode, createRandom(DEFAULT_SEED));
  const dataset: Dataset = {
    meta: {
      county,
      seed: DEFAULT_SEED,
      demo: false,
      sources: [...datasetSources(outline.file, OUTLINE_FOLDER, countyCode), PLACEHOLDER_GEOMETRY_SOURCE],
      note: productionNote(),
    },
    county: countyFeature,
    townships: townshipFeatures,
    villages: villageUnits.map((v) => {
      const placed = geometry.villages.get(v.code)!;
      return {
        type: 'Feature',
        properties: { code: v.code, name: v.name, nameEn: v.nameEn, townshipCode: v.townshipCode, ...NO_FIGURES, demo: false, center: placed.center },
        geometry: placed.geometry,
      };
    }),
    sites: [],
    projects: [],
    // Published figures, not demo: a county whose plan is in data/plans/ starts with its targets.
    targets: publishedTargets(countyCode),
  };
  assertDatasetConsistent(dataset, { townships: townships.length, villages: villageUnits.length });
  return dataset;
}
