import { describe, expect, it } from 'vitest';
import { EXIT_CRITERIA, INFRA_ITEMS, type InfraStatus } from './domain';
import {
  exitCheck,
  exitStatus,
  exitStatusInYear,
  hasExited,
  indicatorsBelowTarget,
  infraCompletion,
  infraCounts,
  povertyIncidence,
  ratio,
  rateBelowTarget,
  siteIndicators,
  SITE_TARGET_RATE,
  totalSiteIndicators,
} from './indicators';

const allDone: InfraStatus = Object.fromEntries(INFRA_ITEMS.map((item) => [item, true]));

/** A poor village meeting every exit criterion, not yet exited. */
const village = (over: Partial<Parameters<typeof exitCheck>[0]> = {}): Parameters<typeof exitCheck>[0] => ({
  villageClass: 'poor',
  poorPersons: 1,
  ruralPopulation: 100,
  infra: allDone,
  collectiveIncome: EXIT_CRITERIA.minCollectiveIncomeYuan,
  actualExitYear: null,
  ...over,
});

describe('ratio and poverty incidence', () => {
  it('has no value over a zero or negative whole', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, -5)).toBeNull();
    expect(ratio(0, 4)).toBe(0);
  });

  it('is poor persons over rural population, null for a village without population', () => {
    expect(povertyIncidence({ poorPersons: 3, ruralPopulation: 150 })).toBe(0.02);
    expect(povertyIncidence({ poorPersons: 0, ruralPopulation: 0 })).toBeNull();
  });
});

describe('infrastructure completion', () => {
  it('counts only the items the village requires', () => {
    expect(infraCounts({ water: true, road: false, tv: true })).toEqual({ done: 2, required: 3 });
    expect(infraCompletion({ water: true, road: false, tv: true, broadband: false })).toBe(0.5);
  });

  it('holds a village that requires nothing complete', () => {
    expect(infraCounts({})).toEqual({ done: 0, required: 0 });
    expect(infraCompletion({})).toBe(1);
  });
});

describe('exit check (贫困村退出)', () => {
  it('needs an incidence below 2%: exactly 2% fails, just under passes', () => {
    expect(exitCheck(village({ poorPersons: 2, ruralPopulation: 100 })).incidenceOk).toBe(false);
    expect(exitCheck(village({ poorPersons: 199, ruralPopulation: 10_000 })).incidenceOk).toBe(true);
    expect(exitCheck(village({ poorPersons: 3, ruralPopulation: 100 })).incidenceOk).toBe(false);
  });

  it('cannot judge the incidence of a village without population', () => {
    expect(exitCheck(village({ poorPersons: 0, ruralPopulation: 0 })).incidenceOk).toBe(false);
  });

  it('needs every required infrastructure item and at least 50,000 yuan of collective income', () => {
    expect(exitCheck(village({ infra: { ...allDone, clinic: false } })).infraOk).toBe(false);
    expect(exitCheck(village({ collectiveIncome: EXIT_CRITERIA.minCollectiveIncomeYuan - 1 })).incomeOk).toBe(false);
    expect(exitCheck(village({ collectiveIncome: EXIT_CRITERIA.minCollectiveIncomeYuan })).incomeOk).toBe(true);
  });

  it('tells ready from not ready, and an exit from a wrong exit (错退)', () => {
    expect(exitCheck(village()).readiness).toBe('ready');
    expect(exitCheck(village({ collectiveIncome: 0 })).readiness).toBe('not_ready');
    expect(exitCheck(village({ actualExitYear: 2018 })).readiness).toBe('exited');
    expect(exitCheck(village({ actualExitYear: 2018, poorPersons: 5 })).readiness).toBe('wrong_exit');
    expect(exitCheck(village({ villageClass: 'non_poor', collectiveIncome: 0 })).readiness).toBe('non_poor');
  });

  it('counts an exit only from its year on', () => {
    expect(hasExited({ actualExitYear: 2018 }, 2017)).toBe(false);
    expect(hasExited({ actualExitYear: 2018 }, 2018)).toBe(true);
    expect(hasExited({ actualExitYear: 2018 })).toBe(true);
    expect(hasExited({ actualExitYear: null }, 2020)).toBe(false);
    expect(exitCheck(village({ actualExitYear: 2019 }), 2018).readiness).toBe('ready');
  });
});

describe('exit status on the map', () => {
  const inYear = (v: ReturnType<typeof village>, year: number | null) => exitStatusInYear({ ...v, exitStatus: exitStatus(v) }, year);

  it('colours poor and deep-poor villages until their exit year', () => {
    expect(inYear(village({ actualExitYear: 2019 }), 2018)).toBe('poor');
    expect(inYear(village({ villageClass: 'deep_poor', actualExitYear: 2019 }), 2018)).toBe('deep_poor');
    expect(inYear(village({ actualExitYear: 2019 }), 2019)).toBe('exited');
    expect(inYear(village({ villageClass: 'non_poor' }), 2014)).toBe('non_poor');
  });

  it("marks a wrong exit only today, since the criteria are judged on today's figures", () => {
    const wrong = village({ actualExitYear: 2018, poorPersons: 5 });
    expect(exitStatus(wrong)).toBe('wrong_exit');
    expect(inYear(wrong, null)).toBe('wrong_exit');
    expect(inYear(wrong, 2020)).toBe('exited');
  });
});

describe('relocation site indicators', () => {
  const site = { plannedHouseholds: 100, completedHouseholds: 80, movedHouseholds: 50, stableHouseholds: 45, demolishedHouseholds: 0 };

  it('measures construction and occupancy against the plan, stable exit and demolition against those moved in', () => {
    expect(siteIndicators(site)).toEqual({ constructionRate: 0.8, occupancyRate: 0.5, stableExitRate: 0.9, demolitionRate: 0 });
  });

  it('has no rate where nothing was planned or nobody moved in', () => {
    expect(siteIndicators({ plannedHouseholds: 0, completedHouseholds: 0, movedHouseholds: 0, stableHouseholds: 0, demolishedHouseholds: 0 })).toEqual({
      constructionRate: null,
      occupancyRate: null,
      stableExitRate: null,
      demolitionRate: null,
    });
  });

  it('weights the county by households, not by site', () => {
    const small = { plannedHouseholds: 10, completedHouseholds: 10, movedHouseholds: 10, stableHouseholds: 10, demolishedHouseholds: 10 };
    const large = { plannedHouseholds: 90, completedHouseholds: 0, movedHouseholds: 0, stableHouseholds: 0, demolishedHouseholds: 0 };
    expect(totalSiteIndicators([small, large])).toEqual({ constructionRate: 0.1, occupancyRate: 0.1, stableExitRate: 1, demolitionRate: 1 });
    expect(totalSiteIndicators([]).occupancyRate).toBeNull();
  });

  it('marks a rate below the 90% target, not one at it, nor one that cannot be computed', () => {
    expect(rateBelowTarget(SITE_TARGET_RATE)).toBe(false);
    expect(rateBelowTarget(0.899)).toBe(true);
    expect(rateBelowTarget(null)).toBe(false);
    expect(indicatorsBelowTarget(siteIndicators(site))).toEqual(['constructionRate', 'occupancyRate', 'demolitionRate']);
  });
});
