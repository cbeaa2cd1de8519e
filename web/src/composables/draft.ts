// Unsaved form input survives a lost connection, a reload or a page left by mistake: each form's
// fields are kept in sessionStorage under its own key as they are typed, restored when the form
// opens again in this tab, and dropped once saved.
import { watch } from 'vue';

const PREFIX = 'fupin.draft.';

/** Restores `fields` (a reactive object) from the draft under `key`, then keeps the draft current; returns `clear`, for after saving. */
export function useDraft<T extends object>(key: string, fields: T): { clear: () => void } {
  const storageKey = PREFIX + key;
  const saved = sessionStorage.getItem(storageKey);
  if (saved) {
    try {
      const draft = JSON.parse(saved) as Partial<T>;
      for (const name of Object.keys(fields) as (keyof T)[]) {
        if (name in draft && typeof draft[name] === typeof fields[name]) fields[name] = draft[name]!;
      }
    } catch {
      sessionStorage.removeItem(storageKey);
    }
  }
  const stop = watch(fields, (now) => sessionStorage.setItem(storageKey, JSON.stringify(now)), { deep: true });
  return {
    clear() {
      stop();
      sessionStorage.removeItem(storageKey);
    },
  };
}
