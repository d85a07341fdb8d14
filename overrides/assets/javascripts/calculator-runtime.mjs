// @ts-check
/**
 * The page's side of the Python worker: one worker for every calculator, started once.
 *
 * On a calculator page calculator-boot.js has already started the worker (from the head,
 * so Pyodide's files download while the page starts); this module adopts it, or starts
 * one when the reader shows intent to open a calculator. `send` posts a request and
 * resolves with the reply that carries its id (calculator-messages.mjs lists them).
 */

/**
 * @typedef {import("./calculator-messages.mjs").SetupMessage} SetupMessage
 * @typedef {import("./calculator-messages.mjs").ComputeMessage} ComputeMessage
 * @typedef {import("./calculator-messages.mjs").ExportMessage} ExportMessage
 * @typedef {import("./calculator-messages.mjs").ReadyMessage} ReadyMessage
 * @typedef {import("./calculator-messages.mjs").SnapshotMessage} SnapshotMessage
 * @typedef {import("./calculator-messages.mjs").ResultMessage} ResultMessage
 * @typedef {import("./calculator-messages.mjs").FileMessage} FileMessage
 * @typedef {import("./calculator-messages.mjs").CheckinMessage} CheckinMessage
 * @typedef {import("./calculator-messages.mjs").UncheckMessage} UncheckMessage
 * @typedef {import("./calculator-messages.mjs").LoadLogMessage} LoadLogMessage
 * @typedef {import("./calculator-messages.mjs").LoggedMessage} LoggedMessage
 * @typedef {import("./calculator-messages.mjs").Request} Request
 * @typedef {import("./calculator-messages.mjs").Reply} Reply
 * @typedef {import("./calculator-messages.mjs").WatchProgressMessage} WatchProgressMessage
 * @typedef {import("./calculator-messages.mjs").WatchReply} WatchReply
 */

/**
 * What calculator-boot.js leaves on `window` for this module.
 * @typedef {object} EarlyStart
 * @property {Worker} [__ffrWorker]  the worker it started
 * @property {boolean} [__ffrWorkerFailed]  that worker failed before this module could listen (offline, say)
 * @property {string} [__ffrCalculators]  the page's calculator ids, which the worker warms up
 */

const WORKER_URL = new URL("./calculator-worker.mjs", import.meta.url);
const $wheelMeta = document.querySelector('meta[name="ffr-wheel"]');
// Resolved now: the meta content is relative to the page this module first ran on.
const WHEEL = $wheelMeta ? new URL($wheelMeta.getAttribute("content") || "", location.href).href : "";
const $watchWheelMeta = document.querySelector('meta[name="ffr-watch-wheel"]');
/** The FIT reader's wheel (fitdecode), loaded by the worker only when a reader first reads a file; resolved like WHEEL. */
const WATCH_WHEEL = $watchWheelMeta ? new URL($watchWheelMeta.getAttribute("content") || "", location.href).href : "";
const early = /** @type {Window & EarlyStart} */ (window);

/** @type {Worker | null} */
let worker = null;
/** @type {Promise<ReadyMessage> | null} */
let runtimeReady = null;
let nextId = 0;
/**
 * Requests waiting for their reply; a reading of activity files also gets its progress on the way.
 * @type {Map<number, {resolve: (reply: Reply) => void, reject: (reason: Error) => void, progress?: (message: WatchProgressMessage) => void}>}
 */
const pending = new Map();

/**
 * Post one request to the worker and wait for the reply with the same id.
 * @overload
 * @param {Omit<SetupMessage, "id">} message
 * @returns {Promise<ReadyMessage>}
 */
/**
 * @overload
 * @param {Omit<ComputeMessage, "id">} message
 * @returns {Promise<ResultMessage>}
 */
/**
 * @overload
 * @param {Omit<ExportMessage, "id">} message
 * @returns {Promise<FileMessage>}
 */
/**
 * @overload
 * @param {Omit<CheckinMessage, "id"> | Omit<UncheckMessage, "id"> | Omit<LoadLogMessage, "id">} message
 * @returns {Promise<LoggedMessage>}
 */
/**
 * @param {Omit<SetupMessage, "id"> | Omit<ComputeMessage, "id"> | Omit<ExportMessage, "id"> | Omit<CheckinMessage, "id"> | Omit<UncheckMessage, "id"> | Omit<LoadLogMessage, "id">} message
 * @returns {Promise<Reply>}
 */
export function send(message) {
  if (!worker) return Promise.reject(new Error("no worker"));
  const $worker = worker;
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    /** @type {Request} */
    const request = { ...message, id };
    $worker.postMessage(request);
  });
}

/**
 * Start the worker once (or adopt calculator-boot.js's) and set Python up in it; later calls
 * return the same promise. It rejects with "webassembly" when the browser cannot run Pyodide.
 * @returns {Promise<ReadyMessage>}
 */
export function runtime() {
  if (runtimeReady) return runtimeReady;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    if (early.__ffrWorker) early.__ffrWorker.terminate();
    runtimeReady = Promise.reject(new Error("webassembly"));
    announce(false);
    return runtimeReady;
  }
  if (early.__ffrWorkerFailed) {
    runtimeReady = Promise.reject(new Error("worker failed"));
    announce(false);
    return runtimeReady;
  }
  const $worker = early.__ffrWorker instanceof Worker ? early.__ffrWorker : new Worker(WORKER_URL, { type: "module" });
  worker = $worker;
  $worker.addEventListener("message", (event) => {
    /** @type {Reply | SnapshotMessage} */
    const reply = event.data;
    if (reply.type === "snapshot") {
      document.documentElement.dataset.ffrSnapshot = reply.saved ? "saved" : "failed";
      return;
    }
    if (reply.type === "ready") document.documentElement.dataset.ffrPython = reply.python;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if (reply.type === "watch-progress") {
      waiting.progress?.(reply);
      return;
    }
    pending.delete(reply.id);
    if (reply.type === "error") waiting.reject(new Error(reply.message));
    else waiting.resolve(reply);
  });
  $worker.addEventListener("error", (event) => {
    event.preventDefault();
    for (const waiting of pending.values()) waiting.reject(new Error(event.message || "worker failed"));
    pending.clear();
  });
  runtimeReady = send({ type: "setup", wheel: WHEEL, warm: String(early.__ffrCalculators || "") });
  runtimeReady.then(() => announce(true), () => announce(false));
  return runtimeReady;
}

/**
 * Read activity files in the worker ("From your watch"): start a reading, move each file's bytes
 * there (transferred: the page keeps no copy, and nothing is copied on the page's thread), then
 * read. Progress comes to `onProgress`; `done` resolves with the last reply (the result, or that the
 * reading was cancelled or could not run). Call `runtime()` first.
 * @param {{today: string, unit: "km" | "mi"}} options
 * @param {{name: string, bytes: ArrayBuffer, size: number}[]} files  (`bytes` empty for a file too big to read)
 * @param {(message: WatchProgressMessage) => void} onProgress
 * @returns {{id: number, done: Promise<WatchReply>}}
 */
export function readWatch(options, files, onProgress) {
  const $worker = worker;
  if (!$worker) return { id: 0, done: Promise.reject(new Error("no worker")) };
  const id = ++nextId;
  /** @type {(message: Request, transfer?: Transferable[]) => void} */
  const post = (message, transfer = []) => $worker.postMessage(message, transfer);
  const done = new Promise((resolve, reject) => pending.set(id, { resolve, reject, progress: onProgress }));
  post({ type: "watch-start", id, ...options, wheel: WATCH_WHEEL });
  for (const file of files) post({ type: "watch-file", id, name: file.name, bytes: file.bytes, size: file.size }, [file.bytes]);
  post({ type: "watch-read", id });
  return { id, done: /** @type {Promise<WatchReply>} */ (done) };
}

/**
 * Stop a reading between two of its steps; its `done` then resolves with `watch-cancelled`.
 * @param {number} id
 */
export function cancelWatch(id) {
  worker?.postMessage({ type: "watch-cancel", id });
}

/** Whether a worker exists to take requests (they queue behind its start-up). */
export function hasWorker() {
  return worker !== null;
}

/**
 * Tell the page whether the Python runtime started: offline.js then keeps it for offline use.
 * @param {boolean} ok
 */
function announce(ok) {
  document.dispatchEvent(new CustomEvent("ffr:runtime", { detail: { ok } }));
}

/**
 * What the page says when the calculator cannot answer.
 * @param {unknown} error why `runtime()` or `send()` failed
 */
export function failureText(error) {
  if (!navigator.onLine) {
    return "You are offline, and this device has not saved the calculator yet, so the result below is for the values shown. " +
      "Open any calculator once while online and it works offline after that; all the guidance still applies.";
  }
  if (error instanceof Error && error.message === "webassembly") {
    return "This browser cannot run the calculator (WebAssembly is off or missing). " +
      "The result below is for the values shown, and all the guidance still applies.";
  }
  return "The calculator could not start, so the result below is for the values shown. " +
    "Reloading the page may help; all the guidance still applies.";
}

/** On a calculator page: now that the page's own start-up work is done, let the early worker start Python. */
export function startEarlyWorker() {
  if ("__ffrWorker" in early) runtime().catch(() => {});
}

/**
 * Warm the worker when the reader shows intent to open a calculator (points at, focuses or
 * touches a link to one), so the wait is mostly over on arrival.
 * @param {Event} event
 */
function onIntent(event) {
  if (runtimeReady || !WHEEL || !(event.target instanceof Element)) return;
  const $link = event.target.closest("a[href]");
  if (!($link instanceof HTMLAnchorElement)) return;
  const url = new URL($link.href, location.href);
  if (url.origin === location.origin && url.pathname.includes("/calculators/")) runtime().catch(() => {});
}

/** Listen for the reader's intent on every page (once: the listeners outlive instant navigation). */
export function warmOnIntent() {
  for (const type of ["pointerover", "focusin", "touchstart"]) {
    document.addEventListener(type, onIntent, { passive: true });
  }
}
