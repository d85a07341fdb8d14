// @ts-check
/**
 * The worker protocol: every message between a calculator page and the Python worker.
 *
 * Types only (nothing here runs): the page's client (calculator-runtime.mjs) and the
 * worker (calculator-worker.mjs) both import these types, and the worker hands
 * `compute` and `export` messages unchanged, as JSON, to Python (`calculators/_web.py`,
 * whose `handle` answers with the `result` or `file` message). Every message is plain
 * JSON; its kind is `type`, and `id` pairs a reply with its request. Errors come back as
 * messages, never as exceptions across the boundary.
 *
 *   page -> worker   setup     start Python, load the calculators, then warm up `warm`
 *   worker -> page   ready
 *   page -> worker   compute   the result for these form values
 *   worker -> page   result    its HTML, or field messages and their summary (HTML)
 *   page -> worker   export    the result as a file (the planner's CSV and calendar)
 *   worker -> page   file      the file's text, or field messages and their summary
 *   worker -> page   error     the runtime itself failed (Pyodide, the wheel): no answer can come
 *
 * `result` and `file` carry `ok`; a calculator that failed on these values (a bug)
 * answers `ok: false` with a `fatal` sentence for the reader instead.
 */

/**
 * Each field's value as the form gives it (see calculator-form.mjs): the text typed or the
 * option chosen; a ticked box's `value` ("" when unticked); the ticked days' values joined by
 * commas.
 * @typedef {Record<string, string>} FormValues
 */

/**
 * A message for the reader, by field name.
 * @typedef {Record<string, string>} FieldErrors
 */

/**
 * @typedef {object} SetupMessage
 * @property {"setup"} type
 * @property {number} id
 * @property {string} wheel  the calculators' wheel, an absolute URL
 * @property {string} warm  the ids of the calculators to warm up, space-separated (all if empty)
 */

/**
 * @typedef {object} ComputeMessage
 * @property {"compute"} type
 * @property {number} id
 * @property {string} calculator  its id (`ramp-up`)
 * @property {FormValues} values
 */

/**
 * @typedef {object} ExportMessage
 * @property {"export"} type
 * @property {number} id
 * @property {string} calculator
 * @property {FormValues} values
 * @property {string} format  one of the calculator's exports (`csv`, `ics`)
 * @property {string} stamp  the browser's clock, `Date.toISOString()`: when the file is made
 * @property {string} today  the reader's local date, `YYYY-MM-DD`
 */

/**
 * @typedef {object} ReadyMessage
 * @property {"ready"} type
 * @property {number} id
 */

/**
 * The values came in a form Python reads but the form does not show as such (`injury=yes`,
 * `weekdays=Tue Thu` from an old or hand-made address): `values` gives each field as the form
 * gives it (`on`, `tue,thu`), to put in the form. Values the form gave come back unchanged.
 * @typedef {object} Canonical
 * @property {FormValues} values
 */

/**
 * @typedef {{type: "result", id: number, ok: true, html: string} & Canonical} ResultShown
 * @typedef {{type: "result", id: number, ok: false, errors: FieldErrors, summary: string} & Canonical} ResultInvalid
 * @typedef {{type: "result", id: number, ok: false, fatal: string}} ResultFailed
 * @typedef {ResultShown | ResultInvalid | ResultFailed} ResultMessage
 */

/**
 * @typedef {{type: "file", id: number, ok: true, text: string, filename: string, mime: string}} FileMade
 * @typedef {{type: "file", id: number, ok: false, errors: FieldErrors, summary: string}} FileInvalid
 * @typedef {{type: "file", id: number, ok: false, fatal: string}} FileFailed
 * @typedef {FileMade | FileInvalid | FileFailed} FileMessage
 */

/**
 * @typedef {object} ErrorMessage
 * @property {"error"} type
 * @property {number} id
 * @property {string} message  why (for the console; the page shows its own words)
 */

/** @typedef {SetupMessage | ComputeMessage | ExportMessage} Request */
/** @typedef {ReadyMessage | ResultMessage | FileMessage | ErrorMessage} Reply */

export {};
