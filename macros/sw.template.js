/*
 * The service worker, written into each build by macros/offline.py (do not edit the built
 * copy). It keeps the whole site on the phone after one visit, for use without signal.
 *
 * - Install: every page and asset of this build goes into one cache named by the build's hash,
 *   all or nothing. The new worker waits until no page of the old build is open, so a page
 *   never mixes two builds; then the old caches are deleted.
 * - Pages and data (HTML, JSON): network first, so a reader with signal gets the newest
 *   policy; after a few seconds without an answer, or offline, the cached copy.
 * - Everything else: cache first. Downloads (PDFs, the offline copy) are cached when opened.
 *
 * Nothing about the reader is stored: the cache holds only the site's own files.
 */
"use strict";

const CACHE = __CACHE_NAME__;
const PRECACHE = __PRECACHE__;
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  // "reload": fetch from the server, never from the browser's HTTP cache, which may still hold
  // the previous build's files.
  const requests = PRECACHE.map((address) => new Request(address, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((name) => name.startsWith("policy-") && name !== CACHE).map((name) => caches.delete(name)))
    ).then(() => self.clients.claim())
  );
});

function isPageOrData(request) {
  const accept = request.headers.get("accept") || "";
  return request.mode === "navigate" || accept.includes("text/html") || new URL(request.url).pathname.endsWith(".json");
}

function fromNetwork(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("slow network")), NETWORK_TIMEOUT_MS);
    // "no-cache": ask the server, so that a page is never an old copy from the HTTP cache.
    fetch(request.url, { cache: "no-cache", credentials: "same-origin" }).then((response) => {
      clearTimeout(timer);
      resolve(response);
    }, (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function networkFirst(request) {
  try {
    const response = await fromNetwork(request);
    if (response.ok) return response;
    return (await caches.match(request, { cacheName: CACHE })) || response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.includes("/downloads/")) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(isPageOrData(request) ? networkFirst(request) : cacheFirst(request));
});
