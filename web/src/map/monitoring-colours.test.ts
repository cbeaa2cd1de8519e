// The monitoring colourings are MapLibre expressions over feature state; the legend's classes come
// from monitoringBin. Both must put every value, bounds included, in the same class.
import { createExpression, type Feature } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { MONITORING_BINS, MONITORING_MODES, monitoringBin, monitoringFill, NO_FIGURES_COLOUR, perHundred } from './monitoring-colours';

describe('monitoring colourings', () => {
  for (const mode of MONITORING_MODES) {
    it(`${mode}: the expression and the legend agree at and around every bound, and grey without figures`, () => {
      const parsed = createExpression(monitoringFill(mode), 'monitoringFill');
      if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '));
      const paint = (value: number | null) =>
        parsed.value.evaluate({ zoom: 10 }, { type: 3, properties: {} } as unknown as Feature, value === null ? {} : { [mode === 'monitoring' ? 'monitoredPer100' : 'openWarnings']: value });
      const values = [0, ...MONITORING_BINS[mode].flatMap((b) => [b.from - 0.0005, b.from, b.from + 0.5]), 250];
      for (const v of values.filter((x) => x >= 0)) expect(paint(v), `${mode} ${v}`).toBe(monitoringBin(mode, v));
      expect(paint(null)).toBe(NO_FIGURES_COLOUR);
      expect(monitoringBin(mode, null)).toBe(NO_FIGURES_COLOUR);
    });
  }

  it('counts monitored households per 100 registered, none registered as none monitored', () => {
    expect(perHundred(3, 150)).toBe(2);
    expect(perHundred(0, 0)).toBe(0);
  });
});
