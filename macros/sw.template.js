/*
 * The service worker, written into each build by macros/service_worker.py (do not edit the built
 * copy). It keeps the whole site on the phone after one visit, for use without signal.
 *
 * - Install: every page of this build, and every file the pages use, goes into one cache named
 *   by the build's hash, all or nothing: two files at a time, smallest first (the list's order),
 *   so that on a poor connection the pages are kept first and the page being read still gets
 *   its share of the signal. A failed install deletes what it had cached and backs off
 *   (1 minute, then doubling up to a day) instead of fetching the whole site again on every
 *   page.
 * - The new worker waits until the reader chooses to reload (assets/javascripts/offline.js shows
 *   "A newer version ... is available") or no page of the old build is open, so a page never
 *   mixes two builds; then the old caches are deleted.
 * - Pages and data (HTML, JSON): network first, so a reader with signal gets the newest
 *   policy; after a few seconds without an answer, or offline, the cached copy. The cache keeps
 *   only this build's pages, as installed: a page of a newer build fetched meanwhile is never
 *   put into it, so offline a reader never sees two versions of the policy mixed; the new
 *   build's worker moves them all at once. A page is found whatever its query (a search
 *   result's address) and without its trailing slash; an unknown address gets the site's own
 *   404 page.
 * - Everything else: cache first, keeping what it fetched (downloads are cached when opened).
 *
 * Nothing about the reader is stored: the caches hold only the site's own files, and the
 * time of a failed install.
 *
 * Every cache's name starts with the site's address (the worker's scope), so that two sites
 * published under one host (<owner>.github.io/<setting-a>/ and /<setting-b>/) never read or
 * delete each other's.
 */
"use strict";

const SITE = `policy ${self.registration.scope} `;
const CACHE = SITE + __BUILD_HASH__;
const PRECACHE = __PRECACHE__;
const NETWORK_TIMEOUT_MS = 4000;
const PARALLEL_DOWNLOADS = 2;
const NOT_FOUND_PAGE = "404.html";
// After a failed install: how long to wait before the next try (doubling each time).
const BACKOFF = SITE + "install-backoff";
const FIRST_WAIT_MS = 60 * 1000;
const LONGEST_WAIT_MS = 24 * 60 * 60 * 1000;

async function backoffState() {
  // caches.match, not caches.open: opening would create the cache on every install.
  const saved = await caches.match("state", { cacheName: BACKOFF });
  return saved ? saved.json() : { failures: 0, at: 0 };
}

async function precache() {
  const state = await backoffState();
  const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (state.failures - 1));
  if (state.failures && Date.now() - state.at < wait) throw new Error("the last install failed: waiting before the next");
  const cache = await caches.open(CACHE);
  const queue = PRECACHE.slice();
  async function keepNext() {
    // "reload": fetch from the server, never from the browser's HTTP cache, which may still
    // hold the previous build's files.
    for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
      await cache.add(new Request(address, { cache: "reload" }));
    }
  }
  try {
    await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, keepNext));
    await caches.delete(BACKOFF);
  } catch (error) {
    await caches.delete(CACHE);
    const failed = new Response(JSON.stringify({ failures: state.failures + 1, at: Date.now() }));
    await (await caches.open(BACKOFF)).put("state", failed);
    throw error;
  }
}

self.addEventListener("install", (event) => event.waitUntil(precache()));

// The reader chose "Reload" on the newer-version notice.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((name) => name.startsWith(SITE) && name !== CACHE && name !== BACKOFF)
        .map((name) => caches.delete(name)))
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

// The cached copy of a page: whatever its query (?q=...), as "contacts/" for "contacts" and
// "contacts/index.html". A redirect where the address the reader used lacks its slash, so that
// the page's relative links resolve.
async function cachedPage(request) {
  const cache = await caches.open(CACHE);
  const found = await cache.match(request, { ignoreSearch: true });
  if (found) return found;
  const url = new URL(request.url);
  url.search = "";
  if (url.pathname.endsWith("/index.html")) {
    return cache.match(url.href.slice(0, -"index.html".length));
  }
  if (!url.pathname.endsWith("/") && !/\.[a-z0-9]+$/i.test(url.pathname)) {
    const withSlash = url.href + "/";
    if (await cache.match(withSlash)) return Response.redirect(withSlash, 301);
  }
  return undefined;
}

async function notFound() {
  const page = await caches.match(new URL(NOT_FOUND_PAGE, self.registration.scope).href, { cacheName: CACHE });
  return page && new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
}

async function networkFirst(request) {
  try {
    const response = await fromNetwork(request);
    // A navigation may not be answered with a redirected response: send the browser to the
    // address the server redirected to instead (e.g. "contacts" to "contacts/").
    if (response.redirected && request.mode === "navigate") return Response.redirect(response.url, 301);
    if (response.ok) return response;
    const cached = await cachedPage(request);
    if (cached) return cached;
    // The site's own 404 page, whatever the server's is.
    if (response.status === 404 && request.mode === "navigate") return (await notFound()) || response;
    return response;
  } catch (error) {
    const cached = await cachedPage(request);
    if (cached) return cached;
    if (request.mode === "navigate") {
      const page = await notFound();
      if (page) return page;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  // Kept for use without signal: downloads opened once, and any asset a page needed.
  if (response.ok && !response.redirected) {
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
