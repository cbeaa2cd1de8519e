import type { PortalArea } from '../common/area';
import type { ChangeEvent } from '../common/api';
import type { Db } from './db/client';
import type { ChangeBus } from './events';
import type { CountyGeometry } from './services/county-geometry';
import type { StaticArchive } from './services/static-archive';
import type { DynamicTiles } from './tiles/dynamic-tiles';

/** What route handlers share. */
export interface AppContext {
  db: Db;
  /** The area this portal is for (COUNTY_CODE: a county or a prefecture); the database may hold a province or the nation. */
  area: PortalArea;
  /** area.code: a county's code, or a prefecture's. */
  countyCode: string;
  tiles: DynamicTiles;
  bus: ChangeBus;
  geo: CountyGeometry;
  staticTiles: StaticArchive;
}

/**
 * After a commit: log the change, which moves the layer's tile version; every instance's caches
 * follow it, dropping the tiles under change.tileAreas (follow-changes.ts), then every open
 * screen is told.
 */
export function announce(ctx: AppContext, change: Omit<ChangeEvent, 'seq' | 'at' | 'versions'>): Promise<ChangeEvent> {
  return ctx.bus.publish(change);
}
