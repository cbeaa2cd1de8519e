// The map on screen, for components that add to it or take a picture of it without being inside
// MapView (problem markers, the PNG export). Null while no map is mounted.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { shallowRef } from 'vue';

export const activeMap = shallowRef<MapLibreMap | null>(null);
