import { join } from 'node:path';
import { z } from 'zod';

export const REPO_ROOT = join(import.meta.dirname, '..');

const env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** PGlite data directory, used when DATABASE_URL is not set. */
  DATA_DIR: z.string().default(join(REPO_ROOT, 'data/pgdata')),
  COUNTY_CODE: z.string().regex(/^\d{6}$/).default('140721'),
  GENERATED_DIR: z.string().default(join(REPO_ROOT, 'data/generated')),
  WEB_ROOT: z.string().default(join(REPO_ROOT, 'dist/web')),
  /** A PMTiles archive to serve instead of the county's, e.g. a province's from tiles/build-national.ts. */
  STATIC_ARCHIVE: z.string().optional(),
  /** demo: Yushe (or COUNTY_CODE) with generated figures and demo users; production: no demo data, first-run setup. */
  FUPIN_MODE: z.enum(['demo', 'production']).default('demo'),
});

export type ServerConfig = z.infer<typeof env>;

export function loadConfig(source: NodeJS.ProcessEnv = process.env): ServerConfig {
  const result = env.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
