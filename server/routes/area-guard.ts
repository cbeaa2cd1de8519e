// Records outside the area a request may see (services/scope.ts, viewArea) answer as records that do
// not exist: a county-scoped user learns nothing of other counties' villages, sites or projects.
import type { Context } from 'hono';
import type { AuthEnv } from '../auth/middleware';
import { inViewArea } from '../services/scope';

/** `code`: a village's or township's code, or any code beneath the area. */
export function assertInArea(c: Context<AuthEnv>, code: string, missing: () => Error): void {
  if (!inViewArea(c.get('area'), code)) throw missing();
}

/** The record, when it exists and its township lies in the area. */
export function inArea<T extends { townshipCode: string }>(c: Context<AuthEnv>, record: T | undefined, missing: () => Error): T {
  if (record === undefined) throw missing();
  assertInArea(c, record.townshipCode, missing);
  return record;
}
