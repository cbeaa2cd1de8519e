// A local basemap archive (BASEMAP_PMTILES), read range by range like STATIC_ARCHIVE: a province
// extract is hundreds of megabytes. Its own metadata names its attribution, unless configured.
import { PMTiles, type RangeResponse } from 'pmtiles';
import { fileArchive, type ArchiveSource } from './archive-source';

export interface BasemapArchive {
  archive: ArchiveSource;
  attribution?: string;
}

export async function openBasemapArchive(path: string): Promise<BasemapArchive> {
  const archive = await fileArchive(path);
  const reader = new PMTiles({
    getKey: () => path,
    getBytes: async (offset, length): Promise<RangeResponse> => {
      const bytes = await archive.read(offset, Math.min(offset + length, archive.size) - 1);
      return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    },
  });
  // Fails here, at start, on a file that is not a PMTiles archive, rather than in every browser.
  const metadata = (await reader.getMetadata()) as { attribution?: unknown } | null;
  return { archive, attribution: typeof metadata?.attribution === 'string' && metadata.attribution ? metadata.attribution : undefined };
}
