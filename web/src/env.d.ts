import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** The map, for browser tests. */
    __map?: MapLibreMap;
  }
}
