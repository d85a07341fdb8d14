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
 *   calculator-log.mjs       the planner's weekly check-in and the reader's log (local storage only)
 *   metronome.mjs            the cadence tool's click track
 */

import { followSummaryLinks, hideSummary, showFieldErrors, showSummary } from "./calculator-errors.mjs";
import { datePrintout, wireExports } from "./calculator-export.mjs";
import { notShown, persist, readForm, restore, writeForm } from "./calculator-form.mjs";
import { readLog, setLogAside, wireCheckin } from "./calculator-log.mjs";
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
  // Shown at once. Values the form cannot show as they are (an older or hand-made address's
  // `injury=yes`) go with every request in place of what the form shows, until the reader
  // changes that field or Python's reply gives the form's spelling of them.
  writeForm($form, wanted);
  const unshown = notShown($form, wanted);
  const differs = Object.keys(defaults).some((key) => wanted[key] !== defaults[key]);
  // The planner's check-in: a plan the log re-shaped replaces the result; the check-in's
  // own status line announces the advice, so the form's says nothing more.
  // A compute still on its way carries the log as it was: update() asks again when it lands.
  const checkin = wireCheckin($root, calculator, current, (reply) => {
    $result.innerHTML = reply.html;
    $root.dataset.ffrLogged = String(Number($root.dataset.ffrLogged || 0) + 1);
  });
  let latest = 0;
  let applied = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** The values to ask for: the form's, with the restored ones it cannot show in their place. */
  function current() {
    return { ...readForm($form), ...unshown };
  }

  /**
   * Put Python's spelling of the restored values the form could not show into the form.
   * @param {FormValues} spelled  the values Python read, in the form's spelling
   */
  function adopt(spelled) {
    const names = Object.keys(unshown).filter((name) => name in spelled && spelled[name] !== unshown[name]);
    if (!names.length) return; // none left, or Python could not read them either (their field says why)
    writeForm($form, Object.fromEntries(names.map((name) => [name, spelled[name]])));
    for (const name of names) delete unshown[name];
    persist(calculator, current(), defaults);
  }

  /**
   * Recompute and show the reply.
   * @param {{focusSummary?: boolean}} [options]
   * @returns {Promise<boolean>} whether the result shown is now the one for the form's values
   */
  async function update(options = {}) {
    clearTimeout(timer);
    if (!$root.isConnected) return false; // the reader has moved on to another page
    const values = current();
    const ticket = ++latest;
    try {
      // Ask at once, without waiting for the worker to be ready: the request queues
      // behind its start-up.
      const ready = runtime();
      const working = hasWorker();
      if (!working) {
        persist(calculator, values, defaults);
        await ready; // no worker at all: this throws the reason
      }
      const log = checkin.keepsLog ? readLog(calculator) : "";
      const asked = send({ type: "compute", calculator, values, log });
      // Kept (this browser's storage, the address's fragment) while Python computes, not before
      // asking: the address bar's update costs the main thread 1-2 ms (bench/README.md).
      if (working) persist(calculator, values, defaults);
      const [, reply] = await Promise.all([ready, asked]);
      if (!$root.isConnected) return false; // the reader has moved on to another page
      if ("values" in reply) adopt(reply.values); // still true of the fields the reader has not changed since
      if (ticket !== latest) return false; // a newer change is on its way
      if (checkin.keepsLog && readLog(calculator) !== log) return update(options); // a check-in changed the log meanwhile
      if (reply.ok) {
        $result.innerHTML = reply.html;
        showFieldErrors($form, {});
        hideSummary($summary);
        // The one live region: a sentence, never the table.
        $status.textContent = reply.live ? `Updated: ${reply.live}` : "Updated.";
        if (reply.problem) {
          // A damaged log is kept under another key, never overwritten by the next check-in; one from a
          // newer version of the site stays where it is, for the newer page.
          if (!reply.newer) setLogAside(calculator);
          $status.textContent += ` ${reply.problem}`;
        }
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

  /** @param {Event} event  the reader changed a field: what the form shows for it is now the answer */
  function touched(event) {
    const $el = event.target;
    if ($el instanceof HTMLInputElement || $el instanceof HTMLSelectElement) delete unshown[$el.name];
  }

  $form.addEventListener("input", (event) => {
    touched(event);
    clearTimeout(timer);
    timer = setTimeout(update, TYPING_DELAY_MS);
  });
  $form.addEventListener("change", (event) => {
    touched(event);
    update();
  });
  $form.addEventListener("submit", (event) => {
    event.preventDefault();
    update({ focusSummary: true });
  });
  followSummaryLinks($summary);

  const exports = wireExports($root, calculator, $form, update, () => (checkin.keepsLog ? readLog(calculator) : ""));
  $root.dataset.ffrState = "loading";
  exports.arm("loading");
  checkin.arm("loading");
  $status.textContent = "Loading the calculator… The result below is for the values shown.";
  setTimeout(() => {
    if ($root.dataset.ffrState === "loading") {
      $status.textContent = "Still loading the calculator (about 14 MB the first time; after that it is cached). " +
        "The result below is for the values shown.";
    }
  }, SLOW_LOAD_MS);
  runtime().then(
    () => {
      $root.dataset.ffrState = "ready";
      exports.arm("ready");
      checkin.arm("ready");
      $status.textContent = "Ready: the result updates as you change a value.";
    },
    (error) => {
      $root.dataset.ffrState = "error";
      exports.arm("error");
      checkin.arm("error");
      $status.textContent = failureText(error);
    },
  );
  // Values from the address or from storage, or a log of check-ins: ask for their result
  // now; the request waits in the worker's queue until Python is ready.
  if (differs || (checkin.keepsLog && readLog(calculator))) update();
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
