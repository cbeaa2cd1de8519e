import { describe, expect, it } from 'vitest';
import { unitsToShow } from './showable';

describe('units the wall shows', () => {
  it('skips units without poor villages and keeps the order of the rest', () => {
    const units = [
      { code: 'a', poorVillages: 3 },
      { code: 'b', poorVillages: 0 },
      { code: 'c', poorVillages: 1 },
    ];
    expect(unitsToShow(units).map((u) => u.code)).toEqual(['a', 'c']);
    expect(unitsToShow([{ poorVillages: 0 }])).toEqual([]);
  });
});
