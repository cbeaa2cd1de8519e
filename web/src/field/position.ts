// Where the device is, from its GPS (navigator.geolocation), as the records keep it (MadeAt).
import type { MadeAt } from '../../../common/schemas';

export const toMadeAt = (p: GeolocationPosition): MadeAt => ({
  lon: p.coords.longitude,
  lat: p.coords.latitude,
  accuracy: Math.max(0, p.coords.accuracy),
  at: new Date(p.timestamp).toISOString(),
});

/** The device's position now, or null when it has none, refuses, or takes too long. */
export function currentPosition(timeoutMs = 20_000): Promise<MadeAt | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(toMadeAt(p)),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}
