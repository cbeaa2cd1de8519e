// (n) The national build and load as an operator runs them: `npm run build:national` (the data on
// worker threads, then the PMTiles archive) and `npm run load:national` into a throwaway PostgreSQL
// with PostGIS, each a child process timed from spawn to exit. CPU and peak memory are what each
// step reports of itself (data/build/national/resource-report.ts).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseResourceReports, type ResourceReport } from '../data/build/national/resource-report';
import { LOADED_WITH_POSTGIS } from '../scripts/load-national';
import { startPostgres } from '../tests/helpers/postgres';
import type { ResultRow } from './report';

const BUILD_TARGET_S = 5 * 60;
const LOAD_TARGET_S = 3 * 60;
const SECTION = '(n) national build and load';

/** Runs an npm script to its end; its output is kept for the reports and shown on failure. */
function runNpm(script: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<{ seconds: number; output: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (/ wall, | z\d+: |chunks|\[load\]/.test(line)) log(line.trim());
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    // 'close', not 'exit': the step's report is its last line, and its output may still be arriving at exit.
    child.on('close', (code) => {
      if (code === 0) resolve({ seconds: (performance.now() - started) / 1000, output });
      else reject(new Error(`npm run ${script} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

function minutes(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

function stepRow(measurement: string, report: ResourceReport | undefined): ResultRow {
  if (!report) throw new Error(`${measurement}: the step printed no resource report`);
  return {
    section: SECTION,
    measurement,
    value: `${minutes(report.seconds)} wall, ${minutes(report.cpuSeconds)} CPU (${((100 * report.cpuSeconds) / report.seconds).toFixed(0)} % of one core), peak ${report.peakRssMiB} MiB`,
  };
}

export async function benchNationalBuild(log: (line: string) => void): Promise<ResultRow[]> {
  const cores = availableParallelism();
  const build = await runNpm('build:national', {}, log);
  const built = parseResourceReports(build.output);
  const rows: ResultRow[] = [
    {
      section: SECTION,
      measurement: `npm run build:national, the whole nation, spawn to exit, ${cores} cores`,
      value: minutes(build.seconds),
      target: `< ${minutes(BUILD_TARGET_S)}`,
      met: build.seconds < BUILD_TARGET_S,
    },
    stepRow('of which the data (build:national:data)', built.get('national data build')),
    stepRow('of which the PMTiles archive (build:national:tiles)', built.get('national tile build')),
  ];

  const cluster = await startPostgres();
  if (!cluster) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
  try {
    const load = await runNpm('load:national', { DATABASE_URL: cluster.url, POSTGIS: 'auto' }, log);
    const loaded = parseResourceReports(load.output).get('national load');
    const postgis = load.output.includes(LOADED_WITH_POSTGIS) ? 'with PostGIS' : 'without PostGIS';
    rows.push(
      {
        section: SECTION,
        measurement: `npm run load:national into an empty PostgreSQL ${postgis}, spawn to exit`,
        value: minutes(load.seconds),
        target: `< ${minutes(LOAD_TARGET_S)}`,
        met: load.seconds < LOAD_TARGET_S,
      },
      stepRow('of which the loader process (PostgreSQL\'s own CPU not counted)', loaded),
    );
  } finally {
    cluster.stop();
  }
  return rows;
}
