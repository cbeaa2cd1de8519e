// The basemaps of this deployment, from its environment, with the local archive opened once.
import type { ServerConfig } from '../config';
import { openBasemapArchive } from '../tiles/basemap-archive';
import { basemapOptions, TIANDITU_URL } from './basemaps';

export async function configuredBasemaps(config: ServerConfig) {
  const local = config.BASEMAP_PMTILES ? await openBasemapArchive(config.BASEMAP_PMTILES) : undefined;
  const options = basemapOptions({
    hasLocalArchive: local !== undefined,
    localAttribution: config.BASEMAP_PMTILES_ATTRIBUTION ?? local?.attribution,
    tiandituKey: config.TIANDITU_KEY,
    tiandituUrl: config.TIANDITU_URL ?? TIANDITU_URL,
    xyzRasterUrl: config.BASEMAP_XYZ_URL,
    xyzRasterName: config.BASEMAP_XYZ_NAME,
    xyzRasterAttribution: config.BASEMAP_XYZ_ATTRIBUTION,
    xyzVectorUrl: config.BASEMAP_VECTOR_URL,
    xyzVectorAttribution: config.BASEMAP_VECTOR_ATTRIBUTION,
  });
  return { options, archive: local?.archive };
}
