import type { Context } from 'hono';
import { z } from 'zod';
import { codes } from '../../common/schemas';
import type { AuthEnv } from '../auth/middleware';
import type { Queryable } from '../db/client';
import { namesForViewer } from '../http/names';
import { parseQuery } from '../http/validate';
import { history, type AuditEntity } from '../services/audit';

export const HISTORY_PAGE_MAX = 200;

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_MAX),
  before: codes.id.optional(),
});

/**
 * A record's audit trail, newest first, one page: the body is the page's entries; X-Total-Count
 * gives the trail's length and, while older entries remain, X-Next-Before and a Link rel="next"
 * say where the next page starts.
 */
export async function historyAnswer(c: Context<AuthEnv>, db: Queryable, entityType: AuditEntity, entityId: string) {
  const query = parseQuery(c, pageQuery);
  const page = await history(db, entityType, entityId, query);
  c.header('X-Total-Count', String(page.total));
  if (page.nextBefore !== null) {
    c.header('X-Next-Before', String(page.nextBefore));
    c.header('Link', `<${c.req.path}?limit=${query.limit}&before=${page.nextBefore}>; rel="next"`);
  }
  return c.json(namesForViewer(c, page.entries, ['username']));
}
