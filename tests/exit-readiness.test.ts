// The exit-criteria work list's query: /api/villages?readiness= returns exactly the villages whose
// exit check says so, the counts the summary reports, and follows an edit at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary, VillageView } from '../common/api';
import { EXIT_READINESS } from '../common/indicators';
import { BACKENDS, createTestApp } from './helpers/app';
import { login } from './helpers/session';

describe.each(BACKENDS)('villages by exit readiness on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('partitions the villages by readiness, as the summary counts them', async () => {
    const all = (await t.json<VillageView[]>('/api/villages')).body;
    const summary = (await t.json<Summary>('/api/stats/summary')).body;
    const counted = { ready: summary.villages.ready, not_ready: summary.villages.notReady, wrong_exit: summary.villages.wrongExit };
    let total = 0;
    for (const readiness of EXIT_READINESS) {
      const { status, body } = await t.json<VillageView[]>(`/api/villages?readiness=${readiness}`);
      expect(status).toBe(200);
      expect(body.map((v) => v.code)).toEqual(all.filter((v) => v.exitCheck.readiness === readiness).map((v) => v.code));
      if (readiness in counted) expect(body).toHaveLength(counted[readiness as keyof typeof counted]);
      total += body.length;
    }
    expect(total).toBe(all.length);
    // The demo county has villages in each group the work list shows.
    for (const n of Object.values(counted)) expect(n).toBeGreaterThan(0);
  });

  it('combines with the township filter', async () => {
    const wrong = (await t.json<VillageView[]>('/api/villages?readiness=wrong_exit')).body;
    const township = wrong[0].townshipCode;
    const { body } = await t.json<VillageView[]>(`/api/villages?readiness=wrong_exit&township=${township}`);
    expect(body.map((v) => v.code)).toEqual(wrong.filter((v) => v.townshipCode === township).map((v) => v.code));
  });

  it('moves a village between groups when an edit meets the last failing criterion', async () => {
    const [village] = (await t.json<VillageView[]>('/api/villages?readiness=wrong_exit')).body;
    const admin = await login(t.request, 'admin');
    // Meeting every criterion: no poor persons left, every required item done, enough collective income.
    const infra = Object.fromEntries(Object.keys(village.infra).map((item) => [item, true]));
    const saved = await admin.send('PATCH', `/api/villages/${village.code}`, {
      version: village.version, poorPersons: 0, poorHouseholds: 0, infra, collectiveIncome: 80_000,
    });
    expect(saved.status).toBe(200);
    const codes = async (readiness: string) => (await t.json<VillageView[]>(`/api/villages?readiness=${readiness}`)).body.map((v) => v.code);
    expect(await codes('wrong_exit')).not.toContain(village.code);
    expect(await codes('exited')).toContain(village.code);
  });

  it('refuses an unknown readiness with a bilingual error', async () => {
    const { status, body } = await t.json('/api/villages?readiness=almost');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toContain('readiness');
    expect(body.error.messageEn).toContain('readiness');
  });
});
