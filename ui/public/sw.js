/*
 * The client portal's service worker (registered by the portal layout, scope /portal). It keeps one
 * thing: the offline page, shown when a navigation cannot reach the server. Nothing else is cached —
 * never an API answer (a client's case data stays on the server), never the app's assets (the
 * browser's HTTP cache has them).
 */
const CACHE = 'lexflow-portal-offline-v1';
const OFFLINE = '/offline.html';
const KEEP = [OFFLINE, '/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(KEEP))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.mode !== 'navigate' || new URL(request.url).pathname.startsWith('/api/')) return;
  event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(OFFLINE))));
});
