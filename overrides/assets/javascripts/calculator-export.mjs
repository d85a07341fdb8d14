// @ts-check
/**
 * A calculator's "keep your plan" buttons (the planner has them): print the page, or ask
 * the worker for a file made from the same values (CSV, iCalendar) and hand it to the
 * browser as a download from a Blob. Nothing is sent anywhere.
 */

import { showFieldErrors } from "./calculator-errors.mjs";
import { controlFor, readForm } from "./calculator-form.mjs";
import { failureText, send } from "./calculator-runtime.mjs";

/** @typedef {import("./calculator-messages.mjs").FieldErrors} FieldErrors */
/** @typedef {"loading" | "ready" | "error"} State */

const BLOB_LIFETIME_MS = 60_000;

/**
 * The reader's local date as YYYY-MM-DD.
 * @param {Date} now
 */
export function localDate(now) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Hand text to the browser as a downloaded file. The link is never put in the page, so
 * Material's instant navigation never sees its click.
 * @param {string} text @param {string} filename @param {string} type
 */
export function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const $link = document.createElement("a");
  $link.href = url;
  $link.download = filename;
  $link.click();
  setTimeout(() => URL.revokeObjectURL(url), BLOB_LIFETIME_MS);
}

/**
 * Wire a calculator's "keep your plan" buttons, if it has them.
 * @param {HTMLElement} $root
 * @param {string} calculator
 * @param {HTMLFormElement} $form
 * @param {() => Promise<boolean>} update  recompute from the form; whether the result shown is now the form's
 * @param {() => string} log  the reader's log as stored, which the files follow ("" for none)
 * @returns {{arm: (state: State) => void}} `arm` enables the buttons that work in this state
 */
export function wireExports($root, calculator, $form, update, log) {
  const $buttons = Array.from($root.querySelectorAll(".ffr-js-export")).filter(
    /** @returns {$b is HTMLButtonElement} */ ($b) => $b instanceof HTMLButtonElement,
  );
  const $status = $root.querySelector(".ffr-js-export-status");
  if (!$buttons.length || !$status) return { arm: () => {} };
  const say = (/** @type {string} */ text) => { $status.textContent = text; };

  /** @param {FieldErrors} errors */
  function pointAt(errors) {
    const names = Object.keys(errors);
    say(names.length === 1 ? errors[names[0]] : "Please check the highlighted values first.");
    controlFor($form, names[0])?.focus();
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
        type: "export", calculator, values: readForm($form), format, stamp: now.toISOString(), today: localDate(now), log: log(),
      });
      if (reply.ok) {
        download(reply.text, reply.filename, reply.mime);
        say(`Saved ${reply.filename}. It was made in this browser; nothing was sent anywhere.`);
      } else if ("errors" in reply) {
        showFieldErrors($form, reply.errors);
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
export function datePrintout() {
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
