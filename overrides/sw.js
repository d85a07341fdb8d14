// @ts-check
/// <reference lib="webworker" />
/**
 * The service worker: the whole site offline, one build at a time.
 *
 * sitebuild/offline.py writes the build's file list into BUILD below (it comes
 * from workbox-build's getManifest: every built file, with a SHA-256 digest). The files
 * fall in two groups of one version:
 *   - "site": every page, style, script, image, icon, the search index and the PDF.
 *     Cached when this worker installs, which the page starts after it has loaded.
 *   - "calculators": Pyodide and the calculators' wheel (about 14 MB). Cached only
 *     once the reader uses a calculator: the page says so (message "cache-calculators")
 *     once its calculator is running, so the copy comes from the browser's HTTP cache.
 *     A reader who only reads guides downloads none of it. These files are served from
 *     the browser's HTTP cache when it has them (they are immutable), else from this
 *     worker's copy, else from the network (see calculatorFile).
 *   - "watch": the FIT reader's wheel (fitdecode, about 110 KB), which only the "From your
 *     watch" page loads. Kept only once a reader has used that page (see ON_DEMAND).
 *
 * Each build has its own caches, "ffr-<version>-site" and "ffr-<version>-calculators",
 * and a worker answers only from its own version's caches, so a page and everything it
 * fetches afterwards (instant navigation, search) come from one build; Pyodide and the
 * wheel are named by their version and content hash, so any copy of them is the right
 * one (Pyodide's lock file aside, which is revalidated; see calculatorFile). A new
 * build's worker installs beside the old one and waits; the page offers a reload
 * (offline.js), and on activation the new worker deletes the old version's caches.
 * Every file is checked against its digest before it is cached, so a server caught
 * half-way through a deploy cannot slip a file of another build into this one; a file
 * that did not change is copied from the old version's cache instead of downloaded.
 *
 * Without a manifest (this template as it stands, which `mkdocs serve` ships) the worker
 * deletes the caches and unregisters itself, so a browser that visited a production
 * build on the same address is not served stale pages while someone edits the site.
 */

/** @typedef {{version: string, groups: Record<string, [string, string][]>}} Build */
const BUILD = /* ffr:build */ null /* /ffr:build */;
/** BUILD as the build writes it: typed apart, since the checker would take this template's `null` for its type. */
const build = /** @type {Build | null} */ (BUILD);

/** @type {ServiceWorkerGlobalScope} */
// @ts-ignore: `self` is the service worker's global scope here
const sw = self;
const PREFIX = "ffr-";
const PARALLEL = 6;
const CHECKED = "X-FFR-Integrity"; // on every cached response: the digest it was checked against
const SCOPE = new URL(sw.registration.scope);

/**
 * Groups kept only once a reader has used their feature, never for every reader: the page asks
 * (message "cache-group", after a first reading: a first visit's page is not yet under this
 * worker), and any later request for one of their files through this worker keeps the group too.
 * Their files are immutable (content-hashed addresses), so the copy the page has just used is
 * the right one. A build whose predecessor kept a group keeps it across the update.
 */
const ON_DEMAND = ["watch"];

/** @type {Map<string, {group: string, integrity: string}>} absolute URL -> its group and digest */
const ENTRIES = new Map();
for (const [group, files] of Object.entries(build ? build.groups : {})) {
  for (const [url, integrity] of files) ENTRIES.set(new URL(url, SCOPE).href, { group, integrity });
}

/** @param {string} group */
const cacheName = (group) => `${PREFIX}${build ? build.version : "none"}-${group}`;

/**
 * The cache key for a URL in scope: no query or fragment, "index.html" for a folder.
 * @param {string} url
 */
function keyOf(url) {
  const u = new URL(url);
  if (u.origin !== SCOPE.origin || !u.pathname.startsWith(SCOPE.pathname)) return null;
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/")) u.pathname += "index.html";
  return u.href;
}

/**
 * Fix the one header the browser is strict about: WebAssembly.instantiateStreaming
 * needs application/wasm.
 * @param {Headers} headers
 * @param {string} key
 */
function typed(headers, key) {
  if (key.endsWith(".wasm")) headers.set("Content-Type", "application/wasm");
  return headers;
}

/** @param {ArrayBuffer} body */
async function digest(body) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return "sha256-" + btoa(text);
}

/**
 * A response fit to cache: exactly the bytes this build lists, its headers (the CSP
 * included) without the encoding ones, which no longer apply to the stored body.
 * @param {Response} response
 * @param {string} key
 * @param {string} integrity
 */
async function checked(response, key, integrity) {
  if (!response.ok) throw new Error(`${key}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if ((await digest(body)) !== integrity) throw new Error(`${key} is not the file this build lists`);
  const headers = typed(new Headers(response.headers), key);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set(CHECKED, integrity);
  return new Response(body, { status: 200, statusText: "OK", headers });
}

/**
 * The same file (same URL, same digest) in an older build's cache, if any.
 * @param {string} key
 * @param {string} integrity
 */
async function fromOlderBuild(key, integrity) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name.startsWith(`${PREFIX}${build && build.version}-`)) continue;
    const hit = await (await caches.open(name)).match(key);
    if (hit && hit.headers.get(CHECKED) === integrity) return hit;
  }
  return null;
}

/**
 * @param {Cache} cache
 * @param {string} key
 * @param {string} integrity
 * @param {string} group
 */
async function download(cache, key, integrity, group) {
  // A page keeps its address across builds: ask the server, never take an older copy
  // from the HTTP cache. The calculators' files are immutable at their address, so the
  // copy the calculator has just loaded is the right one (the lock file, sent as
  // "revalidate", is checked with the server either way).
  const response = await fetch(key, { cache: group === "site" ? "no-cache" : "default" });
  await cache.put(key, await checked(response, key, integrity));
}

/** @type {Map<string, {done: Promise<void>}>} */
const jobs = new Map();

/**
 * Put every file of a group into this version's cache: from an older build's cache
 * when it is unchanged, otherwise (if `network`) from the server.
 * @param {string} group
 * @param {boolean} network
 */
function fill(group, network) {
  const running = jobs.get(group);
  if (running) return running;
  const done = (async () => {
    try {
      const name = cacheName(group);
      const have = (await caches.has(name)) ? new Set((await (await caches.open(name)).keys()).map((r) => r.url)) : new Set();
      /** @type {[string, string][]} */
      const missing = [];
      /** @type {[string, Response][]} */
      const copies = [];
      for (const [key, entry] of ENTRIES) {
        if (entry.group !== group || have.has(key)) continue;
        const older = await fromOlderBuild(key, entry.integrity);
        if (older) copies.push([key, older]);
        else missing.push([key, entry.integrity]);
      }
      if (!copies.length && !(network && missing.length)) return; // nothing to do: no empty cache either
      const cache = await caches.open(name);
      for (const [key, response] of copies) await cache.put(key, response);
      if (!network) return;
      const lanes = Array.from({ length: Math.min(PARALLEL, missing.length) }, async () => {
        for (let next = missing.shift(); next; next = missing.shift()) await download(cache, next[0], next[1], group);
      });
      await Promise.all(lanes);
    } finally {
      jobs.delete(group);
    }
  })();
  const job = { done };
  jobs.set(group, job);
  return job;
}

/**
 * Did an older build have this group cached? Then keep it offline across updates.
 * @param {string} group
 */
async function hadGroup(group) {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name.endsWith(`-${group}`) && (await (await caches.open(name)).keys()).length) return true;
  }
  return false;
}

sw.addEventListener("install", (event) => {
  if (!build) {
    event.waitUntil(sw.skipWaiting());
    return;
  }
  event.waitUntil(
    (async () => {
      await fill("site", true).done;
      await fill("calculators", await hadGroup("calculators")).done;
      for (const group of ON_DEMAND) await fill(group, await hadGroup(group)).done;
    })(),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${build ? build.version : ""}-`)) await caches.delete(name);
      }
      if (!build) {
        await sw.registration.unregister();
        for (const client of await sw.clients.matchAll({ type: "window" })) client.navigate(client.url);
      }
    })(),
  );
});

sw.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "skip-waiting") event.waitUntil(sw.skipWaiting());
  else if (type === "cache-calculators" && build) event.waitUntil(fill("calculators", true).done.catch(() => {}));
  else if (type === "cache-group" && build && ON_DEMAND.includes(event.data.group)) event.waitUntil(fill(event.data.group, true).done.catch(() => {}));
});

/**
 * A file of this build, from this build's cache (the site group: every page a reader
 * opens, offline or not, comes from one build).
 * @param {Request} request
 * @param {string} key
 * @param {{group: string, integrity: string}} entry
 */
async function respond(request, key, entry) {
  const hit = await (await caches.open(cacheName(entry.group))).match(key);
  return hit || fetch(request);
}

/** @type {Promise<boolean> | null} */
let honours = null;

/**
 * Whether this browser answers `cache: "only-if-cached"` from its HTTP cache alone (once per
 * worker). WebKit ignores the mode and asks the network, so there the first step below would
 * download Pyodide again on every visit instead of using this worker's copy. A HEAD request
 * for an address no cache holds tells: an honouring browser fails it without any request.
 * @param {string} url a file of this site
 */
function honoursOnlyIfCached(url) {
  const probe = new URL(url);
  probe.search = `?only-if-cached-probe=${Math.random()}`;
  honours ??= fetch(probe.href, { method: "HEAD", cache: "only-if-cached", mode: "same-origin" }).then(
    () => false,
    () => true,
  );
  return honours;
}

/**
 * Pyodide or the calculators' wheel. First the browser's own HTTP cache (where the browser
 * can be asked for its cache alone: not WebKit, see honoursOnlyIfCached): these files sit
 * under their version or content hash and are sent as immutable, so the cache answers
 * without asking the server, and sooner than Cache Storage through this worker
 * (measured: Pyodide starts about 100 ms sooner; bench/README.md). Then this worker's
 * checked copy (offline, or after the browser dropped its HTTP cache), and only then the
 * network. Pyodide's lock file, trimmed by the build and so revalidated, goes to the
 * network first. The page asks for the copy once its calculator is running (message
 * "cache-calculators").
 * @param {Request} request
 * @param {string} key
 */
async function calculatorFile(request, key) {
  const immutable = !key.endsWith("/pyodide-lock.json");
  if (!immutable || (await honoursOnlyIfCached(request.url))) {
    try {
      const response = await fetch(request.url, immutable ? { cache: "only-if-cached", mode: "same-origin" } : {});
      if (response.ok) return response;
    } catch {
      /* not in the HTTP cache, or offline */
    }
  }
  const copy = await caches.match(key, { cacheName: cacheName("calculators") });
  if (copy) return copy;
  return fetch(request); // a caller's own "only-if-cached" probe fails here, as it should
}

/**
 * A file of a group kept on first use: this worker's checked copy, else the network (the HTTP
 * cache first: the file is immutable); the group is then kept, once the response is on its way.
 * @param {FetchEvent} event
 * @param {string} key
 * @param {string} group
 */
async function onDemandFile(event, key, group) {
  const copy = await caches.match(key, { cacheName: cacheName(group) });
  if (copy) return copy;
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(fill(group, true).done.catch(() => {}));
  return response;
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!build || request.method !== "GET" || request.headers.has("range")) return;
  const key = keyOf(request.url);
  const entry = key ? ENTRIES.get(key) : undefined;
  if (entry && key && ON_DEMAND.includes(entry.group)) {
    event.respondWith(onDemandFile(event, key, entry.group));
  } else if (entry && key) {
    event.respondWith(entry.group === "calculators" ? calculatorFile(request, key) : respond(request, key, entry));
  } else if (key && request.mode === "navigate") {
    // Not a page of this build: ask the server; offline, show the site's own 404 page.
    event.respondWith(
      fetch(request).catch(async () => {
        const page = await caches.match(new URL("404.html", SCOPE).href, { cacheName: cacheName("site") });
        return page ? new Response(page.body, { status: 404, headers: page.headers }) : Response.error();
      }),
    );
  }
});
