// Reports, problems and photos made without a connection wait here and are sent, in the order
// they were made, when it comes back. A 409 (the record moved on meanwhile) or a refusal stops
// the queue at that entry and shows it: the user re-applies it on the current record or drops it.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiRequestError, requestJson } from '../api/client';
import { conflictBackoffMs } from '../edit/conflict-backoff';
import { outboxDb, type OutboxEntry, type OutboxKind } from '../field/outbox-db';
import { REQUEST_ID_HEADER } from '../../../common/api';
import { clientId } from '../field/client-id';
import { uploadPhoto } from '../field/photo-api';

export interface FieldSend<T> {
  kind: OutboxKind;
  label: string;
  url: string;
  body: OutboxEntry['body'];
  photos: OutboxEntry['photos'];
  /** Called with the server's answer when it is sent now. */
  sent?: (answer: T) => void;
}

const RETRY_MS = 15_000;

export const useOutboxStore = defineStore('outbox', () => {
  const entries = shallowRef<OutboxEntry[]>([]);
  const sending = ref(false);
  /** When the last entry went out, for the user (and the benchmark). */
  const lastSentAt = ref<number | null>(null);
  let conflictStreak = 0;
  let holdUntil = 0;

  const waiting = computed(() => entries.value.filter((e) => e.state === 'waiting').length);
  const blocked = computed(() => entries.value.find((e) => e.state !== 'waiting') ?? null);

  async function reload(): Promise<void> {
    entries.value = (await outboxDb.all()).sort((a, b) => a.seq! - b.seq!);
  }

  /** Photos first (idempotent by id), then the record naming them, under its request id. */
  async function deliver<T>({ url, body, photos, requestId }: Pick<OutboxEntry, 'url' | 'body' | 'photos' | 'requestId'>): Promise<T> {
    for (const p of photos) await uploadPhoto(p.id, p.blob);
    return requestJson<T>('POST', url, body, requestId ? { [REQUEST_ID_HEADER]: requestId } : {});
  }

  /**
   * Sends now when the connection allows and nothing waits before it; otherwise, or when the network
   * fails on the way, keeps it in the outbox. Returns whether it was kept for later.
   */
  async function sendOrKeep<T>(item: FieldSend<T>): Promise<'sent' | 'kept'> {
    // One id for this try and every later one from the outbox: the server may have made the
    // record even when its answer never arrived.
    const requestId = clientId();
    if (navigator.onLine && entries.value.length === 0) {
      try {
        item.sent?.(await deliver<T>({ ...item, requestId }));
        return 'sent';
      } catch (e) {
        if (!(e instanceof ApiRequestError) || e.status !== 0) throw e;
      }
    }
    // The body as it will be sent, JSON: a form's reactive proxies (a clicked location) cannot be
    // stored in IndexedDB, and the entry must not change with the form after it was kept.
    const body = JSON.parse(JSON.stringify(item.body)) as OutboxEntry['body'];
    await outboxDb.add({ kind: item.kind, label: item.label, url: item.url, requestId, body, photos: item.photos, createdAt: new Date().toISOString(), state: 'waiting', error: null, current: null });
    await reload();
    return 'kept';
  }

  async function flushNow(): Promise<void> {
    await reload();
    for (const entry of entries.value) {
      if (entry.state !== 'waiting' || !navigator.onLine || Date.now() < holdUntil) return;
      try {
        await deliver(entry);
        await outboxDb.remove(entry.seq!);
        conflictStreak = 0;
        lastSentAt.value = Date.now();
      } catch (e) {
        if (!(e instanceof ApiRequestError)) throw e;
        if (e.status === 0) return; // still no connection: try again later
        const conflict = e.status === 409 && e.body.error.current ? (e.body.error.current as { version: number }) : null;
        await outboxDb.put({ ...entry, state: conflict ? 'conflict' : 'failed', error: e.body.error, current: conflict });
        if (conflict) holdUntil = Date.now() + conflictBackoffMs(++conflictStreak);
        return;
      } finally {
        await reload();
      }
    }
  }

  /** One sender at a time, across this browser's tabs too, so an entry is not sent twice. */
  async function flush(): Promise<void> {
    if (sending.value) return;
    sending.value = true;
    try {
      if (navigator.locks) await navigator.locks.request('fupin-outbox', () => flushNow());
      else await flushNow();
    } finally {
      sending.value = false;
    }
  }

  /** The conflicting entry again, on the version that beat it. */
  async function reapply(entry: OutboxEntry): Promise<void> {
    const body = entry.current ? { ...entry.body, version: entry.current.version } : entry.body;
    await outboxDb.put({ ...entry, body, state: 'waiting', error: null, current: null });
    holdUntil = 0;
    await flush();
  }

  async function discard(entry: OutboxEntry): Promise<void> {
    await outboxDb.remove(entry.seq!);
    await reload();
    await flush();
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    window.addEventListener('online', () => void flush());
    setInterval(() => {
      if (waiting.value > 0) void flush();
    }, RETRY_MS);
    void flush();
  }

  return { entries, sending, lastSentAt, waiting, blocked, sendOrKeep, flush, reapply, discard, start };
});
