// Relocation flow arcs (web/src/map/flows.ts): from the origin village to the site, bowed to one
// side, with an arrowhead turned along the direction of travel.
import { describe, expect, it } from 'vitest';
import type { LonLat, SiteView } from '../common/api';
import { arc, flowFeatures, flowsOf } from '../web/src/map/flows';

const from: LonLat = [112.9, 37.0];
const to: LonLat = [113.0, 37.0];

describe('flow arcs', () => {
  it('run from the origin to the site, bowed to the right of the direction of travel', () => {
    const { line } = arc(from, to);
    for (const [end, expected] of [[line[0], from], [line.at(-1)!, to]]) {
      expect(end[0]).toBeCloseTo(expected[0], 12);
      expect(end[1]).toBeCloseTo(expected[1], 12);
    }
    // Travelling east, the right-hand side is south: the middle of the arc lies below the chord.
    const middle = line[Math.floor(line.length / 2)];
    expect(middle[1]).toBeLessThan(from[1] - 0.005);
  });

  it('turn the arrowhead along the curve: south-east, then east, then north-east on an eastward flow', () => {
    expect(arc(from, to, 0).bearing).toBeGreaterThan(90);
    expect(arc(from, to, 0.5).bearing).toBeCloseTo(90, 6);
    expect(arc(from, to, 1).bearing).toBeLessThan(90);
    expect(arc(to, from, 0.5).bearing).toBeCloseTo(-90, 6);
  });

  it('make one flow, one origin dot and one arrowhead per origin village with a known centre', () => {
    const site = { id: 7, lon: to[0], lat: to[1], originVillages: ['140721100201', '140721100202', '140721100299'] } as SiteView;
    const centres = new Map<string, LonLat>([
      ['140721100201', from],
      ['140721100202', [113.05, 37.1]],
    ]);
    const flows = flowsOf([site], (code) => centres.get(code));
    expect(flows.map((f) => f.villageCode)).toEqual(['140721100201', '140721100202']);
    const kinds = flowFeatures(flows).features.map((f) => `${f.properties.kind}:${f.properties.villageCode}`);
    expect(kinds.sort()).toEqual(
      ['arrow', 'flow', 'origin'].flatMap((kind) => ['140721100201', '140721100202'].map((code) => `${kind}:${code}`)).sort(),
    );
  });
});
