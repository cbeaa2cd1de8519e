// Water projects are triangles so they read differently from the round relocation sites. Drawn on a
// canvas at run time: the style has no sprite URL, so nothing is fetched.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ProjectStatus } from '../../../common/domain';
import { PROJECT_STATUS_COLOURS, PROJECT_STATUS_ORDER } from './palette';

export const ICON_PIXEL_RATIO = 2;
const SIZE_PX = 16;

export const waterIconName = (status: ProjectStatus) => `water-${status}`;

/** SVG path of the triangle in a 16×16 box, shared with the legend. */
export const TRIANGLE_PATH = 'M8 1.5 L15 14.5 L1 14.5 Z';

/** A 16×16 SVG path filled with `colour` and outlined in white, at twice the pixel density. */
export function drawIcon(path: string, colour: string): ImageData {
  const size = SIZE_PX * ICON_PIXEL_RATIO;
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.canvas.width = ctx.canvas.height = size;
  ctx.scale(ICON_PIXEL_RATIO, ICON_PIXEL_RATIO);
  const shape = new Path2D(path);
  ctx.fillStyle = colour;
  ctx.fill(shape);
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#ffffff';
  ctx.stroke(shape);
  return ctx.getImageData(0, 0, size, size);
}

export function addWaterIcons(map: MapLibreMap): void {
  for (const status of PROJECT_STATUS_ORDER) {
    const name = waterIconName(status);
    if (!map.hasImage(name)) map.addImage(name, drawIcon(TRIANGLE_PATH, PROJECT_STATUS_COLOURS[status]), { pixelRatio: ICON_PIXEL_RATIO });
  }
}
