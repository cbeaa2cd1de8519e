import { describe, expect, it } from 'vitest';
import { nearestWithin, projectEnds } from './snap';

// One degree = 100 px: distances are easy to read off.
const project = (lon: number, lat: number) => ({ x: lon * 100, y: -lat * 100 });

describe('nearestWithin', () => {
  it('takes the nearest candidate inside the radius', () => {
    const candidates: [number, number][] = [[1, 1], [1.05, 1], [1.2, 1]];
    expect(nearestWithin(candidates, { x: 104, y: -100 }, project, 12)).toEqual([1.05, 1]);
  });

  it('snaps to nothing when every candidate is farther than the radius', () => {
    expect(nearestWithin([[1, 1]], { x: 113, y: -100 }, project, 12)).toBeUndefined();
  });

  it('counts a candidate exactly on the radius as near', () => {
    expect(nearestWithin([[1, 1]], { x: 112, y: -100 }, project, 12)).toEqual([1, 1]);
  });

  it('has nothing to offer without candidates', () => {
    expect(nearestWithin([], { x: 0, y: 0 }, project, 12)).toBeUndefined();
  });
});

describe('projectEnds', () => {
  it('gives both ends of a line and the point of a point, not the middle vertices', () => {
    expect(
      projectEnds([
        { type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 2]] },
        { type: 'Point', coordinates: [5, 5] },
        { type: 'Polygon', coordinates: [] },
      ]),
    ).toEqual([[0, 0], [2, 2], [5, 5]]);
  });
});
