// One-time MapLibre setup, done before the first map is created.
import { addProtocol, setWorkerUrl } from 'maplibre-gl';
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
}
