// Every tile of a PMTiles archive with the byte range a client's Range request asks for: the
// request mix of the static tile benchmark, and the files nginx serves for comparison.
import { PMTiles, tileIdToZxy, type Entry, type RangeResponse, type Source } from 'pmtiles';

export interface ArchiveTileRange {
  z: number;
  x: number;
  y: number;
  offset: number;
  length: number;
}

class BufferSource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey = () => 'bench';
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.bytes.slice(offset, offset + length).buffer };
  }
}

export async function listArchiveTiles(archive: Uint8Array): Promise<ArchiveTileRange[]> {
  const source = new BufferSource(archive);
  const pmtiles = new PMTiles(source);
  const header = await pmtiles.getHeader();
  const tiles: ArchiveTileRange[] = [];
  const walk = async (entries: Entry[]) => {
    for (const entry of entries) {
      if (entry.runLength === 0) {
        await walk(await pmtiles.cache.getDirectory(source, header.leafDirectoryOffset + entry.offset, entry.length, header));
        continue;
      }
      for (let id = entry.tileId; id < entry.tileId + entry.runLength; id++) {
        const [z, x, y] = tileIdToZxy(id);
        tiles.push({ z, x, y, offset: header.tileDataOffset + entry.offset, length: entry.length });
      }
    }
  };
  await walk(await pmtiles.cache.getDirectory(source, header.rootDirectoryOffset, header.rootDirectoryLength, header));
  return tiles;
}
