// One source of truth (issue 12 item 3): a county holding household records takes its village
// figures from them everywhere; a county without keeps the typed-in figures; a disagreement is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary, VillageView } from '../common/api';
import type { CountyFigureDifferences, VillageHouseholdFigures } from '../common/household-figures';
import type { VillageImportPreview } from '../common/imports';
import { deriveVillageFigures } from '../server/services/figure-source';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';
import { upload } from './helpers/upload';
import { HEADER_ROW, readSheet } from './helpers/xlsx';

const HEADER = '村代码,贫困户数,贫困人口,脱贫户数,脱贫人口';
const figuresCsv = (v: VillageView, extraPoorPersons: number) =>
  `${HEADER}\r\n${v.code},${v.poorHouseholds},${v.poorPersons + extraPoorPersons},${v.exitedHouseholds},${v.exitedPersons}\r\n`;

async function importFigures(t: Awaited<ReturnType<typeof createTestApp>>, admin: Session, csv: string) {
  const preview = await upload<VillageImportPreview>(t.request, admin, '/api/import/villages/preview', { name: '村级统计.csv', bytes: csv });
  expect(preview.status, JSON.stringify(preview.body)).toBe(200);
  const commit = await admin.send('POST', '/api/import/villages/commit', { token: preview.body.token });
  expect(commit.status).toBe(200);
  return preview.body;
}

const villagesSheetPoorPersons = async (t: Awaited<ReturnType<typeof createTestApp>>, code: string) => {
  const { rows } = await readSheet(await (await t.request('/api/export/villages.xlsx')).arrayBuffer());
  const header = rows[HEADER_ROW] as string[];
  const row = rows.find((r) => r[header.findIndex((h) => String(h).includes('代码'))] === code)!;
  return row[header.findIndex((h) => String(h).startsWith('贫困人口'))];
};

describe.each(BACKENDS)('village figures on %s', (backend) => {
  describe('a county holding household records', () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let admin: Session;
    beforeAll(async () => {
      t = await createTestApp(backend, { households: true });
      admin = await login(t.request, 'admin');
    }, 120_000);
    afterAll(() => t.close());

    const summary = async () => (await t.json<Summary>('/api/stats/summary')).body;
    const village = async (code: string) => (await t.json<VillageView>(`/api/villages/${code}`)).body;

    it('shows no difference while the typed figures agree with the households', async () => {
      const { body } = await t.json<CountyFigureDifferences>('/api/figure-differences');
      expect(body).toEqual({ source: 'households', villages: [] });
    });

    it('keeps an imported figure as typed-in, shows by how much it differs, and changes no figure shown', async () => {
      const [v] = (await t.json<VillageView[]>('/api/villages')).body.filter((x) => x.poorPersons > 0);
      const before = await summary();
      const preview = await importFigures(t, admin, figuresCsv(v, 7));
      expect(preview.figureSource).toBe('households');
      expect(preview.changes[0].changes).toEqual({ poorPersons: { old: v.poorPersons, new: v.poorPersons + 7 } });

      expect((await village(v.code)).poorPersons).toBe(v.poorPersons);
      expect((await summary()).population.poorPersons).toBe(before.population.poorPersons);
      expect(await villagesSheetPoorPersons(t, v.code)).toBe(v.poorPersons);
      const { body } = await t.json<CountyFigureDifferences>('/api/figure-differences');
      expect(body.villages).toEqual([
        { code: v.code, name: v.name, nameEn: v.nameEn, townshipCode: v.townshipCode, differences: [{ field: 'poorPersons', typed: v.poorPersons + 7, fromHouseholds: v.poorPersons }] },
      ]);
      const panel = (await t.json<VillageHouseholdFigures>(`/api/villages/${v.code}/household-figures`)).body;
      expect(panel.differences).toEqual([{ field: 'poorPersons', typed: v.poorPersons + 7, fromHouseholds: v.poorPersons }]);
    });

    it('follows the households: an exit moves the village, its incidence, the summary, the township and the export', async () => {
      const [h] = await t.db.query<{ code: string; village: string; persons: number }>(
        `SELECT h.code, h.village_code AS village, (SELECT count(*)::int FROM members m WHERE m.household_code = h.code) AS persons
         FROM households h WHERE h.year_exited IS NULL ORDER BY h.code LIMIT 1`,
      );
      const v = await village(h.village);
      const before = await summary();
      const township = async () => (await t.json<Summary>(`/api/stats/summary?township=${v.townshipCode}`)).body.population.poorPersons;
      const townshipBefore = await township();
      await t.db.write(async (tx) => {
        await tx.query('UPDATE households SET year_exited = 2020 WHERE code = $1', [h.code]);
        expect(await deriveVillageFigures(tx, '140721')).toEqual([h.village]);
      });
      const after = await village(h.village);
      expect([after.poorHouseholds, after.poorPersons, after.exitedHouseholds, after.exitedPersons]).toEqual([
        v.poorHouseholds - 1, v.poorPersons - h.persons, v.exitedHouseholds + 1, v.exitedPersons + h.persons,
      ]);
      expect(after.povertyIncidence).toBeCloseTo((v.poorPersons - h.persons) / v.ruralPopulation);
      expect((await summary()).population.poorPersons).toBe(before.population.poorPersons - h.persons);
      expect(await township()).toBe(townshipBefore - h.persons);
      expect(await villagesSheetPoorPersons(t, h.village)).toBe(v.poorPersons - h.persons);
      const diff = (await t.json<CountyFigureDifferences>('/api/figure-differences')).body.villages.find((x) => x.code === h.village);
      expect(diff?.differences.map((d) => d.field)).toEqual(['poorHouseholds', 'poorPersons', 'exitedHouseholds', 'exitedPersons']);
    });

    it('refuses to type over the poor figures of a village', async () => {
      const [v] = (await t.json<VillageView[]>('/api/villages')).body;
      const { status, body } = await admin.send('PATCH', `/api/villages/${v.code}`, { version: v.version, poorPersons: v.poorPersons + 1 });
      expect(status).toBe(422);
      expect(body.error.code).toBe('figures_from_households');
    });
  });

  describe('a county without household records', () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let admin: Session;
    beforeAll(async () => {
      t = await createTestApp(backend);
      admin = await login(t.request, 'admin');
    }, 120_000);
    afterAll(() => t.close());

    it('takes its figures from the import, everywhere, with nothing to compare', async () => {
      const [v] = (await t.json<VillageView[]>('/api/villages')).body.filter((x) => x.poorPersons > 0);
      const before = (await t.json<Summary>('/api/stats/summary')).body.population.poorPersons;
      const preview = await importFigures(t, admin, figuresCsv(v, 7));
      expect(preview.figureSource).toBe('typed');
      expect((await t.json<VillageView>(`/api/villages/${v.code}`)).body.poorPersons).toBe(v.poorPersons + 7);
      expect((await t.json<Summary>('/api/stats/summary')).body.population.poorPersons).toBe(before + 7);
      expect(await villagesSheetPoorPersons(t, v.code)).toBe(v.poorPersons + 7);
      expect((await t.json('/api/figure-differences')).body).toEqual({ source: 'typed', villages: [] });
      expect((await t.json(`/api/villages/${v.code}/household-figures`)).body).toBeNull();
    });
  });
});
