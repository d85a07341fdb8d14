// @ts-check
/**
 * Calculator pages: wire each built form to the Python worker.
 *
 * The page already holds the form and the default result. This module only sends
 * the raw form values to the worker and puts back the HTML or the field messages
 * that Python returns. One worker serves every calculator and survives Material's
 * instant navigation; it starts on a calculator page, or earlier when the reader
 * points at or focuses a link to one.
 *
 * The planner's "keep your plan" buttons print the page, or ask the worker for a file
 * (CSV, iCalendar) made from the same values and hand it to the browser as a download
 * from a Blob: nothing is sent anywhere.
 */

import { stop as stopMetronome } from "./metronome.mjs";

const WORKER_URL = new URL("./calculator-worker.mjs", import.meta.url);
const $wheelMeta = document.querySelector('meta[name="ffr-wheel"]');
// Resolved now: the meta content is relative to the page this module first ran on.
const WHEEL = $wheelMeta ? new URL($wheelMeta.getAttribute("content") || "", location.href).href : "";
const STORAGE_PREFIX = "ffr:";
const TICKED = new Set(["on", "true", "yes", "1", "y"]); // as Python's parse_field reads a flag
const SLOW_LOAD_MS = 20_000;
const BLOB_LIFETIME_MS = 60_000;
const TYPING_DELAY_MS = 300;

/** @type {Worker | null} */
let worker = null;
/** @type {Promise<unknown> | null} */
let runtimeReady = null;
let nextId = 0;
/** @type {Map<number, {resolve: (value: any) => void, reject: (reason: Error) => void}>} */
const pending = new Map();

/**
 * Send one message to the worker and wait for the reply with the same id.
 * @param {Record<string, unknown>} message
 * @returns {Promise<any>}
 */
function send(message) {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    /** @type {Worker} */ (worker).postMessage({ ...message, id });
  });
}

/** Start the worker once; later calls return the same promise. */
function runtime() {
  if (runtimeReady) return runtimeReady;
  /** @type {any} */
  const early = window;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    if (early.__ffrWorker) early.__ffrWorker.terminate();
    runtimeReady = Promise.reject(new Error("webassembly"));
    announce(false);
    return runtimeReady;
  }
  if (early.__ffrWorkerFailed) {
    // calculator-boot.js's worker failed before this module could listen (offline, say).
    runtimeReady = Promise.reject(new Error("worker failed"));
    announce(false);
    return runtimeReady;
  }
  worker = early.__ffrWorker instanceof Worker ? early.__ffrWorker : new Worker(WORKER_URL, { type: "module" });
  worker.addEventListener("message", (event) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.type === "error") waiting.reject(new Error(reply.message));
    else waiting.resolve(reply);
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    for (const waiting of pending.values()) waiting.reject(new Error(event.message || "worker failed"));
    pending.clear();
  });
  runtimeReady = send({ type: "setup", wheel: WHEEL, warm: String(early.__ffrCalculators || "") });
  runtimeReady.then(() => announce(true), () => announce(false));
  return runtimeReady;
}

/**
 * Tell the page whether the Python runtime started: offline.js then keeps it for offline use.
 * @param {boolean} ok
 */
function announce(ok) {
  document.dispatchEvent(new CustomEvent("ffr:runtime", { detail: { ok } }));
}

/**
 * Every named control's raw value; an unticked box is "".
 * @param {HTMLFormElement} $form
 * @returns {Record<string, string>}
 */
function readForm($form) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const $el of /** @type {HTMLInputElement[]} */ (Array.from($form.elements))) {
    if (!$el.name) continue;
    if (isMulti($el)) {
      // One tick box per value (run days): the ticked values, comma-separated, as Python reads them.
      const picked = values[$el.name] ? values[$el.name].split(",") : [];
      if ($el.checked) picked.push($el.value);
      values[$el.name] = picked.join(",");
    } else {
      values[$el.name] = $el.type === "checkbox" ? ($el.checked ? "on" : "") : $el.value;
    }
  }
  return values;
}

/** @param {HTMLInputElement} $el */
function isMulti($el) {
  return $el.type === "checkbox" && "ffrMulti" in $el.dataset;
}

/**
 * @param {HTMLFormElement} $form
 * @param {Record<string, string>} values
 */
function writeForm($form, values) {
  for (const $el of /** @type {HTMLInputElement[]} */ (Array.from($form.elements))) {
    if (!$el.name || !(($el.name) in values)) continue;
    if (isMulti($el)) {
      $el.checked = values[$el.name].toLowerCase().split(/[\s,;/]+/).some((word) => word.slice(0, 3) === $el.value);
    } else if ($el.type === "checkbox") $el.checked = TICKED.has(values[$el.name].trim().toLowerCase());
    else $el.value = values[$el.name];
  }
}

/**
 * Only known fields with string values survive; anything unreadable is ignored.
 * @param {unknown} data
 * @param {Record<string, string>} defaults
 * @returns {Record<string, string>}
 */
function known(data, defaults) {
  /** @type {Record<string, string>} */
  const out = {};
  if (!data || typeof data !== "object") return out;
  for (const [key, value] of Object.entries(data)) {
    if (key in defaults && typeof value === "string") out[key] = value;
  }
  return out;
}

/** @param {string} calculator @param {Record<string, string>} defaults */
function loadStored(calculator, defaults) {
  try {
    return known(JSON.parse(localStorage.getItem(STORAGE_PREFIX + calculator) || "null"), defaults);
  } catch {
    return {};
  }
}

/**
 * The values in the address: its fragment (``#unit=km&...``), or, for links made before the
 * fragment was used, its query string.
 * @param {Record<string, string>} defaults
 */
function loadAddress(defaults) {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const source = [...fragment.keys()].some((key) => key in defaults) ? fragment : new URLSearchParams(location.search);
  return known(Object.fromEntries(source), defaults);
}

/**
 * Keep the reader's values: in local storage (a reload keeps them) and in the address's
 * fragment, which browsers never send to the server, so no host's log holds a reader's
 * answers (a link still reproduces the plan). Only values that differ from the defaults
 * go in it; an old query string is dropped.
 * @param {string} calculator
 * @param {Record<string, string>} values
 * @param {Record<string, string>} defaults
 */
function persist(calculator, values, defaults) {
  try {
    localStorage.setItem(STORAGE_PREFIX + calculator, JSON.stringify(values));
  } catch {
    /* storage full or disabled: the URL still carries the values */
  }
  const fragment = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== defaults[key]) fragment.set(key, value);
  const url = new URL(location.href);
  url.search = "";
  url.hash = fragment.toString();
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/**
 * Mark or clear each field's error, wiring aria-invalid and aria-describedby.
 * @param {HTMLElement} $root
 * @param {Record<string, string>} errors
 */
function showErrors($root, errors) {
  for (const $field of /** @type {HTMLElement[]} */ (Array.from($root.querySelectorAll("[data-field]")))) {
    const name = $field.dataset.field || "";
    const message = errors[name];
    // A group of tick boxes (run days) is described on its fieldset, as GOV.UK's checkboxes are.
    const $control = /** @type {HTMLElement | null} */ (
      $field.querySelector(".ffr-js-described") || $field.querySelector(`[name="${name}"]`)
    );
    const group = $control instanceof HTMLFieldSetElement;
    const $error = /** @type {HTMLElement | null} */ ($field.querySelector(".ffr-js-error"));
    if (!$control || !$error) continue;
    const described = new Set(($control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
    if (message) {
      /** @type {HTMLElement} */ ($error.querySelector(".ffr-js-error-text")).textContent = message;
      $error.hidden = false;
      if (!group) $control.setAttribute("aria-invalid", "true");
      described.add($error.id);
    } else {
      $error.hidden = true;
      $control.removeAttribute("aria-invalid");
      described.delete($error.id);
    }
    $field.classList.toggle("ffr-field--error", Boolean(message));
    if (described.size) $control.setAttribute("aria-describedby", Array.from(described).join(" "));
    else $control.removeAttribute("aria-describedby");
  }
}

/** @param {unknown} error */
function failureText(error) {
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

/** @param {HTMLElement} $root */
function init($root) {
  $root.setAttribute("data-ffr-calculator-init", "");
  const calculator = $root.dataset.calculator || "";
  const $form = /** @type {HTMLFormElement} */ ($root.querySelector(".ffr-js-form"));
  const $result = /** @type {HTMLElement} */ ($root.querySelector(".ffr-js-result"));
  const $status = /** @type {HTMLElement} */ ($root.querySelector(".ffr-js-status"));
  const $summary = /** @type {HTMLElement} */ ($root.querySelector(".ffr-js-summary"));
  const defaults = readForm($form);
  const wanted = { ...defaults, ...loadStored(calculator, defaults), ...loadAddress(defaults) };
  writeForm($form, wanted);
  const differs = Object.keys(defaults).some((key) => wanted[key] !== defaults[key]);
  let latest = 0;
  let applied = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /**
   * Recompute from the form and show the reply.
   * @param {{focusSummary?: boolean}} [options]
   * @returns {Promise<boolean>} whether the result shown is now the one for the form's values
   */
  async function update(options = {}) {
    clearTimeout(timer);
    if (!$root.isConnected) return false; // the reader has moved on to another page
    const values = readForm($form);
    persist(calculator, values, defaults);
    const ticket = ++latest;
    try {
      // Ask at once, without waiting for the worker to be ready: the request queues
      // behind its start-up, and the worker then skips its own warm-up.
      const started = runtime();
      if (!worker) await started; // no worker at all: this throws the reason
      const [, reply] = await Promise.all([started, send({ type: "compute", calculator, values })]);
      if (ticket !== latest || !$root.isConnected) return false; // a newer change is on its way, or the page is gone
      if (reply.ok) {
        $result.innerHTML = reply.html;
        showErrors($root, {});
        $summary.hidden = true;
        $summary.innerHTML = "";
        $status.textContent = "Updated.";
      } else if (reply.errors) {
        showErrors($root, reply.errors);
        $summary.innerHTML = reply.summary;
        $summary.hidden = false;
        $status.textContent = "Please check the highlighted values; the result below is the last one that worked.";
        if (options.focusSummary) $summary.focus();
      } else {
        $status.textContent = reply.fatal;
      }
      $root.dataset.ffrComputed = String(++applied);
      return reply.ok;
    } catch (error) {
      $root.dataset.ffrState = "error";
      $status.textContent = failureText(error);
      return false;
    }
  }

  $form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, TYPING_DELAY_MS);
  });
  $form.addEventListener("change", () => update());
  $form.addEventListener("submit", (event) => {
    event.preventDefault();
    update({ focusSummary: true });
  });
  // The error summary's links lead to their fields. Handled here rather than by the
  // browser: Material's instant navigation would fetch the page again for the link and
  // swap it in, and keyboard focus would fall back to the top of the page.
  $summary.addEventListener("click", (event) => {
    const $link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
    if (!($link instanceof HTMLAnchorElement)) return;
    const $control = document.getElementById(decodeURIComponent($link.hash.slice(1)));
    if (!$control) return;
    event.preventDefault();
    event.stopPropagation();
    $control.closest("[data-field]")?.scrollIntoView({ block: "center" });
    $control.focus({ preventScroll: true });
  });

  const exports = wireExports($root, calculator, $form, update);
  $root.dataset.ffrState = "loading";
  exports.arm("loading");
  $status.textContent = "Loading the calculator… The result below is for the values shown.";
  setTimeout(() => {
    if ($root.dataset.ffrState === "loading") {
      $status.textContent = "Still loading the calculator (about 13 MB the first time; after that it is cached). " +
        "The result below is for the values shown.";
    }
  }, SLOW_LOAD_MS);
  runtime().then(
    () => {
      $root.dataset.ffrState = "ready";
      exports.arm("ready");
      $status.textContent = "Ready: the result updates as you change a value.";
    },
    (error) => {
      $root.dataset.ffrState = "error";
      exports.arm("error");
      $status.textContent = failureText(error);
    },
  );
  // Values from the address or from storage: ask for their result now; the request
  // waits in the worker's queue until Python is ready.
  if (differs) update();
}

/**
 * The reader's local date as YYYY-MM-DD.
 * @param {Date} now
 */
function localDate(now) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Hand text to the browser as a downloaded file. The link is never put in the page, so
 * Material's instant navigation never sees its click.
 * @param {string} text @param {string} filename @param {string} type
 */
function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const $link = document.createElement("a");
  $link.href = url;
  $link.download = filename;
  $link.click();
  setTimeout(() => URL.revokeObjectURL(url), BLOB_LIFETIME_MS);
}

/**
 * Wire a calculator's "keep your plan" buttons, if it has them (the planner does).
 * @param {HTMLElement} $root
 * @param {string} calculator
 * @param {HTMLFormElement} $form
 * @param {(options?: {focusSummary?: boolean}) => Promise<boolean>} update
 * @returns {{arm: (state: "loading" | "ready" | "error") => void}}
 */
function wireExports($root, calculator, $form, update) {
  const $buttons = /** @type {HTMLButtonElement[]} */ (Array.from($root.querySelectorAll(".ffr-js-export")));
  const $status = /** @type {HTMLElement | null} */ ($root.querySelector(".ffr-js-export-status"));
  if (!$buttons.length || !$status) return { arm: () => {} };
  const say = (/** @type {string} */ text) => { /** @type {HTMLElement} */ ($status).textContent = text; };

  /** @param {Record<string, string>} errors */
  function pointAt(errors) {
    const names = Object.keys(errors);
    say(names.length === 1 ? errors[names[0]] : "Please check the highlighted values first.");
    document.getElementById(`ffr-${calculator}-${names[0]}`)?.focus();
  }

  async function print() {
    // Bring the plan up to date with the form first (unless Python could not start: then
    // the plan shown is the one baked into the page, and the printout lists its inputs).
    if ($root.dataset.ffrState !== "error" && !(await update())) {
      say("Please check the highlighted values first: the plan below is the last one that worked.");
      return;
    }
    say("");
    datePrintout();
    window.print();
  }

  /** @param {string} format */
  async function save(format) {
    const now = new Date();
    say("Making the file…");
    try {
      const reply = await send({
        type: "export", calculator, values: readForm($form), format, stamp: now.toISOString(), today: localDate(now),
      });
      if (reply.ok) {
        download(reply.text, reply.filename, reply.mime);
        say(`Saved ${reply.filename}. It was made in this browser; nothing was sent anywhere.`);
      } else if (reply.errors) {
        showErrors($root, reply.errors);
        pointAt(reply.errors);
      } else {
        say(reply.fatal);
      }
    } catch (error) {
      say(failureText(error));
    }
  }

  $root.addEventListener("click", (event) => {
    const $button = event.target instanceof Element ? event.target.closest(".ffr-js-export") : null;
    if (!($button instanceof HTMLButtonElement) || $button.disabled) return;
    const format = $button.dataset.ffrExport || "";
    if (format === "print") print();
    else save(format);
  });

  return {
    arm(state) {
      // Printing needs only this script; the files need Python.
      for (const $button of $buttons) {
        $button.disabled = !(state === "ready" || (state === "error" && $button.dataset.ffrExport === "print"));
      }
      say({
        loading: "These buttons work once the calculator has loaded.",
        ready: "Made in this browser from the plan below; nothing is sent anywhere.",
        error: "The calendar and CSV files need the calculator, which could not start; printing still works.",
      }[state]);
    },
  };
}

/** While printing, date the "made with" line and give the address that reopens this plan. */
function datePrintout() {
  // Made here, not when the module loads: the first Intl formatter costs the page's
  // start-up some 10-30 ms of locale data, and only a printout needs it.
  const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
  const made = ` on ${date.format(new Date())}`;
  for (const $date of Array.from(document.querySelectorAll(".ffr-js-made-date"))) $date.textContent = made;
  for (const $slot of Array.from(document.querySelectorAll(".ffr-js-made-link"))) {
    const $link = document.createElement("a");
    $link.href = location.href;
    $link.textContent = location.href;
    $slot.replaceChildren(": ", $link);
  }
}

window.addEventListener("beforeprint", datePrintout);

function initAll() {
  stopMetronome(); // a new page (instant navigation): no click track carries over
  // On a calculator page, calculator-boot.js has started the worker, which is downloading
  // Pyodide: now that the page's own start-up work is done, let it start Python.
  if ("__ffrWorker" in window) runtime().catch(() => {});
  const $roots = document.querySelectorAll('[data-module="ffr-calculator"]:not([data-ffr-calculator-init])');
  for (const $root of /** @type {HTMLElement[]} */ (Array.from($roots))) init($root);
}

/**
 * Warm the worker when the reader shows intent to open a calculator.
 * @param {Event} event
 */
function onIntent(event) {
  if (runtimeReady || !WHEEL || !(event.target instanceof Element)) return;
  const $link = event.target.closest("a[href]");
  if (!($link instanceof HTMLAnchorElement)) return;
  const url = new URL($link.href, location.href);
  if (url.origin === location.origin && url.pathname.includes("/calculators/")) runtime().catch(() => {});
}

for (const type of ["pointerover", "focusin", "touchstart"]) {
  document.addEventListener(type, onIntent, { passive: true });
}

/** Run initAll on every page Material shows (instant navigation), or once without Material. */
function subscribe() {
  /** @type {any} */
  const material = window;
  // Run in a task of our own, not inside Material's page-swap task, so neither grows long.
  const later = () => setTimeout(initAll, 0);
  if (material.document$ && typeof material.document$.subscribe === "function") material.document$.subscribe(later);
  else later();
}

// This module loads async in the head, possibly before Material's bundle has run.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
