// @ts-check
/**
 * A page that holds a calculator (or a calculator's result, such as a worked example):
 * wire each built form to the Python worker. calculator.mjs, which every page loads,
 * imports this module only on such pages, so a guide page downloads none of it.
 *
 * The page already holds the form and the default result. This module sends the form's
 * values to the worker and puts back the HTML or the field messages that Python returns.
 * Its parts, each a module of its own:
 *   calculator-runtime.mjs   the worker client: start or adopt the worker, send and receive by id
 *   calculator-messages.mjs  the worker protocol's message types
 *   calculator-form.mjs      the form's values, kept in the address's fragment and local storage
 *   calculator-errors.mjs    field messages and the error summary, with their ARIA wiring
 *   calculator-export.mjs    the planner's print, calendar and CSV buttons
 *   metronome.mjs            the cadence tool's click track
 */

import { followSummaryLinks, hideSummary, showFieldErrors, showSummary } from "./calculator-errors.mjs";
import { datePrintout, wireExports } from "./calculator-export.mjs";
import { persist, readForm, restore, showsAsIs, writeForm } from "./calculator-form.mjs";
import { failureText, hasWorker, runtime, send, startEarlyWorker } from "./calculator-runtime.mjs";
import { stop as stopMetronome } from "./metronome.mjs";

/** @typedef {import("./calculator-messages.mjs").FormValues} FormValues */

const SLOW_LOAD_MS = 20_000;
const TYPING_DELAY_MS = 300;

/**
 * The calculator's part that `selector` finds (Python bakes each in).
 * @template {HTMLElement} T
 * @param {Element} $root
 * @param {string} selector
 * @param {new () => T} type
 * @returns {T}
 */
function part($root, selector, type) {
  const $part = $root.querySelector(selector);
  if (!($part instanceof type)) throw new Error(`This calculator has no ${selector}.`);
  return $part;
}

/** @param {HTMLElement} $root */
function init($root) {
  $root.setAttribute("data-ffr-calculator-init", "");
  const calculator = $root.dataset.calculator || "";
  const $form = part($root, ".ffr-js-form", HTMLFormElement);
  const $result = part($root, ".ffr-js-result", HTMLElement);
  const $status = part($root, ".ffr-js-status", HTMLElement);
  const $summary = part($root, ".ffr-js-summary", HTMLElement);
  const defaults = readForm($form);
  const wanted = restore(calculator, defaults);
  // Shown at once; values the form cannot show as they are wait for Python's spelling.
  writeForm($form, wanted);
  const asIs = showsAsIs($form, wanted);
  const differs = Object.keys(defaults).some((key) => wanted[key] !== defaults[key]);
  let latest = 0;
  let applied = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /**
   * Recompute and show the reply.
   * @param {{focusSummary?: boolean, values?: FormValues}} [options]  `values`: ask for these
   *   (restored values the form could not show as they are) rather than the form's, and put
   *   Python's spelling of them in the form
   * @returns {Promise<boolean>} whether the result shown is now the one for the form's values
   */
  async function update(options = {}) {
    clearTimeout(timer);
    if (!$root.isConnected) return false; // the reader has moved on to another page
    const values = options.values || readForm($form);
    if (!options.values) persist(calculator, values, defaults);
    const ticket = ++latest;
    try {
      // Ask at once, without waiting for the worker to be ready: the request queues
      // behind its start-up, and the worker then skips its own warm-up.
      const ready = runtime();
      if (!hasWorker()) await ready; // no worker at all: this throws the reason
      const [, reply] = await Promise.all([ready, send({ type: "compute", calculator, values })]);
      if (ticket !== latest || !$root.isConnected) return false; // a newer change is on its way, or the page is gone
      if (options.values && "values" in reply) {
        writeForm($form, reply.values);
        persist(calculator, readForm($form), defaults);
      }
      if (reply.ok) {
        $result.innerHTML = reply.html;
        showFieldErrors($form, {});
        hideSummary($summary);
        $status.textContent = "Updated.";
      } else if ("errors" in reply) {
        showFieldErrors($form, reply.errors);
        showSummary($summary, reply.summary, Boolean(options.focusSummary));
        $status.textContent = "Please check the highlighted values; the result below is the last one that worked.";
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
  followSummaryLinks($summary);

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
  if (differs) update(asIs ? {} : { values: wanted });
}

/** Wire every calculator on the page shown now (called again after each instant navigation). */
export function initAll() {
  stopMetronome(); // a new page (instant navigation): no click track carries over
  // On a calculator page, calculator-boot.js has started the worker, which is downloading
  // Pyodide: now that the page's own start-up work is done, let it start Python.
  startEarlyWorker();
  for (const $root of Array.from(document.querySelectorAll('[data-module="ffr-calculator"]:not([data-ffr-calculator-init])'))) {
    if ($root instanceof HTMLElement) init($root);
  }
}

export { datePrintout };
