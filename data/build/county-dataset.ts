// Assembles the Dataset of one county: real names, codes and outline, everything else generated demo data.
import type { Dataset } from '../../common/dataset';
import { generateVillageAttributes } from './attributes';
import { OUTLINE_FOLDER, readCountyOutline } from './county-outline';
import { layoutCountyGeometry } from './geometry';
import type { PlacedVillage } from './placed-villages';
import { datasetNote, datasetSources } from './provenance';
import { createRandom, DEFAULT_SEED } from './random';
import { progressReports } from './progress-reports';
import { generateRoadProjects } from './road-projects';
import { generateSites } from './sites';
import { readCountyUnits } from './units';
import { assertDatasetConsistent } from './validate';
import { generateWaterProjects } from './water-projects';

/** 榆社县, the county the demo is built for. */
export const DEFAULT_COUNTY_CODE = '140721';

export function buildCountyDataset(countyCode: string = DEFAULT_COUNTY_CODE, seed: number = DEFAULT_SEED): Dataset {
  const random = createRandom(seed);
  const { county, townships } = readCountyUnits(countyCode);
  const outline = readCountyOutline(countyCode);
  const geometry = layoutCountyGeometry(townships, outline, random.fork('geometry'));
  const villageUnits = townships.flatMap((t) => t.villages);
  const centers = new Map(villageUnits.map((v) => [v.code, geometry.villages.get(v.code)!.center]));
  const attributes = generateVillageAttributes(villageUnits, centers, outline.seat, random.fork('attributes'));
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
    county: { type: 'Feature', properties: county, geometry: outline.feature.geometry },
    townships: townships.map((t) => ({
      type: 'Feature',
      properties: { code: t.code, name: t.name, nameEn: t.nameEn, countyCode },
      geometry: geometry.townships.get(t.code)!,
    })),
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
    sites: generateSites(townships, geometry.townships, villages, random.fork('sites')),
    projects: [
      ...generateRoadProjects(villages, outline.feature, random.fork('roads')),
      ...generateWaterProjects(villages, random.fork('water')),
    ].map((p) => ({ ...p, progressReports: progressReports(p) })),
  };
  assertDatasetConsistent(dataset, { townships: townships.length, villages: villageUnits.length });
  return dataset;
}
