import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ProjectView } from '../../common/api';
import { PROJECT_KINDS, PROJECT_STATUSES } from '../../common/domain';
import { correction, progressRecord, projectCreate, projectPatch } from '../../common/schemas';
import type { Permission } from '../../common/roles';
import { requirePermission, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { DomainError, notFound } from '../services/domain-error';
import { codes } from '../../common/schemas';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { receipted, takesRequestId } from '../http/request-receipts';
import { getProject, listDeletedProjects, listProjects } from '../repo/projects';
import { namesForViewer } from '../http/names';
import { assertInArea, inArea } from './area-guard';
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
const outsideArea = () => new DomainError('unprocessable', 'outside_county', '项目须位于您所辖的县内', 'The project must lie inside your county');

export function projectRoutes(ctx: AppContext) {
  const { db, geo } = ctx;
  /** A project outside the area the request may see answers as one that does not exist, for reads and edits alike. */
  const existing = async (c: Context<AuthEnv>, id: number) => inArea(c, await getProject(db, id), () => notFound(`项目 ${id}`, `Project ${id}`));
  /** A deleted project keeps its history and can be restored: it exists for those two, within the area. */
  const recorded = async (c: Context<AuthEnv>, id: number) =>
    inArea(c, (await getProject(db, id)) ?? (await getProject(db, id, 'deleted')), () => notFound(`项目 ${id}`, `Project ${id}`));
  /** Retracting a progress report, or restoring one: the project's figures follow, like any edit. */
  const correctReport = async (c: Context<AuthEnv>, permission: Permission, apply: typeof retractProgress) => {
    const user = requirePermission(c, permission);
    const { id, reportId } = parseParams(c, reportParam);
    await existing(c, id);
    const updated = await apply(db, user, id, reportId, await parseBody(c, correction));
    await announce(ctx, { entity: 'project', id: String(id), action: 'progress', layer: layerOf(updated), by: user.username, tileAreas: projectTileAreas(updated) });
    return c.json(updated);
  };
  return new Hono<AuthEnv>()
    .get('/', async (c) => c.json(await listProjects(db, { county: c.get('area').prefix, ...parseQuery(c, listQuery) })))
    .get('/deleted', async (c) => {
      requirePermission(c, 'restoreRecords');
      return c.json(await listDeletedProjects(db, c.get('area').prefix));
    })
    .get('/:id', async (c) => c.json(await existing(c, parseParams(c, idParam).id)))
    .get('/:id/history', async (c) => {
      const { id } = parseParams(c, idParam);
      await recorded(c, id);
      return historyAnswer(c, db, 'project', String(id));
    })
    .get('/:id/progress', async (c) => {
      const { id } = parseParams(c, idParam);
      await existing(c, id);
      return c.json(namesForViewer(c, await progressHistory(db, id), ['username']));
    })
    .post('/', async (c) => {
      const user = requirePermission(c, 'editProjects');
      const body = await parseBody(c, projectCreate);
      // A county-scoped editor draws inside their county only.
      assertInArea(c, (await geo.locate(body.geometry)).townshipCode, outsideArea);
      const created = await createProject(db, geo, user, body);
      await announce(ctx, { entity: 'project', id: String(created.id), action: 'create', layer: layerOf(created), by: user.username, tileAreas: projectTileAreas(created) });
      return c.json(created, 201);
    })
    .patch('/:id', async (c) => {
      const user = requirePermission(c, 'editProjects');
      const { id } = parseParams(c, idParam);
      const before = await existing(c, id);
      const updated = await editProject(db, geo, user, id, await parseBody(c, projectPatch));
      // An edit may move the line or point: the tiles of where it was are stale too.
      await announce(ctx, { entity: 'project', id: String(id), action: 'update', layer: layerOf(updated), by: user.username, tileAreas: projectTileAreas(before, updated) });
      return c.json(updated);
    })
    .post('/:id/progress', takesRequestId(db), async (c) => {
      const user = requirePermission(c, 'editProjects');
      const { id } = parseParams(c, idParam);
      await existing(c, id);
      const updated = await recordProgress(receipted(c, db, 201), user, id, await parseBody(c, progressRecord));
      await announce(ctx, { entity: 'project', id: String(id), action: 'progress', layer: layerOf(updated), by: user.username, tileAreas: projectTileAreas(updated) });
      return c.json(updated, 201);
    })
    .post('/:id/progress/:reportId/retract', (c) => correctReport(c, 'editProjects', retractProgress))
    .post('/:id/progress/:reportId/restore', (c) => correctReport(c, 'restoreRecords', restoreProgress))
    .post('/:id/delete', async (c) => {
      const user = requirePermission(c, 'editProjects');
      const { id } = parseParams(c, idParam);
      await existing(c, id);
      const deleted = await deleteProject(db, user, id, await parseBody(c, correction));
      await announce(ctx, { entity: 'project', id: String(deleted.id), action: 'delete', layer: layerOf(deleted), by: user.username, tileAreas: projectTileAreas(deleted) });
      return c.json(deleted);
    })
    .post('/:id/restore', async (c) => {
      const user = requirePermission(c, 'restoreRecords');
      const { id } = parseParams(c, idParam);
      await recorded(c, id);
      const restored = await restoreProject(db, user, id, await parseBody(c, correction));
      await announce(ctx, { entity: 'project', id: String(restored.id), action: 'restore', layer: layerOf(restored), by: user.username, tileAreas: projectTileAreas(restored) });
      return c.json(restored);
    });
}
