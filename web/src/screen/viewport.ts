// The big screen's unit `u`: 1 % of the viewport height, or of the 16:9 height that fits the width on
// a narrower screen, so the layout fills a 1080p or 4K wall and never overflows a 4:3 monitor.
// CSS uses the same formula as --u (ScreenPage.vue); charts and the map need it as a number.
import { onBeforeUnmount, onMounted, ref } from 'vue';

const unitNow = () => Math.min(innerHeight, (innerWidth * 9) / 16) / 100;

/** `u` on the 1080p screen the shared px-sized components were drawn for. */
const UNIT_1080P = 10.8;

/** CSS zoom for a component sized in px for a desk monitor: 1 at 1080p, 2 at 4K. */
export const zoomFor = (u: number) => u / UNIT_1080P;

export function useScreenUnit() {
  const u = ref(unitNow());
  const update = () => (u.value = unitNow());
  onMounted(() => addEventListener('resize', update));
  onBeforeUnmount(() => removeEventListener('resize', update));
  return u;
}
