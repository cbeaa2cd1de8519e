// A tiny path router: the portal has a handful of full-page views and no nested routes, so
// history.pushState and one reactive path are all it needs. The server answers every non-API
// path with index.html, so each view's URL survives a reload and can be bookmarked on a 大屏.
import { computed, defineAsyncComponent, ref, type Component } from 'vue';

interface View {
  path: string;
  component: Component;
  /** The view also answers paths beneath it, e.g. /household/<code>. */
  prefix?: boolean;
}

/** Each view is its own chunk, so the big-screen charts never weigh on the map page. */
export const VIEWS: View[] = [
  { path: '/', component: defineAsyncComponent(() => import('./views/MapPage.vue')) },
  { path: '/screen', component: defineAsyncComponent(() => import('./views/ScreenPage.vue')) },
  { path: '/relocation', component: defineAsyncComponent(() => import('./views/RelocationPage.vue')) },
  { path: '/problems', component: defineAsyncComponent(() => import('./views/ProblemsPage.vue')) },
  { path: '/bulletin', component: defineAsyncComponent(() => import('./views/BulletinPage.vue')) },
  { path: '/import', component: defineAsyncComponent(() => import('./views/ImportPage.vue')) },
  { path: '/deleted', component: defineAsyncComponent(() => import('./views/DeletedPage.vue')) },
  { path: '/targets', component: defineAsyncComponent(() => import('./views/TargetsPage.vue')) },
  { path: '/households', component: defineAsyncComponent(() => import('./views/HouseholdsPage.vue')) },
  { path: '/household', prefix: true, component: defineAsyncComponent(() => import('./views/HouseholdPage.vue')) },
  { path: '/unmask-log', component: defineAsyncComponent(() => import('./views/UnmaskLogPage.vue')) },
];

const path = ref(location.pathname);
window.addEventListener('popstate', () => (path.value = location.pathname));

export const currentView = computed(() => VIEWS.find((v) => v.path === path.value || (v.prefix && path.value.startsWith(`${v.path}/`))) ?? VIEWS[0]);
export const currentPath = computed(() => path.value);

export function navigate(to: string): void {
  if (to === path.value) return;
  history.pushState(null, '', to);
  path.value = to;
}
