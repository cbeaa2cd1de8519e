// Reshaping a project's line or moving its point on the map, with terra-draw's select mode: it
// handles dragging vertices, inserting them at midpoints and deleting them, by mouse and by touch,
// which the hand-written sketch tool (map/sketch.ts, for new lines) does not need to.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { onScopeDispose, watch } from 'vue';
import type { LonLat, ProjectView } from '../../../common/api';
import { geojsonUrl } from '../api/office';
import { useDataStore } from '../stores/data';
import { useReshapeStore } from '../stores/reshape';
import { SKETCH } from './palette';
import { nearestWithin, projectEnds } from './snap';

/** Far enough to catch a finger, near enough not to jump across a village. */
const SNAP_PX = matchMedia('(pointer: coarse)').matches ? 22 : 12;

type Geometry = ProjectView['geometry'];

const ID_PREFIX = 'reshape-';
let idCount = 0;
const nextId = () => `${ID_PREFIX}${++idCount}`;

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Other projects' ends, fetched once per reshape: the county's projects are a small layer. */
async function otherProjectEnds(excludeId: number): Promise<LonLat[]> {
  const response = await fetch(geojsonUrl('projects'));
  if (!response.ok) return [];
  const layer = (await response.json()) as GeoJSON.FeatureCollection;
  return projectEnds(layer.features.filter((f) => f.id !== excludeId && f.properties?.id !== excludeId).map((f) => f.geometry));
}

function cleaned(geometry: GeoJSON.Geometry): Geometry | null {
  if (geometry.type === 'Point') return { type: 'Point', coordinates: [round6(geometry.coordinates[0]), round6(geometry.coordinates[1])] };
  if (geometry.type === 'LineString') {
    return { type: 'LineString', coordinates: geometry.coordinates.map(([lon, lat]) => [round6(lon), round6(lat)] as LonLat) };
  }
  return null;
}

/** Wires the reshape store to the map that `getMap` returns; call from the component owning the map. */
export function useReshapeOnMap(getMap: () => MapLibreMap | null): void {
  const reshape = useReshapeStore();
  const data = useDataStore();
  let draw: TerraDraw | null = null;
  let snapTargets: LonLat[] = [];
  let featureId: string | null = null;

  function show(geometry: Geometry): void {
    if (!draw) return;
    if (featureId && draw.getSnapshotFeature(featureId)) draw.removeFeatures([featureId]);
    featureId = nextId();
    draw.addFeatures([{ id: featureId, type: 'Feature', geometry, properties: { mode: geometry.type === 'Point' ? 'point' : 'linestring' } }]);
    draw.selectFeature(featureId);
  }

  function begin(map: MapLibreMap, id: number, geometry: Geometry): void {
    snapTargets = data.villages.map((v) => v.center);
    void otherProjectEnds(id).then((ends) => (snapTargets = [...snapTargets, ...ends]));
    const snapping = {
      toCustom: (event: { containerX: number; containerY: number }, context: { project: (lng: number, lat: number) => { x: number; y: number } }) =>
        nearestWithin(snapTargets, { x: event.containerX, y: event.containerY }, context.project, SNAP_PX),
    };
    draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 6 }),
      // terra-draw's default ids come from crypto.randomUUID, which browsers withhold from plain
      // http pages (an intranet portal); its guidance points take ids from the same strategy.
      idStrategy: { isValidId: (id) => typeof id === 'string' && id.startsWith(ID_PREFIX), getId: nextId },
      modes: [
        new TerraDrawLineStringMode({ styles: { lineStringColor: SKETCH.line, lineStringWidth: 4 } }),
        new TerraDrawPointMode({ styles: { pointColor: SKETCH.line, pointWidth: 8 } }),
        new TerraDrawSelectMode({
          allowManualDeselection: false,
          keyEvents: null,
          flags: {
            linestring: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping } } },
            point: { feature: { draggable: true, coordinates: { snappable: snapping } } },
          },
          styles: {
            selectedLineStringColor: SKETCH.line,
            selectedLineStringWidth: 4,
            selectionPointColor: SKETCH.vertex,
            selectionPointOutlineColor: SKETCH.line,
            selectionPointWidth: 6,
            selectionPointOutlineWidth: 2,
            midPointColor: SKETCH.vertex,
            midPointOutlineColor: SKETCH.line,
            midPointWidth: 4,
            selectedPointColor: SKETCH.line,
            selectedPointWidth: 9,
          },
        }),
      ],
    });
    draw.start();
    draw.setMode('select');
    draw.on('change', (ids) => {
      if (!featureId || !ids.includes(featureId) || !draw) return;
      const feature = draw.getSnapshotFeature(featureId);
      const geometry = feature && cleaned(feature.geometry);
      if (geometry) reshape.edited = geometry;
    });
    show(geometry);
  }

  function end(): void {
    draw?.stop();
    draw = null;
    featureId = null;
    snapTargets = [];
  }

  watch(
    () => reshape.target,
    (target) => {
      end();
      const map = getMap();
      if (target && map) begin(map, target.id, target.original);
    },
  );
  watch(
    () => reshape.resets,
    () => reshape.target && show(reshape.target.original),
  );
  onScopeDispose(() => {
    end();
    reshape.stop();
  });
}
