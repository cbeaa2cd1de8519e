// The map paints a village's exit status in a timeline year with a MapLibre expression; the tooltip
// and the browser tests compute it with exitStatusInYear. Both must give the same answer for every
// class, status, exit year and timeline year.
import { createExpression, type Feature } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { VILLAGE_CLASSES } from '../../../common/domain';
import { exitStatusInYear, type ExitStatus } from '../../../common/indicators';
import { exitStatusOfYear, villageAreaColour } from './layers';
import { EXITED_SHARE_RAMP, NO_POOR_AREA } from './palette';

const STATUSES: ExitStatus[] = ['non_poor', 'exited', 'wrong_exit', 'poor', 'deep_poor'];
/** The timeline's years, today (null) and years either side of them. */
const YEARS = [null, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021];
const EXIT_YEARS = [null, ...YEARS.filter((y) => y !== null)];

const parsed = createExpression(exitStatusOfYear, 'exitStatusOfYear');
if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '));
const expression = parsed.value;

function painted(properties: Record<string, unknown>, year: number | null): unknown {
  // Tiles leave out null properties, and the map passes today as year 0.
  const feature = { type: 3, properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== null)) } as unknown as Feature;
  return expression.evaluate({ zoom: 10, globalState: { year: year ?? 0 } }, feature);
}

describe('exit status in a timeline year', () => {
  it('the layer expression agrees with exitStatusInYear for every class, status, exit year and year', () => {
    const disagreements: string[] = [];
    let cases = 0;
    for (const villageClass of VILLAGE_CLASSES)
      for (const exitStatus of STATUSES)
        for (const actualExitYear of EXIT_YEARS)
          for (const year of YEARS) {
            const village = { villageClass, exitStatus, actualExitYear };
            const expected = exitStatusInYear(village, year);
            const actual = painted(village, year);
            cases++;
            if (actual !== expected) disagreements.push(`${JSON.stringify(village)} in ${year}: map ${String(actual)}, rule ${expected}`);
          }
    expect(disagreements).toEqual([]);
    expect(cases).toBe(VILLAGE_CLASSES.length * STATUSES.length * EXIT_YEARS.length * YEARS.length);
  });

  it('counts a village as exited from the end of its exit year, and flags wrong exits only today', () => {
    const wrongExit = { villageClass: 'deep_poor', exitStatus: 'wrong_exit', actualExitYear: 2017 } as const;
    expect(exitStatusInYear(wrongExit, 2016)).toBe('deep_poor');
    expect(exitStatusInYear(wrongExit, 2017)).toBe('exited');
    expect(exitStatusInYear(wrongExit, null)).toBe('wrong_exit');
    expect(exitStatusInYear({ villageClass: 'poor', exitStatus: 'poor', actualExitYear: null }, 2020)).toBe('poor');
    expect(exitStatusInYear({ villageClass: 'non_poor', exitStatus: 'non_poor', actualExitYear: null }, 2014)).toBe('non_poor');
  });
});

describe('townships and counties standing in for villages at low zooms', () => {
  const area = createExpression(villageAreaColour, 'villageAreaColour');
  if (area.result === 'error') throw new Error(area.value.map((e) => e.message).join('; '));
  const colourOf = (properties: Record<string, unknown>) =>
    (area.value.evaluate({ zoom: 6 }, { type: 3, properties } as unknown as Feature) as { toString(): string }).toString();
  const css = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return `rgba(${r},${g},${b},1)`;
  };

  it('are red where no poor village has exited, green where all have, grey without poor villages', () => {
    expect(colourOf({ exitedShare: 0 })).toBe(css(EXITED_SHARE_RAMP[0][1]));
    expect(colourOf({ exitedShare: 1 })).toBe(css(EXITED_SHARE_RAMP.at(-1)![1]));
    expect(colourOf({ villages: 12, poorVillages: 0 })).toBe(css(NO_POOR_AREA));
  });
});
