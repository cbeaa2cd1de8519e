// The static PMTiles archive the server hands out by range. A county's archive is a few megabytes,
// built by this process on first start, and is kept in memory; any archive named by
// STATIC_ARCHIVE (a province's, the nation's: hundreds of megabytes) is read from its file range
// by range, so the server holds only what requests are in flight for. Repeated reads of the
// header and directories come from the operating system's page cache.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface ArchiveSource {
  readonly size: number;
  /** Bytes start..end, both inclusive, as HTTP ranges count. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The whole archive, for a client that asks for it without a Range. */
  whole(): Uint8Array | Readable;
}

export function memoryArchive(bytes: Uint8Array): ArchiveSource {
  return {
    size: bytes.length,
    read: async (start, end) => bytes.subarray(start, end + 1),
    whole: () => bytes,
  };
}

export async function fileArchive(path: string): Promise<ArchiveSource & { close(): Promise<void> }> {
  const file: FileHandle = await open(path, 'r');
  const { size } = await file.stat();
  return {
    size,
    async read(start, end) {
      const buffer = Buffer.allocUnsafe(end - start + 1);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    },
    whole: () => createReadStream(path),
    close: () => file.close(),
  };
}
