// @ts-check
/**
 * The planner's weekly check-in and the reader's log.
 *
 * The log is the reader's own record: it lives in this browser's local storage only, as
 * the text Python wrote (`calculators/checkin.py`'s `dump_log`), goes to the worker with
 * each request, and never goes into the page's address or over the network. Python reads
 * and writes the format, applies the rules and renders the advice; this module keeps the
 * text, wires the check-in form, and hands the log over as a file or reads one back.
 */

import { followSummaryLinks, hideSummary, showFieldErrors, showSummary } from "./calculator-errors.mjs";
import { readForm } from "./calculator-form.mjs";
import { download, localDate } from "./calculator-export.mjs";
import { failureText, send } from "./calculator-runtime.mjs";

/** @typedef {import("./calculator-messages.mjs").FormValues} FormValues */
/** @typedef {import("./calculator-messages.mjs").LoggedMessage} LoggedMessage */
/** @typedef {{html: string, live: string}} Shown */
/** @typedef {"loading" | "ready" | "error"} State */

const LOG_PREFIX = "ffr-log:";
const SET_ASIDE_PREFIX = "ffr-log-unreadable:"; // + calculator + ":" + when: each one kept

/**
 * The reader's log as stored ("" for none, or when storage cannot be read).
 * @param {string} calculator
 */
export function readLog(calculator) {
  try {
    return localStorage.getItem(LOG_PREFIX + calculator) || "";
  } catch {
    return "";
  }
}

/**
 * Keep the log Python returned ("" removes it). Returns whether it was kept.
 * @param {string} calculator @param {string} text
 */
function writeLog(calculator, text) {
  try {
    if (text) localStorage.setItem(LOG_PREFIX + calculator, text);
    else localStorage.removeItem(LOG_PREFIX + calculator);
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored log could not be read (Python said so): move it aside, under another key,
 * rather than lose it or let a new check-in overwrite it.
 * @param {string} calculator
 */
export function setLogAside(calculator) {
  const text = readLog(calculator);
  if (!text) return;
  try {
    localStorage.setItem(`${SET_ASIDE_PREFIX}${calculator}:${new Date().toISOString()}`, text);
    localStorage.removeItem(LOG_PREFIX + calculator);
  } catch {
    // storage is not writable: the log stays where it is, and is never overwritten unread
  }
}

/** @param {string} text */
function countEntries(text) {
  return (text.match(/"day":/g) || []).length;
}

/**
 * Wire the check-in section of a calculator, if it has one.
 * @param {HTMLElement} $root
 * @param {string} calculator
 * @param {() => FormValues} planValues  the plan's form values, as the page sends them
 * @param {(reply: Shown) => void} show  put a plan the log re-shaped on the page
 * @returns {{arm: (state: State) => void, keepsLog: boolean}}
 */
export function wireCheckin($root, calculator, planValues, show) {
  const $section = $root.querySelector("[data-ffr-checkin]");
  const $form = $section?.querySelector(".ffr-js-checkin");
  const $summary = $section?.querySelector(".ffr-js-checkin-summary");
  const $status = $section?.querySelector(".ffr-js-checkin-status");
  const $file = $section?.querySelector(".ffr-js-log-load");
  const $fileError = $section?.querySelector(".ffr-js-log-load-error");
  if (
    !($form instanceof HTMLFormElement) || !($summary instanceof HTMLElement) || !($status instanceof HTMLElement) ||
    !($file instanceof HTMLInputElement) || !($fileError instanceof HTMLElement)
  ) {
    return { arm: () => {}, keepsLog: false };
  }
  return wired({ $section: $form.closest("[data-ffr-checkin]") || $root, $form, $summary, $status, $file, $fileError }, calculator, planValues, show);
}

/**
 * @typedef {object} Parts  the check-in section's parts (Python bakes each in)
 * @property {Element} $section
 * @property {HTMLFormElement} $form
 * @property {HTMLElement} $summary  the check-in form's error summary
 * @property {HTMLElement} $status  its status line (role=status): the advice is announced here
 * @property {HTMLInputElement} $file  "Load a log"
 * @property {HTMLElement} $fileError  the file picker's message
 */

/**
 * @param {Parts} parts @param {string} calculator @param {() => FormValues} planValues @param {(reply: Shown) => void} show
 * @returns {{arm: (state: State) => void, keepsLog: boolean}}
 */
function wired({ $section, $form, $summary, $status, $file, $fileError }, calculator, planValues, show) {
  // What needs Python: the buttons and the file picker (the answers can be typed meanwhile).
  const $controls = Array.from($section.querySelectorAll("button, input[type=file]")).filter(
    /** @returns {$el is HTMLButtonElement | HTMLInputElement} */
    ($el) => $el instanceof HTMLButtonElement || $el instanceof HTMLInputElement,
  );
  const say = (/** @type {string} */ text) => { $status.textContent = text; };
  // One change of the log at a time: each reads the log the one before it left.
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();
  /** @param {() => Promise<unknown>} step */
  const serially = (step) => { queue = queue.then(step, step); };
  const $day = $form.elements.namedItem("day");
  const today = () => { if ($day instanceof HTMLInputElement && !$day.value) $day.value = localDate(new Date()); };
  today();
  followSummaryLinks($summary);

  /** @param {string} message */
  function fileProblem(message) {
    const $text = $fileError.querySelector(".ffr-js-error-text");
    if ($text) $text.textContent = message;
    $fileError.hidden = !message;
    if (message) {
      $file.setAttribute("aria-invalid", "true");
      $file.setAttribute("aria-describedby", $fileError.id);
    } else {
      $file.removeAttribute("aria-invalid");
      $file.removeAttribute("aria-describedby");
    }
  }

  /**
   * Show what the worker answered to a change of the log, and keep the new log.
   * @param {LoggedMessage} reply @param {string} done  what to say when it worked, before the advice
   * @returns {boolean} whether the log changed
   */
  function logged(reply, done) {
    if (reply.ok) {
      if (!writeLog(calculator, reply.log)) {
        say("This browser would not keep your log (its storage is full or switched off): save it as a file instead.");
        return false;
      }
      show(reply);
      say(reply.log ? `${done} ${reply.live}` : `${done} Your log is empty now.`);
      return true;
    }
    if ("errors" in reply) {
      showFieldErrors($form, reply.errors);
      showSummary($summary, reply.summary, true);
      say("Please check the highlighted answers; your log is unchanged.");
    } else if ("problem" in reply) {
      fileProblem(reply.problem);
      say(reply.problem);
    } else {
      say(reply.fatal);
    }
    return false;
  }

  $form.addEventListener("submit", (event) => {
    event.preventDefault();
    serially(checkIn);
  });

  async function checkIn() {
    say("Checking in…");
    try {
      const reply = await send({ type: "checkin", calculator, values: planValues(), log: readLog(calculator), entry: readForm($form) });
      if (logged(reply, "Checked in.")) {
        showFieldErrors($form, {});
        hideSummary($summary);
        $form.reset();
        today();
      }
    } catch (error) {
      say(failureText(error));
    }
  }

  $section.addEventListener("click", (event) => {
    const $button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!($button instanceof HTMLButtonElement) || $button.disabled) return;
    if ($button.classList.contains("ffr-js-log-save") || $button.classList.contains("ffr-js-log-undo")) serially(() => logTool($button));
  });

  /** @param {HTMLButtonElement} $button */
  async function logTool($button) {
    const log = readLog(calculator);
    if ($button.classList.contains("ffr-js-log-save")) {
      if (!log) return say("There is nothing to save yet: check in a week first.");
      const name = `stride-shift-log-${localDate(new Date())}.json`;
      download(log, name, "application/json");
      say(`Saved ${name}. It was made in this browser; nothing was sent anywhere.`);
    } else if ($button.classList.contains("ffr-js-log-undo")) {
      if (!log) return say("There is no check-in to remove.");
      if (!window.confirm("Remove your last check-in from the log?")) return say("Kept your log as it was.");
      try {
        logged(await send({ type: "uncheck", calculator, values: planValues(), log }), "Removed the last check-in.");
      } catch (error) {
        say(failureText(error));
      }
    }
  }

  $file.addEventListener("change", () => serially(loadFile));

  async function loadFile() {
    const file = $file.files && $file.files[0];
    if (!file) return;
    fileProblem("");
    say(`Reading ${file.name}…`);
    try {
      const reply = await send({ type: "load-log", calculator, values: planValues(), text: await file.text() });
      const held = readLog(calculator);
      if (reply.ok && held && held !== reply.log) {
        const ask = `Replace your log of ${countEntries(held)} check-ins in this browser with the ${countEntries(reply.log)} in ${file.name}?`;
        if (!window.confirm(ask)) {
          say(`Kept your log as it was; ${file.name} was not loaded.`);
          return;
        }
      }
      logged(reply, `Loaded ${file.name}.`);
    } catch (error) {
      say(failureText(error));
    } finally {
      $file.value = "";
    }
  }

  return {
    keepsLog: true,
    arm(state) {
      for (const $el of $controls) $el.disabled = state !== "ready";
      // The form's status line already says loading and ready: this one speaks only of the check-in,
      // so the two never announce at once.
      if (state === "loading") say("");
      if (state === "error") say("The check-in needs the calculator, which could not start. The plan above and its pain gate still stand.");
    },
  };
}
