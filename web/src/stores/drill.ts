// Drill-down on the map page by level: prefecture → county → township → village (a county's portal
// starts at the county). The levels below the top follow what the map store has in focus (a county,
// a township, a selected village); this store adds the overview panel of the top levels and the
// moves between levels, each framing the unit on the map and opening its panel.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AreaLevel } from '../../../common/area';
import type { BBox } from '../../../common/api';
import { useDataStore } from './data';
import { useMapStore } from './map';

/** One step of the drill-down path, as the breadcrumb shows it. */
export interface Crumb {
  level: AreaLevel;
  code: string;
  name: string;
  nameEn: string;
}

export const useDrillStore = defineStore('drill', () => {
  const mapStore = useMapStore();
  const data = useDataStore();

  /** The overview of the area (or of a prefecture's county in focus): closed until asked for, so the map first opens unobstructed. */
  const countyPanelOpen = ref(false);

  const prefecture = computed(() => data.county?.level === 'prefecture');
  const village = computed(() =>
    mapStore.selection?.kind === 'village' ? data.villageByCode.get(mapStore.selection.code) : undefined,
  );
  /** The township in focus, or the one of the selected village. */
  const township = computed(() => {
    const code = village.value?.townshipCode ?? mapStore.township;
    return code ? data.townshipByCode.get(code) : undefined;
  });
  /** In a prefecture's portal: the county in focus, or the one of the township or village in focus. */
  const county = computed(() => {
    if (!prefecture.value) return undefined;
    const code = township.value?.code.slice(0, 6) ?? mapStore.county;
    return code ? data.countyByCode.get(code) : undefined;
  });

  /** Where the drill-down stands, from the portal's area down. */
  const path = computed<Crumb[]>(() => {
    const area = data.county;
    if (!area) return [];
    const steps: (Crumb | undefined)[] = [
      { level: area.level, code: area.code, name: area.name, nameEn: area.nameEn },
      county.value && { level: 'county', ...named(county.value) },
      township.value && { level: 'township', ...named(township.value) },
      village.value && { level: 'village', ...named(village.value) },
    ];
    return steps.filter((s): s is Crumb => s !== undefined);
  });

  /** Whether a panel covers the right of the map (the exit-criteria list is one): fitted units keep clear of it. */
  const sidePanelOpen = computed(
    () => !!(mapStore.selection || mapStore.township || mapStore.county || mapStore.colourMode === 'readiness' || countyPanelOpen.value),
  );

  function frame(bbox: BBox | undefined): void {
    if (bbox) mapStore.focus(bbox);
  }

  /** The portal's whole area with its overview (its counties or townships ranked). */
  function toArea(): void {
    mapStore.select(null);
    countyPanelOpen.value = true;
    // Leaving a unit refits the map (MapView); staying at the top must refit it here.
    if (mapStore.township === null && mapStore.county === null) frame(data.county?.bbox);
    else {
      mapStore.setCounty(null);
      mapStore.setTownship(null);
    }
  }

  /** One of a prefecture's counties with its overview (its townships ranked). */
  function toCounty(code: string): void {
    mapStore.select(null);
    countyPanelOpen.value = true;
    mapStore.setTownship(null);
    // A new county in focus refits the map (MapView); the same one again must refit it here.
    if (mapStore.county !== code) mapStore.setCounty(code);
    else frame(data.countyByCode.get(code)?.bbox);
  }

  function toTownship(code: string): void {
    mapStore.select(null);
    if (prefecture.value) mapStore.setCounty(code.slice(0, 6));
    if (mapStore.township !== code) mapStore.setTownship(code);
    else frame(data.townshipByCode.get(code)?.bbox);
  }

  function toVillage(code: string): void {
    const target = data.villageByCode.get(code);
    if (!target) return;
    mapStore.select({ kind: 'village', code });
    mapStore.focus(target.bbox);
  }

  /** The move to a unit of any level, as a crumb or a ranking row asks for it. */
  function toUnit(level: AreaLevel, code: string): void {
    if (level === 'village') toVillage(code);
    else if (level === 'township') toTownship(code);
    else if (level === 'county' && prefecture.value) toCounty(code);
    else toArea();
  }

  return { countyPanelOpen, prefecture, village, township, county, path, sidePanelOpen, toArea, toCounty, toTownship, toVillage, toUnit };
});

const named = (unit: { code: string; name: string; nameEn: string }) => ({ code: unit.code, name: unit.name, nameEn: unit.nameEn });
