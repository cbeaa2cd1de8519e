// The current map view as a picture for briefings (汇报): title and date above, the legend to the
// right, the demo-data note below. Drawn on a 2D canvas in the browser: nothing leaves the machine.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LegendGroup, LegendSymbol } from './briefing-legend';
import { TRIANGLE_PATH } from './icons';
import { BACKGROUND, TEXT } from './palette';
import { drawProblemBadge } from './problem-layer';

/** CSS pixels; multiplied by the map's pixel ratio so the frame is as sharp as the map. */
export const BRIEFING_FRAME = { header: 64, footer: 36, legend: 280 } as const;
const FONT = `'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif`;
const PANEL = '#0f223f';
const MUTED = '#8ea3bd';

export interface BriefingText {
  title: string;
  date: string;
  note: string;
  legendTitle: string;
}

/**
 * The map's pixels. The WebGL buffer is cleared after each frame (no preserveDrawingBuffer, which
 * would slow every frame), so it is copied inside a 'render' event right after asking for one.
 */
export function captureMap(map: MapLibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      copy.getContext('2d')!.drawImage(source, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

function drawSymbol(ctx: CanvasRenderingContext2D, symbol: LegendSymbol, x: number, y: number): void {
  ctx.save();
  switch (symbol.kind) {
    case 'swatch':
      ctx.fillStyle = symbol.colour;
      ctx.fillRect(x, y - 6, 20, 12);
      break;
    case 'line':
    case 'dashed-line':
      ctx.strokeStyle = symbol.colour;
      ctx.lineWidth = 3;
      if (symbol.kind === 'dashed-line') ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 22, y);
      ctx.stroke();
      break;
    case 'triangle':
      ctx.translate(x + 3, y - 8);
      ctx.fillStyle = symbol.colour;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.fill(new Path2D(TRIANGLE_PATH));
      ctx.stroke(new Path2D(TRIANGLE_PATH));
      break;
    case 'ring':
      ctx.strokeStyle = symbol.colour;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.arc(x + 10, y, 6, 0, Math.PI * 2);
      ctx.stroke();
      break;
    case 'ramp': {
      const gradient = ctx.createLinearGradient(x, 0, x + 60, 0);
      for (const [stop, colour] of symbol.ramp) gradient.addColorStop(stop, colour);
      ctx.fillStyle = gradient;
      ctx.fillRect(x, y - 5, 60, 10);
      break;
    }
    case 'problem':
      drawProblemBadge(ctx, symbol.state, x + 10, y, 8);
      break;
  }
  ctx.restore();
}

function drawLegend(ctx: CanvasRenderingContext2D, groups: LegendGroup[], title: string, x: number, top: number): void {
  let y = top + 26;
  ctx.fillStyle = TEXT.fill;
  ctx.font = `bold 16px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, x, y);
  for (const group of groups) {
    y += 30;
    ctx.fillStyle = TEXT.fill;
    ctx.font = `bold 13px ${FONT}`;
    ctx.fillText(group.title, x, y);
    for (const entry of group.entries) {
      y += 22;
      drawSymbol(ctx, entry.symbol, x, y);
      ctx.fillStyle = TEXT.fill;
      ctx.font = `12px ${FONT}`;
      ctx.fillText(entry.label, x + (entry.symbol.kind === 'ramp' ? 68 : 30), y);
    }
  }
}

/** Frames the captured map; `ratio` is canvas pixels per CSS pixel of the map. */
export function composeBriefing(mapImage: HTMLCanvasElement, ratio: number, text: BriefingText, legend: LegendGroup[]): HTMLCanvasElement {
  const { header, footer, legend: legendWidth } = BRIEFING_FRAME;
  const cssWidth = mapImage.width / ratio;
  const cssHeight = mapImage.height / ratio;
  const canvas = document.createElement('canvas');
  canvas.width = mapImage.width + Math.round(legendWidth * ratio);
  canvas.height = mapImage.height + Math.round((header + footer) * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);

  ctx.textBaseline = 'middle';
  ctx.fillStyle = TEXT.fill;
  ctx.font = `bold 26px ${FONT}`;
  ctx.fillText(text.title, 20, header / 2);
  ctx.font = `15px ${FONT}`;
  ctx.textAlign = 'right';
  ctx.fillStyle = MUTED;
  ctx.fillText(text.date, cssWidth + legendWidth - 20, header / 2);
  ctx.textAlign = 'left';

  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(mapImage, 0, Math.round(header * ratio));
  ctx.restore();

  ctx.fillStyle = PANEL;
  ctx.fillRect(cssWidth, header, legendWidth, cssHeight);
  drawLegend(ctx, legend, text.legendTitle, cssWidth + 20, header);

  ctx.fillStyle = '#fbbf24';
  ctx.font = `13px ${FONT}`;
  ctx.fillText(text.note, 20, header + cssHeight + footer / 2);
  return canvas;
}

export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
