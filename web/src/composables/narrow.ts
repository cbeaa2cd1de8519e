// Phones and small tablets in portrait: the map page lays its panels out as bottom sheets below
// this width. One media query, read by script and mirrored by the CSS `@media (max-width: 760px)`.
import { readonly, ref } from 'vue';

export const NARROW_QUERY = '(max-width: 760px)';

const query = window.matchMedia(NARROW_QUERY);
const narrow = ref(query.matches);
query.addEventListener('change', (event) => (narrow.value = event.matches));

/** True while the viewport is phone-sized; follows rotation and resizing. */
export const isNarrow = readonly(narrow);
