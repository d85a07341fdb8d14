// @ts-check
/**
 * The "From your watch" page: read the reader's activity files in the Python worker.
 *
 * calculator.mjs imports this module only on a page that holds the reader
 * (`data-module="ffr-watch"`, baked by the `watch:reader` shortcode). The page already holds the
 * words, the file input (with its label; the drop zone around it is an enhancement), the unit,
 * the progress bar and its Cancel button, the status line and the links to the planner and the
 * cadence tool. This module reads the chosen or dropped files with `File.arrayBuffer()` (off the
 * page's thread), moves their bytes to the worker (calculator-runtime.mjs `readWatch`), shows the
 * progress Python reports, and puts Python's result in the page: its one sentence in the status
 * line (the one live region), the rest outside it. Each link then opens its tool with the figures
 * in the address's fragment, where the tool's own form reads them (calculator-form.mjs). Nothing
 * leaves the browser: the files' bytes cross to the worker only.
 */

import { cancelWatch, hasWorker, readWatch, runtime } from "./calculator-runtime.mjs";

/**
 * @typedef {import("./calculator-messages.mjs").WatchProgressMessage} WatchProgressMessage
 * @typedef {import("./calculator-messages.mjs").WatchReply} WatchReply
 * @typedef {import("./calculator-messages.mjs").FormValues} FormValues
 */

const PLANNER_STORAGE = "ffr:ramp-up"; // the planner's saved answers (calculator-form.mjs): their unit, if km or miles

/**
 * The part of the reader that `selector` finds.
 * @template {Element} T
 * @param {Element} $root
 * @param {string} selector
 * @param {new () => T} type
 * @returns {T}
 */
function part($root, selector, type) {
  const $part = $root.querySelector(selector);
  if (!($part instanceof type)) throw new Error(`The reader has no ${selector}.`);
  return $part;
}

/** The reader's local date, `YYYY-MM-DD`. */
function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

/** The planner's saved unit, if it is a distance. */
function plannerUnit() {
  try {
    const unit = JSON.parse(localStorage.getItem(PLANNER_STORAGE) || "null")?.unit;
    return unit === "km" || unit === "mi" ? unit : "";
  } catch {
    return "";
  }
}

/**
 * A tool's address with these values as its fragment.
 * @param {HTMLAnchorElement} $link
 * @param {FormValues | null} values
 */
function point($link, values) {
  $link.hidden = !values;
  const url = new URL($link.href);
  url.hash = values ? new URLSearchParams(values).toString() : "";
  $link.href = url.href;
}

/** @param {number} bytes */
function size(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

/**
 * What the page says when the file reader cannot start.
 * @param {unknown} error why `runtime()` failed
 */
function failure(error) {
  if (!navigator.onLine) {
    return "You are offline, and this device has not saved the file reader yet. Open this page once while online and it works offline after that.";
  }
  if (error instanceof Error && error.message === "webassembly") {
    return "This browser cannot run the file reader (WebAssembly is off or missing). The guidance on this page still applies.";
  }
  return "The file reader could not start. Reloading the page may help.";
}

const STOPPED = "Reading stopped. Nothing was kept; pick your files again whenever you like.";

/** @param {HTMLElement} $root */
function init($root) {
  $root.setAttribute("data-ffr-watch-init", "");
  const $form = part($root, "form", HTMLFormElement);
  const $input = part($root, "#ffr-watch-files", HTMLInputElement);
  const $drop = part($root, ".ffr-watch__drop", HTMLElement);
  const $unit = part($root, "#ffr-watch-unit", HTMLSelectElement);
  const $progressBox = part($root, ".ffr-watch__progress", HTMLElement);
  const $progress = part($root, "#ffr-watch-progress", HTMLProgressElement);
  const $progressText = part($root, ".ffr-watch__progress-text", HTMLElement);
  const $cancel = part($root, ".ffr-watch__cancel", HTMLButtonElement);
  const $status = part($root, ".ffr-js-status", HTMLElement);
  const $result = part($root, ".ffr-watch__result", HTMLElement);
  const $use = part($root, ".ffr-watch__use", HTMLElement);
  const $planner = part($root, ".ffr-watch__planner", HTMLAnchorElement);
  const $cadence = part($root, ".ffr-watch__cadence", HTMLAnchorElement);
  let session = 0; // one per reading started or stopped: a reply for an older one is not shown
  let readingId = 0; // the worker's id for the reading in progress, once it has the files
  /** @type {File[]} */
  let lastFiles = []; // the files of the result shown, read again if the reader changes the unit
  const unit = plannerUnit();
  if (unit) $unit.value = unit;

  /** @param {string} state */
  const setState = (state) => ($root.dataset.ffrState = state);
  /** @param {string} name */
  const count = (name) => ($root.dataset[name] = String(Number($root.dataset[name] || 0) + 1));

  /** @param {boolean} on */
  function showProgress(on) {
    if (!on && document.activeElement === $cancel) $input.focus(); // focus never falls back to the page's start
    $progressBox.hidden = !on;
    if (on) {
      $progress.value = 0;
      $progressText.textContent = "";
    }
  }

  /** @param {WatchProgressMessage} message */
  function onProgress(message) {
    if (message.id !== readingId) return;
    if (!$root.isConnected) return stop(); // the reader has moved on to another page: free the worker
    const share = message.bytes_total ? message.bytes_done / message.bytes_total : message.files_total ? message.files_done / message.files_total : 0;
    $progress.value = Math.round(Math.min(1, share) * 100);
    const file = message.done || !message.current ? "" : `, now ${message.current}`;
    $progressText.textContent = `${message.files_done} of ${message.files_total} files read (${size(message.bytes_done)} of ${size(message.bytes_total)})${file}.`;
    count("ffrProgress");
  }

  /** @param {WatchReply} reply */
  function show(reply) {
    showProgress(false);
    if (reply.type === "watch-result") {
      $result.innerHTML = reply.html;
      $result.hidden = false;
      point($planner, reply.planner);
      point($cadence, reply.cadence);
      $use.hidden = !reply.planner && !reply.cadence;
      $status.textContent = reply.live;
      setState("read");
      count("ffrRead");
      keepOffline();
    } else if (reply.type === "watch-cancelled") {
      $status.textContent = STOPPED;
      setState("ready");
    } else {
      $status.textContent = "The files could not be read: the file reader did not load. " +
        (navigator.onLine ? "Reloading the page may help." : "It needs one online visit to this page.");
      setState("ready");
    }
  }

  /** Stop the reading in progress, if any; the worker confirms with `watch-cancelled`. */
  function stop() {
    session++;
    if (readingId) cancelWatch(readingId);
    readingId = 0;
  }

  /** @param {File[]} files */
  async function read(files) {
    if (!files.length) return;
    stop();
    lastFiles = files;
    const mine = session;
    showProgress(true);
    $status.textContent = files.length === 1 ? "Reading 1 file…" : `Reading ${files.length} files…`;
    setState("reading");
    start();
    try {
      await runtime();
      // A file over Python's limit is not read at all (memory stays bounded): Python names it from its size.
      const most = Number($root.dataset.ffrMaxBytes) || Infinity;
      const contents = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          bytes: file.size > most ? new ArrayBuffer(0) : await file.arrayBuffer(),
          size: file.size,
        })),
      );
      if (mine !== session) return; // stopped, or newer files chosen, meanwhile
      const reading = readWatch({ today: today(), unit: $unit.value === "mi" ? "mi" : "km" }, contents, onProgress);
      readingId = reading.id;
      const reply = await reading.done;
      if (reply.type === "watch-cancelled") count("ffrStopped"); // the worker has stopped reading
      if (mine !== session) return;
      readingId = 0;
      show(reply);
    } catch (error) {
      if (mine !== session) return;
      readingId = 0;
      showProgress(false);
      setState("error");
      $status.textContent = failure(error);
    }
  }

  $input.addEventListener("change", () => read(Array.from($input.files || [])));
  $unit.addEventListener("change", () => {
    if ($root.dataset.ffrState === "read" && lastFiles.length) read(lastFiles); // the same files, in the other unit
  });
  $form.addEventListener("submit", (event) => event.preventDefault());
  $cancel.addEventListener("click", () => {
    stop();
    showProgress(false);
    $status.textContent = STOPPED;
    setState("ready");
  });

  // The drop zone: an enhancement over the file input, which stays the way in for keyboards and screen readers.
  $drop.addEventListener("dragover", (event) => {
    if (!event.dataTransfer || !Array.from(event.dataTransfer.types).includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    $drop.classList.add("ffr-watch__drop--over");
  });
  $drop.addEventListener("dragleave", () => $drop.classList.remove("ffr-watch__drop--over"));
  $drop.addEventListener("drop", (event) => {
    $drop.classList.remove("ffr-watch__drop--over");
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    read(Array.from(event.dataTransfer.files));
  });

  for (const $note of Array.from($root.querySelectorAll(".ffr-js-watch-nojs"))) if ($note instanceof HTMLElement) $note.hidden = true;
  $status.textContent = "Pick your files above: they are read on this device.";
  setState("idle");
  // Python starts when the reader shows intent to read files (points at or touches the reader, moves
  // focus into it, drags files over it), or at once if a calculator has started it already: a reader
  // who only reads this page downloads no Pyodide, and one who picks files has it starting while the
  // file picker is open.
  let starting = false;
  const start = () => {
    if (starting) return;
    starting = true;
    if ($root.dataset.ffrState === "idle") setState("loading");
    // No calculator to warm up here: the worker's first task is the reader's files.
    const early = /** @type {Window & import("./calculator-runtime.mjs").EarlyStart} */ (window);
    early.__ffrCalculators ??= "none";
    runtime().then(
      () => {
        if ($root.dataset.ffrState === "loading") setState("ready");
      },
      (error) => {
        if ($root.dataset.ffrState === "reading") return; // the reading says why
        setState("error");
        $status.textContent = failure(error);
      },
    );
  };
  for (const type of ["pointerover", "focusin", "touchstart", "dragenter"]) $root.addEventListener(type, start, { passive: true });
  if (hasWorker()) start();
}

/**
 * Once a reading has worked, ask the service worker to keep the FIT reader for offline use (the
 * page's first visit is not yet under the service worker, so it cannot keep it on its own).
 */
function keepOffline() {
  navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage({ type: "cache-group", group: "watch" })).catch(() => {});
}

/** Wire the reader on the page shown now (called again after each instant navigation). */
export function initAll() {
  for (const $root of Array.from(document.querySelectorAll('[data-module="ffr-watch"]:not([data-ffr-watch-init])'))) {
    if ($root instanceof HTMLElement) init($root);
  }
}
