import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Dataset } from '../../common/dataset';
import { line, setupBody } from '../../common/schemas';
import type { Db } from '../db/client';
import { HttpError } from '../http/errors';
import { parseBody, parseQuery } from '../http/validate';
import { assertSetupOpen, findCounties, runSetup, setupRequired } from '../services/setup';

export interface SetupGate {
  /** The one-time token printed to the server log at start. */
  token: string;
  /** Called once the county and admin are written: the server starts serving the portal. */
  completed(dataset: Dataset): Promise<void>;
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** First-run setup of a production portal: open until it has run once, and only with the log's token. */
export function setupRoutes(db: Db, gate: SetupGate) {
  return new Hono()
    .get('/', async (c) => c.json({ required: await setupRequired(db) }))
    .get('/counties', (c) => {
      const { q } = parseQuery(c, z.object({ q: line(50) }));
      return c.json(findCounties(q));
    })
    .post('/', async (c) => {
      const body = await parseBody(c, setupBody);
      await assertSetupOpen(db);
      if (!tokenMatches(gate.token, body.token)) {
        throw new HttpError(403, 'setup_token', '设置口令不正确：请查看服务器启动日志中的口令', 'Wrong setup token: see the token in the server log at start');
      }
      const dataset = await runSetup(db, body);
      await gate.completed(dataset);
      return c.json({ county: dataset.meta.county, townships: dataset.townships.length, villages: dataset.villages.length }, 201);
    });
}
