// Gzip-compressed NDJSON: streamed both ways, so neither the build nor a loader holds the text of
// 620,000 records at once.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';

export interface NdjsonWriter<T> {
  write(record: T): Promise<void>;
  close(): Promise<void>;
}

export function writeNdjsonGz<T>(path: string): NdjsonWriter<T> {
  const gzip = createGzip();
  const file = createWriteStream(path);
  gzip.pipe(file);
  return {
    async write(record) {
      // Waiting for drain keeps memory flat when the build produces faster than gzip compresses.
      if (!gzip.write(`${JSON.stringify(record)}\n`)) await once(gzip, 'drain');
    },
    async close() {
      gzip.end();
      await once(file, 'finish');
    },
  };
}

export async function* readNdjsonGz<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}
