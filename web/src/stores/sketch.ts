// Drawing a new project on the map: what is being drawn and its vertices while drawing, then the
// finished geometry while its attributes are filled in. MapView turns clicks into vertices
// (map/sketch.ts); the tool and the form read and steer this state.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { LonLat } from '../../../common/api';
import type { ProjectKind, ProjectSubtype } from '../../../common/domain';
import { expectedGeometryType } from '../../../common/rules';
import type { ProjectCreate } from '../../../common/schemas';
import { useMapStore } from './map';
import { useReshapeStore } from './reshape';

export interface ProjectType {
  kind: ProjectKind;
  subtype: ProjectSubtype;
}

export interface Draft extends ProjectType {
  geometry: ProjectCreate['geometry'];
}

export const useSketchStore = defineStore('sketch', () => {
  const mapStore = useMapStore();
  const reshape = useReshapeStore();
  const drawing = shallowRef<(ProjectType & { geometryType: 'Point' | 'LineString' }) | null>(null);
  const vertices = shallowRef<LonLat[]>([]);
  const draft = shallowRef<Draft | null>(null);
  /** Esc or Cancel with work on the map: asked before it is thrown away. */
  const confirmingDiscard = shallowRef(false);

  /** While drawing, filling in or reshaping, a click on the map belongs to the sketch, not to selection. */
  const active = computed(() => drawing.value !== null || draft.value !== null || reshape.active);
  const canFinish = computed(() => vertices.value.length >= (drawing.value?.geometryType === 'Point' ? 1 : 2));

  function start(type: ProjectType): void {
    mapStore.select(null);
    draft.value = null;
    vertices.value = [];
    drawing.value = { kind: type.kind, subtype: type.subtype, geometryType: expectedGeometryType(type) };
  }

  function finish(): void {
    const d = drawing.value;
    if (!d || !canFinish.value) return;
    const geometry: Draft['geometry'] =
      d.geometryType === 'Point' ? { type: 'Point', coordinates: vertices.value[0] } : { type: 'LineString', coordinates: vertices.value };
    draft.value = { kind: d.kind, subtype: d.subtype, geometry };
    drawing.value = null;
  }

  function addVertex(position: LonLat): void {
    if (!drawing.value) return;
    vertices.value = [...vertices.value, position];
    // A point is done with its one click.
    if (drawing.value.geometryType === 'Point') finish();
  }

  function undo(): void {
    vertices.value = vertices.value.slice(0, -1);
  }

  /** Back to drawing the same kind of project, e.g. from the form after a misplaced click. */
  function redraw(): void {
    if (draft.value) start(draft.value);
  }

  /** Throws away a drawing at once when nothing is drawn yet, else asks first. */
  function requestDiscard(): void {
    if (vertices.value.length || draft.value) confirmingDiscard.value = true;
    else clear();
  }

  function clear(): void {
    confirmingDiscard.value = false;
    drawing.value = null;
    draft.value = null;
    vertices.value = [];
  }

  return { drawing, vertices, draft, confirmingDiscard, active, canFinish, start, finish, addVertex, undo, redraw, requestDiscard, clear };
});
