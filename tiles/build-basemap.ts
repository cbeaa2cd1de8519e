// A demo basemap in the Protomaps schema, cut from what the repository already holds for a county:
// land around it (earth), its township boundaries, its road projects as roads and its township and
// village names as places. A real deployment points BASEMAP_PMTILES at a Protomaps extract of its
// province instead; this one proves the path and gives the demo some context without a download.
// CLI: npx tsx tiles/build-basemap.ts [countyCode]   reads data/generated/<code>.json, writes <code>.basemap.pmtiles
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bbox, bboxPolygon, pointOnFeature, polygonToLine } from '@turf/turf';
import type { Dataset } from '../common/dataset';
import { cutLayers } from './cut-layers';
import { writePmtiles } from './pmtiles-writer';
import { formatBytes, type Bounds } from './tile-grid';

export const BASEMAP_ZOOMS = { minZoom: 6, maxZoom: 13 } as const;
/** Land this far around the county, in degrees: the map lets the user pan a county's width out. */
const MARGIN = 0.5;

const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
const named = (name: string, nameEn: string) => ({ name, 'name:zh': name, 'name:en': nameEn });

export function basemapLayers(dataset: Dataset): Record<string, GeoJSON.FeatureCollection> {
  const [w, s, e, n] = bbox(dataset.county);
  const boundaries = dataset.townships.flatMap((t) => {
    const lines = polygonToLine(t);
    const features = lines.type === 'FeatureCollection' ? lines.features : [lines];
    return features.map((f) => ({ ...f, properties: { kind: 'locality', kind_detail: 8 } }));
  });
  return {
    earth: collection([{ ...bboxPolygon([w - MARGIN, s - MARGIN, e + MARGIN, n + MARGIN]), properties: { kind: 'earth' } }]),
    boundaries: collection(boundaries),
    roads: collection(
      dataset.projects
        .filter((p) => p.geometry.type === 'LineString')
        .map((p) => ({
          type: 'Feature',
          geometry: p.geometry,
          properties: { kind: p.subtype === 'upgrade' ? 'major_road' : 'minor_road', kind_detail: 'unclassified', ...named(p.name, p.nameEn) },
        })),
    ),
    places: collection([
      ...dataset.townships.map((t) => ({
        type: 'Feature' as const,
        geometry: pointOnFeature(t).geometry,
        properties: { kind: 'locality', min_zoom: 8, population_rank: 8, ...named(t.properties.name, t.properties.nameEn) },
      })),
      ...dataset.villages.map((v) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: v.properties.center },
        properties: { kind: 'neighbourhood', min_zoom: 12, ...named(v.properties.name, v.properties.nameEn) },
      })),
    ]),
  };
}

export function buildBasemap(dataset: Dataset, log?: (line: string) => void): Buffer {
  const [w, s, e, n] = bbox(dataset.county);
  const bounds: Bounds = [w - MARGIN, s - MARGIN, e + MARGIN, n + MARGIN];
  const { minZoom, maxZoom } = BASEMAP_ZOOMS;
  const layers = basemapLayers(dataset);
  return writePmtiles(cutLayers(layers, bounds, { minZoom, maxZoom, log }), {
    metadata: {
      name: `${dataset.meta.county.nameEn} demo basemap`,
      attribution: '演示底图：由本县演示数据生成 Demo basemap from the county’s demo data',
      type: 'baselayer',
      format: 'pbf',
      vector_layers: Object.keys(layers).map((id) => ({ id, minzoom: minZoom, maxzoom: maxZoom, fields: {} })),
    },
    bounds,
    center: [(w + e) / 2, (s + n) / 2, 10],
    minZoom,
    maxZoom,
  });
}

function runCli(): void {
  const code = process.argv[2] ?? '140721';
  const generated = fileURLToPath(new URL('../data/generated/', import.meta.url));
  const dataset = JSON.parse(readFileSync(resolve(generated, `${code}.json`), 'utf8')) as Dataset;
  const archive = buildBasemap(dataset, console.log);
  const outPath = resolve(generated, `${code}.basemap.pmtiles`);
  writeFileSync(outPath, archive);
  console.log(`wrote ${outPath}: ${formatBytes(archive.length)}; serve it with BASEMAP_PMTILES=${outPath}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli();
