// Live updates over server-sent events: each committed change bumps the tile version of its layer
// only (MapView refetches that source alone), and the figures and panels showing it reload. A
// reconnect names the last event seen, and the server replays what came after (or says 'reload');
// a connection whose heartbeat stops is taken for dead, whether or not the socket says so.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { DYNAMIC_LAYERS, type ChangeEvent, type LiveHello, type TileVersions } from '../../../common/api';
import { api } from '../api/client';
import { useDataStore } from './data';

export type LiveStatus = 'connecting' | 'live' | 'offline';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 10_000;
const FIGURES_DELAY_MS = 300;
/** Heartbeats missed before the connection counts as dead: two, and a little for a busy server. */
const MISSED_HEARTBEATS = 2.5;

export const useLiveStore = defineStore('live', () => {
  const data = useDataStore();
  const status = ref<LiveStatus>('connecting');
  /** The latest change, from this screen or another: a panel showing that record reloads it. */
  const lastChange = shallowRef<ChangeEvent | null>(null);
  /** Bumped when a reconnect finds that changes were missed: every open panel reloads. */
  const resyncs = ref(0);
  /** When the server last proved this screen current (a hello, a change, a heartbeat): the age of what it shows. */
  const syncedAt = ref<number | null>(null);

  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = RETRY_FIRST_MS;
  /** The id of the last change this screen has (or, after a reload, the server's newest): where a reconnect resumes. */
  let lastId: number | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  /** The server's heartbeat interval, from its hello; 0 until one came. */
  let heartbeatMs = 0;

  /**
   * The server's versions are the truth: a layer whose version differs either way (a restarted
   * server counts from its boot time) is refetched by MapView. Returns whether any differed.
   */
  function adoptVersions(versions: TileVersions): boolean {
    const current = data.tileVersions;
    if (!current || DYNAMIC_LAYERS.every((layer) => versions[layer] === current[layer])) return false;
    data.tileVersions = { ...versions };
    return true;
  }

  let figuresTimer: ReturnType<typeof setTimeout> | undefined;
  const changedVillages = new Set<string>();

  /**
   * The figures (KPI strip, village lists) follow a moment later: the map and the open record are
   * what the eye is on and get the server first, and a burst of changes (an import, several
   * screens saving) costs one summary rather than one each.
   */
  function refreshFiguresSoon(villageCode?: string): void {
    if (villageCode) changedVillages.add(villageCode);
    figuresTimer ??= setTimeout(() => {
      figuresTimer = undefined;
      const codes = [...changedVillages];
      changedVillages.clear();
      // '*': villages changed in bulk (an import) or unseen (a gap in the feed): the whole list again.
      void data.reloadScope();
      if (codes.includes('*')) void data.load();
      else for (const code of codes) void data.reloadVillage(code);
    }, FIGURES_DELAY_MS);
  }

  function reconnectLater(events: EventSource): void {
    clearTimeout(watchdog);
    events.close();
    source = null;
    status.value = 'offline';
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      open();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  function open(): void {
    status.value = 'connecting';
    const events = new EventSource(lastId === null ? '/api/events' : `/api/events?lastEventId=${lastId}`);
    source = events;
    /** Any message proves the connection alive; silence for too long means it is not. */
    const alive = () => {
      if (status.value === 'live') syncedAt.value = Date.now();
      clearTimeout(watchdog);
      if (heartbeatMs) watchdog = setTimeout(() => reconnectLater(events), heartbeatMs * MISSED_HEARTBEATS);
    };
    // A connection that never says hello is as dead as one that stops.
    alive();
    let newestAtHello = 0;
    events.addEventListener('hello', (message) => {
      status.value = 'live';
      retryMs = RETRY_FIRST_MS;
      // Figures missed while away are fetched on this hello: current from here on.
      const hello = JSON.parse(message.data) as LiveHello;
      heartbeatMs = hello.heartbeatMs;
      newestAtHello = hello.lastId;
      lastId ??= hello.lastId;
      alive();
      const villagesBefore = data.tileVersions?.villages;
      if (adoptVersions(hello.versions)) {
        resyncs.value++;
        refreshFiguresSoon(villagesBefore !== undefined && hello.versions.villages !== villagesBefore ? '*' : undefined);
      }
    });
    events.addEventListener('change', (message) => {
      alive();
      const change = JSON.parse(message.data) as ChangeEvent;
      lastId = change.seq;
      adoptVersions(change.versions);
      lastChange.value = change;
      refreshFiguresSoon(change.entity === 'village' ? change.id : undefined);
    });
    // More was missed than the server keeps: everything that shows data loads again.
    events.addEventListener('reload', () => {
      alive();
      lastId = newestAtHello;
      resyncs.value++;
      refreshFiguresSoon('*');
    });
    events.addEventListener('ping', alive);
    // EventSource retries on its own only for some failures; backing off here covers them all.
    events.onerror = () => reconnectLater(events);
  }

  function connect(): void {
    if (!source && !retryTimer) open();
  }

  /**
   * After this screen saved something: catch up at once rather than wait for the event, which
   * may be held up by a broken connection.
   */
  async function afterSave(entity: ChangeEvent['entity'], id: string): Promise<void> {
    try {
      adoptVersions(await api.tileVersions());
    } catch (e) {
      data.report(e);
    }
    refreshFiguresSoon(entity === 'village' ? id : undefined);
  }

  return { status, lastChange, resyncs, syncedAt, connect, afterSave };
});
