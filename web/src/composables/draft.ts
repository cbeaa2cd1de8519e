// Unsaved form input survives a lost connection, a reload or a page left by mistake: each form's
// fields are kept in sessionStorage under its own key as they are typed, restored when the same
// form opens again in this tab, and dropped once saved or cancelled. A draft of a record that has
// changed on the server since (another version) is offered, never applied silently: the user
// decides whether their input still holds against what others saved meanwhile.
import { ref, watch, type Ref } from 'vue';

const PREFIX = 'fupin.draft.';

interface Stored {
  /** The version of the record the input was typed against; null for a new record. */
  version: number | null;
  fields: Record<string, unknown>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Copies the draft's values onto `target` where the field exists and has the same type, into
 * nested objects in place (a form's model may hold reactive objects it keeps references to).
 */
export function applyDraft(target: Record<string, unknown>, draft: Record<string, unknown>): void {
  for (const name of Object.keys(target)) {
    if (!(name in draft)) continue;
    const [now, saved] = [target[name], draft[name]];
    if (isPlainObject(now) && isPlainObject(saved)) applyDraft(now, saved);
    else if (typeof saved === typeof now && Array.isArray(saved) === Array.isArray(now)) target[name] = saved;
  }
}

function read(storageKey: string): Stored | null {
  const text = sessionStorage.getItem(storageKey);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<Stored>;
    if (isPlainObject(parsed.fields)) return { version: parsed.version ?? null, fields: parsed.fields };
  } catch {
    // A draft that cannot be read is no draft.
  }
  sessionStorage.removeItem(storageKey);
  return null;
}

export interface Draft {
  /** A draft typed against another version of the record waits for the user's choice. */
  readonly offered: Ref<boolean>;
  restore: () => void;
  discard: () => void;
  /** After saving or an explicit cancel. */
  clear: () => void;
}

/**
 * Restores `fields` (a reactive object) from the draft under `key`, then keeps the draft current.
 * `version` is the record's version as the form opened (omitted for a new record).
 */
export function useDraft<T extends object>(key: string, fields: T, version: number | null = null): Draft {
  const storageKey = PREFIX + key;
  const target = fields as Record<string, unknown>;
  const saved = read(storageKey);
  const offered = ref(false);
  if (saved && saved.version === version) applyDraft(target, saved.fields);
  else if (saved) offered.value = true;

  const stop = watch(
    fields,
    (now) => {
      // Typing without taking up the offered draft starts afresh from the current record.
      offered.value = false;
      sessionStorage.setItem(storageKey, JSON.stringify({ version, fields: now }));
    },
    { deep: true },
  );
  const clear = () => {
    stop();
    offered.value = false;
    sessionStorage.removeItem(storageKey);
  };
  return {
    offered,
    restore: () => {
      if (saved) applyDraft(target, saved.fields);
      offered.value = false;
    },
    discard: () => {
      offered.value = false;
      sessionStorage.removeItem(storageKey);
    },
    clear,
  };
}
