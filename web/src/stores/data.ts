// Data fetched from the REST API that several components share.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { CountyInfo, Summary, TileVersions, TownshipView, VillageView } from '../../../common/api';
import { api, ApiRequestError } from '../api/client';
import { useMapStore } from './map';
import { useTimelineStore } from './timeline';

export const useDataStore = defineStore('data', () => {
  const mapStore = useMapStore();
  const timeline = useTimelineStore();

  const county = shallowRef<CountyInfo | null>(null);
  const townships = shallowRef<TownshipView[]>([]);
  const villages = shallowRef<VillageView[]>([]);
  const tileVersions = shallowRef<TileVersions | null>(null);
  /** Summary of the township in focus, or of the county. */
  const summary = shallowRef<Summary | null>(null);
  const error = shallowRef<ApiRequestError | null>(null);
  const loading = ref(false);

  const townshipByCode = computed(() => new Map(townships.value.map((t) => [t.code, t])));
  const villageByCode = computed(() => new Map(villages.value.map((v) => [v.code, v])));

  function report(e: unknown): void {
    error.value = e instanceof ApiRequestError ? e : new ApiRequestError(0, {
      error: { code: 'client', message: String(e), messageEn: String(e) },
    });
  }

  let pending: Promise<void> | null = null;

  /** One load at a time: main.ts asks as the app starts, and the page that opens asks again. */
  function load(): Promise<void> {
    pending ??= fetchAll().finally(() => (pending = null));
    return pending;
  }

  async function fetchAll(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      // Each answer is taken as it comes: the map needs only the county and the tile versions and
      // starts drawing while the village list, by far the largest answer, is still on its way.
      await Promise.all([
        api.county().then((answer) => (county.value = answer)),
        api.tileVersions().then((answer) => (tileVersions.value = answer)),
        api.townships().then((answer) => (townships.value = answer)),
        api.villages().then((answer) => (villages.value = answer)),
      ]);
    } catch (e) {
      report(e);
    } finally {
      loading.value = false;
    }
  }

  async function loadScope(township: string | null): Promise<void> {
    const year = timeline.year;
    try {
      const scopeSummary = await api.summary({ township, year });
      // A slower answer for a township or year no longer in focus must not win.
      if (township !== mapStore.township || year !== timeline.year) return;
      summary.value = scopeSummary;
    } catch (e) {
      report(e);
    }
  }

  watch([() => mapStore.township, () => timeline.year], () => loadScope(mapStore.township), { immediate: true });

  /** After a change anywhere: the figures of the scope in focus. */
  const reloadScope = () => loadScope(mapStore.township);

  /** After a change to one village: only that village is fetched again. */
  async function reloadVillage(code: string): Promise<void> {
    try {
      const fresh = await api.village(code);
      villages.value = villages.value.map((v) => (v.code === code ? fresh : v));
    } catch (e) {
      report(e);
    }
  }

  return {
    county,
    townships,
    villages,
    tileVersions,
    summary,
    error,
    loading,
    townshipByCode,
    villageByCode,
    load,
    report,
    reloadScope,
    reloadVillage,
  };
});
