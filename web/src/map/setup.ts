// MapLibre's one-time setup, run as the app starts (main.ts): the tile worker boots while the API
// answers are on their way rather than after, and stays up as the user moves between the map pages.
import { addProtocol, prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';

export function setUpMapLibre(): void {
  // MapLibre looks for its worker next to its own module, which the bundler does not keep; point it
  // at the copy Vite emits instead.
  setWorkerUrl(workerUrl);
  addProtocol('pmtiles', new Protocol().tile);
  prewarm();
}
