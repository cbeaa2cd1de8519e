import { Hono } from 'hono';
import { z } from 'zod';
import type { ChangeEvent } from '../../common/api';
import { householdCode } from '../../common/household-api';
import {
  caseListQuery, monitoringDeclare, monitoringLineEdit, monitoringStep, monitoringIdParam, warningListQuery, warningRun, warningVerify,
} from '../../common/monitoring';
import { requireUser, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import {
  casePage, declareCase, editMonitoringLine, householdMonitoring, monitoringLines, scopedFigures, stepCase, verifyWarning, warningPage,
} from '../services/monitoring';
import { runRulesOnDemand, type Raised } from '../services/warning-run';

const figureLevel = z.object({ level: z.enum(['county', 'township', 'village']).default('township') });

/** Tells the screens whose scope reaches a township that its monitoring changed: no ids, no names. */
export function announceMonitoring(ctx: AppContext, township: string, action: ChangeEvent['action'], by?: string, count = 1) {
  return announce(ctx, { entity: 'monitoring', id: '*', action, layer: null, by, township, count });
}

export const announceRaised = async (ctx: AppContext, raised: Raised, by?: string) => {
  for (const [township, count] of raised) await announceMonitoring(ctx, township, 'import', by, count);
};

/** 防返贫动态监测: signed in, scoped in services/scope.ts, never cached. */
export function monitoringRoutes(ctx: AppContext) {
  const { db } = ctx;
  const areaOf = (q: { village?: string; township?: string }) => q.village ?? q.township;
  return new Hono<AuthEnv>()
    .use(async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .get('/cases', async (c) => {
      const { stage, page, pageSize, ...area } = parseQuery(c, caseListQuery);
      return c.json(await casePage(db, requireUser(c), c.get('area').prefix, { stage, page, pageSize, area: areaOf(area) }));
    })
    .post('/cases', async (c) => {
      const user = requireUser(c);
      const { result, township } = await declareCase(db, user, c.get('area').prefix, await parseBody(c, monitoringDeclare));
      await announceMonitoring(ctx, township, 'create', user.username);
      return c.json(result, 201);
    })
    .post('/cases/:id/steps', async (c) => {
      const user = requireUser(c);
      const { id } = parseParams(c, monitoringIdParam);
      const { result, township } = await stepCase(db, user, c.get('area').prefix, id, await parseBody(c, monitoringStep));
      await announceMonitoring(ctx, township, 'update', user.username);
      return c.json(result);
    })
    .get('/households/:code', async (c) => {
      const { code } = parseParams(c, z.object({ code: householdCode }));
      return c.json(await householdMonitoring(db, requireUser(c), c.get('area').prefix, code));
    })
    .get('/warnings', async (c) => {
      const { page, pageSize, status, overdue, village } = parseQuery(c, warningListQuery);
      return c.json(await warningPage(db, requireUser(c), c.get('area').prefix, { page, pageSize, status, overdue, area: village }));
    })
    .post('/warnings/run', async (c) => {
      const user = requireUser(c);
      const { asOf } = await parseBody(c, warningRun);
      const raised = await runRulesOnDemand(db, user, c.get('area').prefix, asOf);
      await announceRaised(ctx, raised, user.username);
      return c.json({ raised: [...raised.values()].reduce((a, b) => a + b, 0) });
    })
    .post('/warnings/:id/verify', async (c) => {
      const user = requireUser(c);
      const { id } = parseParams(c, monitoringIdParam);
      const { result, township } = await verifyWarning(db, user, c.get('area').prefix, id, await parseBody(c, warningVerify));
      await announceMonitoring(ctx, township, 'update', user.username);
      return c.json(result);
    })
    .get('/lines', async (c) => {
      requireUser(c);
      return c.json(await monitoringLines(db));
    })
    .put('/lines', async (c) => c.json(await editMonitoringLine(db, requireUser(c), c.get('area').prefix, await parseBody(c, monitoringLineEdit))))
    .get('/figures', async (c) => {
      const { level } = parseQuery(c, figureLevel);
      return c.json(await scopedFigures(db, requireUser(c), c.get('area').prefix, level));
    });
}
