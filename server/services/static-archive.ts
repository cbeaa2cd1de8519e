// The static PMTiles archive the server answers /tiles/static.pmtiles with: the demo dataset's,
// until imported boundaries replace demo ones; from then on it is cut from the database, after each
// import and at every start, so the demo archive on disk is never overwritten with a county's own.
// It is itself the archive source the tile routes read, so a rebuild is what they serve next.
import type { PortalArea } from '../../common/area';
import { buildStaticTiles, DEFAULT_ZOOMS } from '../../tiles/build-static';
import type { Queryable } from '../db/client';
import { staticSource } from '../repo/static-source';
import { memoryArchive, type ArchiveSource } from '../tiles/archive-source';

export class StaticArchive implements ArchiveSource {
  constructor(
    private source: ArchiveSource,
    /** False for a province's or the nation's archive, which the county's layers alone would cut down. */
    private readonly rebuilds = true,
  ) {}

  get size(): number {
    return this.source.size;
  }

  read(start: number, end: number): Promise<Uint8Array> {
    return this.source.read(start, end);
  }

  whole(): ReturnType<ArchiveSource['whole']> {
    return this.source.whole();
  }

  async rebuild(db: Queryable, area: PortalArea): Promise<void> {
    if (!this.rebuilds) return;
    this.source = memoryArchive(buildStaticTiles(await staticSource(db, area), DEFAULT_ZOOMS));
  }
}
