// The static PMTiles archive the server answers /tiles/static.pmtiles with: the demo dataset's,
// until imported boundaries replace demo ones; from then on it is cut from the database, after each
// import and at every start, so the demo archive on disk is never overwritten with a county's own.
import { buildStaticTiles, DEFAULT_ZOOMS } from '../../tiles/build-static';
import type { Queryable } from '../db/client';
import { staticSource } from '../repo/static-source';

export class StaticArchive {
  constructor(
    private bytes: Uint8Array,
    /** False for a province's or the nation's archive, which the county's layers alone would cut down. */
    private readonly rebuilds = true,
  ) {}

  readonly current = (): Uint8Array => this.bytes;

  async rebuild(db: Queryable, countyCode: string): Promise<void> {
    if (!this.rebuilds) return;
    this.bytes = buildStaticTiles(await staticSource(db, countyCode), DEFAULT_ZOOMS);
  }
}
