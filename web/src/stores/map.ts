// UI state of the map page: what is shown, how it is coloured, what is in focus.
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { BBox } from '../../../common/api';
import type { Selection } from '../map/features';
import { TOGGLE_LAYERS, type ColourMode, type ToggleLayer } from '../map/state';

export const useMapStore = defineStore('map', () => {
  const colourMode = ref<ColourMode>('exit');
  const visible = reactive(Object.fromEntries(TOGGLE_LAYERS.map((layer) => [layer, true])) as Record<ToggleLayer, boolean>);
  /** In a prefecture's portal, the 6-digit code of the county in focus; null for the whole prefecture (and always in a county's). */
  const county = ref<string | null>(null);
  /** 9-digit township code, or null for the whole county. */
  const township = ref<string | null>(null);
  const selection = ref<Selection | null>(null);
  /** A camera move asked for by a component other than the map (search, detail links); a new object each time. */
  const focusRequest = ref<{ bbox: BBox } | null>(null);
  /** A map has drawn its villages since the app started (MapPage.vue mounts its panels after that). */
  const firstDrawn = ref(false);

  function select(next: Selection | null): void {
    selection.value = next;
  }

  function focus(bbox: BBox): void {
    focusRequest.value = { bbox };
  }

  function setTownship(code: string | null): void {
    township.value = code;
  }

  /** A county of a prefecture in focus, or null for the whole prefecture; a township outside it leaves focus. */
  function setCounty(code: string | null): void {
    county.value = code;
    if (township.value && !(code && township.value.startsWith(code))) township.value = null;
  }

  return { colourMode, visible, county, township, selection, focusRequest, firstDrawn, select, focus, setTownship, setCounty };
});
