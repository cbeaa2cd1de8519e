import { describe, expect, it } from 'vitest';
import {
  availableActions, isRecent, lineFor, MONITORING_ACTIONS, transition, typeViolation, warningRules, type MonitoringStage, type WarningInput,
} from './monitoring';
import { ROLES } from './roles';

describe('monitoring workflow', () => {
  it('walks 申报 → 村评议 → 乡审核 → 县确认 → 帮扶 → 风险消除, each step by its role', () => {
    const path: [MonitoringStage, (typeof MONITORING_ACTIONS)[number], (typeof ROLES)[number], MonitoringStage][] = [
      ['reported', 'village_review', 'village_team', 'village_reviewed'],
      ['village_reviewed', 'township_check', 'township_cadre', 'township_checked'],
      ['township_checked', 'county_confirm', 'poverty_office', 'county_confirmed'],
      ['county_confirmed', 'start_assistance', 'assisting_cadre', 'assisting'],
      ['assisting', 'remove_risk', 'poverty_office', 'risk_removed'],
    ];
    for (const [from, action, role, to] of path) expect(transition(from, action, role)).toEqual({ ok: true, to });
  });

  it('refuses a step out of order, naming the stage', () => {
    const r = transition('reported', 'county_confirm', 'poverty_office');
    expect(r).toMatchObject({ ok: false, problem: 'wrong_stage' });
    expect(!r.ok && r.message).toContain('已申报/排查');
    expect(transition('risk_removed', 'remove_risk', 'poverty_office')).toMatchObject({ ok: false, problem: 'wrong_stage' });
    expect(transition('rejected', 'village_review', 'village_team')).toMatchObject({ ok: false, problem: 'wrong_stage' });
  });

  it('refuses a step by the wrong role, even at the right stage', () => {
    expect(transition('reported', 'village_review', 'township_cadre')).toMatchObject({ ok: false, problem: 'wrong_role' });
    expect(transition('village_reviewed', 'township_check', 'village_team')).toMatchObject({ ok: false, problem: 'wrong_role' });
    expect(transition('township_checked', 'county_confirm', 'township_cadre')).toMatchObject({ ok: false, problem: 'wrong_role' });
    expect(transition('assisting', 'remove_risk', 'village_team')).toMatchObject({ ok: false, problem: 'wrong_role' });
    expect(transition('reported', 'village_review', 'viewer')).toMatchObject({ ok: false, problem: 'wrong_role' });
  });

  it('lets each reviewer reject at their own stage only, never after confirmation', () => {
    expect(transition('reported', 'reject', 'village_team')).toEqual({ ok: true, to: 'rejected' });
    expect(transition('village_reviewed', 'reject', 'township_cadre')).toEqual({ ok: true, to: 'rejected' });
    expect(transition('township_checked', 'reject', 'poverty_office')).toEqual({ ok: true, to: 'rejected' });
    expect(transition('reported', 'reject', 'township_cadre')).toMatchObject({ ok: false, problem: 'wrong_role' });
    expect(transition('assisting', 'reject', 'poverty_office')).toMatchObject({ ok: false, problem: 'wrong_stage' });
  });

  it('offers each role exactly the steps transition accepts', () => {
    expect(availableActions('reported', 'village_team')).toEqual(['village_review', 'reject']);
    expect(availableActions('reported', 'viewer')).toEqual([]);
    expect(availableActions('county_confirmed', 'township_cadre')).toEqual(['start_assistance']);
    expect(availableActions('risk_removed', 'admin')).toEqual([]);
  });

  it('takes 脱贫不稳定户 only for exited households', () => {
    expect(typeViolation('unstable', null)).not.toBeNull();
    expect(typeViolation('unstable', 2018)).toBeNull();
    expect(typeViolation('sudden', null)).toBeNull();
  });
});

describe('monitoring line', () => {
  const lines = [{ year: 2021, line: 6000 }, { year: 2020, line: 6000 }, { year: 2024, line: 8000 }];
  it('is the year’s row, else the nearest earlier, else the first', () => {
    expect(lineFor(lines, 2024)).toBe(8000);
    expect(lineFor(lines, 2023)).toBe(6000);
    expect(lineFor(lines, 2030)).toBe(8000);
    expect(lineFor(lines, 2019)).toBe(6000);
    expect(lineFor([], 2020)).toBeNull();
  });
});

describe('warning rules', () => {
  const base: WarningInput = {
    asOf: '2026-11-15',
    persons: 3,
    latest: { year: 2025, incomePerCapita: 9000, housing: true },
    previousIncome: 9000,
    line: 7000,
    members: [{ birthYear: 1980, schooling: 'graduated' }],
    events: [],
  };
  const rules = (patch: Partial<WarningInput>) => warningRules({ ...base, ...patch });

  it('raises nothing for a household well above the line with nothing reported', () => {
    expect(rules({})).toEqual([]);
  });

  it('income below the line: strictly below; at the line is not', () => {
    expect(rules({ latest: { ...base.latest!, incomePerCapita: 6999.99 } })).toContain('income_below_line');
    expect(rules({ latest: { ...base.latest!, incomePerCapita: 7000 } })).not.toContain('income_below_line');
    expect(rules({ line: null, latest: { ...base.latest!, incomePerCapita: 1 } })).not.toContain('income_below_line');
    expect(rules({ latest: null })).toEqual([]);
  });

  it('income down 30 % or more: exactly 30 % counts, 29 % does not, no year before none', () => {
    expect(rules({ previousIncome: 10000, latest: { ...base.latest!, incomePerCapita: 7000 } })).toContain('income_drop');
    expect(rules({ previousIncome: 10000, latest: { ...base.latest!, incomePerCapita: 7100 } })).not.toContain('income_drop');
    expect(rules({ previousIncome: null })).not.toContain('income_drop');
    expect(rules({ previousIncome: 0, latest: { ...base.latest!, incomePerCapita: 0 } })).not.toContain('income_drop');
  });

  it('medical self-pay: half a year’s household income within the last twelve months', () => {
    const pay = (amount: number, on = '2026-06-01') => ({ kind: 'medical_self_pay' as const, on, amount });
    // 9000 × 3 persons = 27000 a year; half is 13500
    expect(rules({ events: [pay(13500)] })).toContain('medical_burden');
    expect(rules({ events: [pay(13499)] })).not.toContain('medical_burden');
    expect(rules({ events: [pay(7000), pay(6500)] })).toContain('medical_burden');
    expect(rules({ events: [pay(20000, '2025-11-15')] })).not.toContain('medical_burden');
    expect(rules({ events: [pay(20000, '2025-11-16')] })).toContain('medical_burden');
    expect(rules({ events: [pay(20000, '2026-11-16')] })).not.toContain('medical_burden');
    expect(rules({ latest: null, events: [pay(1)] })).toEqual(['medical_burden']);
  });

  it('a member newly disabled or seriously ill, a disaster, unsafe housing, a status change: recent reports only', () => {
    expect(rules({ events: [{ kind: 'disability', on: '2026-10-01', amount: 0 }] })).toEqual(['new_illness']);
    expect(rules({ events: [{ kind: 'serious_illness', on: '2026-11-15', amount: 0 }] })).toEqual(['new_illness']);
    expect(rules({ events: [{ kind: 'disability', on: '2024-10-01', amount: 0 }] })).toEqual([]);
    expect(rules({ events: [{ kind: 'disaster', on: '2026-07-20', amount: 0 }] })).toEqual(['disaster']);
    expect(rules({ events: [{ kind: 'assistance_change', on: '2026-07-20', amount: 0 }] })).toEqual(['assistance_change']);
    expect(rules({ latest: { ...base.latest!, housing: false } })).toEqual(['unsafe_housing']);
    expect(rules({ events: [{ kind: 'unsafe_housing', on: '2026-11-01', amount: 0 }] })).toEqual(['unsafe_housing']);
  });

  it('a school-age child (6 to 15 this year) out of school; older or younger is not', () => {
    expect(rules({ members: [{ birthYear: 2016, schooling: 'dropped_out' }] })).toEqual(['school_dropout']);
    expect(rules({ members: [{ birthYear: 2020, schooling: 'none' }] })).toEqual(['school_dropout']);
    expect(rules({ members: [{ birthYear: 2021, schooling: 'none' }] })).toEqual([]);
    expect(rules({ members: [{ birthYear: 2010, schooling: 'dropped_out' }] })).toEqual([]);
    expect(rules({ members: [{ birthYear: 2012, schooling: 'in_school' }] })).toEqual([]);
    expect(rules({ events: [{ kind: 'dropout', on: '2026-09-01', amount: 0 }] })).toEqual(['school_dropout']);
  });

  it('lists each rule once, in a fixed order', () => {
    const r = rules({
      latest: { year: 2025, incomePerCapita: 1000, housing: false },
      previousIncome: 5000,
      events: [{ kind: 'disaster', on: '2026-01-01', amount: 0 }, { kind: 'disaster', on: '2026-02-01', amount: 0 }],
    });
    expect(r).toEqual(['income_below_line', 'income_drop', 'unsafe_housing', 'disaster']);
  });

  it('counts an event on the day the rules run, not one a year old', () => {
    expect(isRecent('2026-11-15', '2026-11-15')).toBe(true);
    expect(isRecent('2025-11-16', '2026-11-15')).toBe(true);
    expect(isRecent('2025-11-15', '2026-11-15')).toBe(false);
  });
});
