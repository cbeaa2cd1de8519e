// (m) Monitoring at scale on PostgreSQL: 1,000,000 households and about 3,500,000 members in 100
// synthetic counties of 10,000 households, made with set-based SQL in a throwaway server. Times
// the service calls the API makes: a county's monitoring list page (casePage), the warning rules
// for one county and for every household (runWarningRules), and the village figures of a county
// from its households (monitoringFigures at village level).
import type { SessionUser } from '../common/roles';
import { chinaToday } from '../common/problems';
import type { Db } from '../server/db/client';
import { openDb } from '../server/db/open-db';
import { migrate } from '../server/db/migrate';
import { monitoringFigures } from '../server/repo/monitoring';
import { casePage } from '../server/services/monitoring';
import { runWarningRules } from '../server/services/warning-run';
import { startPostgres } from '../tests/helpers/postgres';
import type { ResultRow } from './report';
import { median, percentile, repeat } from './stats';

const SECTION = '(m) monitoring, 1,000,000 households, PostgreSQL';
const COUNTIES = 100;
/** Per county: 10 townships × 20 villages × 50 households. */
const TOWNSHIPS = 10;
const VILLAGES = 20;
const HOUSEHOLDS = 50;
const countyCode = (i: number) => `9${String(i).padStart(5, '0')}`;

/** Everything set-based: one INSERT … SELECT FROM generate_series per table. */
async function generate(db: Db, log: (line: string) => void): Promise<{ households: number; members: number }> {
  // Synthetic village codes have no rows in villages: the foreign key goes in this throwaway database only.
  await db.exec('ALTER TABLE households DROP CONSTRAINT households_village_code_fkey');
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await db.query(sql, params);
    log(`generate ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  await step('households', `
    INSERT INTO households (code, village_code, head_name, poverty_attribute, main_cause, year_identified, year_exited, demo)
    SELECT v || lpad(s::text, 4, '0'), v, '测试户主', (ARRAY['general', 'dibao', 'tekun'])[1 + (s % 3)], 'illness', 2014 + (s % 5),
      CASE WHEN s % 10 < 8 THEN 2019 + (s % 2) END, true
    FROM generate_series(1, $1::int) c,
      LATERAL (SELECT '9' || lpad(c::text, 5, '0') || lpad(t::text, 3, '0') || lpad(vv::text, 3, '0') AS v
               FROM generate_series(1, $2::int) t, generate_series(1, $3::int) vv) villages,
      generate_series(1, $4::int) s`, [COUNTIES, TOWNSHIPS, VILLAGES, HOUSEHOLDS]);
  // 2 to 5 members a household, 3.5 on average; every fifth household has a child of school age.
  await step('members', `
    INSERT INTO members (household_code, relation, name, sex, birth_year, id_number_enc, id_number_hash, health, schooling, labour_ability, demo)
    SELECT h.code, CASE WHEN k = 1 THEN 'head' ELSE 'child' END, '测试', 'male',
      CASE WHEN k = 3 AND hashtext(h.code) % 5 = 0 THEN 2014 ELSE 1970 + k END,
      'v1:bench', md5(h.code || k), 'healthy',
      CASE WHEN k = 3 AND hashtext(h.code) % 97 = 0 THEN 'dropped_out' ELSE 'graduated' END, 'normal', true
    FROM households h, generate_series(1, 2 + abs(hashtext(h.code)) % 4) k`);
  await step('incomes (2 years)', `
    INSERT INTO household_years (household_code, year, income_per_capita, food_clothing, education, medical, housing, water)
    SELECT h.code, y, 3000 + abs(hashtext(h.code || y)) % 12000, true, true, true, abs(hashtext(h.code)) % 200 <> 0, true
    FROM households h, generate_series(2024, 2025) y`);
  await step('department events (2 %)', `
    INSERT INTO household_events (household_code, kind, occurred_on, amount, department)
    SELECT h.code, (ARRAY['medical_self_pay', 'disaster', 'disability'])[1 + abs(hashtext(h.code)) % 3], $1::date - (abs(hashtext(h.code)) % 300), 20000, 'bench'
    FROM households h WHERE abs(hashtext(h.code || 'e')) % 50 = 0`, [chinaToday()]);
  await step('monitoring cases (5 %)', `
    INSERT INTO monitoring_cases (household_code, type, way, stage)
    SELECT h.code, 'sudden', 'cadre_visit', (ARRAY['reported', 'village_reviewed', 'township_checked', 'county_confirmed', 'assisting', 'risk_removed'])[1 + abs(hashtext(h.code)) % 6]
    FROM households h WHERE abs(hashtext(h.code || 'c')) % 20 = 0`);
  await step('ANALYZE', 'ANALYZE');
  const [counts] = await db.query<{ households: number; members: number }>(
    'SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM members)::int AS members',
  );
  return counts;
}

const summary = (times: number[]) => `median ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchMonitoringScale(log: (line: string) => void, notes: string[]): Promise<ResultRow[]> {
  const cluster = (await startPostgres())!;
  try {
    const admin = await openDb({ databaseUrl: cluster.url });
    await admin.exec('CREATE DATABASE bench_monitoring');
    await admin.close();
    const db = await openDb({ databaseUrl: cluster.url.replace(/\/[^/]*$/, '/bench_monitoring') });
    try {
      await migrate(db);
      const t0 = performance.now();
      const counts = await generate(db, log);
      notes.push(`(m) generated ${counts.households.toLocaleString('en')} households and ${counts.members.toLocaleString('en')} members in ${seconds(performance.now() - t0)} with set-based SQL.`);
      const [{ id }] = await db.query<{ id: number }>(
        "INSERT INTO users (username, display_name, role, password_hash) VALUES ('bench', 'bench', 'poverty_office', 'x') RETURNING id",
      );
      const user: SessionUser = { id, username: 'bench', displayName: 'bench', role: 'poverty_office' };
      const county = countyCode(1);
      const listTimes = await repeat(30, 5, async () => {
        const s = performance.now();
        const page = await casePage(db, user, county, { page: 1, pageSize: 50 });
        if (page.items.length !== 50) throw new Error(`expected a full page, got ${page.items.length}`);
        return performance.now() - s;
      });
      const figureTimes = await repeat(30, 5, async () => {
        const s = performance.now();
        const rows = await monitoringFigures(db, { kind: 'county', area: countyCode(2) }, chinaToday(), 'village');
        if (rows.length !== TOWNSHIPS * VILLAGES) throw new Error(`expected ${TOWNSHIPS * VILLAGES} villages, got ${rows.length}`);
        return performance.now() - s;
      });
      const countyRuns: number[] = [];
      let raisedInCounty = 0;
      for (const i of [3, 4, 5]) {
        const s = performance.now();
        const raised = await runWarningRules(db, { prefix: countyCode(i) }, chinaToday());
        countyRuns.push(performance.now() - s);
        raisedInCounty = [...raised.values()].reduce((a, b) => a + b, 0);
      }
      const s = performance.now();
      const raisedAll = await runWarningRules(db, { prefix: '' }, chinaToday());
      const allMs = performance.now() - s;
      const total = [...raisedAll.values()].reduce((a, b) => a + b, 0);
      notes.push(`(m) the warning rules raised about ${raisedInCounty.toLocaleString('en')} warnings in a county of 10,000 households and ${total.toLocaleString('en')} more over the rest of the 1,000,000.`);
      return [
        { section: SECTION, measurement: 'county monitoring list page (casePage, 50 of a county’s cases, with total)', value: summary(listTimes), target: '< 100 ms', met: percentile(listTimes, 95) < 100 },
        { section: SECTION, measurement: 'village figures from households, one county (200 villages)', value: summary(figureTimes), target: '< 100 ms', met: percentile(figureTimes, 95) < 100 },
        { section: SECTION, measurement: 'warning rules, one county (10,000 households, raise and insert)', value: `median ${seconds(median(countyRuns))} of 3 counties`, target: '< 10 s', met: Math.max(...countyRuns) < 10_000 },
        { section: SECTION, measurement: 'warning rules, all 1,000,000 households', value: seconds(allMs), target: '< 2 min', met: allMs < 120_000 },
      ];
    } finally {
      await db.close();
    }
  } finally {
    cluster.stop();
  }
}
