/// <reference lib="webworker" />
/**
 * The service worker: precache the app shell (Workbox, the list injected at build),
 * answer navigations with index.html so the app opens offline, and leave everything
 * else to the network. /graphql, /uploads and the server's own pages are not cached:
 * the outbox in IndexedDB, not a cache, carries data while offline; the one exception is
 * an article's small attachments (below), so a checklist opened once opens again in a
 * household without signal.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const SERVER_PATHS = [/^\/graphql/, /^\/uploads\//, /^\/exports\//, /^\/certificates\//, /^\/calendar\//, /^\/healthz/];
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: SERVER_PATHS }));

/**
 * An article's attachment (`/uploads/article-attachments/<id>`): network first, so a
 * reader who lost the article's audience gets the server's 404 (and the kept copy goes);
 * a file of at most KEEP_BYTES that the server sent is kept (the newest KEEP_FILES), and
 * answers when there is no connection. Larger files (a 10 MB scan) are not kept: a phone's
 * storage and a 3G plan are worth more than a file that one person opened once. The
 * article page asks the same cache (data/knowledge.ts `attachmentKept`).
 */
const ATTACHMENT_CACHE = 'dxnet-kb-files';
const KEEP_BYTES = 1_000_000;
const KEEP_FILES = 40;
const ATTACHMENT = /^\/uploads\/article-attachments\/\d+$/;

async function keep(cache: Cache, key: string, response: Response): Promise<void> {
  const size = Number(response.headers.get('content-length') ?? KEEP_BYTES + 1);
  if (size > KEEP_BYTES) return;
  await cache.put(key, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - KEEP_FILES))) await cache.delete(old);
}

registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && ATTACHMENT.test(url.pathname),
  async ({ url, request }) => {
    const cache = await caches.open(ATTACHMENT_CACHE);
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      const kept = await cache.match(url.pathname);
      if (kept) return kept;
      throw error;
    }
    if (response.status === 200) await keep(cache, url.pathname, response.clone());
    else if (response.status === 404) await cache.delete(url.pathname);
    return response;
  },
);

// registerType "prompt": a new version waits until the person presses "Tải lại".
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
