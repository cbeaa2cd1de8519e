// The static PMTiles archive the server answers /tiles/static.pmtiles with. Built at first start
// from the demo dataset; rebuilt from the database when imported boundaries replace the demo ones,
// then kept (saved to disk by the caller) so a restart serves the same.
import { buildStaticTiles, DEFAULT_ZOOMS } from '../../tiles/build-static';
import type { Queryable } from '../db/client';
import { staticSource } from '../repo/static-source';

export class StaticArchive {
  constructor(
    private bytes: Uint8Array,
    private readonly save: (bytes: Uint8Array) => void = () => {},
  ) {}

  readonly current = (): Uint8Array => this.bytes;

  async rebuild(db: Queryable, countyCode: string): Promise<void> {
    const archive = buildStaticTiles(await staticSource(db, countyCode), DEFAULT_ZOOMS);
    this.save(archive);
    this.bytes = archive;
  }
}
