// @ts-check
/**
 * Field errors on a calculator form, as GOV.UK shows them: a message on each field in
 * error, pointed to by the control's aria-describedby and marked aria-invalid, and a
 * summary above the form whose links lead to the fields.
 *
 * Python renders all of the markup: each field's message element (baked into the page,
 * hidden and empty, with its id) and the summary (the worker returns its HTML with the
 * messages). This module composes none: it fills the messages with text, shows or hides
 * them and the summary, and keeps the ARIA attributes in step.
 */

import { controlFor } from "./calculator-form.mjs";

/** @typedef {import("./calculator-messages.mjs").FieldErrors} FieldErrors */

/**
 * Mark the fields named in `errors` with their messages and clear every other field.
 * @param {HTMLFormElement} $form
 * @param {FieldErrors} errors
 */
export function showFieldErrors($form, errors) {
  for (const $field of Array.from($form.querySelectorAll("[data-field]"))) {
    if (!($field instanceof HTMLElement)) continue;
    const name = $field.dataset.field || "";
    const message = errors[name];
    // A group of tick boxes (run days) is described on its fieldset, as GOV.UK's checkboxes are.
    const $control = $field.querySelector(".ffr-js-described") || controlFor($form, name);
    const $error = $field.querySelector(".ffr-js-error");
    const $text = $error && $error.querySelector(".ffr-js-error-text");
    if (!($control instanceof HTMLElement) || !($error instanceof HTMLElement) || !$text) continue;
    const group = $control instanceof HTMLFieldSetElement;
    const described = new Set(($control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
    if (message) {
      $text.textContent = message;
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

/**
 * Show the summary Python rendered for the current errors.
 * @param {HTMLElement} $summary
 * @param {string} html
 * @param {boolean} focus  move focus to it (after the reader submitted the form)
 */
export function showSummary($summary, html, focus) {
  $summary.innerHTML = html;
  $summary.hidden = false;
  if (focus) $summary.focus();
}

/** @param {HTMLElement} $summary */
export function hideSummary($summary) {
  $summary.hidden = true;
  $summary.replaceChildren();
}

/**
 * Make the summary's links lead to their fields. Handled here rather than by the browser:
 * Material's instant navigation would fetch the page again for the link and swap it in,
 * and keyboard focus would fall back to the top of the page.
 * @param {HTMLElement} $summary
 */
export function followSummaryLinks($summary) {
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
}
