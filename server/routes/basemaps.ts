import { Hono } from 'hono';
import type { BasemapOption } from '../../common/basemaps';

/** The basemaps this deployment offers; the web app lists them in the layer panel. */
export function basemapRoutes(options: readonly BasemapOption[]) {
  return new Hono().get('/', (c) => c.json(options));
}
