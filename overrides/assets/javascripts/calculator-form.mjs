// @ts-check
/**
 * A calculator form's state: reading and writing its values, and keeping them.
 *
 * Values are what the form itself gives, never re-parsed here: the text typed or the
 * option chosen; a ticked box's `value` ("" when unticked); the ticked days' values
 * joined by commas. Python reads them (calculators/_fields.py). An address or a stored
 * state may hold other spellings Python also reads (`injury=yes`, `weekdays=Tue Thu`);
 * the form cannot show those as they are, so `notShown` picks them out, and the page asks
 * Python for the form's spelling (see `values` in calculator-messages.mjs).
 *
 * The reader's values are kept in local storage (a reload keeps them) and in the
 * address's fragment (`#unit=km&...`), which browsers never send to the server, so no
 * host's log holds a reader's answers while a link still reproduces the plan. Links
 * made before the fragment was used carry them in the query string and still work.
 * Unreadable stored state is ignored.
 */

/** @typedef {import("./calculator-messages.mjs").FormValues} FormValues */

const STORAGE_PREFIX = "ffr:";

/** @param {object} object @param {string} key */
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * The form's named controls, in document order.
 * @param {HTMLFormElement} $form
 * @returns {(HTMLInputElement | HTMLSelectElement)[]}
 */
function controls($form) {
  return Array.from($form.elements).filter(
    /** @returns {$el is HTMLInputElement | HTMLSelectElement} */
    ($el) => ($el instanceof HTMLInputElement || $el instanceof HTMLSelectElement) && $el.name !== "",
  );
}

/**
 * One of a group of tick boxes sharing a name, one per value (run days).
 * @param {HTMLInputElement | HTMLSelectElement} $el
 */
function isMulti($el) {
  return $el instanceof HTMLInputElement && $el.type === "checkbox" && "ffrMulti" in $el.dataset;
}

/**
 * Every field's value as the form gives it.
 * @param {HTMLFormElement} $form
 * @returns {FormValues}
 */
export function readForm($form) {
  /** @type {FormValues} */
  const values = {};
  for (const $el of controls($form)) {
    if ($el instanceof HTMLInputElement && isMulti($el)) {
      const picked = values[$el.name] ? values[$el.name].split(",") : [];
      if ($el.checked) picked.push($el.value);
      values[$el.name] = picked.join(",");
    } else if ($el instanceof HTMLInputElement && $el.type === "checkbox") {
      values[$el.name] = $el.checked ? $el.value : "";
    } else {
      values[$el.name] = $el.value;
    }
  }
  return values;
}

/**
 * Put values, spelled as `readForm` gives them, into the form; fields not named keep theirs.
 * @param {HTMLFormElement} $form
 * @param {FormValues} values
 */
export function writeForm($form, values) {
  for (const $el of controls($form)) {
    if (!has(values, $el.name)) continue;
    const value = values[$el.name];
    if ($el instanceof HTMLInputElement && isMulti($el)) $el.checked = value.split(",").includes($el.value);
    else if ($el instanceof HTMLInputElement && $el.type === "checkbox") $el.checked = value === $el.value;
    else $el.value = value;
  }
}

/**
 * The restored values the form cannot show as they are (a hand-made or older address's
 * `injury=yes` or `weekdays=Tue Thu`): Python reads them, and its reply gives the form's spelling.
 * @param {HTMLFormElement} $form
 * @param {FormValues} values
 * @returns {FormValues}
 */
export function notShown($form, values) {
  const shown = readForm($form);
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => has(shown, name) && shown[name] !== value));
}

/**
 * The first control of a field (the first box of a group), found through the form rather
 * than by its id, whose format is Python's (`render.field_id`).
 * @param {HTMLFormElement} $form
 * @param {string} name
 * @returns {HTMLElement | null}
 */
export function controlFor($form, name) {
  const item = $form.elements.namedItem(name);
  const $control = item instanceof RadioNodeList ? item[0] : item;
  return $control instanceof HTMLElement ? $control : null;
}

/**
 * Only known fields with string values survive; anything unreadable is ignored.
 * @param {unknown} data
 * @param {FormValues} defaults
 * @returns {FormValues}
 */
function known(data, defaults) {
  /** @type {FormValues} */
  const out = {};
  if (!data || typeof data !== "object") return out;
  for (const [key, value] of Object.entries(data)) {
    if (has(defaults, key) && typeof value === "string") out[key] = value;
  }
  return out;
}

/** @param {string} calculator @param {FormValues} defaults */
function loadStored(calculator, defaults) {
  try {
    return known(JSON.parse(localStorage.getItem(STORAGE_PREFIX + calculator) || "null"), defaults);
  } catch {
    return {};
  }
}

/**
 * The values in the address: its fragment, or, for links made before the fragment was
 * used, its query string.
 * @param {FormValues} defaults
 */
function loadAddress(defaults) {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const source = [...fragment.keys()].some((key) => has(defaults, key)) ? fragment : new URLSearchParams(location.search);
  return known(Object.fromEntries(source), defaults);
}

/**
 * The values to show: the defaults, then what local storage keeps, then what the address says.
 * @param {string} calculator
 * @param {FormValues} defaults
 * @returns {FormValues}
 */
export function restore(calculator, defaults) {
  return { ...defaults, ...loadStored(calculator, defaults), ...loadAddress(defaults) };
}

/**
 * Keep the reader's values in local storage and in the address's fragment: only those
 * that differ from the defaults go in it; an old query string is dropped.
 * @param {string} calculator
 * @param {FormValues} values
 * @param {FormValues} defaults
 */
export function persist(calculator, values, defaults) {
  try {
    localStorage.setItem(STORAGE_PREFIX + calculator, JSON.stringify(values));
  } catch {
    /* storage full or disabled: the address still carries the values */
  }
  const fragment = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== defaults[key]) fragment.set(key, value);
  const url = new URL(location.href);
  url.search = "";
  url.hash = fragment.toString();
  try {
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  } catch {
    /* too many updates in a short time (Firefox and Safari limit them): storage still has the values */
  }
}
