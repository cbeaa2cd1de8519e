// The device's position while "locate me" is on: watched, so the dot follows the user walking a road.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MadeAt } from '../../../common/schemas';
import { toMadeAt } from '../field/position';

export type LocateFailure = 'denied' | 'unavailable';

export const useFieldStore = defineStore('field', () => {
  const position = shallowRef<MadeAt | null>(null);
  const locating = ref(false);
  const failure = ref<LocateFailure | null>(null);
  let watchId: number | null = null;

  function locate(): Promise<MadeAt | null> {
    failure.value = null;
    if (!('geolocation' in navigator)) {
      failure.value = 'unavailable';
      return Promise.resolve(null);
    }
    locating.value = true;
    return new Promise((resolve) => {
      const stop = () => {
        if (watchId !== null) navigator.geolocation.clearWatch(watchId);
        watchId = null;
      };
      stop();
      watchId = navigator.geolocation.watchPosition(
        (p) => {
          const first = position.value === null || locating.value;
          position.value = toMadeAt(p);
          locating.value = false;
          if (first) resolve(position.value);
        },
        (e) => {
          locating.value = false;
          failure.value = e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable';
          stop();
          resolve(null);
        },
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 10_000 },
      );
    });
  }

  return { position, locating, failure, locate };
});
