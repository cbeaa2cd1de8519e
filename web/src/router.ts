// A tiny path router: the portal has a handful of full-page views and no nested routes, so
// history.pushState and one reactive path are all it needs. The server answers every non-API
// path with index.html, so each view's URL survives a reload and can be bookmarked on a 大屏.
import { computed, defineAsyncComponent, ref, type AsyncComponentLoader, type Component } from 'vue';
import LoadFailed from './components/LoadFailed.vue';

interface View {
  path: string;
  component: Component;
  /** The view also answers paths beneath it, e.g. /household/<code>. */
  prefix?: boolean;
}

/**
 * A view's chunk that cannot be fetched (the server is down, or was updated since the page opened)
 * says so, with a reload, instead of leaving the page blank.
 */
const lazyView = (loader: AsyncComponentLoader) => defineAsyncComponent({ loader, errorComponent: LoadFailed });

/** Each view is its own chunk, so the big-screen charts never weigh on the map page. */
export const VIEWS: View[] = [
  { path: '/', component: lazyView(() => import('./views/MapPage.vue')) },
  { path: '/screen', component: lazyView(() => import('./views/ScreenPage.vue')) },
  { path: '/relocation', component: lazyView(() => import('./views/RelocationPage.vue')) },
  { path: '/lists', component: lazyView(() => import('./views/ListsPage.vue')) },
  { path: '/problems', component: lazyView(() => import('./views/ProblemsPage.vue')) },
  { path: '/bulletin', component: lazyView(() => import('./views/BulletinPage.vue')) },
  { path: '/import', component: lazyView(() => import('./views/ImportPage.vue')) },
  { path: '/users', component: lazyView(() => import('./views/UsersPage.vue')) },
  { path: '/deleted', component: lazyView(() => import('./views/DeletedPage.vue')) },
  { path: '/targets', component: lazyView(() => import('./views/TargetsPage.vue')) },
  { path: '/households', component: lazyView(() => import('./views/HouseholdsPage.vue')) },
  { path: '/household', prefix: true, component: lazyView(() => import('./views/HouseholdPage.vue')) },
  { path: '/unmask-log', component: lazyView(() => import('./views/UnmaskLogPage.vue')) },
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
