import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { registerServiceWorker } from './field/service-worker';
import { setUpMapLibre } from './map/setup';
import { useDataStore } from './stores/data';
import './styles.css';

// MapLibre's tile worker takes a while to start, and its thread only starts while this page's main
// thread is free, which it is not from the moment the map page mounts until the map has drawn. Set
// up first, the worker boots while the API answers are on their way and is ready when the map asks
// for tiles. The map library is in this chunk for that reason: the pages without a map are few.
setUpMapLibre();

const pinia = createPinia();
// Every page starts from the county, its villages and the tile versions: asked for now, while the
// page's own code (the map library above all) is still loading, not once it has.
void useDataStore(pinia).load();
createApp(App).use(pinia).mount('#app');
registerServiceWorker();
