// The tile cache's invalidation, with a cutter that counts its cuts: per tile where the cutter
// allows it (PostGIS), the whole layer where it does not (in memory), and never keeping a tile
// whose cutting began before the change.
import { describe, expect, it } from 'vitest';
import type { DynamicLayer, TileArea } from '../common/api';
import { DynamicTiles, type TileCutter } from '../server/tiles/dynamic-tiles';
import { tileRange, touchedTiles } from '../server/tiles/tile-areas';
import { tileOf } from './helpers/tile-coords';

function countingCutter(kind: TileCutter['kind']) {
  const cuts: string[] = [];
  let hold: Promise<void> | null = null;
  const cutter: TileCutter = {
    kind,
    async cut(layer: DynamicLayer, z: number, x: number, y: number) {
      const n = cuts.push(`${layer}/${z}/${x}/${y}`);
      if (hold) await hold;
      return new Uint8Array([n]);
    },
    changed: (_layer, areas) => kind === 'postgis' && areas !== undefined,
  };
  const holdNextCuts = (until: Promise<void>) => {
    hold = until;
  };
  const release = () => {
    hold = null;
  };
  return { cutter, cuts, holdNextCuts, release };
}

// A village-sized box in Yushe, and the tile holding it at z12.
const VILLAGE: TileArea = { bbox: [112.95, 37.05, 112.97, 37.07], minZoom: 8, maxZoom: 14 };
const HERE = tileOf(112.96, 37.06, 12);
const FAR = tileOf(113.5, 37.5, 12);

describe('tile areas', () => {
  it('take in the neighbour whose buffer a box reaches into, and not the one beyond', () => {
    // 64/4096 of a tile west of the edge between columns 3299 and 3300 at z12.
    const edge = (3300 / 4096) * 360 - 180;
    const r = tileRange([edge + 0.001, 37.05, edge + 0.002, 37.06], 12);
    expect([r.minX, r.maxX]).toEqual([3299, 3300]);
    const inside = tileRange([edge + 0.02, 37.05, edge + 0.03, 37.06], 12);
    expect([inside.minX, inside.maxX]).toEqual([3300, 3300]);
  });

  it('name every touched tile at every zoom of the area, or give up on a continent', () => {
    const tiles = touchedTiles([VILLAGE])!;
    expect(tiles.has(`12/${HERE.x}/${HERE.y}`)).toBe(true);
    expect(tiles.has(`12/${FAR.x}/${FAR.y}`)).toBe(false);
    expect([...tiles].some((t) => t.startsWith('7/'))).toBe(false);
    expect(touchedTiles([{ bbox: [70, 15, 135, 55], minZoom: 0, maxZoom: 14 }])).toBeNull();
  });
});

describe('DynamicTiles invalidation', () => {
  it('recuts only the touched tiles when the cutter allows it', async () => {
    const { cutter, cuts } = countingCutter('postgis');
    const tiles = new DynamicTiles(cutter);
    await tiles.tile('villages', 12, HERE.x, HERE.y);
    await tiles.tile('villages', 12, FAR.x, FAR.y);
    const version = tiles.currentVersion('villages');
    expect(tiles.invalidate('villages', [VILLAGE])).toBe(version + 1);
    await tiles.tile('villages', 12, HERE.x, HERE.y);
    await tiles.tile('villages', 12, FAR.x, FAR.y);
    expect(cuts).toEqual([`villages/12/${HERE.x}/${HERE.y}`, `villages/12/${FAR.x}/${FAR.y}`, `villages/12/${HERE.x}/${HERE.y}`]);
  });

  it('recuts the whole layer for the in-memory cutter, or for a change that says not where', async () => {
    for (const [kind, areas] of [['memory', [VILLAGE]], ['postgis', undefined]] as const) {
      const { cutter, cuts } = countingCutter(kind);
      const tiles = new DynamicTiles(cutter);
      await tiles.tile('villages', 12, FAR.x, FAR.y);
      await tiles.tile('sites', 12, FAR.x, FAR.y);
      tiles.invalidate('villages', areas ? [...areas] : undefined);
      await tiles.tile('villages', 12, FAR.x, FAR.y);
      await tiles.tile('sites', 12, FAR.x, FAR.y);
      expect(cuts, kind).toEqual([`villages/12/${FAR.x}/${FAR.y}`, `sites/12/${FAR.x}/${FAR.y}`, `villages/12/${FAR.x}/${FAR.y}`]);
    }
  });

  it('does not keep a tile whose cutting began before the change', async () => {
    const { cutter, cuts, holdNextCuts, release } = countingCutter('postgis');
    const tiles = new DynamicTiles(cutter);
    let open = () => {};
    holdNextCuts(new Promise<void>((resolve) => (open = resolve)));
    const early = tiles.tile('villages', 12, HERE.x, HERE.y);
    tiles.invalidate('villages', [VILLAGE]);
    release();
    // Asked for after the change: not the early cut's answer, a new cut.
    const late = tiles.tile('villages', 12, HERE.x, HERE.y);
    open();
    expect((await early)!).not.toEqual(await late);
    // The early cut finished last, yet the cache holds the late one.
    expect(await tiles.tile('villages', 12, HERE.x, HERE.y)).toEqual(await late);
    expect(cuts).toHaveLength(2);
  });
});
