// Several server instances on one PostgreSQL, as a province or the nation runs them (README,
// "Running a province or the nation"): separate Node processes, each started as `npm start`
// starts one; an edit on one reaches the other's open screens, tiles and cached answers, and
// deploy/nginx.conf spreads a browser's requests over both.
import { VectorTile } from '@mapbox/vector-tile';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { ChangeEvent, LiveHello, VillageView } from '../common/api';
import { openDb } from '../server/db/open-db';
import type { Db } from '../server/db/client';
import { archivePath } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { freshDatabaseUrl } from './helpers/app';
import { deployedNginx, nginxAvailable, type Nginx } from './helpers/nginx';
import { startTestServer, type TestServer } from './helpers/server';
import { login, type Fetcher, type Session } from './helpers/session';
import { sseReader } from './helpers/sse';
import { tileOf } from './helpers/tile-coords';

const fetcher = (base: string): Fetcher => (path, init) => fetch(`${base}${path}`, init);

/** Gives up after `ms` rather than waiting for the test's own timeout, saying what never came. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function openEvents(base: string, lastEventId?: number) {
  const res = await fetch(`${base}/api/events`, { headers: lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) } });
  expect(res.status).toBe(200);
  const stream = sseReader(res.body!);
  const hello = JSON.parse((await stream.nextOf('hello')).data) as LiveHello;
  return { stream, hello };
}

/** The village's feature in the dynamic villages tile at z13, as the given instance serves it at this version. */
async function villageInTile(base: string, village: VillageView, version: number) {
  const { z, x, y } = tileOf(village.center[0], village.center[1], 13);
  const res = await fetch(`${base}/tiles/villages/${z}/${x}/${y}.mvt?v=${version}`);
  expect(res.status).toBe(200);
  const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.villages;
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((f) => f.properties.code === village.code)!.properties;
}

const getVillage = async (base: string, code: string) => (await (await fetch(`${base}/api/villages/${code}`)).json()) as VillageView;

/** Flips one infrastructure item of the village: its completion, in the tiles and the list, moves. */
async function flipInfra(admin: Session, base: string, code: string): Promise<VillageView> {
  const current = await getVillage(base, code);
  const [item] = Object.keys(current.infra) as (keyof VillageView['infra'])[];
  const res = await admin.send('PATCH', `/api/villages/${code}`, { version: current.version, infra: { [item]: !current.infra[item] } });
  expect(res.status).toBe(200);
  return res.body as VillageView;
}

describe.skipIf(!inject('postgresUrl'))('two server instances on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  let db: Db;
  let village: VillageView;
  const archive = archivePath(loadConfig({}));

  beforeAll(async () => {
    const url = await freshDatabaseUrl();
    // What every instance shares (README): the database, the personal-data key and the static archive.
    const env = { DATABASE_URL: url, PII_KEY: randomBytes(32).toString('base64'), STATIC_ARCHIVE: archive, TRUST_PROXY: '1' };
    // The first start creates and seeds the schema; the second finds it in place.
    a = await startTestServer({ env });
    b = await startTestServer({ env });
    db = await openDb({ databaseUrl: url });
    const villages = (await (await fetch(`${b.url}/api/villages`)).json()) as VillageView[];
    village = villages.find((v) => Object.keys(v.infra).length > 0)!;
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("delivers an edit made on one instance to the other's open screens, tiles and village list", async () => {
    const admin = await login(fetcher(a.url), 'admin');
    const { stream, hello } = await openEvents(b.url);
    const before = await villageInTile(b.url, village, hello.versions.villages);
    // The list is cached per tile version on each instance: asked once here, it is kept.
    await fetch(`${b.url}/api/villages`);

    const edited = await flipInfra(admin, a.url, village.code);
    const change = JSON.parse((await within(5000, 'the change on the other instance', stream.nextOf('change'))).data) as ChangeEvent;
    expect(change).toMatchObject({ entity: 'village', id: village.code, action: 'update', layer: 'villages' });
    expect(change.versions.villages).toBeGreaterThan(hello.versions.villages);

    const after = await villageInTile(b.url, village, change.versions.villages);
    expect(after.infraCompletion).not.toBeCloseTo(before.infraCompletion as number, 5);
    expect(after.infraCompletion).toBeCloseTo(edited.infraCompletion, 5);
    const listed = ((await (await fetch(`${b.url}/api/villages`)).json()) as VillageView[]).find((v) => v.code === village.code)!;
    expect(listed.infraCompletion).toBeCloseTo(edited.infraCompletion, 5);
    // Both instances hand out the same versions, so a tile URL means the same data on either.
    expect(await (await fetch(`${a.url}/api/tiles/versions`)).json()).toEqual(await (await fetch(`${b.url}/api/tiles/versions`)).json());
    await stream.cancel();
  });

  it('on PostGIS, drops on the other instance only the tiles the edit touched: a tile far away stays cached', async () => {
    // The instances found PostGIS on the test server and enabled it at start (server/db/postgis.ts).
    const [{ postgis }] = await db.query<{ postgis: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') AS postgis");
    expect(postgis).toBe(true);
    const villages = (await (await fetch(`${b.url}/api/villages`)).json()) as VillageView[];
    const distance = (v: VillageView) => Math.hypot(v.center[0] - village.center[0], v.center[1] - village.center[1]);
    const far = villages.reduce((best, v) => (distance(v) > distance(best) ? v : best));
    const near = tileOf(village.center[0], village.center[1], 13);
    const away = tileOf(far.center[0], far.center[1], 13);
    expect(Math.max(Math.abs(near.x - away.x), Math.abs(near.y - away.y))).toBeGreaterThan(2);

    const { stream, hello } = await openEvents(b.url);
    const before = await villageInTile(b.url, village, hello.versions.villages);
    const farBefore = await villageInTile(b.url, far, hello.versions.villages);
    // Behind both servers' backs, unannounced: a tile cut afresh from the database shows this name, a cached one the old.
    const original = far.name;
    await db.query('UPDATE villages SET name = $2 WHERE code = $1', [far.code, `${original}（未通告）`]);
    try {
      const admin = await login(fetcher(a.url), 'admin');
      const edited = await flipInfra(admin, a.url, village.code);
      const change = JSON.parse((await within(5000, 'the change on the other instance', stream.nextOf('change'))).data) as ChangeEvent;
      // The areas travel with the event through change_log for the instances' caches, never to a screen.
      expect(change).not.toHaveProperty('tileAreas');
      const [logged] = await db.query<{ areas: unknown[] }>("SELECT event->'tileAreas' AS areas FROM change_log WHERE id = $1", [change.seq]);
      expect(logged.areas.length).toBeGreaterThan(0);

      const after = await villageInTile(b.url, village, change.versions.villages);
      expect(after.infraCompletion).not.toBeCloseTo(before.infraCompletion as number, 5);
      expect(after.infraCompletion).toBeCloseTo(edited.infraCompletion, 5);
      expect((await villageInTile(b.url, far, change.versions.villages)).name).toBe(farBefore.name);
      expect(farBefore.name).toBe(original);
    } finally {
      await db.query('UPDATE villages SET name = $2 WHERE code = $1', [far.code, original]);
      await stream.cancel();
    }
  });

  it('replays to a screen that reconnects to the other instance what it missed, the same events', async () => {
    const admin = await login(fetcher(b.url), 'admin');
    const { stream, hello } = await openEvents(b.url);
    await flipInfra(admin, b.url, village.code);
    const live = await within(5000, 'the change', stream.nextOf('change'));
    await stream.cancel();

    const resumed = await openEvents(a.url, hello.lastId);
    const replayed = await within(5000, 'the replay', resumed.stream.nextOf('change'));
    expect(replayed.id).toBe(live.id);
    expect(JSON.parse(replayed.data)).toEqual(JSON.parse(live.data));
    await resumed.stream.cancel();

    // An id older than the log keeps: told to reload, on whichever instance.
    await db.query('DELETE FROM change_log WHERE id < $1', [Number(live.id)]);
    const stale = await openEvents(a.url, Number(live.id) - 2);
    expect((await stale.stream.next())?.event).toBe('reload');
    await stale.stream.cancel();
  });

  it('listens again after its LISTEN connection drops, and delivers what was committed meanwhile', async () => {
    const listeners = () => db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE query ILIKE 'listen %' AND datname = current_database()`);
    const dropped = (await listeners()).map((r) => r.pid);
    expect(dropped).toHaveLength(2);
    const { stream } = await openEvents(b.url);
    await db.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [dropped]);
    const admin = await login(fetcher(a.url), 'admin');
    await flipInfra(admin, a.url, village.code);
    const change = JSON.parse((await within(10_000, 'the change after the drop', stream.nextOf('change'))).data) as ChangeEvent;
    expect(change.id).toBe(village.code);
    await stream.cancel();
    await expect.poll(async () => (await listeners()).map((r) => r.pid).filter((pid) => !dropped.includes(pid)), { timeout: 10_000 }).toHaveLength(2);
  });

  describe.skipIf(!nginxAvailable())('behind nginx with deploy/nginx.conf', () => {
    let nginx: Nginx;
    beforeAll(async () => {
      nginx = await deployedNginx([a.url, b.url], archive);
    });
    afterAll(() => nginx?.stop());

    it('spreads requests round robin, and every screen sees every edit with its new tile', async () => {
      const admin = await login(fetcher(nginx.url), 'admin');
      const screens = await Promise.all([openEvents(nginx.url), openEvents(nginx.url)]);
      const edited = await flipInfra(admin, nginx.url, village.code);
      for (const { stream } of screens) {
        const change = JSON.parse((await within(5000, 'the change through nginx', stream.nextOf('change'))).data) as ChangeEvent;
        expect(change.id).toBe(village.code);
        // Four tile requests, two to each instance: all of them the new figure.
        for (let i = 0; i < 2; i++) {
          expect((await villageInTile(nginx.url, village, change.versions.villages)).infraCompletion).toBeCloseTo(edited.infraCompletion, 5);
        }
        await stream.cancel();
      }
      const upstreams = new Set(readFileSync(join(nginx.dir, 'access.log'), 'utf8').match(/upstream=\S+/g));
      expect(upstreams).toEqual(new Set([`upstream=${new URL(a.url).host}`, `upstream=${new URL(b.url).host}`]));
    });

    it("takes a browser's writes on the port nginx listens on: the Origin it sends names that port", async () => {
      // Here nginx listens on a port of its own, as on an intranet's 8080; a browser sends Origin with it.
      const browserLike: Fetcher = (path, init) => fetch(`${nginx.url}${path}`, { ...init, headers: { ...init?.headers, Origin: nginx.url } });
      const admin = await login(browserLike, 'admin');
      expect((await flipInfra(admin, nginx.url, village.code)).code).toBe(village.code);
    });

    it('serves the static archive from the file itself, by Range, the same bytes the instances serve', async () => {
      const range = { Range: 'bytes=0-16383' };
      const direct = await fetch(`${nginx.url}/tiles/static.pmtiles`, { headers: range });
      expect(direct.status).toBe(206);
      expect(direct.headers.get('content-type')).toBe('application/vnd.pmtiles');
      const fromInstance = await fetch(`${a.url}/tiles/static.pmtiles`, { headers: range });
      expect(Buffer.from(await direct.arrayBuffer())).toEqual(Buffer.from(await fromInstance.arrayBuffer()));
      expect(readFileSync(join(nginx.dir, 'access.log'), 'utf8')).toMatch(/static\.pmtiles HTTP\/1\.1" 206 16384 \S+ upstream=-/);
    });
  });
});
