import type { Context } from 'hono';
import type { AuthEnv } from '../auth/middleware';

/** Who did what is for signed-in users: anonymous screens get the records with those fields empty. */
export function namesForViewer<T extends object>(c: Context<AuthEnv>, rows: T[], fields: readonly (keyof T)[]): T[] {
  if (c.get('user')) return rows;
  const blank = Object.fromEntries(fields.map((field) => [field, null]));
  return rows.map((row) => ({ ...row, ...blank }));
}
