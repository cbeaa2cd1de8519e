// Pointer handlers on one map layer, added to whichever map is on screen and taken off it again:
// the marker layers (problems, photos) live on the map page and the ledger page alike.
import type { MapLayerEventType, MapLayerMouseEvent, Map as MapLibreMap } from 'maplibre-gl';

type PointerEvent = 'click' | 'mousemove' | 'mouseleave';
export type LayerHandlers = Partial<Record<PointerEvent & keyof MapLayerEventType, (event: MapLayerMouseEvent) => void>>;

export function layerEvents(layer: string, handlers: LayerHandlers) {
  const each = (apply: (type: PointerEvent, handler: (event: MapLayerMouseEvent) => void) => void) => {
    for (const [type, handler] of Object.entries(handlers) as [PointerEvent, (event: MapLayerMouseEvent) => void][]) apply(type, handler);
  };
  return {
    attach: (map: MapLibreMap) => each((type, handler) => map.on(type, layer, handler)),
    detach: (map: MapLibreMap) => each((type, handler) => map.off(type, layer, handler)),
  };
}
