import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ProjectView } from '../../common/api';
import { PROJECT_KINDS, PROJECT_STATUSES } from '../../common/domain';
import { correction, progressRecord, projectCreate, projectPatch } from '../../common/schemas';
import type { Permission } from '../../common/roles';
import { requirePermission, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { codes } from '../../common/schemas';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { getProject, listDeletedProjects, listProjects } from '../repo/projects';
import { namesForViewer } from '../http/names';
import { historyAnswer } from './history';
import { deleteProject, restoreProgress, restoreProject, retractProgress } from '../services/corrections';
import { createProject, editProject, progressHistory, recordProgress } from '../services/project-edits';
import { projectTileAreas } from '../tiles/change-areas';

const listQuery = z.object({
  kind: z.enum(PROJECT_KINDS).optional(),
  township: codes.township.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
});
const idParam = z.object({ id: codes.id });
const reportParam = z.object({ id: codes.id, reportId: codes.id });
const layerOf = (p: ProjectView) => (p.kind === 'road' ? 'roads' : 'water');

export function projectRoutes(ctx: AppContext) {
  const { db, geo, countyCode } = ctx;
  const existing = async (id: number) => {
    const project = await getProject(db, id);
    if (!project) throw notFound(`项目 ${id}`, `Project ${id}`);
    return project;
  };
  /** Retracting a progress report, or restoring one: the project's figures follow, like any edit. */
  const correctReport = async (c: Context<AuthEnv>, permission: Permission, apply: typeof retractProgress) => {
    const user = requirePermission(c, permission);
    const { id, reportId } = parseParams(c, reportParam);
    const updated = await apply(db, user, id, reportId, await parseBody(c, correction));
    await announce(ctx, { entity: 'project', id: String(id), action: 'progress', layer: layerOf(updated), by: user.username, tileAreas: projectTileAreas(updated) });
    return c.json(updated);
  };
  return new Hono<AuthEnv>()
    .get('/', async (c) => c.json(await listProjects(db, { county: countyCode, ...parseQuery(c, listQuery) })))
    .get('/deleted', async (c) => {
      requirePermission(c, 'restoreRecords');
      return c.json(await listDeletedProjects(db, countyCode));
    })
    .get('/:id', async (c) => c.json(await existing(parseParams(c, idParam).id)))
    .get('/:id/history', (c) => historyAnswer(c, db, 'project', String(parseParams(c, idParam).id)))
    .get('/:id/progress', async (c) => {
      const { id } = parseParams(c, idParam);
      await existing(id);
      return c.json(namesForViewer(c, await progressHistory(db, id), ['username']));
    })
    .post('/', async (c) => {
      const user = requirePermission(c, 'editProjects');
      const created = await createProject(db, geo, user, await parseBody(c, projectCreate));
      await announce(ctx, { entity: 'project', id: String(created.id), action: 'create', layer: layerOf(created), by: user.username, tileAreas: projectTileAreas(created) });
      return c.json(created, 201);
    })
    .patch('/:id', async (c) => {
      const user = requirePermission(c, 'editProjects');
      const { id } = parseParams(c, idParam);
      const before = await existing(id);
      const updated = await editProject(db, geo, user, id, await parseBody(c, projectPatch));
      // An edit may move the line or point: the tiles of where it was are stale too.
      await announce(ctx, { entity: 'project', id: String(id), action: 'update', layer: layerOf(updated), by: user.username, tileAreas: projectTileAreas(before, updated) });
      return c.json(updated);
    })
    .post('/:id/progress', async (c) => {
      const user = requirePermission(c, 'editProjects');
      const { id } = parseParams(c, idParam);
      const updated = await recordProgress(db, user, id, await parseBody(c, progressRecord));
      await announce(ctx, { entity: 'project', id: String(id), action: 'progress', layer: layerOf(updated), by: user.username, tileAreas: projectTileAreas(updated) });
      return c.json(updated, 201);
    })
    .post('/:id/progress/:reportId/retract', (c) => correctReport(c, 'editProjects', retractProgress))
    .post('/:id/progress/:reportId/restore', (c) => correctReport(c, 'restoreRecords', restoreProgress))
    .post('/:id/delete', async (c) => {
      const user = requirePermission(c, 'editProjects');
      const deleted = await deleteProject(db, user, parseParams(c, idParam).id, await parseBody(c, correction));
      await announce(ctx, { entity: 'project', id: String(deleted.id), action: 'delete', layer: layerOf(deleted), by: user.username, tileAreas: projectTileAreas(deleted) });
      return c.json(deleted);
    })
    .post('/:id/restore', async (c) => {
      const user = requirePermission(c, 'restoreRecords');
      const restored = await restoreProject(db, user, parseParams(c, idParam).id, await parseBody(c, correction));
      await announce(ctx, { entity: 'project', id: String(restored.id), action: 'restore', layer: layerOf(restored), by: user.username, tileAreas: projectTileAreas(restored) });
      return c.json(restored);
    });
}
