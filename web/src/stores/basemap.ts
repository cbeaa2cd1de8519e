// The basemaps the server offers and the one chosen, kept across visits on this device. A choice the
// server no longer offers falls back to none.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { NO_BASEMAP, type BasemapOption } from '../../../common/basemaps';
import { api } from '../api/client';

const STORAGE_KEY = 'fupin.basemap';

export const useBasemapStore = defineStore('basemap', () => {
  const options = shallowRef<BasemapOption[]>([NO_BASEMAP]);
  const chosenId = ref(localStorage.getItem(STORAGE_KEY) ?? NO_BASEMAP.id);
  let loading: Promise<void> | null = null;

  const chosen = computed(() => options.value.find((o) => o.id === chosenId.value) ?? NO_BASEMAP);

  /** Asked once per page load; a failure leaves the map on none, which always works. */
  function load(): Promise<void> {
    loading ??= api.basemaps().then(
      (offered) => void (options.value = offered),
      () => undefined,
    );
    return loading;
  }

  watch(chosenId, (id) => localStorage.setItem(STORAGE_KEY, id));

  return { options, chosenId, chosen, load };
});
