// Pure indicator arithmetic, used by the server's statistics and by the web app when it
// recolours a village or site without a round trip.
import { EXIT_CRITERIA, INFRA_ITEMS, type InfraStatus, type RelocationSite, type Village } from './domain';

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** 贫困发生率: poor persons not yet exited / rural population. */
export function povertyIncidence(v: Pick<Village, 'poorPersons' | 'ruralPopulation'>): number | null {
  return ratio(v.poorPersons, v.ruralPopulation);
}

export function infraCounts(infra: InfraStatus): { done: number; required: number } {
  let done = 0;
  let required = 0;
  for (const item of INFRA_ITEMS) {
    if (infra[item] === undefined) continue;
    required++;
    if (infra[item]) done++;
  }
  return { done, required };
}

/** Infrastructure completion = items done / items required; a village requiring nothing is complete. */
export function infraCompletion(infra: InfraStatus): number {
  const { done, required } = infraCounts(infra);
  return required === 0 ? 1 : done / required;
}

export const EXIT_READINESS = ['non_poor', 'exited', 'wrong_exit', 'ready', 'not_ready'] as const;
export type ExitReadiness = (typeof EXIT_READINESS)[number];

export interface ExitCheck {
  incidenceOk: boolean;
  infraOk: boolean;
  incomeOk: boolean;
  readiness: ExitReadiness;
}

/** Exit criteria check (docs/DOMAIN.md): a village marked exited while a criterion fails is a 错退 risk. */
export function exitCheck(
  v: Pick<Village, 'villageClass' | 'poorPersons' | 'ruralPopulation' | 'infra' | 'collectiveIncome' | 'actualExitYear'>,
  asOfYear?: number,
): ExitCheck {
  const incidence = povertyIncidence(v);
  const incidenceOk = incidence !== null && incidence < EXIT_CRITERIA.maxPovertyIncidence;
  const infraOk = infraCompletion(v.infra) >= 1;
  const incomeOk = v.collectiveIncome >= EXIT_CRITERIA.minCollectiveIncomeYuan;
  const allOk = incidenceOk && infraOk && incomeOk;
  let readiness: ExitReadiness;
  if (v.villageClass === 'non_poor') readiness = 'non_poor';
  else if (hasExited(v, asOfYear)) readiness = allOk ? 'exited' : 'wrong_exit';
  else readiness = allOk ? 'ready' : 'not_ready';
  return { incidenceOk, infraOk, incomeOk, readiness };
}

export function hasExited(v: Pick<Village, 'actualExitYear'>, asOfYear?: number): boolean {
  if (v.actualExitYear === null) return false;
  return asOfYear === undefined || v.actualExitYear <= asOfYear;
}

/** The colour classes of a village on the exit-status map. */
export const EXIT_STATUSES = ['non_poor', 'exited', 'wrong_exit', 'poor', 'deep_poor'] as const;
export type ExitStatus = (typeof EXIT_STATUSES)[number];

/** Today's exit status. */
export function exitStatus(v: Parameters<typeof exitCheck>[0]): ExitStatus {
  if (v.villageClass === 'non_poor') return 'non_poor';
  if (hasExited(v)) return exitCheck(v).readiness === 'wrong_exit' ? 'wrong_exit' : 'exited';
  return v.villageClass === 'deep_poor' ? 'deep_poor' : 'poor';
}

/**
 * A village's exit status at the end of `year` (null: today) from what a map tile carries of it:
 * its class, exit year and today's status. A past year flags no wrong exit, since the criteria are
 * judged on today's figures. web/src/map/layers.ts paints the same rule as a MapLibre expression.
 */
export function exitStatusInYear(
  v: Pick<Village, 'villageClass' | 'actualExitYear'> & { exitStatus: ExitStatus },
  year: number | null,
): ExitStatus {
  if (year === null) return v.exitStatus;
  if (v.villageClass === 'non_poor') return 'non_poor';
  return hasExited(v, year) ? 'exited' : v.villageClass;
}

export interface SiteIndicators {
  constructionRate: number | null; // 工程竣工率
  occupancyRate: number | null; // 搬迁入住率
  stableExitRate: number | null; // 稳定脱贫率
  demolitionRate: number | null; // 拆除复垦率
}

type SiteCounts = Pick<
  RelocationSite,
  'plannedHouseholds' | 'movedHouseholds' | 'completedHouseholds' | 'stableHouseholds' | 'demolishedHouseholds'
>;

export function siteIndicators(s: SiteCounts): SiteIndicators {
  return {
    constructionRate: ratio(s.completedHouseholds, s.plannedHouseholds),
    occupancyRate: ratio(s.movedHouseholds, s.plannedHouseholds),
    stableExitRate: ratio(s.stableHouseholds, s.movedHouseholds),
    demolitionRate: ratio(s.demolishedHouseholds, s.movedHouseholds),
  };
}

/** County (or township) indicators are weighted by households, not averaged over sites. */
export function totalSiteIndicators(sites: SiteCounts[]): SiteIndicators {
  const sum = (k: keyof SiteCounts) => sites.reduce((a, s) => a + s[k], 0);
  return siteIndicators({
    plannedHouseholds: sum('plannedHouseholds'),
    movedHouseholds: sum('movedHouseholds'),
    completedHouseholds: sum('completedHouseholds'),
    stableHouseholds: sum('stableHouseholds'),
    demolishedHouseholds: sum('demolishedHouseholds'),
  });
}

/** Target below which a site is highlighted on the relocation dashboard. */
export const SITE_TARGET_RATE = 0.9;

export const SITE_INDICATOR_KEYS = ['constructionRate', 'occupancyRate', 'stableExitRate', 'demolitionRate'] as const satisfies readonly (keyof SiteIndicators)[];

/** A rate that cannot be computed (nothing planned) misses nothing. */
export const rateBelowTarget = (rate: number | null): boolean => rate !== null && rate < SITE_TARGET_RATE;

/** The indicators a site misses its target on. */
export function indicatorsBelowTarget(indicators: SiteIndicators): (keyof SiteIndicators)[] {
  return SITE_INDICATOR_KEYS.filter((key) => rateBelowTarget(indicators[key]));
}
