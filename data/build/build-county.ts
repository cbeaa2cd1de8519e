// CLI: npx tsx data/build/build-county.ts [countyCode] [seed]   (npm run build:data)
// Writes data/generated/<countyCode>.json; the same code and seed always give the same bytes.
// Importing this module only re-exports the builder (the server builds in-process on first start).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCountyDataset, DEFAULT_COUNTY_CODE } from './county-dataset';
import { DEFAULT_SEED } from './random';

export { buildCountyDataset, DEFAULT_COUNTY_CODE };

function parseArgs(args: string[]): { countyCode: string; seed: number } {
  const [countyCode = DEFAULT_COUNTY_CODE, seedArg] = args;
  if (!/^\d{6}$/.test(countyCode)) throw new Error(`county code must have 6 digits, got "${countyCode}"`);
  const seed = seedArg === undefined ? DEFAULT_SEED : Number(seedArg);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got "${seedArg}"`);
  return { countyCode, seed };
}

function runCli(): void {
  const { countyCode, seed } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const dataset = buildCountyDataset(countyCode, seed);
  const outDir = fileURLToPath(new URL('../generated/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const outFile = resolve(outDir, `${countyCode}.json`);
  writeFileSync(outFile, `${JSON.stringify(dataset)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${dataset.meta.county.name} ${countyCode}: ${dataset.townships.length} townships, ${dataset.villages.length} villages, ` +
      `${dataset.sites.length} sites, ${dataset.projects.length} projects → ${outFile} in ${seconds} s`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli();
