// The village list is kept between changes (services/layer-answer-cache.ts): a change anyone
// commits shows in the very next list, whatever was kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageView } from '../common/api';
import { createTestApp } from './helpers/app';
import { login } from './helpers/session';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the kept village list', () => {
  it('answers the same query alike, and shows an edit in the next answer', async () => {
    const first = await t.request('/api/villages?class=poor');
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const before: VillageView[] = await first.json();
    expect(await (await t.request('/api/villages?class=poor')).json()).toEqual(before);
    const all: VillageView[] = await (await t.request('/api/villages')).json();
    expect(all.length).toBeGreaterThan(before.length);

    const village = before[0];
    const pm = await login(t.request, 'xiangmu');
    const saved = await pm.send('PATCH', `/api/villages/${village.code}`, { version: village.version, infra: { ...village.infra, water: !village.infra.water } });
    expect(saved.status).toBe(200);

    for (const path of ['/api/villages?class=poor', '/api/villages']) {
      const list: VillageView[] = await (await t.request(path)).json();
      expect(list.find((v) => v.code === village.code)?.infra.water, path).toBe(!village.infra.water);
    }
  });
});
