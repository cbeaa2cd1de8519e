// Targets for a demo county without a published plan (data/plans/), so the targets panels have
// something to show: the demo's own plan for its last year (villages due to exit, the projects due
// to finish, the sites' planned persons), marked demo like every other generated figure.
import type { Dataset, DatasetTarget } from '../../common/dataset';
import type { ProjectSubtype } from '../../common/domain';
import type { TargetMeasure } from '../../common/targets';
import { DEMO_AS_OF_YEAR } from './timeline';

export const DEMO_TARGET_SOURCE = '演示目标（由演示数据生成） / demo targets, generated from the demo data';

/** The national criteria and typical plan figures where the demo has no plan of its own to count. */
const FIXED: Partial<Record<TargetMeasure, number>> = { poverty_incidence: 0.02, bus_coverage: 0.95, income_villages: 1, base_stations: 10 };

type Parts = Pick<Dataset, 'villages' | 'sites' | 'projects'>;

const round1 = (x: number) => Math.round(x * 10) / 10;
const dueThisYear = (p: Dataset['projects'][number]) => Number(p.plannedEnd.slice(0, 4)) === DEMO_AS_OF_YEAR;

function planned(parts: Parts, within: (townshipCode: string) => boolean): Partial<Record<TargetMeasure, number>> {
  const projects = parts.projects.filter((p) => within(p.townshipCode) && dueThisYear(p));
  const km = (subtype: ProjectSubtype) => round1(projects.filter((p) => p.subtype === subtype).reduce((a, p) => a + (p.plannedKm ?? 0), 0));
  const count = (subtype: ProjectSubtype) => projects.filter((p) => p.subtype === subtype).length;
  const villages = parts.villages.map((v) => v.properties).filter((v) => within(v.townshipCode));
  return {
    villages_exited: villages.filter((v) => v.villageClass !== 'non_poor' && v.plannedExitYear === DEMO_AS_OF_YEAR).length,
    road_upgrade_km: km('upgrade'),
    safety_works_km: km('safety'),
    bridges_rebuilt: count('bridge'),
    bus_stops: count('bus_stop'),
    water_villages: villages.filter((v) => v.villageClass !== 'non_poor' && v.infra.water !== undefined).length,
    persons_relocated: parts.sites.filter((s) => within(s.townshipCode)).reduce((a, s) => a + s.plannedPersons, 0),
  };
}

const rows = (area: string, values: Partial<Record<TargetMeasure, number>>): DatasetTarget[] =>
  Object.entries(values)
    .filter(([, value]) => value > 0)
    .map(([measure, value]) => ({ area, year: DEMO_AS_OF_YEAR, measure: measure as TargetMeasure, value: value, source: DEMO_TARGET_SOURCE, demo: true }));

/** The county's targets and each township's that has anything planned. */
export function demoTargets(countyCode: string, townshipCodes: string[], parts: Parts): DatasetTarget[] {
  return [
    ...rows(countyCode, { ...planned(parts, () => true), ...FIXED }),
    ...townshipCodes.flatMap((code) => rows(code, planned(parts, (t) => t === code))),
  ];
}
