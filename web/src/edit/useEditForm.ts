// The save cycle every edit form shares: check on the client with the server's own schemas and
// rules, send, and turn the answer into field messages, a form message, or a version conflict
// that the user can resolve by re-applying their change on the current record.
import { computed, reactive, ref, shallowRef } from 'vue';
import type { Violation } from '../../../common/rules';
import { ApiRequestError } from '../api/client';
import { useDraft, type Draft } from '../composables/draft';
import { useDataStore } from '../stores/data';
import { useSessionStore } from '../stores/session';
import { conflictBackoffMs } from './conflict-backoff';
import { FORM, inLocale, serverViolations } from './violations';

export interface Conflict<Item, Payload> {
  current: Item;
  /** What the user sent, to show beside the current values and to send again. */
  payload: Payload;
}

export interface EditFormOptions<Item, Payload> {
  check: (payload: Payload) => Violation[];
  send: (payload: Payload) => Promise<Item>;
  saved: (item: Item) => void;
  /** The server sent a newer record than the one being edited (a 409). */
  refreshed?: (current: Item) => void;
}

export function useEditForm<Item extends { version: number }, Payload extends object>(options: EditFormOptions<Item, Payload>) {
  const session = useSessionStore();
  const data = useDataStore();
  const violations = shallowRef<Violation[]>([]);
  const conflict = shallowRef<Conflict<Item, Payload> | null>(null);
  const saving = ref(false);
  /** Conflicts in a row; the next try waits longer after each. */
  let conflictStreak = 0;
  /** True while a conflict holds the next try back. */
  const waiting = ref(false);

  function holdAfterConflict(): void {
    conflictStreak++;
    waiting.value = true;
    setTimeout(() => (waiting.value = false), conflictBackoffMs(conflictStreak));
  }

  async function submit(payload: Payload): Promise<void> {
    conflict.value = null;
    violations.value = options.check(payload);
    if (violations.value.length) return;
    saving.value = true;
    try {
      options.saved(await options.send(payload));
      conflictStreak = 0;
    } catch (e) {
      if (!(e instanceof ApiRequestError)) throw e;
      const { error } = e.body;
      // The session is gone, and with it the form: the toast keeps the reason in view.
      if (e.status === 401) {
        session.expired();
        data.report(e);
      }
      if (e.status === 409 && error.current) {
        conflict.value = { current: error.current as Item, payload };
        options.refreshed?.(conflict.value.current);
        holdAfterConflict();
      }
      const fields = serverViolations(error);
      // The server's summary goes at the top; per-field details, when it gives them, beside the fields.
      violations.value = [{ field: FORM, message: error.message, messageEn: error.messageEn }, ...fields];
    } finally {
      saving.value = false;
    }
  }

  /** The user's change again, now on the version that beat it; not before the conflict's hold is over. */
  function reapply(): Promise<void> {
    const c = conflict.value;
    return c && !waiting.value ? submit({ ...c.payload, version: c.current.version }) : Promise.resolve();
  }

  const messagesFor = (field: string): string[] => violations.value.filter((v) => v.field === field).map(inLocale);
  /** Messages about the whole form, and about fields it does not show. */
  const formMessages = (shown: readonly string[]): string[] =>
    violations.value.filter((v) => v.field === FORM || !shown.includes(v.field)).map(inLocale);

  return reactive({ violations, conflict, saving, waiting, submit, reapply, messagesFor, formMessages });
}

/** What the form frame and its fields read, whatever the record and payload. */
export interface FormView {
  readonly saving: boolean;
  readonly conflict: Conflict<object, object> | null;
  /** A conflict holds the next try back for a moment. */
  readonly waiting: boolean;
  reapply(): Promise<void>;
  messagesFor(field: string): string[];
  formMessages(shown: readonly string[]): string[];
}

/** How a detail-panel form hands back a record: the one it saved, or the newer one a conflict revealed. */
export interface RecordFormEmit<Item> {
  (event: 'saved', item: Item): void;
  (event: 'refreshed', item: Item): void;
  (event: 'cancel'): void;
}

/**
 * A form editing a record shown in the detail panel. It edits the record as it was when the form
 * opened (that version is the one a write names); `stale` tells when the server has moved on.
 */
export function useRecordForm<Item extends { version: number }, Payload extends object>(
  record: () => Item,
  emit: RecordFormEmit<Item>,
  options: { check: (payload: Payload, base: Item) => Violation[]; send: (payload: Payload, base: Item) => Promise<Item> },
) {
  const base = record();
  const stale = computed(() => record().version !== base.version);
  let draft: Draft | null = null;
  const form = useEditForm({
    check: (payload: Payload) => options.check(payload, base),
    send: (payload: Payload) => options.send(payload, base),
    saved: (item) => {
      draft?.clear();
      emit('saved', item);
    },
    refreshed: (item) => emit('refreshed', item),
  });

  /** Keeps the form's unsaved input (`fields`, reactive) as a draft of this record under `key`. */
  function keepDraft(key: string, fields: object): Draft {
    draft = useDraft(key, fields, base.version);
    return draft;
  }

  /** An explicit cancel throws the draft away with the form. */
  function cancel(): void {
    draft?.clear();
    emit('cancel');
  }
  return { base, stale, form, keepDraft, cancel };
}
