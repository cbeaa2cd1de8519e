import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { chinaToday, PROBLEM_ENTITY_TYPES, PROBLEM_STATUSES, problemCreate, problemFix, problemStep, type Problem } from '../../common/problems';
import { requirePermission, requireUser, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { codes } from '../../common/schemas';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { getProblem, listProblems } from '../repo/problems';
import { namesForViewer } from '../http/names';
import { receipted, takesRequestId } from '../http/request-receipts';
import { inArea } from './area-guard';
import { historyAnswer } from './history';
import { closeProblem, fixProblem, logProblem } from '../services/problem-ledger';

const listQuery = z.object({
  status: z.enum(PROBLEM_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).transform((s) => s === 'true').optional(),
  entityType: z.enum(PROBLEM_ENTITY_TYPES).optional(),
  entityId: codes.entity.optional(),
  township: codes.township.optional(),
});
const idParam = z.object({ id: codes.id });

/** Map markers: every problem not yet closed, as points the map styles by status and overdue. */
const markers = (problems: Problem[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: problems
    .filter((p) => p.status !== 'closed')
    .map((p) => ({
      type: 'Feature',
      id: p.id,
      geometry: { type: 'Point', coordinates: p.location },
      properties: { id: p.id, title: p.title, status: p.status, overdue: p.overdue, entityType: p.entityType, entityName: p.entityName, deadline: p.deadline },
    })),
});

const PROBLEM_NAMES = ['createdBy', 'fixedBy', 'closedBy'] as const;

export function problemRoutes(ctx: AppContext) {
  const { db, geo } = ctx;
  const changed = (p: Problem, action: 'create' | 'fix' | 'close', by: string) =>
    announce(ctx, { entity: 'problem', id: String(p.id), action, layer: null, by });
  const visible = async (c: Context<AuthEnv>, id: number) => inArea(c, await getProblem(db, chinaToday(), id), () => notFound(`问题 ${id}`, `Problem ${id}`));
  return new Hono<AuthEnv>()
    .get('/', async (c) => c.json(namesForViewer(c, await listProblems(db, chinaToday(), { county: c.get('area').prefix, ...parseQuery(c, listQuery) }), PROBLEM_NAMES)))
    .get('/map', async (c) => c.json(markers(await listProblems(db, chinaToday(), { county: c.get('area').prefix }))))
    .get('/:id', async (c) => {
      const problem = await visible(c, parseParams(c, idParam).id);
      return c.json(namesForViewer(c, [problem], PROBLEM_NAMES)[0]);
    })
    .get('/:id/history', async (c) => {
      const { id } = parseParams(c, idParam);
      await visible(c, id);
      return historyAnswer(c, db, 'problem', String(id));
    })
    .post('/', takesRequestId(db), async (c) => {
      const user = requirePermission(c, 'manageProblems');
      const created = await logProblem(receipted(c, db, 201), geo, user, await parseBody(c, problemCreate));
      await changed(created, 'create', user.username);
      return c.json(created, 201);
    })
    .post('/:id/fix', takesRequestId(db), async (c) => {
      const user = requirePermission(c, 'manageProblems');
      const { id } = parseParams(c, idParam);
      await visible(c, id);
      const fixed = await fixProblem(receipted(c, db, 200), user, id, await parseBody(c, problemFix));
      await changed(fixed, 'fix', user.username);
      return c.json(fixed);
    })
    .post('/:id/close', async (c) => {
      const user = requireUser(c);
      const { id } = parseParams(c, idParam);
      await visible(c, id);
      const closed = await closeProblem(db, user, id, await parseBody(c, problemStep));
      await changed(closed, 'close', user.username);
      return c.json(closed);
    });
}
