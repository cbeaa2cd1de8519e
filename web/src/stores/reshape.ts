// Reshaping an existing project on the map: which project, its geometry as saved, and as the user
// has dragged it so far. map/reshape.ts turns drags into `edited`; ReshapeForm saves it.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ProjectView } from '../../../common/api';

type Geometry = ProjectView['geometry'];

export const useReshapeStore = defineStore('reshape', () => {
  const target = shallowRef<{ id: number; original: Geometry } | null>(null);
  const edited = shallowRef<Geometry | null>(null);
  /** Bumped to put the original back on the map. */
  const resets = ref(0);

  const active = computed(() => target.value !== null);
  const dirty = computed(() => target.value !== null && JSON.stringify(edited.value) !== JSON.stringify(target.value.original));

  function start(project: ProjectView): void {
    target.value = { id: project.id, original: project.geometry };
    edited.value = project.geometry;
  }

  function reset(): void {
    if (!target.value) return;
    edited.value = target.value.original;
    resets.value++;
  }

  function stop(): void {
    target.value = null;
    edited.value = null;
  }

  return { target, edited, resets, active, dirty, start, reset, stop };
});
