import { describe, expect, it } from 'vitest';
import {
  householdExitCheck, householdReadiness, isReadyToExit, isWrongExit, NATIONAL_POVERTY_LINE, povertyLine, type HouseholdYearFigures,
} from '../common/households';
import { villageHouseholdFigures } from '../common/household-figures';
import { idCheckChar, isValidIdNumber, makeIdNumber } from '../common/id-number';
import { maskIdNumber, maskName, maskPhone } from '../common/masking';
import { can, scopeViolation } from '../common/roles';

const allMet = { foodClothing: true, education: true, medical: true, housing: true, water: true };
const figures = (year: number, incomePerCapita: number, over: Partial<HouseholdYearFigures> = {}): HouseholdYearFigures => ({
  year, incomePerCapita, ...allMet, ...over,
});

describe('national poverty line', () => {
  it('holds one figure a year from 2014 to 2020, never falling', () => {
    const years = Object.keys(NATIONAL_POVERTY_LINE).map(Number);
    expect(years).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    for (const y of years.slice(1)) expect(NATIONAL_POVERTY_LINE[y]).toBeGreaterThanOrEqual(NATIONAL_POVERTY_LINE[y - 1]);
    expect(povertyLine(2014)).toBe(2800);
    expect(povertyLine(2020)).toBe(4000);
  });

  it('has no figure outside the table', () => {
    expect(povertyLine(2013)).toBeUndefined();
    expect(povertyLine(2021)).toBeUndefined();
  });
});

describe('household exit check', () => {
  it('is met with income above the line and every guarantee', () => {
    expect(householdExitCheck(figures(2018, 2996))).toEqual({ met: true, failures: [] });
  });

  it('fails at exactly the line: the income must be above it', () => {
    expect(householdExitCheck(figures(2018, 2995))).toEqual({ met: false, failures: ['income'] });
  });

  it('uses the line of the figures’ own year', () => {
    expect(householdExitCheck(figures(2017, 2990)).met).toBe(true);
    expect(householdExitCheck(figures(2018, 2990)).met).toBe(false);
  });

  it('lists every unmet guarantee, water included', () => {
    const check = householdExitCheck(figures(2019, 10_000, { housing: false, water: false }));
    expect(check).toEqual({ met: false, failures: ['housing', 'water'] });
  });

  it('cannot be met in a year without a line', () => {
    expect(householdExitCheck(figures(2013, 50_000)).failures).toEqual(['no_line']);
  });
});

describe('wrong exit and ready to exit', () => {
  it('flags a household exited while failing as a wrong exit', () => {
    expect(isWrongExit(2018, figures(2019, 3000))).toBe(true);
    expect(householdReadiness(2018, figures(2019, 3000))).toBe('wrong_exit');
  });

  it('does not judge an exit before its year', () => {
    expect(isWrongExit(2020, figures(2019, 1000))).toBe(false);
    expect(householdReadiness(2020, figures(2019, 1000))).toBe('registered');
  });

  it('calls a registered household meeting all ready, an exited one meeting all exited', () => {
    expect(isReadyToExit(null, figures(2019, 5000))).toBe(true);
    expect(householdReadiness(null, figures(2019, 5000))).toBe('ready');
    expect(householdReadiness(2019, figures(2019, 5000))).toBe('exited');
    expect(isReadyToExit(null, figures(2019, 5000, { medical: false }))).toBe(false);
  });
});

describe('GB 11643 ID numbers', () => {
  it('computes the check characters of the standard’s examples, X included', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('refuses a wrong check character, a false date, and a wrong length', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber(makeIdNumber('140721', { year: 1990, month: 2, day: 28 }, 7).slice(0, 17) + '?')).toBe(false);
    const feb30 = '14072119900230007';
    expect(isValidIdNumber(feb30 + idCheckChar(feb30))).toBe(false);
    expect(isValidIdNumber('14072119900101007')).toBe(false);
  });

  it('builds valid numbers with the given region and birth date', () => {
    const id = makeIdNumber('140721', { year: 2000, month: 2, day: 29 }, 31);
    expect(id).toMatch(/^14072120000229031[\dX]$/);
    expect(isValidIdNumber(id)).toBe(true);
    expect(() => idCheckChar('1234')).toThrow();
  });
});

describe('masking', () => {
  it('keeps the first and last character of a name', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('keeps the region code and last four of an ID number', () => {
    expect(maskIdNumber('14072119900101123X')).toBe('140721********123X');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('keeps the first three and last four of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('5678')).toBe('**78');
  });
});

describe('village figures from households', () => {
  const typed = { poorHouseholds: 2, poorPersons: 5, exitedHouseholds: 1, exitedPersons: 1 };
  const households = [
    { persons: 3, yearExited: null, readiness: 'ready' as const },
    { persons: 2, yearExited: null, readiness: 'registered' as const },
    { persons: 1, yearExited: 2018, readiness: 'wrong_exit' as const },
  ];

  it('sums households and persons by exit and counts wrong exits and ready ones', () => {
    expect(villageHouseholdFigures(typed, households)).toEqual({
      households: 3, ...typed, wrongExits: 1, readyToExit: 1, differences: [],
    });
  });

  it('lists every typed-in figure that disagrees, with both values', () => {
    const figures = villageHouseholdFigures({ ...typed, poorPersons: 7, exitedHouseholds: 0 }, households);
    expect(figures.differences).toEqual([
      { field: 'poorPersons', typed: 7, fromHouseholds: 5 },
      { field: 'exitedHouseholds', typed: 0, fromHouseholds: 1 },
    ]);
  });

  it('counts a village without households as zero everywhere', () => {
    expect(villageHouseholdFigures({ poorHouseholds: 0, poorPersons: 0, exitedHouseholds: 0, exitedPersons: 0 }, [])).toMatchObject({
      households: 0, wrongExits: 0, readyToExit: 0, differences: [],
    });
  });
});

describe('user scope by role', () => {
  it('needs one township for a township cadre, villages for a village team, nothing for the rest', () => {
    expect(scopeViolation('township_cadre', ['140721100'])).toBeNull();
    expect(scopeViolation('township_cadre', [])).not.toBeNull();
    expect(scopeViolation('township_cadre', ['140721100', '140721101'])).not.toBeNull();
    expect(scopeViolation('township_cadre', ['140721100200'])).not.toBeNull();
    expect(scopeViolation('village_team', ['140721100200', '140721100201'])).toBeNull();
    expect(scopeViolation('village_team', [])).not.toBeNull();
    expect(scopeViolation('village_team', ['140721100'])).not.toBeNull();
    for (const role of ['viewer', 'admin', 'poverty_office', 'assisting_cadre', 'relocation'] as const) {
      expect(scopeViolation(role, [])).toBeNull();
      expect(scopeViolation(role, ['140721100'])).not.toBeNull();
    }
  });

  it('gives the new roles household access but leaves editing to the existing ones', () => {
    expect(can('poverty_office', 'viewHouseholds')).toBe(true);
    expect(can('viewer', 'viewHouseholds')).toBe(true);
    expect(can('viewer', 'unmaskPersonalData')).toBe(false);
    expect(can('assisting_cadre', 'unmaskPersonalData')).toBe(false);
    expect(can('relocation', 'viewHouseholds')).toBe(false);
    expect(can('poverty_office', 'editVillageExit')).toBe(false);
    expect(can('admin', 'viewUnmaskLog')).toBe(true);
    expect(can('poverty_office', 'viewUnmaskLog')).toBe(false);
  });
});
