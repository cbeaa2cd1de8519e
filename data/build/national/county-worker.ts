// One of the national build's workers (national-dataset.ts): builds the chunks of counties it is
// handed and writes each chunk's records to part files, which the main thread joins in order.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { NATIONAL_FILES } from '../../../common/national-dataset';
import { buildCountyChunk, type ChunkJob } from './national-dataset';

const { outDir, seed } = workerData as { outDir: string; seed: number };

parentPort!.on('message', (job: ChunkJob) => {
  const part = (file: keyof typeof NATIONAL_FILES) => join(outDir, `.part-${job.index}-${NATIONAL_FILES[file]}`);
  buildCountyChunk(job, seed, { counties: part('counties'), townships: part('townships'), villages: part('villages') }).then(
    (result) => parentPort!.postMessage({ index: job.index, result }),
    (error: Error) => parentPort!.postMessage({ index: job.index, error: error.stack ?? error.message }),
  );
});
