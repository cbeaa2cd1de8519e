// What each server instance keeps in memory that a change makes stale, and how it follows the
// change feed (events.ts) to stay current, whichever instance the change was made on. Answers
// cached per layer version (services/layer-answer-cache.ts) follow the tile versions by themselves.
import type { AppContext } from './context';
import { hasImportedBoundaries } from './repo/boundaries';
import { advanceLayerVersions, readLayerVersions } from './repo/layer-versions';

/** Registers the caches' followers; run once per app, before any screen subscribes. */
export function followChanges(ctx: AppContext): void {
  const { db, bus, tiles, geo, staticTiles, area } = ctx;
  bus.follow({
    changed: (e) => {
      // Only the tiles the change touched go (all the layer's where it does not say), here as on the instance that made it.
      if (e.layer) tiles.invalidate(e.layer, e.tileAreas, e.versions[e.layer]);
      tiles.follow(e.versions);
    },
    lost: async () => tiles.follow(await readLayerVersions(db)),
  });
  // Boundaries change the county's outlines, which drawn projects are checked against, and the static archive.
  const reloadBoundaries = async () => {
    geo.forget();
    await staticTiles.rebuild(db, area);
  };
  bus.follow({
    changed: (e) => (e.boundaries ? reloadBoundaries() : undefined),
    lost: async () => {
      if (await hasImportedBoundaries(db, area.prefix)) await reloadBoundaries();
    },
  });
  tiles.syncWith(async () => {
    await bus.catchUp();
    // Another instance's start moves versions without a change to log.
    tiles.follow(await readLayerVersions(db));
  });
}

/** Before serving: this run's tile versions, and on PostgreSQL the other instances' changes. */
export async function startFollowing(ctx: AppContext): Promise<void> {
  ctx.tiles.follow(await advanceLayerVersions(ctx.db));
  await ctx.bus.start();
}
