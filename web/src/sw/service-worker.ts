// The service worker: the app's shell, the county's static tiles and what the map last read keep
// working without a connection. Hand-written rather than Workbox: it is not among the project's
// packages, and the four rules below are all this app needs. web/build/pwa.ts compiles this file
// and puts the build's file list in front of it as PRECACHE and VERSION.
// Writes never pass through a cache: reports made offline wait in the page's outbox (web/src/field/outbox.ts).

declare const PRECACHE: string[];
declare const VERSION: string;

// The DOM library has no service-worker types; these are the parts used here.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(answer: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}
const worker = self as unknown as WorkerScope;

const SHELL = `shell-${VERSION}`;
/** API answers and dynamic tiles as last read, for when the network is gone. */
const DATA = 'data-v1';
/** The static archive, whole: the county's is a few hundred KB. */
const ARCHIVE = 'archive-v1';
const ARCHIVE_PATH = '/tiles/static.pmtiles';
/** Larger archives (a province's, the nation's) are not kept whole; their ranges go to the network. */
const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  // The live feed is a stream; it reconnects by itself.
  if (url.pathname === '/api/events') return;
  if (url.pathname === ARCHIVE_PATH) event.respondWith(archiveRange(request));
  // Other archives read by range (a local basemap, often a province's) are too large to keep, and a
  // partial answer cannot be cached: straight to the network.
  else if (request.headers.has('Range')) return;
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(event, SHELL));
  // A photo's bytes never change under its id (the photo map and lists do).
  else if (/^\/api\/photos\/[0-9a-f-]{36}(\/thumb)?$/.test(url.pathname)) event.respondWith(cacheFirst(event, DATA));
  else if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/tiles/')) event.respondWith(networkFirst(event, url));
  else if (request.mode === 'navigate') event.respondWith(shell(request));
});

/** A page of the app: the cached shell at once (it names its assets by hash), refreshed behind. */
async function shell(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL);
  const cached = await cache.match('/');
  const fresh = fetch(request).then(async (answer) => {
    if (answer.ok) await cache.put('/', answer.clone());
    return answer;
  });
  if (cached) {
    fresh.catch(() => undefined);
    return cached;
  }
  return fresh;
}

/**
 * Answers go to the page as they arrive, and into the cache beside them (waitUntil): a response held
 * back until cache.put finished left map tiles loading for good when several were in flight as
 * the connection came back.
 */
function keep(event: FetchEvent, cache: Cache, key: RequestInfo, answer: Response): void {
  event.waitUntil(cache.put(key, answer.clone()).catch(() => undefined));
}

async function cacheFirst(event: FetchEvent, name: string): Promise<Response> {
  const request = event.request;
  const cache = await caches.open(name);
  const cached = await cache.match(request);
  if (cached) return cached;
  const answer = await fetch(request);
  if (answer.ok) keep(event, cache, request, answer);
  return answer;
}

/**
 * The network while there is one; offline, the answer last read. Dynamic tiles are kept without
 * their version parameter, so an offline map shows the last version it saw.
 */
async function networkFirst(event: FetchEvent, url: URL): Promise<Response> {
  const request = event.request;
  const cache = await caches.open(DATA);
  const key = url.pathname.startsWith('/tiles/') ? `${url.origin}${url.pathname}` : request.url;
  try {
    const answer = await fetch(request);
    // An empty tile (204) is an answer too: offline, the map shows it empty instead of failing.
    if (answer.status === 200 || answer.status === 204) keep(event, cache, key, answer);
    return answer;
  } catch (failure) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw failure;
  }
}

/**
 * The PMTiles client reads the archive by HTTP range. The county's archive is kept whole and each
 * range cut from it, so every static tile of the county works offline, seen before or not. Online,
 * the archive is fetched again when the server's has changed (a boundary import rebuilds it).
 */
async function archiveRange(request: Request): Promise<Response> {
  const cache = await caches.open(ARCHIVE);
  let whole = await cache.match(ARCHIVE_PATH);
  if (!whole || (await archiveChanged(whole))) {
    const fetched = await fetchWholeArchive().catch(() => null);
    if (fetched) {
      await cache.put(ARCHIVE_PATH, fetched.clone());
      whole = fetched;
    }
  }
  if (!whole) return fetch(request);
  const bytes = new Uint8Array(await whole.arrayBuffer());
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get('Range') ?? '');
  const headers = { 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
  if (!range) return new Response(bytes, { status: 200, headers });
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : bytes.length - 1, bytes.length - 1);
  if (start > end) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${bytes.length}` } });
  return new Response(bytes.slice(start, end + 1), { status: 206, headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${bytes.length}` } });
}

/** The archive whole, unless it is too large to keep. */
async function fetchWholeArchive(): Promise<Response | null> {
  const probe = await fetch(ARCHIVE_PATH, { headers: { Range: 'bytes=0-0' }, cache: 'no-store' });
  const total = Number(probe.headers.get('Content-Range')?.split('/')[1]);
  if (!(total > 0) || total > MAX_ARCHIVE_BYTES) return null;
  const answer = await fetch(ARCHIVE_PATH, { cache: 'no-store' });
  return answer.ok ? answer : null;
}

/**
 * Whether the server's archive differs from the kept one, asked at most once a minute and only
 * with a connection. The archive answers carry no ETag; a rebuilt archive differs in its size.
 */
let checkedAt = 0;
async function archiveChanged(cached: Response): Promise<boolean> {
  if (Date.now() - checkedAt < 60_000) return false;
  checkedAt = Date.now();
  try {
    const probe = await fetch(ARCHIVE_PATH, { headers: { Range: 'bytes=0-0' }, cache: 'no-store' });
    const total = probe.headers.get('Content-Range')?.split('/')[1];
    return total !== undefined && total !== cached.headers.get('Content-Length');
  } catch {
    return false;
  }
}

export {};
