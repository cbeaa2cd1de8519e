// Data fetched from the REST API that several components share.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { CountyInfo, CountyView, Summary, TileVersions, TownshipView, VillageView } from '../../../common/api';
import { api, ApiRequestError } from '../api/client';
import { useMapStore } from './map';
import { useTimelineStore } from './timeline';

export const useDataStore = defineStore('data', () => {
  const mapStore = useMapStore();
  const timeline = useTimelineStore();

  /** The portal's area as this user may see it: a county, or a prefecture. */
  const county = shallowRef<CountyInfo | null>(null);
  /** A prefecture's counties; empty in a county's portal. */
  const counties = shallowRef<CountyView[]>([]);
  const townships = shallowRef<TownshipView[]>([]);
  const villages = shallowRef<VillageView[]>([]);
  const tileVersions = shallowRef<TileVersions | null>(null);
  /** Summary of the township in focus, or of the county (in a prefecture, the county in focus or the prefecture). */
  const summary = shallowRef<Summary | null>(null);
  const error = shallowRef<ApiRequestError | null>(null);
  const loading = ref(false);

  const countyByCode = computed(() => new Map(counties.value.map((c) => [c.code, c])));
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
        api.county().then(async (answer) => {
          county.value = answer;
          counties.value = answer.level === 'prefecture' ? await api.counties() : [];
        }),
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

  async function loadScope(township: string | null, countyInFocus: string | null): Promise<void> {
    const year = timeline.year;
    try {
      const scopeSummary = await api.summary(township ? { township, year } : { county: countyInFocus, year });
      // A slower answer for a unit or year no longer in focus must not win.
      if (township !== mapStore.township || countyInFocus !== mapStore.county || year !== timeline.year) return;
      summary.value = scopeSummary;
    } catch (e) {
      report(e);
    }
  }

  /** After a change anywhere: the figures of the scope in focus. */
  const reloadScope = () => loadScope(mapStore.township, mapStore.county);

  watch([() => mapStore.township, () => mapStore.county, () => timeline.year], reloadScope, { immediate: true });

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
    counties,
    countyByCode,
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
