// Drill-down on the map page: county → township → village. The level follows what the map store
// has in focus (a township, a selected village); this store adds the county overview and the moves
// between levels, each framing the unit on the map and opening its panel.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useDataStore } from './data';
import { useMapStore } from './map';

export const useDrillStore = defineStore('drill', () => {
  const mapStore = useMapStore();
  const data = useDataStore();

  /** Closed until asked for, so the map first opens unobstructed. */
  const countyPanelOpen = ref(false);

  const village = computed(() =>
    mapStore.selection?.kind === 'village' ? data.villageByCode.get(mapStore.selection.code) : undefined,
  );
  /** The township in focus, or the one of the selected village. */
  const township = computed(() => {
    const code = village.value?.townshipCode ?? mapStore.township;
    return code ? data.townshipByCode.get(code) : undefined;
  });

  /** Whether a panel covers the right of the map (the exit-criteria list is one): fitted units keep clear of it. */
  const sidePanelOpen = computed(
    () => !!(mapStore.selection || mapStore.township || mapStore.colourMode === 'readiness' || countyPanelOpen.value),
  );

  function toCounty(): void {
    mapStore.select(null);
    countyPanelOpen.value = true;
    // Changing the township refits the map; staying at county level must refit it here.
    if (mapStore.township === null) {
      if (data.county) mapStore.focus(data.county.bbox);
    } else mapStore.setTownship(null);
  }

  function toTownship(code: string): void {
    mapStore.select(null);
    if (mapStore.township !== code) mapStore.setTownship(code);
    else {
      const bbox = data.townshipByCode.get(code)?.bbox;
      if (bbox) mapStore.focus(bbox);
    }
  }

  function toVillage(code: string): void {
    const target = data.villageByCode.get(code);
    if (!target) return;
    mapStore.select({ kind: 'village', code });
    mapStore.focus(target.bbox);
  }

  return { countyPanelOpen, village, township, sidePanelOpen, toCounty, toTownship, toVillage };
});
