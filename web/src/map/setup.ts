// One-time MapLibre setup. Map pages call it as they open, before their data arrives: the tile
// worker then boots while the API answers are on their way rather than after (about half a second
// of a first paint here), and stays up as the user moves between the map pages.
import { addProtocol, prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';

let done = false;

export function setUpMapLibre(): void {
  if (done) return;
  done = true;
  // MapLibre looks for its worker next to its own module, which the bundler does not keep; point it
  // at the copy Vite emits instead.
  setWorkerUrl(workerUrl);
  addProtocol('pmtiles', new Protocol().tile);
  prewarm();
}
