// The grids that let the national build skip most distance and point-in-outline tests must never
// change an answer: the build's villages have to come out the same with them as without.
import { describe, expect, it } from 'vitest';
import { isInsideOutline } from '../data/build/area-sampling';
import { readCountyOutline } from '../data/build/county-outline';
import { asFeature, boxOf, isInside, type Box, type LonLat, type PolygonalFeature } from '../data/build/geo';
import { resolveCountyOutlines } from '../data/build/national/outlines';
import { createRandom } from '../data/build/random';
import { readCounties } from '../data/build/sources';
import { isOwnedBy, townshipRegions, type WeightedHub } from '../data/build/township-regions';

const random = createRandom(7);
const pointIn = ([west, south, east, north]: Box): LonLat => [random.float(west, east), random.float(south, north)];

describe('township regions grid', () => {
  // A plains county, a far-northern one (where the longitude scale changes most across a cell) and a
  // Xinjiang-sized one.
  const boxes: Record<string, Box> = {
    plains: [112.5, 36.8, 113.4, 37.4],
    north: [122.0, 50.5, 127.5, 53.5],
    vast: [84.0, 36.0, 93.0, 41.0],
  };

  for (const [name, box] of Object.entries(boxes)) {
    it(`answers as the exact rule for every hub at 40,000 points in a ${name} county`, () => {
      const hubs: WeightedHub[] = Array.from({ length: 25 }, (_, i) => ({ centre: pointIn(box), reach: i === 3 ? 0 : random.float(0.5, 12) }));
      // Two hubs at one place with one reach: ties between them go to the earlier one.
      hubs.push({ ...hubs[5] });
      const regions = townshipRegions(hubs, box);
      let owned = 0;
      for (let n = 0; n < 40_000; n++) {
        const point = pointIn(box);
        for (let i = 0; i < hubs.length; i++) {
          const exact = isOwnedBy(point, hubs[i], hubs);
          if (regions.owns(point, i) !== exact) expect.fail(`hub ${i} at ${point.join(',')}: grid says ${!exact}, exact rule ${exact}`);
          if (exact) owned++;
        }
      }
      // One owner a point: the hub without reach owns nothing, and of the two alike the earlier wins.
      expect(owned).toBe(40_000);
    });
  }

  it('leaves what it cannot place to the exact rule: a box without width, a point not a number', () => {
    const hubs: WeightedHub[] = [{ centre: [113, 37], reach: 1 }, { centre: [113, 37.2], reach: 1 }];
    const regions = townshipRegions(hubs, [113, 36.9, 113, 37.3]);
    for (const point of [[113, 37.05], [113, 37.15], [Number.NaN, 37]] as LonLat[]) {
      for (let i = 0; i < hubs.length; i++) expect(regions.owns(point, i), `${point.join(',')} hub ${i}`).toBe(isOwnedBy(point, hubs[i], hubs));
    }
  });
});

describe('outline grid', () => {
  const square = (w: number, s: number, size: number): LonLat[] => [[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]];
  const outlines: Record<string, PolygonalFeature> = {
    'Yushe (one ragged part)': readCountyOutline('140721').feature,
    'Luannan (four parts)': readCountyOutline('130224').feature,
    // The national build takes the package's outlines as they are, self-crossing ones included.
    'Laoting (eleven parts, islands, not a valid polygon)': resolveCountyOutlines(readCounties()).get('130225')!.feature,
    'a square with a hole and an island': asFeature({
      type: 'MultiPolygon',
      coordinates: [[square(110, 30, 1), square(110.3, 30.3, 0.4)], [square(111.2, 30.8, 0.1)]],
    }),
  };

  for (const [name, area] of Object.entries(outlines)) {
    it(`answers as the exact test for random points, vertices and edge midpoints of ${name}`, () => {
      const rings = (area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates).flat();
      const onBoundary = rings.flatMap((ring) =>
        ring.slice(1).flatMap((b, i): LonLat[] => [[ring[i][0], ring[i][1]], [(ring[i][0] + b[0]) / 2, (ring[i][1] + b[1]) / 2]]),
      );
      const points = [...Array.from({ length: 50_000 }, () => pointIn(boxOf(area))), ...onBoundary];
      let inside = 0;
      for (const point of points) {
        const exact = isInside(point, area);
        if (isInsideOutline(point, area) !== exact) expect.fail(`${point.join(',')}: grid says ${!exact}, exact test ${exact}`);
        if (exact) inside++;
      }
      expect(inside).toBeGreaterThan(5_000);
      expect(inside).toBeLessThan(points.length - onBoundary.length);
    });
  }
});
