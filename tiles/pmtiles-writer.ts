// Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) in memory.
// Layout: header | root directory | JSON metadata | leaf directories | tile data, tiles in tile-id order.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  /** Already gzip-compressed MVT bytes. */
  data: Uint8Array;
}

export interface ArchiveOptions {
  /** TileJSON-like metadata: name, description, attribution, vector_layers... */
  metadata: Record<string, unknown>;
  bounds: [minLon: number, minLat: number, maxLon: number, maxLat: number];
  center: [lon: number, lat: number, zoom: number];
  minZoom: number;
  maxZoom: number;
}

interface DirectoryEntry {
  tileId: number;
  /** Relative to the tile data section for tiles, to the leaf section for leaf pointers. */
  offset: number;
  length: number;
  /** 0 marks a pointer to a leaf directory. */
  runLength: number;
}

const HEADER_BYTES = 127;
// Readers fetch the first 16 KiB in one request and expect header and root directory inside it.
const ROOT_DIRECTORY_MAX_BYTES = 16_384 - HEADER_BYTES;
const COMPRESSION_GZIP = 2;
const TILE_TYPE_MVT = 1;

export function writePmtiles(tiles: readonly ArchiveTile[], options: ArchiveOptions): Buffer {
  const { entries, tileData, contentCount } = layOutTileData(tiles);
  const { root, leaves } = buildDirectories(entries);
  const metadata = gzipSync(JSON.stringify(options.metadata));

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const tileDataOffset = leavesOffset + leaves.length;

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const sections: number[] = [
    rootOffset, root.length,
    metadataOffset, metadata.length,
    leavesOffset, leaves.length,
    tileDataOffset, tileData.length,
    tiles.length, entries.length, contentCount,
  ];
  sections.forEach((value, i) => writeUint64(header, value, 8 + i * 8));
  header.writeUInt8(1, 96); // clustered: tile contents are stored in tile-id order
  header.writeUInt8(COMPRESSION_GZIP, 97);
  header.writeUInt8(COMPRESSION_GZIP, 98);
  header.writeUInt8(TILE_TYPE_MVT, 99);
  header.writeUInt8(options.minZoom, 100);
  header.writeUInt8(options.maxZoom, 101);
  const [minLon, minLat, maxLon, maxLat] = options.bounds;
  [minLon, minLat, maxLon, maxLat].forEach((deg, i) => header.writeInt32LE(toE7(deg), 102 + i * 4));
  const [centerLon, centerLat, centerZoom] = options.center;
  header.writeUInt8(centerZoom, 118);
  header.writeInt32LE(toE7(centerLon), 119);
  header.writeInt32LE(toE7(centerLat), 123);

  return Buffer.concat([header, root, metadata, leaves, tileData]);
}

/** Sorts tiles by tile id, stores each distinct content once and merges runs of one content into one entry. */
function layOutTileData(tiles: readonly ArchiveTile[]) {
  const sorted = tiles
    .map((tile) => ({ tileId: zxyToTileId(tile.z, tile.x, tile.y), tile }))
    .sort((a, b) => a.tileId - b.tileId);

  const entries: DirectoryEntry[] = [];
  const chunks: Uint8Array[] = [];
  const storedByHash = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (const { tileId, tile } of sorted) {
    const previous = entries.at(-1);
    if (previous && previous.tileId + previous.runLength - 1 >= tileId) {
      throw new Error(`Duplicate tile ${tile.z}/${tile.x}/${tile.y}`);
    }
    const hash = createHash('sha256').update(tile.data).digest('base64');
    let stored = storedByHash.get(hash);
    if (!stored) {
      stored = { offset: dataLength, length: tile.data.length };
      storedByHash.set(hash, stored);
      chunks.push(tile.data);
      dataLength += tile.data.length;
    }
    const continuesRun =
      previous !== undefined &&
      previous.offset === stored.offset &&
      previous.tileId + previous.runLength === tileId;
    if (continuesRun) previous.runLength++;
    else entries.push({ tileId, offset: stored.offset, length: stored.length, runLength: 1 });
  }
  return { entries, tileData: Buffer.concat(chunks), contentCount: chunks.length };
}

/**
 * Puts all entries in the root when it fits; otherwise splits them into leaf directories, growing the
 * leaf size until the root of leaf pointers fits (same strategy as go-pmtiles).
 */
function buildDirectories(entries: DirectoryEntry[]): { root: Buffer; leaves: Buffer } {
  const wholeRoot = serializeDirectory(entries);
  if (wholeRoot.length <= ROOT_DIRECTORY_MAX_BYTES) return { root: wholeRoot, leaves: Buffer.alloc(0) };

  let leafSize = Math.max(4096, Math.ceil(entries.length / 3500));
  for (;;) {
    const { root, leaves } = splitIntoLeaves(entries, leafSize);
    if (root.length <= ROOT_DIRECTORY_MAX_BYTES) return { root, leaves };
    leafSize = Math.ceil(leafSize * 1.2);
  }
}

function splitIntoLeaves(entries: DirectoryEntry[], leafSize: number) {
  const pointers: DirectoryEntry[] = [];
  const leaves: Buffer[] = [];
  let leavesLength = 0;
  for (let start = 0; start < entries.length; start += leafSize) {
    const leaf = serializeDirectory(entries.slice(start, start + leafSize));
    pointers.push({ tileId: entries[start].tileId, offset: leavesLength, length: leaf.length, runLength: 0 });
    leaves.push(leaf);
    leavesLength += leaf.length;
  }
  return { root: serializeDirectory(pointers), leaves: Buffer.concat(leaves) };
}

/** Column-wise varints: count, tile-id deltas, run lengths, lengths, offsets (0 = directly after the previous). */
function serializeDirectory(entries: DirectoryEntry[]): Buffer {
  const bytes: number[] = [];
  writeVarint(bytes, entries.length);
  let lastTileId = 0;
  for (const entry of entries) {
    writeVarint(bytes, entry.tileId - lastTileId);
    lastTileId = entry.tileId;
  }
  for (const entry of entries) writeVarint(bytes, entry.runLength);
  for (const entry of entries) writeVarint(bytes, entry.length);
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    const isContiguous = previous !== undefined && entry.offset === previous.offset + previous.length;
    writeVarint(bytes, isContiguous ? 0 : entry.offset + 1);
  });
  return gzipSync(Uint8Array.from(bytes));
}

// Arithmetic instead of bit operators: tile ids and offsets exceed 32 bits at high zooms and in big archives.
function writeVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function writeUint64(buffer: Buffer, value: number, offset: number): void {
  buffer.writeBigUInt64LE(BigInt(value), offset);
}

function toE7(degrees: number): number {
  return Math.round(degrees * 1e7);
}
