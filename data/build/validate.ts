// Checks a built dataset before it is written: seed, tiles and the web app all trust these invariants.
import type { Dataset } from '../../common/dataset';
import { booleanValid } from '@turf/turf';
import { isInside } from './geo';

function datasetProblems(dataset: Dataset, expected: { townships: number; villages: number }): string[] {
  const problems: string[] = [];
  const county = dataset.county;
  if (dataset.townships.length !== expected.townships) problems.push(`${dataset.townships.length} townships, source has ${expected.townships}`);
  if (dataset.villages.length !== expected.villages) problems.push(`${dataset.villages.length} villages, source has ${expected.villages}`);
  for (const feature of [county, ...dataset.townships, ...dataset.villages]) {
    if (!booleanValid(feature)) problems.push(`invalid polygon for ${feature.properties.code}`);
  }
  const townshipCodes = new Set(dataset.townships.map((t) => t.properties.code));
  for (const { properties: v, geometry } of dataset.villages) {
    if (!townshipCodes.has(v.townshipCode)) problems.push(`village ${v.code} in unknown township ${v.townshipCode}`);
    if (!isInside(v.center, geometry) || !isInside(v.center, county)) problems.push(`centre of village ${v.code} is not inside it`);
  }
  for (const site of dataset.sites) {
    const within = (part: number, whole: number) => part >= 0 && part <= whole;
    const countsOk =
      within(site.completedHouseholds, site.plannedHouseholds) && within(site.movedHouseholds, site.completedHouseholds) &&
      within(site.movedPersons, site.plannedPersons) && within(site.stableHouseholds, site.movedHouseholds) &&
      within(site.demolishedHouseholds, site.movedHouseholds);
    if (!countsOk) problems.push(`site ${site.name} has inconsistent counts`);
    if (!isInside([site.lon, site.lat], county)) problems.push(`site ${site.name} lies outside the county`);
  }
  for (const project of dataset.projects) {
    const positions = project.geometry.type === 'Point' ? [project.geometry.coordinates] : project.geometry.coordinates;
    if (!positions.every((p) => isInside(p, county))) problems.push(`project ${project.name} leaves the county`);
    if (project.spent > project.budget) problems.push(`project ${project.name} spent more than its budget`);
  }
  return problems;
}

export function assertDatasetConsistent(dataset: Dataset, expected: { townships: number; villages: number }): void {
  const problems = datasetProblems(dataset, expected);
  if (problems.length > 0) throw new Error(`dataset ${dataset.meta.county.code} is inconsistent:\n  ${problems.join('\n  ')}`);
}
