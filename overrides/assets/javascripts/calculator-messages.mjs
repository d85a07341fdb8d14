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
 *   page -> worker   start     the calculators' wheel, sent as the worker starts (no reply): it
 *                              looks for a snapshot of Python made for that wheel at once
 *   page -> worker   setup     start Python, load the calculators, then warm up `warm`
 *   worker -> page   ready     with where Python came from: a snapshot, or a normal start
 *   worker -> page   snapshot  (no id) whether an image of this Python was stored for later visits
 *   page -> worker   compute   the result for these form values
 *   worker -> page   result    its HTML, or field messages and their summary (HTML)
 *   page -> worker   export    the result as a file (the planner's CSV and calendar)
 *   worker -> page   file      the file's text, or field messages and their summary
 *   page -> worker   checkin   add a week's check-in to the planner's log (`entry`: its form's values)
 *   page -> worker   uncheck   remove the latest check-in
 *   page -> worker   load-log  read a log file the reader chose
 *   worker -> page   logged    the new log's text and the plan as it follows it, or why not
 *   worker -> page   error     the runtime itself failed (Pyodide, the wheel): no answer can come
 *
 * Reading activity files ("From your watch", watch-page.mjs; `calculators/_watch_web.py` in Python):
 *   page -> worker   watch-start      begin a reading (drops any earlier one): today, the unit, the FIT wheel
 *   page -> worker   watch-file       one file's bytes (its ArrayBuffer transferred, not copied)
 *   page -> worker   watch-read       read them, a step at a time (the FIT wheel loaded before the first)
 *   worker -> page   watch-progress   after each step: files and bytes done, the file being read
 *   worker -> page   watch-result     the figures: their HTML, the live sentence, the planner's and the
 *                                     cadence tool's values, each file's problem
 *   page -> worker   watch-cancel     stop the reading (seen between two steps)
 *   worker -> page   watch-cancelled  the reading stopped; what was read is dropped
 *   worker -> page   watch-error      the reading could not run (the FIT reader did not load): plain words
 * `watch-start` and `watch-file` get no reply of their own; `watch-read` gets progress, then one of
 * result, cancelled or error, all with the reading's `id`. The files' bytes cross to the worker only.
 *
 * `result`, `file` and `logged` carry `ok`; a calculator that failed on these values (a bug)
 * answers `ok: false` with a `fatal` sentence for the reader instead. The planner's
 * `compute` and `export` carry the reader's log (`log`: the text Python wrote, as stored;
 * "" for none): it stays in the browser, and only crosses to the worker.
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
 * @typedef {object} StartMessage
 * @property {"start"} type
 * @property {string} wheel  the calculators' wheel, an absolute URL
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
 * @property {string} [log]  the planner's log as stored ("" or absent for none)
 */

/**
 * @typedef {object} CheckinMessage
 * @property {"checkin"} type
 * @property {number} id
 * @property {string} calculator
 * @property {FormValues} values  the plan's form
 * @property {string} log
 * @property {FormValues} entry  the check-in form
 */

/**
 * @typedef {object} UncheckMessage
 * @property {"uncheck"} type
 * @property {number} id
 * @property {string} calculator
 * @property {FormValues} values
 * @property {string} log
 */

/**
 * @typedef {object} LoadLogMessage
 * @property {"load-log"} type
 * @property {number} id
 * @property {string} calculator
 * @property {FormValues} values
 * @property {string} text  the chosen file's text
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
 * @property {string} [log]  the planner's log as stored
 */

/**
 * @typedef {object} ReadyMessage
 * @property {"ready"} type
 * @property {number} id
 * @property {"snapshot" | "fresh"} python  restored from a memory snapshot, or started normally
 */

/**
 * Sent once, after a normal start, when the worker has tried to store a snapshot.
 * @typedef {object} SnapshotMessage
 * @property {"snapshot"} type
 * @property {boolean} saved
 */

/**
 * The values came in a form Python reads but the form does not show as such (`injury=yes`,
 * `weekdays=Tue Thu` from an old or hand-made address): `values` gives each field as the form
 * gives it (`on`, `tue,thu`), to put in the form. Values the form gave come back unchanged.
 * @typedef {object} Canonical
 * @property {FormValues} values
 */

/**
 * `live` is the sentence the page announces (the headline, or the advice of the moment);
 * `problem` says the stored log could not be read (the result then shows none of it); `newer`, that
 * it comes from a newer version of the site (the page leaves it where it is).
 * @typedef {{type: "result", id: number, ok: true, html: string, live: string, problem?: string, newer?: boolean} & Canonical} ResultShown
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
 * @typedef {{type: "logged", id: number, ok: true, log: string, html: string, live: string} & Canonical} LoggedShown
 * @typedef {{type: "logged", id: number, ok: false, errors: FieldErrors, summary: string}} LoggedInvalid
 * @typedef {{type: "logged", id: number, ok: false, problem: string}} LoggedRefused
 * @typedef {{type: "logged", id: number, ok: false, fatal: string}} LoggedFailed
 * @typedef {LoggedShown | LoggedInvalid | LoggedRefused | LoggedFailed} LoggedMessage
 */

/**
 * @typedef {object} ErrorMessage
 * @property {"error"} type
 * @property {number} id
 * @property {string} message  why (for the console; the page shows its own words)
 */

/**
 * @typedef {object} WatchStartMessage
 * @property {"watch-start"} type
 * @property {number} id  the reading's id, which every message about it carries
 * @property {string} today  the reader's local date, `YYYY-MM-DD` (the last four weeks end there)
 * @property {"km" | "mi"} unit  the unit of the figures shown
 * @property {string} wheel  the FIT reader's wheel (fitdecode), an absolute URL
 */

/**
 * @typedef {object} WatchFileMessage
 * @property {"watch-file"} type
 * @property {number} id
 * @property {string} name  the file's name, as the reader's device gives it
 * @property {ArrayBuffer} bytes  its content (transferred); empty for a file over Python's limit, which is not read
 * @property {number} size  the file's size in bytes
 */

/**
 * @typedef {object} WatchReadMessage
 * @property {"watch-read"} type
 * @property {number} id
 */

/**
 * @typedef {object} WatchCancelMessage
 * @property {"watch-cancel"} type
 * @property {number} id  the reading to stop
 */

/**
 * How far a reading has got (`_watch_web.step`'s answer).
 * @typedef {object} WatchProgress
 * @property {boolean} done
 * @property {number} files_done
 * @property {number} files_total
 * @property {number} bytes_done
 * @property {number} bytes_total
 * @property {string} current  the name of the file being read
 */

/** @typedef {{type: "watch-progress", id: number} & WatchProgress} WatchProgressMessage */

/**
 * The figures read (`_watch_web.result`): `planner` and `cadence` are each tool's form values
 * (its own field names and spellings), or null when the files gave none.
 * @typedef {object} WatchResult
 * @property {string} html  the whole result: figures, chart with its text, each file's problem, red flags
 * @property {string} live  one or two sentences for the live region
 * @property {FormValues | null} planner
 * @property {FormValues | null} cadence
 * @property {{file: string, message: string}[]} problems
 */

/** @typedef {{type: "watch-result", id: number} & WatchResult} WatchResultMessage */

/**
 * @typedef {object} WatchCancelledMessage
 * @property {"watch-cancelled"} type
 * @property {number} id
 */

/**
 * @typedef {object} WatchErrorMessage
 * @property {"watch-error"} type
 * @property {number} id
 * @property {string} message  why, in plain words
 */

/** @typedef {WatchStartMessage | WatchFileMessage | WatchReadMessage | WatchCancelMessage} WatchRequest */
/** @typedef {WatchResultMessage | WatchCancelledMessage | WatchErrorMessage} WatchReply  the last reply to `watch-read` */

/** @typedef {CheckinMessage | UncheckMessage | LoadLogMessage} LogRequest */
/** @typedef {StartMessage | SetupMessage | ComputeMessage | ExportMessage | LogRequest | WatchRequest} Request */
/** @typedef {ReadyMessage | ResultMessage | FileMessage | LoggedMessage | ErrorMessage | WatchProgressMessage | WatchReply} Reply */

export {};
