// The grid worker's phone app's service worker (issue 20, scope /community/care/). It keeps the app shell — the
// app's page (/community/care/app) and the scripts and styles it loads — so the page opens again without a network.
// The roster and the queue of what was done offline live in IndexedDB (the page's own code); this worker stores no
// personal data of its own beyond the cached page, and sends nothing by itself: the page sends its queue on
// reconnect, on opening and on becoming visible (no Background Sync, which some browsers lack).
const CACHE = 'shequ-care-v1';
const APP = '/community/care/app';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add(new Request(APP, { credentials: 'same-origin' })).catch(() => undefined)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shequ-care-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page lists what it loaded before this worker was in control, to keep for the next offline opening.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'keep' || !Array.isArray(data.urls)) return;
  const same = data.urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin);
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(same.map((u) => cache.add(new Request(u, { credentials: 'same-origin' })).catch(() => undefined)))));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The app's page: the network first (fresh roster), its last copy when there is none.
  if (req.mode === 'navigate' && url.pathname === APP) {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok && !res.redirected) {
            const copy = res.clone();
            caches.open(CACHE).then((cache) => cache.put(APP, copy));
          }
          return res;
        })
        .catch(() => caches.match(APP).then((hit) => hit || Response.error())),
    );
    return;
  }
  // Built scripts and styles are immutable (hashed names): the copy first, else the network (and keep it).
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              caches.open(CACHE).then((cache) => cache.put(req, copy));
            }
            return res;
          }),
      ),
    );
    return;
  }
  // Remix's route manifest (lazy route discovery) and the app's other files: the network, the copy when offline.
  // The app's icons too (installed, the launcher asks for them offline).
  if (url.pathname === '/__manifest' || url.pathname === '/care.webmanifest' || url.pathname === '/favicon.svg' || url.pathname.startsWith('/icons/care-')) {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((cache) => cache.put(req, copy));
          }
          return res;
        })
        .catch(() => caches.match(req).then((hit) => hit || Response.error())),
    );
  }
});
