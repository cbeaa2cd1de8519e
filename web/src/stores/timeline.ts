// The exit timeline (2014–2020): which year the map and the exit figures show, and its playback.
// Shared by the map page and the big screen so both show the same year.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { TIMELINE_YEARS } from '../../../common/domain';

/** Every year of the timeline, first to last. */
export const TIMELINE_YEAR_LIST = Array.from(
  { length: TIMELINE_YEARS.last - TIMELINE_YEARS.first + 1 },
  (_, i) => TIMELINE_YEARS.first + i,
);

/** Long enough for the village colours to settle and be read before the next year. */
const STEP_MS = 1_600;

export const useTimelineStore = defineStore('timeline', () => {
  /** null: today's figures, where wrong exits can be flagged; a year: villages exited by the end of it. */
  const year = ref<number | null>(null);
  const playing = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;

  function pause(): void {
    clearInterval(timer);
    timer = undefined;
    playing.value = false;
  }

  function setYear(next: number | null): void {
    pause();
    year.value = next;
  }

  function step(): void {
    if (year.value === null || year.value >= TIMELINE_YEARS.last) pause();
    else year.value++;
  }

  function play(): void {
    pause();
    // From the start unless a year part-way through is being shown.
    if (year.value === null || year.value >= TIMELINE_YEARS.last) year.value = TIMELINE_YEARS.first;
    playing.value = true;
    timer = setInterval(step, STEP_MS);
  }

  const togglePlay = () => (playing.value ? pause() : play());

  return { year, playing, setYear, play, pause, togglePlay };
});
