// (d) Summary query time on PostgreSQL at county, province and national scale: the national demo
// dataset (or, if it has not been built, one province of it) loaded into a throwaway server, and
// GET /api/stats/summary timed through the app, as a browser would ask for it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NATIONAL_FILES } from '../common/national-dataset';
import { nationalDir } from '../data/build/national/build-national';
import { createApp } from '../server/app';
import { ensureDataset } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import type { Db } from '../server/db/client';
import { openDb } from '../server/db/open-db';
import { migrate } from '../server/db/migrate';
import { seedNationalDataset } from '../server/db/national-seed';
import { seedDataset } from '../server/db/seed';
import { memoryArchive } from '../server/tiles/archive-source';
import { pgBinDir, startPostgres } from '../tests/helpers/postgres';
import { preparedProvince } from './first-paint';
import type { ResultRow } from './report';
import { median, percentile, repeat } from './stats';

const RUNS = 30;
const WARMUPS = 5;
const TARGET_MS = 100;

export const postgresAvailable = () => pgBinDir() !== undefined;

async function createDatabase(serverUrl: string, name: string): Promise<Db> {
  const admin = await openDb({ databaseUrl: serverUrl });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const db = await openDb({ databaseUrl: serverUrl.replace(/\/[^/]*$/, `/${name}`) });
  await migrate(db);
  return db;
}

async function timeSummary(db: Db, query: string): Promise<number[]> {
  const { app } = createApp({ db, staticArchive: memoryArchive(new Uint8Array()), countyCode: loadConfig({}).COUNTY_CODE });
  return repeat(RUNS, WARMUPS, async () => {
    const t0 = performance.now();
    const res = await app.request(`/api/stats/summary${query}`);
    if (res.status !== 200) throw new Error(`summary${query}: ${res.status} ${await res.text()}`);
    await res.json();
    return performance.now() - t0;
  });
}

/** The full national build when there is one, else the province the first-paint part prepares. */
async function nationalSource(log: (line: string) => void): Promise<{ dir: string; label: string }> {
  const dir = nationalDir();
  if (existsSync(join(dir, NATIONAL_FILES.meta))) return { dir, label: 'national' };
  log('no national build (npm run build:national): timing the province as the largest scope');
  return { dir: nationalDir((await preparedProvince(log)).code), label: 'province only' };
}

export async function benchSummaries(log: (line: string) => void, notes: string[]): Promise<ResultRow[]> {
  const cluster = (await startPostgres())!;
  const section = '(d) summary query, PostgreSQL';
  const row = (measurement: string, times: number[], withTarget: boolean): ResultRow => ({
    section, measurement, value: `median ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
    ...(withTarget ? { target: `< ${TARGET_MS} ms`, met: percentile(times, 95) < TARGET_MS } : {}),
  });
  try {
    const county = await createDatabase(cluster.url, 'bench_county');
    await seedDataset(county, await ensureDataset(loadConfig({})));
    const rows = [row('county deployment (179 villages): county', await timeSummary(county, ''), false)];
    await county.close();

    const source = await nationalSource(log);
    const national = await createDatabase(cluster.url, 'bench_national');
    const t0 = performance.now();
    const counts = await seedNationalDataset(national, { dir: source.dir, log: (line) => log(`load: ${line}`) });
    // A bulk load leaves no planner statistics until autovacuum comes round.
    await national.exec('ANALYZE');
    notes.push(`(d) loaded ${counts.villages} villages, ${counts.townships} townships, ${counts.counties} counties into PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(0)} s (npm run load:national).`);
    const scale = `${counts.villages} villages loaded`;
    rows.push(
      row(`${source.label} (${scale}): county 140721`, await timeSummary(national, '?county=140721'), false),
      row(`${source.label} (${scale}): province 14`, await timeSummary(national, '?province=14'), false),
      row(`${source.label} (${scale}): whole database`, await timeSummary(national, '?scope=national'), true),
    );
    await national.close();
    return rows;
  } finally {
    cluster.stop();
  }
}
