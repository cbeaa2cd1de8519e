import { join } from 'node:path';
import { z } from 'zod';

export const REPO_ROOT = join(import.meta.dirname, '..');

const flag = z.enum(['0', '1', 'false', 'true']).default('0').transform((v) => v === '1' || v === 'true');

/** An XYZ tile URL template: http(s), with {z}, {x} and {y}; not a parsable URL as it stands ({s} may stand in the host). */
const tileTemplate = z
  .string()
  .regex(/^https?:\/\/[^\s"'<>]+$/, 'must be an http(s) URL')
  .refine((u) => ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), 'must contain {z}, {x} and {y}');

const env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** PGlite data directory, used when DATABASE_URL is not set. */
  DATA_DIR: z.string().default(join(REPO_ROOT, 'data/pgdata')),
  /** The portal's area: a county (140721) or a prefecture (433100, its 6-digit code ending in 00). */
  COUNTY_CODE: z.string().regex(/^\d{6}$/).default('140721'),
  GENERATED_DIR: z.string().default(join(REPO_ROOT, 'data/generated')),
  WEB_ROOT: z.string().default(join(REPO_ROOT, 'dist/web')),
  /** A PMTiles archive to serve instead of the county's, e.g. a province's from tiles/build-national.ts. */
  STATIC_ARCHIVE: z.string().optional(),
  /** Key of the encrypted ID numbers and phones, base64 of 32 bytes; else read from (or created in) PII_KEY_FILE. */
  PII_KEY: z.string().optional(),
  PII_KEY_FILE: z.string().default(join(REPO_ROOT, 'data/keys/pii.key')),
  /** Behind a reverse proxy: believe its X-Forwarded-Proto, -Host and -For. */
  TRUST_PROXY: flag,
  /** Mark the session cookie Secure whatever the request says (TLS ends before this server). */
  COOKIE_SECURE: flag,
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  LIVE_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(32),
  /**
   * auto: on a PostgreSQL server with PostGIS, keep geometry columns and cut dynamic tiles in SQL
   * (a province or the nation); off: always cut them in memory from whole layers (a county).
   */
  POSTGIS: z.enum(['auto', 'off']).default('auto'),
  /** Memory for encoded dynamic tiles, in MB; the least recently used go past it. */
  TILE_CACHE_MB: z.coerce.number().positive().default(256),
  /** A local basemap: PMTiles of vector tiles in the Protomaps schema (e.g. a province extract of a Protomaps build). */
  BASEMAP_PMTILES: z.string().optional(),
  BASEMAP_PMTILES_ATTRIBUTION: z.string().optional(),
  /** 天地图 key: offers its vector and imagery maps; TIANDITU_URL for an intranet mirror of its WMTS. */
  TIANDITU_KEY: z.string().regex(/^[0-9a-zA-Z]{8,64}$/).optional(),
  TIANDITU_URL: tileTemplate.optional(),
  /** Any XYZ raster tiles on the intranet, and its name and attribution. */
  BASEMAP_XYZ_URL: tileTemplate.optional(),
  BASEMAP_XYZ_NAME: z.string().max(40).optional(),
  BASEMAP_XYZ_ATTRIBUTION: z.string().max(200).optional(),
  /** Vector tiles in the Protomaps schema at an XYZ URL on the intranet. */
  BASEMAP_VECTOR_URL: tileTemplate.optional(),
  BASEMAP_VECTOR_ATTRIBUTION: z.string().max(200).optional(),
  /** The monthly warning rules (防返贫预警): 'off' leaves them to the on-demand run. */
  MONITORING_SCHEDULE: z.enum(['monthly', 'off']).default('monthly'),
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
