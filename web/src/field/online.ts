// Whether the browser has a connection, as one reactive value for every component that shows or
// refuses something offline (the outbox, forms whose changes cannot wait in it).
import { readonly, ref, type Ref } from 'vue';

let online: Ref<boolean> | null = null;

export function useOnline(): Readonly<Ref<boolean>> {
  if (!online) {
    const state = ref(navigator.onLine);
    const track = () => (state.value = navigator.onLine);
    window.addEventListener('online', track);
    window.addEventListener('offline', track);
    online = state;
  }
  return readonly(online);
}
