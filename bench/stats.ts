// Order statistics of repeated measurements.
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Runs `measure` `warmups` times unrecorded, then `runs` times, and returns the recorded values. */
export async function repeat(runs: number, warmups: number, measure: () => Promise<number>): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await measure();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await measure());
  return values;
}
