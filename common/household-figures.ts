// Village figures as the households add them up, beside the typed-in ones: where a county holds
// household records they are the source of truth, and a disagreement is shown, never settled silently.
import type { Village } from './domain';
import type { HouseholdReadiness } from './households';
import { VILLAGE_STAT_FIELDS, type VillageStatField } from './imports';

export interface HouseholdTally {
  persons: number;
  yearExited: number | null;
  /** Readiness in the latest recorded year; null without any yearly figures. */
  readiness: HouseholdReadiness | null;
}

export interface VillageHouseholdFigures {
  households: number;
  poorHouseholds: number;
  poorPersons: number;
  exitedHouseholds: number;
  exitedPersons: number;
  /** Exited households whose latest figures fail the standard (错退). */
  wrongExits: number;
  /** Registered households whose latest figures meet it. */
  readyToExit: number;
  /** Typed-in village figures that differ from the households' sums. */
  differences: FigureDifference[];
}

export interface FigureDifference {
  field: VillageStatField;
  typed: number;
  fromHouseholds: number;
}

/**
 * Where a county's village figures come from: its household records when it holds any, else the
 * typed-in or imported figures (services/figure-source.ts decides, once per county).
 */
export type FigureSource = 'households' | 'typed';

/** A household county's villages whose typed-in figures disagree with their households. */
export interface CountyFigureDifferences {
  source: FigureSource;
  villages: { code: string; name: string; nameEn: string; townshipCode: string; differences: FigureDifference[] }[];
}

export const statDifferences = (typed: Record<VillageStatField, number>, sums: Record<VillageStatField, number>): FigureDifference[] =>
  VILLAGE_STAT_FIELDS.filter((f) => typed[f] !== sums[f]).map((field) => ({ field, typed: typed[field], fromHouseholds: sums[field] }));

/** Exited means exited by the demo's present, i.e. a recorded exit year of any value. */
export function villageHouseholdFigures(typed: Pick<Village, VillageStatField>, households: readonly HouseholdTally[]): VillageHouseholdFigures {
  const exited = households.filter((h) => h.yearExited !== null);
  const poor = households.filter((h) => h.yearExited === null);
  const persons = (list: readonly HouseholdTally[]) => list.reduce((sum, h) => sum + h.persons, 0);
  const sums: Record<VillageStatField, number> = {
    poorHouseholds: poor.length,
    poorPersons: persons(poor),
    exitedHouseholds: exited.length,
    exitedPersons: persons(exited),
  };
  return {
    households: households.length,
    ...sums,
    wrongExits: households.filter((h) => h.readiness === 'wrong_exit').length,
    readyToExit: households.filter((h) => h.readiness === 'ready').length,
    differences: statDifferences(typed, sums),
  };
}
