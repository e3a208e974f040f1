/// <reference lib="webworker" />
/**
 * The service worker: precache the app shell (Workbox, the list injected at build),
 * answer navigations with index.html so the app opens offline, and leave everything
 * else to the network. /graphql, /uploads and the server's own pages are never cached:
 * the outbox in IndexedDB, not a cache, carries data while offline.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const SERVER_PATHS = [/^\/graphql/, /^\/uploads\//, /^\/exports\//, /^\/certificates\//, /^\/calendar\//, /^\/healthz/];
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: SERVER_PATHS }));

// registerType "prompt": a new version waits until the person presses "Tải lại".
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
