// @ts-check
/**
 * Every page loads this module (small, async, in the head). It does two things:
 *   - warms the Python worker up when the reader points at, focuses or touches a link to a
 *     calculator, so the wait is mostly over on arrival (calculator-runtime.mjs);
 *   - on a page that holds a calculator, or a part of a result that needs it (the
 *     cadence tool's metronome, the planner's print date), loads calculator-page.mjs, which wires the forms to the
 *     worker; on the "From your watch" page, watch-page.mjs, which reads activity files there.
 *     A guide page without one downloads none of that.
 * One worker serves every calculator and survives Material's instant navigation.
 */

import { warmOnIntent } from "./calculator-runtime.mjs";

/** What marks a page that needs calculator-page.mjs. */
const NEEDS_PAGE = '[data-module="ffr-calculator"], [data-module="ffr-metronome"], .ffr-js-made-date, .ffr-js-made-link';

/** @type {Promise<typeof import("./calculator-page.mjs")> | null} */
let page = null;
/** @type {typeof import("./calculator-page.mjs") | null} */
let loaded = null;

/** calculator-page.mjs, fetched once. */
function pageModule() {
  page ||= import("./calculator-page.mjs").then((module) => (loaded = module));
  return page;
}

/** On every page Material shows: wire its calculators, or stop what the last page left running. */
function onPage() {
  if (page || document.querySelector(NEEDS_PAGE)) pageModule().then((module) => module.initAll());
  // The "From your watch" reader: its own module, on its page only.
  if (document.querySelector('[data-module="ffr-watch"]')) import("./watch-page.mjs").then((module) => module.initAll());
}

/** Run onPage on every page Material shows (instant navigation), or once without Material. */
function subscribe() {
  const material = /** @type {Window & {document$?: {subscribe: (next: () => void) => unknown}}} */ (window);
  // Run in a task of our own, not inside Material's page-swap task, so neither grows long.
  // After instant navigation, where the browser can, one that goes before the timers
  // Material's new page sets off (its components), so that the form is wired and Python
  // asked about 30 ms sooner (bench/README.md). Not on the first page: there it would run
  // in the same frame as Material's start-up, and a first visit's page is busy enough.
  const scheduler = /** @type {{scheduler?: {postTask?: (task: () => void, options: {priority: string}) => Promise<void>}}} */ (
    /** @type {unknown} */ (globalThis)
  ).scheduler;
  let first = true;
  const later = () => {
    if (first || !scheduler?.postTask) setTimeout(onPage, 0);
    else {
      scheduler.postTask(onPage, { priority: "user-blocking" }).catch((error) => {
        setTimeout(() => {
          throw error; // reported as a timer's own error would be
        });
      });
    }
    first = false;
  };
  if (material.document$ && typeof material.document$.subscribe === "function") {
    material.document$.subscribe(later);
    // Material swaps in the new page's container (a child of <body>), then runs the new
    // page's scripts and mounts its own components, and only then tells its subscribers:
    // the forms are wired as soon as the container is in place. Both then call onPage, whose
    // work is done once: the forms it has wired carry data-ffr-calculator-init.
    new MutationObserver((records) => {
      const swapped = records.some((record) =>
        Array.from(record.addedNodes).some((node) => node instanceof Element && node.matches('[data-md-component="container"]')),
      );
      if (swapped && !first) later();
    }).observe(document.body, { childList: true });
  } else later();
}

// A calculator page (calculator-boot.js ran in the head): fetch the page's module now, in
// parallel with the rest of the page, rather than when the page has finished parsing.
if ("__ffrWorker" in window) pageModule();
warmOnIntent();
// A printout carries the date it was made; only pages with calculator-page.mjs have a slot for it.
window.addEventListener("beforeprint", () => loaded?.datePrintout());
// This module loads async in the head, possibly before Material's bundle has run.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
