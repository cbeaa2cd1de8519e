// The automatic tour of the big screen: stop after stop every `seconds`, pausable, with the share of
// the current stop already shown (for the progress bar).
import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { UnitRankRow } from '../../../common/api';

const TICK_MS = 100;

export function useTour(stopCount: () => number, seconds: number) {
  const index = ref(0);
  const paused = ref(false);
  /** 0..1 of the current stop's time. */
  const progress = ref(0);

  function next(): void {
    progress.value = 0;
    index.value = (index.value + 1) % Math.max(stopCount(), 1);
  }

  // Measured, not counted in ticks: a busy page (a 4K map redrawing) delays the timer.
  let lastTick = performance.now();
  function tick(): void {
    const now = performance.now();
    const elapsed = now - lastTick;
    lastTick = now;
    if (paused.value || stopCount() < 2) return;
    progress.value = Math.min(1, progress.value + elapsed / (seconds * 1000));
    if (progress.value >= 1) next();
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    lastTick = performance.now();
    timer = setInterval(tick, TICK_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));

  return { index, paused, progress, next, togglePause: () => (paused.value = !paused.value) };
}

const DEFAULT_SECONDS = 12;
const MIN_SECONDS = 1;
const MAX_SECONDS = 600;

/** ?tourSeconds=N sets the pace (a wall in a corridor wants it slower; tests want it fast). */
export function tourSecondsFromUrl(search: string): number {
  const asked = Number(new URLSearchParams(search).get('tourSeconds'));
  return Number.isFinite(asked) && asked >= MIN_SECONDS && asked <= MAX_SECONDS ? asked : DEFAULT_SECONDS;
}

/**
 * The stops after the area itself: a county's townships, every one as always; a prefecture's
 * counties in code order, leaving out those with nothing to show (no poor village and no project
 * budget: a county whose figures are not imported yet).
 */
export function tourUnits(level: 'county' | 'prefecture', townships: readonly { code: string }[], ranking: readonly UnitRankRow[]): string[] {
  // A county's ranking holds only townships with something to show (screen/showable.ts).
  if (level === 'county') {
    const shown = new Set(ranking.map((r) => r.code));
    return townships.filter((t) => shown.has(t.code)).map((t) => t.code);
  }
  return ranking
    .filter((r) => r.poorVillages > 0 || r.projectProgress !== null)
    .map((r) => r.code)
    .sort();
}
