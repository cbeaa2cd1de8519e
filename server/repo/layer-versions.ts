// Each dynamic layer's tile version, one row per layer, shared by every server instance on the
// database: a tile URL names a version, and any instance must mean the same data by it.
import { DYNAMIC_LAYERS, type DynamicLayer, type TileVersions } from '../../common/api';
import type { Db, Queryable } from '../db/client';

export async function readLayerVersions(db: Queryable): Promise<TileVersions> {
  const rows = await db.query<{ layer: string; version: string }>('SELECT layer, version::text AS version FROM layer_versions');
  const known = new Map(rows.map((r) => [r.layer, Number(r.version)]));
  return Object.fromEntries(DYNAMIC_LAYERS.map((l) => [l, known.get(l) ?? 0])) as TileVersions;
}

/** In the transaction that logs the layer's change. */
export async function bumpLayerVersion(tx: Queryable, layer: DynamicLayer): Promise<void> {
  await tx.query(
    `INSERT INTO layer_versions (layer, version) VALUES ($1, 1) ON CONFLICT (layer) DO UPDATE SET version = layer_versions.version + 1`,
    [layer],
  );
}

/**
 * At a server's start every layer moves to a version no earlier run handed out, at least the clock
 * in milliseconds: browsers keep tile URLs as immutable, and a new release or a database rebuilt
 * from scratch may cut different tiles from the same rows.
 */
export async function advanceLayerVersions(db: Db): Promise<TileVersions> {
  await db.write(async (tx) => {
    for (const layer of DYNAMIC_LAYERS) {
      await tx.query(
        `INSERT INTO layer_versions (layer, version) VALUES ($1, $2)
         ON CONFLICT (layer) DO UPDATE SET version = greatest(layer_versions.version + 1, excluded.version)`,
        [layer, Date.now()],
      );
    }
  });
  return readLayerVersions(db);
}
