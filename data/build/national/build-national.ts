// CLI: npx tsx data/build/national/build-national.ts [prefix] [seed]   (npm run build:national:data)
// Writes data/generated/national/ (all of China), or data/generated/national-<prefix>/ for a province
// or prefecture. Prints the build time and peak memory.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED } from '../random';
import { buildNationalDataset } from './national-dataset';
import { measureResources } from './resource-report';

export const nationalDir = (prefix = '') =>
  fileURLToPath(new URL(`../../generated/${prefix ? `national-${prefix}` : 'national'}/`, import.meta.url));

function parseArgs(args: string[]): { prefix: string; seed: number } {
  const [prefix = '', seedArg] = args;
  if (!/^\d{0,6}$/.test(prefix)) throw new Error(`prefix must be up to 6 digits of a county code, got "${prefix}"`);
  const seed = seedArg === undefined ? DEFAULT_SEED : Number(seedArg);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got "${seedArg}"`);
  return { prefix, seed };
}

async function runCli(): Promise<void> {
  const { prefix, seed } = parseArgs(process.argv.slice(2));
  const outDir = nationalDir(prefix);
  const stop = measureResources('national data build');
  const meta = await buildNationalDataset({ outDir, prefix, seed, log: (line) => console.log(`[national] ${line}`) });
  console.log(`[national] ${JSON.stringify({ counts: meta.counts, outlineMatches: meta.outlineMatches, unplaced: meta.unplaced })}`);
  console.log(`[national] wrote ${outDir}`);
  stop();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCli();
