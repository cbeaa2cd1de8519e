// Every acknowledged edit survives the server process being killed without warning.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEntry, ProjectView } from '../common/api';
import { startTestServer, type TestServer } from './helpers/server';
import { login } from './helpers/session';

const WRITERS = 4;
const KILL_AFTER_ACKS = 60;

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged edit across SIGKILL and restart', async () => {
    server = await startTestServer({ keepData: true });
    const base = server.url;
    const fetcher = (path: string, init?: RequestInit) => fetch(base + path, init);
    const pm = await login(fetcher, 'xiangmu');
    const projects = ((await (await fetcher('/api/projects?kind=road&status=under_construction')).json()) as ProjectView[]).slice(0, WRITERS);

    const acked = new Map<number, string[]>();
    let ackCount = 0;
    let killed = false;
    const writer = async (project: ProjectView) => {
      let version = project.version;
      for (let i = 0; !killed; i++) {
        const note = `edit-${project.id}-${i}`;
        const pct = Math.min(99, Math.floor(project.progressPct) + ((i % 50) + 1) / 100);
        try {
          const res = await pm.send('POST', `/api/projects/${project.id}/progress`, {
            version, recordedOn: '2020-01-01', progressPct: pct, status: 'under_construction', note,
          });
          if (res.status !== 201) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
          version = res.body.version;
          acked.set(project.id, [...(acked.get(project.id) ?? []), note]);
          if (++ackCount === KILL_AFTER_ACKS) {
            killed = true;
            // Requests of the other writers are still in flight: the kill lands mid-stream.
            await server!.kill('SIGKILL');
          }
        } catch (err) {
          if (killed) return;
          throw err;
        }
      }
    };
    await Promise.all(projects.map(writer));
    expect(ackCount).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    server = await startTestServer({ dataDir: server.dataDir, keepData: true });
    const after = (path: string) => fetch(server!.url + path).then((r) => r.json());
    for (const project of projects) {
      const notes = ((await after(`/api/projects/${project.id}/progress`)) as ProgressEntry[]).map((p) => p.note);
      for (const note of acked.get(project.id) ?? []) expect(notes).toContain(note);
      const current = (await after(`/api/projects/${project.id}`)) as ProjectView;
      expect(current.version).toBeGreaterThanOrEqual(project.version + (acked.get(project.id)?.length ?? 0));
    }
  }, 120_000);
});

describe('one server per PGlite data directory', () => {
  it('refuses a second server on a directory in use, and takes over after a crash', async () => {
    const first = await startTestServer({ keepData: true });
    try {
      await expect(startTestServer({ dataDir: first.dataDir })).rejects.toThrow(/in use by process/);
      await first.kill('SIGKILL');
      const second = await startTestServer({ dataDir: first.dataDir, keepData: true });
      expect((await fetch(`${second.url}/api/county`)).status).toBe(200);
      await second.stop();
    } finally {
      await first.kill('SIGKILL');
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
