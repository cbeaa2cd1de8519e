// The shared input rules on their own (common/schemas.ts, common/progress.ts), over generated values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmMatchesPct, progressAfter } from '../common/progress';
import { codes, date, INT4_MAX, line, lineGeometry, paragraph } from '../common/schemas';

const SEED = { seed: 11, numRuns: 500 };

describe('shared input rules', () => {
  it('text refuses every control character, and only multi-line text keeps tab and line breaks', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 0x1f }), fc.string({ maxLength: 10 }), (a, code, b) => {
        const text = `x${a.replace(/\p{Cc}/gu, '')}${String.fromCharCode(code)}${b.replace(/\p{Cc}/gu, '')}x`;
        expect(line(100).safeParse(text).success).toBe(false);
        expect(paragraph(100).safeParse(text).success).toBe(['\t', '\n', '\r'].includes(String.fromCharCode(code)));
      }),
      SEED,
    );
    expect(line(10).safeParse('\u0000').success).toBe(false);
    expect(line(10).safeParse('\ud800').success).toBe(false);
    expect(line(10).safeParse('𠀀 榆社 é').success).toBe(true);
  });

  it('ids are the canonical digits of 1 .. 2^31-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: INT4_MAX }), (n) => {
        expect(codes.id.parse(String(n))).toBe(n);
      }),
      SEED,
    );
    for (const bad of ['0', '0005', '-1', '+1', '1.0', '1e3', ' 1', String(INT4_MAX + 1), '99999999999']) expect(codes.id.safeParse(bad).success, bad).toBe(false);
  });

  it('dates are real calendar dates from 2000 to ten years ahead', () => {
    const last = new Date().getUTCFullYear() + 10;
    for (const ok of ['2000-01-01', '2024-02-29', `${last}-12-31`]) expect(date.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['0000-01-01', '1999-12-31', `${last + 1}-01-01`, '2999-12-31', '2023-02-29', '2024-04-31', '2024-1-1']) {
      expect(date.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('a line needs length: coinciding or centimetre-apart points are refused', () => {
    const at = [112.98, 37.07];
    expect(lineGeometry.safeParse({ type: 'LineString', coordinates: [at, at] }).success).toBe(false);
    expect(lineGeometry.safeParse({ type: 'LineString', coordinates: [at, [at[0] + 1e-7, at[1]]] }).success).toBe(false);
    expect(lineGeometry.safeParse({ type: 'LineString', coordinates: [at, [at[0] + 0.001, at[1]]] }).success).toBe(true);
  });

  it('km done and % agree whenever the server worked one out from the other, and 0.01 km is not 99 % of 2.72 km', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (plannedKm, pct) => {
        const current = { plannedKm, doneKm: 0, progressPct: 0, spent: 0, status: 'under_construction' as const };
        const byPct = progressAfter(current, { progressPct: pct, status: 'under_construction' });
        const byKm = progressAfter(current, { doneKm: (plannedKm * pct) / 100, status: 'under_construction' });
        expect(kmMatchesPct(plannedKm, byPct.doneKm, byPct.progressPct)).toBe(true);
        expect(kmMatchesPct(plannedKm, byKm.doneKm, byKm.progressPct)).toBe(true);
      }),
      SEED,
    );
    expect(kmMatchesPct(2.72, 0.01, 99)).toBe(false);
    expect(kmMatchesPct(2.72, 2.69, 99)).toBe(true);
    expect(kmMatchesPct(null, null, 40)).toBe(true);
  });
});
