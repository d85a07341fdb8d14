// @ts-check
/**
 * Module Web Worker that runs the calculators' Python in Pyodide.
 *
 * It speaks the protocol in calculator-messages.mjs: `start` names the calculators' wheel
 * (calculator-boot.js sends it at once); `setup` starts Python and loads the calculators
 * (reply `ready`); `compute` and `export` go to Python as they are, as JSON
 * (`calculators/_web.py`'s `handle`, which answers with the `result` or `file` message);
 * if Python itself cannot start or answer, the reply is an `error` message.
 *
 * A returning reader's Python comes from a memory snapshot (see "Memory snapshots" below):
 * an image of the interpreter with the calculators imported, made in this browser on an
 * earlier visit, restored in a fraction of the time a normal start takes.
 */
import { loadPyodide, version } from "../pyodide/PYODIDE_VERSION/pyodide.mjs"; // the build writes in the pinned version (sitebuild/pyodide.py)

// When to start Pyodide, which compiles 9.6 MB of WebAssembly on every core it can get.
// - A snapshot of an earlier visit, or Pyodide's files in the browser's cache (a return
//   visit): at once; that is the fastest way to a result.
// - A first visit: download the files at once, but compile only when the page sends
//   "setup", which a calculator page does when its own start-up work is done. The
//   download takes seconds on a phone anyway, and page and compiler would otherwise slow
//   each other down on its few cores (measured: Lighthouse's blocking time on the planner
//   page about halves; bench/README.md). The files are held in memory until then and
//   handed to Pyodide (`held`): a private window's memory-only cache does not keep a file
//   as large as the WebAssembly, which would otherwise cross the network twice.
const PYODIDE = new URL("../pyodide/PYODIDE_VERSION/", import.meta.url);
const FILES = ["pyodide.asm.wasm", "pyodide-lock.json"];
const SCRIPT = "pyodide.asm.mjs"; // imported, not fetched: through the HTTP cache
// Pyodide's standard library as the build compiled it (sitebuild/compile_pyc.mjs), under the
// hash of its bytes, which the build writes in here (sitebuild/wheel.py). The npm package's
// own zip holds sources only, and compiling them was most of a first start (bench/README.md).
const STDLIB_HASH = "STDLIB_FOLDER";
const STDLIB = new URL(`../calculators/${STDLIB_HASH}/python_stdlib.zip`, import.meta.url).href;
/** @type {() => void} */
let pageStarted = () => {};
let pageHasStarted = false;
const pageReady = new Promise((resolve) => (pageStarted = () => resolve((pageHasStarted = true))));
/** @type {(wheel: string) => void} */
let wheelNamed = () => {};
/** The wheel's address, from the page's first message (`start` or `setup`). */
const wheelURL = new Promise((resolve) => (wheelNamed = resolve));

/**
 * Whether this browser answers `cache: "only-if-cached"` from its HTTP cache alone. WebKit
 * (2.50, so Safari's engine) ignores the mode and asks the network: there, asking "is this
 * file cached?" downloads it (the 9.6 MB WebAssembly, twice over on a first visit). Found
 * out once, with a HEAD request for an address no cache holds: a browser that honours the
 * mode fails it at once without any request; WebKit sends the HEAD (a few hundred bytes).
 * A HEAD request never reaches the service worker, which handles GET only.
 */
const honoursOnlyIfCached = fetch(new URL(`${FILES[0]}?only-if-cached-probe=${Math.random()}`, PYODIDE), {
  method: "HEAD",
  cache: "only-if-cached",
  mode: "same-origin",
}).then(
  () => false,
  () => true,
);

/** Whether Pyodide's files are on this device: the service worker's copy, or the HTTP cache where the browser can say. */
async function inCache() {
  const url = new URL(FILES[0], PYODIDE).href;
  try {
    if (typeof caches === "object" && (await caches.match(url))) return true; // kept for offline use after a first calculator visit
  } catch {
    /* no Cache Storage here */
  }
  if (!(await honoursOnlyIfCached)) return false;
  try {
    const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Pyodide's files as downloaded before `loadPyodide` asks for them, by absolute URL.
 * @type {Map<string, Promise<Response | null>>}
 */
const held = new Map();
const networkFetch = self.fetch.bind(self);

/** Download Pyodide's files now, into memory, and answer Pyodide's own requests for them from there. */
function holdFiles() {
  for (const url of [...FILES.map((name) => new URL(name, PYODIDE).href), STDLIB]) {
    held.set(
      url,
      networkFetch(url)
        .then(async (response) => {
          if (!response.ok) return null;
          const type = response.headers.get("Content-Type") || "application/octet-stream";
          return new Response(await response.arrayBuffer(), { headers: { "Content-Type": type } });
        })
        .catch(() => null), // asked for again below, and any failure reported by loadPyodide
    );
  }
  fetch(new URL(SCRIPT, PYODIDE)) // into the HTTP cache, where Pyodide's import finds it
    .then((response) => response.body?.pipeTo(new WritableStream()))
    .catch(() => {});
  self.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const early = held.get(url);
    if (!early) return networkFetch(input, init);
    held.delete(url); // once: the bytes are then Pyodide's
    // The HTTP cache's own copy where it kept one (a normal window): a real response, whose
    // compiled WebAssembly the browser caches for the next visit; a private window's held bytes otherwise.
    const cached = (await honoursOnlyIfCached)
      ? await networkFetch(url, { cache: "only-if-cached", mode: "same-origin" }).catch(() => null)
      : null; // WebKit would fetch it again from the network
    if (cached && cached.ok) return cached;
    return (await early) || networkFetch(input, init);
  };
}

// ---- Memory snapshots ----------------------------------------------------------------
// Pyodide's `_makeSnapshot` / `_loadSnapshot` options (private, and so never trusted):
// right after a normal start has imported the calculators, before any of the reader's
// values reach Python, the worker copies the interpreter's memory (an "image", about 31 MB);
// once the page has paused it stores the image in Cache Storage, keyed by the Pyodide
// version, the wheel's address (which holds its content hash), the standard library's hash
// and LAYOUT, so a new build, a new Pyodide, another standard library (whose index the image
// holds) or a new way of setting Python up never restores an old image. A later
// visit restores it, then proves it: the planner's default result must hash as it did when
// the image was stored. Any failure (no image, a damaged or short one, another Pyodide
// build, a wrong answer, a restored Python that fails later) deletes the image and starts
// Python the normal way; the reader's values and log live in the page and are never touched.
const SNAPSHOTS = "stride-shift-python"; // not "ffr-…": the service worker clears those per build
const CHECK = "X-FFR-Check"; // on the stored image: the digest of PROBE's answer
const LENGTH = "X-FFR-Bytes"; // on the stored image: its length, checked before Python sees it
const LAYOUT = 2; // raise it whenever the way this worker sets Python up changes (the wheel's path, sys.path, the standard library's)
const PROBE = JSON.stringify({ type: "compute", id: 0, calculator: "ramp-up", values: {} });
const IDLE_MS = 1500; // the image is stored after this long a pause in the page's requests
const canSnapshot = typeof caches === "object" && typeof crypto === "object" && !!crypto.subtle;

/** @param {string} wheel */
const snapshotKey = (wheel) => new URL(`python-${version}-${LAYOUT}-${STDLIB_HASH}.snapshot`, wheel).href;

/**
 * The size of Pyodide's memory now (the private `_module`): an image can only be restored
 * into memory of the size a start gives, so one made after it grew is not kept.
 * @param {Pyodide} pyodide
 */
const heapSize = (pyodide) => /** @type {{_module: {HEAP8: Uint8Array}}} */ (/** @type {unknown} */ (pyodide))._module.HEAP8.length;

/** @param {string} text */
async function digest(text) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The image stored for this wheel, if any: its bytes still on their way (read while
 * Pyodide's own files load; short ones refused), and the digest its answer must have.
 * @param {string} key
 * @returns {Promise<{bytes: Promise<ArrayBuffer>, check: string} | null>}
 */
async function storedSnapshot(key) {
  if (!canSnapshot) return null;
  try {
    const hit = await caches.match(key, { cacheName: SNAPSHOTS });
    if (!hit) return null;
    const length = Number(hit.headers.get(LENGTH));
    const bytes = hit.arrayBuffer().then((buffer) => {
      if (buffer.byteLength !== length) throw new Error("the stored image is not whole");
      return buffer;
    });
    bytes.catch(() => {}); // handled where the restore is awaited
    return { bytes, check: hit.headers.get(CHECK) || "" };
  } catch {
    return null;
  }
}

/** @param {string} key */
async function forgetSnapshot(key) {
  try {
    await (await caches.open(SNAPSHOTS)).delete(key);
  } catch {
    /* nothing stored, or no storage */
  }
}

/**
 * A normal start (able to make a snapshot later, where the browser can store one). Files
 * are held only while there is a page start-up to wait for: otherwise (a worker started by
 * a pointer on a link, whose `setup` comes at once) Pyodide fetches them itself, compiling
 * the WebAssembly as it arrives.
 */
async function freshStart() {
  if (!(await inCache()) && !pageHasStarted) {
    holdFiles();
    await pageReady;
  }
  return loadPyodide({ _makeSnapshot: canSnapshot, stdLibURL: STDLIB });
}

/**
 * @typedef {import("pyodide").PyodideAPI} Pyodide
 * @typedef {object} WebEntry  the Python module calculators._web (a proxy kept for the worker's lifetime)
 * @property {(request: string) => string} handle  a `compute` or `export` message in, its reply out (JSON)
 * @property {(ids: string) => number} warm  compute these calculators' defaults (space-separated ids; all if empty); how many it computed
 * @typedef {{web: WebEntry, pyodide: Pyodide, from: "snapshot" | "fresh", key: string, image?: Uint8Array | null}} Running
 *   `image`: after a normal start, the interpreter's memory as it was before any request (to store)
 */

/** The wheel's bytes, fetched as soon as its address is known. */
const wheelBytes = wheelURL.then(async (wheel) => {
  const response = await fetch(wheel);
  if (!response.ok) throw new Error(`Could not fetch the calculators (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
});
wheelBytes.catch(() => {}); // reported by `setup`

/**
 * Python with the calculators loaded, from a snapshot or a normal start; it does not wait
 * for `setup` unless a first visit's start must (see freshStart).
 *
 * The wheel is imported in place (zipimport), not unpacked: it carries each module
 * compiled by this Pyodide's Python next to its source (see sitebuild/compile_pyc.mjs),
 * so nothing is extracted or compiled here. A restored interpreter has it imported
 * already; the file is written again for any module it imports later.
 * @type {Promise<Running>}
 */
const started = (async () => {
  const wheel = await wheelURL;
  const key = snapshotKey(wheel);
  const path = "/home/pyodide/" + wheel.slice(wheel.lastIndexOf("/") + 1);
  const stored = await storedSnapshot(key);
  if (stored) {
    const restoring = loadPyodide({ _loadSnapshot: stored.bytes, stdLibURL: STDLIB }); // the zip it was made with: the key says so
    restoring.catch(() => {}); // handled below
    const bytes = await wheelBytes;
    try {
      const pyodide = await restoring;
      pyodide.FS.writeFile(path, bytes);
      /** @type {WebEntry} */
      const web = pyodide.pyimport("calculators._web");
      if ((await digest(web.handle(PROBE))) !== stored.check) throw new Error("the restored Python gave another answer");
      release(await stored.bytes);
      return { web, pyodide, from: "snapshot", key };
    } catch {
      await forgetSnapshot(key); // damaged, made by another build of Pyodide, or wrong
    }
  }
  const [pyodide, bytes] = await Promise.all([freshStart(), wheelBytes]);
  const heap = heapSize(pyodide);
  pyodide.FS.writeFile(path, bytes);
  pyodide.pyimport("sys").path.insert(0, path);
  const web = pyodide.pyimport("calculators._web");
  return { web, pyodide, from: "fresh", key, image: imageOf(pyodide, heap) };
})();

/**
 * Pyodide keeps the options it was given, and so a restored image's 31 MB: detach them
 * (where the browser cannot, the memory is merely kept).
 * @param {ArrayBuffer} image
 */
function release(image) {
  try {
    structuredClone(image, { transfer: [image] });
  } catch {
    /* kept */
  }
}

/**
 * The interpreter's memory now, before any of the reader's values have reached Python
 * (so the stored image holds none of them), or null if none can or should be kept.
 * @param {Pyodide} pyodide
 * @param {number} heap its memory's size right after it started
 */
function imageOf(pyodide, heap) {
  if (!canSnapshot || heapSize(pyodide) !== heap) return null;
  try {
    return pyodide.makeMemorySnapshot();
  } catch {
    return null; // Pyodide refused (its state would not restore)
  }
}
started.catch(() => {}); // reported by `setup`

/** @type {Promise<Running> | null} */
let handlerReady = null;

/**
 * The page has done its own start-up: Python may start (if it had to wait), and its
 * entry point is returned once the calculators are loaded.
 * @param {string} wheel absolute URL of the calculators wheel
 * @returns {Promise<Running>}
 */
function setup(wheel) {
  wheelNamed(wheel);
  pageStarted();
  return started;
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let idle;
let snapshotTaken = false;

// Warming up while the reader reads. A Python that has just started (or been restored) runs
// the calculators' code for the first time: the browser compiles each WebAssembly function
// on its first call and its faster tier only once the function has run a while, so the
// reader's next changes cost several times what they cost later (bench/README.md). After a
// reply, once the worker has had no message for WARM_IDLE_MS (SETUP_IDLE_MS after `ready`,
// when the reader has asked for nothing yet and the page may still be starting: the pause the
// offline copy waits for) and is reading no files, it computes the defaults of the calculator
// the reader uses, up to WARMUPS times for each (our convention: a few milliseconds each once
// compiled; a fraction of a second of one core in all); all the calculators (a worker started
// from a guide page's link) only once. A message cancels the next one, so a reader's request
// never waits for more than one; ids that name no calculator (the "From your watch" page)
// warm nothing.
const WARMUPS = 6;
const WARM_IDLE_MS = 200;
const SETUP_IDLE_MS = 2000;
/** @type {Map<string, number>} warm-ups done, by the ids warmed */
const warmups = new Map();
/** @type {ReturnType<typeof setTimeout> | undefined} */
let warmTimer;
let readingFiles = false;

/**
 * @param {Running} running
 * @param {string} ids the calculators to warm (space-separated; all if empty)
 * @param {number} [after] how long the worker must have had no message first
 */
function warmWhenIdle(running, ids, after = WARM_IDLE_MS) {
  clearTimeout(warmTimer);
  if ((warmups.get(ids) || 0) >= (ids ? WARMUPS : 1)) return;
  warmTimer = setTimeout(async () => {
    if (readingFiles) return warmWhenIdle(running, ids); // later: the files first
    let computed = 0;
    try {
      computed = running.web.warm(ids);
    } catch {
      if (running.from === "snapshot") await forgetSnapshot(running.key); // a restored image is not to be trusted again
      return; // the reader's next request reports it
    }
    if (!computed) return; // nothing to warm on this page
    warmups.set(ids, (warmups.get(ids) || 0) + 1);
    warmWhenIdle(running, ids);
  }, after);
}

/**
 * Once the page has paused, store the image taken when this interpreter started (once).
 * @param {Running} running
 */
function snapshotWhenIdle(running) {
  if (snapshotTaken || running.from !== "fresh" || !canSnapshot) return;
  clearTimeout(idle);
  idle = setTimeout(() => saveSnapshot(running), IDLE_MS);
}

/** @param {Running} running */
async function saveSnapshot(running) {
  snapshotTaken = true;
  let saved = false;
  const image = running.image;
  running.image = null; // stored or not, the worker lets it go
  try {
    if (!image) throw new Error("no image");
    const cache = await caches.open(SNAPSHOTS);
    const check = await digest(running.web.handle(PROBE)); // the same answer a restored image must give
    const folder = new URL("../", running.key).href; // this site's calculators
    for (const old of await cache.keys()) if (old.url.startsWith(folder) && old.url !== running.key) await cache.delete(old);
    const headers = { "Content-Type": "application/octet-stream", [CHECK]: check, [LENGTH]: String(image.byteLength) };
    await cache.put(running.key, new Response(/** @type {Uint8Array<ArrayBuffer>} */ (image), { headers }));
    saved = true;
  } catch {
    /* no image, or the browser would not store it: the next visit starts normally */
  }
  self.postMessage({ type: "snapshot", saved });
}

/**
 * @typedef {import("./calculator-messages.mjs").Request} Request
 * @typedef {import("./calculator-messages.mjs").Reply} Reply
 * @typedef {import("./calculator-messages.mjs").ResultMessage} ResultMessage
 * @typedef {import("./calculator-messages.mjs").FileMessage} FileMessage
 * @typedef {import("./calculator-messages.mjs").LoggedMessage} LoggedMessage
 */

/** @param {Reply} reply */
function reply(reply) {
  self.postMessage(reply);
}

// ---- Reading activity files ("From your watch") --------------------------------------
// `calculators/_watch_web.py` reads the files a step at a time (`step`: a few thousand records);
// between two steps the worker posts the progress and gives its event loop a turn, so a
// `watch-cancel` is seen within one step. The FIT reader (fitdecode, a pinned wheel the build
// ships apart: requirements/browser.txt) is loaded into this Python on the first reading only,
// with `loadPackage` from its content-hashed address. The snapshot image was copied before any
// request (see "Memory snapshots"), so loading it here changes nothing stored; a restored
// interpreter loads it the same way. Watch messages run one after another, in order.
const WATCH_BUDGET = 2000; // records a step: tens of milliseconds, so a cancel is seen quickly
/** @typedef {import("./calculator-messages.mjs").WatchRequest} WatchRequest */
/**
 * @typedef {object} WatchEntry  the Python module calculators._watch_web
 * @property {(today: string, unit: string) => void} start
 * @property {(name: string, data: unknown, size: number) => void} add
 * @property {(budget: number) => string} step
 * @property {() => string} result
 * @property {() => void} cancel
 */
/** @type {WatchEntry | null} */
let watchWeb = null;
/** @type {Promise<void> | null} */
let fitReader = null;
let watchQueue = Promise.resolve();
let reading = 0; // the reading that watch-start began last
let readingWheel = "";
/** @type {Set<number>} */
const cancelled = new Set();

/**
 * Load the FIT reader's wheel into Python, once (a failed load is tried again next time).
 * @param {Pyodide} pyodide
 * @param {string} url
 */
function loadFitReader(pyodide, url) {
  fitReader ??= (async () => {
    if (!url) throw new Error("no address for the FIT reader");
    await pyodide.loadPackage(url, { messageCallback: () => {}, errorCallback: () => {} });
    if (!pyodide.pyimport("importlib.util").find_spec("fitdecode")) throw new Error("the FIT reader did not load");
  })();
  fitReader.catch(() => (fitReader = null));
  return fitReader;
}

/** A turn for the event loop (a message from the page, such as a cancel). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * @param {Running} running
 * @param {number} id
 */
async function readFiles(running, id) {
  readingFiles = true;
  try {
    await readSteps(running, id);
  } finally {
    readingFiles = false;
  }
}

/**
 * @param {Running} running
 * @param {number} id
 */
async function readSteps(running, id) {
  const web = /** @type {WatchEntry} */ (watchWeb);
  await loadFitReader(running.pyodide, readingWheel);
  for (;;) {
    if (cancelled.delete(id) || id !== reading) {
      web.cancel();
      reply({ type: "watch-cancelled", id });
      return;
    }
    /** @type {import("./calculator-messages.mjs").WatchProgress} */
    const progress = JSON.parse(web.step(WATCH_BUDGET));
    reply({ type: "watch-progress", id, ...progress });
    if (progress.done) break;
    await nextTask();
  }
  /** @type {import("./calculator-messages.mjs").WatchResult} */
  const result = JSON.parse(web.result());
  web.cancel(); // the figures are on their way: Python keeps nothing of the files
  reply({ type: "watch-result", id, ...result });
}

/** @param {WatchRequest} message */
async function onWatch(message) {
  try {
    if (message.type === "watch-cancel") return;
    if (!handlerReady) throw new Error(`${message.type} before setup`);
    const running = await handlerReady;
    watchWeb ??= /** @type {WatchEntry} */ (running.pyodide.pyimport("calculators._watch_web"));
    if (message.type === "watch-start") {
      reading = message.id;
      readingWheel = message.wheel;
      watchWeb.start(message.today, message.unit);
    } else if (message.id !== reading) {
      if (message.type === "watch-read") reply({ type: "watch-cancelled", id: message.id }); // a newer reading began
    } else if (message.type === "watch-file") {
      const data = running.pyodide.toPy(new Uint8Array(message.bytes)); // a memoryview of Python's own copy
      try {
        watchWeb.add(message.name, data, message.size);
      } finally {
        data.destroy();
      }
    } else {
      await readFiles(running, message.id);
    }
  } catch (error) {
    if (message.id === reading) reading = 0;
    reply({ type: "watch-error", id: message.id, message: String(error instanceof Error ? error.message : error) });
  }
}

self.addEventListener("message", async (/** @type {MessageEvent<Request>} */ event) => {
  const message = event.data;
  clearTimeout(warmTimer); // the reader comes first
  if (message.type === "start") {
    wheelNamed(message.wheel);
    return;
  }
  if (message.type === "watch-cancel") {
    cancelled.add(message.id); // at once: the reading sees it between two steps
    return;
  }
  if (message.type === "watch-start" || message.type === "watch-file" || message.type === "watch-read") {
    watchQueue = watchQueue.then(() => onWatch(message));
    return;
  }
  try {
    if (message.type === "setup") {
      handlerReady ??= setup(message.wheel);
      const running = await handlerReady;
      reply({ type: "ready", id: message.id, python: running.from });
      warmWhenIdle(running, message.warm || "", SETUP_IDLE_MS);
      snapshotWhenIdle(running);
    } else {
      if (!handlerReady) throw new Error(`${message.type} before setup`);
      const running = await handlerReady;
      /** @type {ResultMessage | FileMessage | LoggedMessage} */
      let answer;
      try {
        answer = JSON.parse(running.web.handle(JSON.stringify(message)));
      } catch (error) {
        // Python itself failed (its replies carry the calculators' own failures): a
        // restored image is not to be trusted again.
        if (running.from === "snapshot") await forgetSnapshot(running.key);
        throw error;
      }
      reply(answer);
      warmWhenIdle(running, message.calculator); // the calculator the reader is using
      snapshotWhenIdle(running);
    }
  } catch (error) {
    reply({ type: "error", id: message.id, message: String(error instanceof Error ? error.message : error) });
  }
});
