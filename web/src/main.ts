import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useDataStore } from './stores/data';
import './styles.css';

const pinia = createPinia();
// Every page starts from the county, its villages and the tile versions: asked for now, while the
// page's own code (the map library above all) is still loading, not once it has.
void useDataStore(pinia).load();
createApp(App).use(pinia).mount('#app');
