// @ts-check
/**
 * Module Web Worker that runs the calculators' Python in Pyodide.
 *
 * It speaks the protocol in calculator-messages.mjs: `setup` starts Python and loads the
 * calculators (reply `ready`); `compute` and `export` go to Python as they are, as JSON
 * (`calculators/_web.py`'s `handle`, which answers with the `result` or `file` message);
 * if Python itself cannot start or answer, the reply is an `error` message.
 */
import { loadPyodide } from "../pyodide/PYODIDE_VERSION/pyodide.mjs"; // the build writes in the pinned version (sitebuild/pyodide.py)

// When to start Pyodide, which compiles 9.6 MB of WebAssembly on every core it can get.
// - Its files are in the browser's cache (a return visit): at once; that is the fastest
//   way to a result.
// - A first visit: download the files at once, but compile only when the page sends
//   "setup", which a calculator page does when its own start-up work is done. The
//   download takes seconds on a phone anyway, and page and compiler would otherwise slow
//   each other down on its few cores (measured: Lighthouse's blocking time on the planner
//   page about halves; bench/README.md).
const PYODIDE = new URL("../pyodide/PYODIDE_VERSION/", import.meta.url);
const FILES = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs", "pyodide-lock.json"];
/** @type {() => void} */
let pageStarted = () => {};
const pageReady = new Promise((resolve) => (pageStarted = () => resolve(undefined)));

async function inCache() {
  try {
    const response = await fetch(new URL(FILES[0], PYODIDE), { cache: "only-if-cached", mode: "same-origin" });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

const pyodideReady = (async () => {
  if (!(await inCache())) {
    for (const name of FILES) {
      fetch(new URL(name, PYODIDE)) // into the HTTP cache, where loadPyodide finds them
        .then((response) => response.body?.pipeTo(new WritableStream())) // read, not kept
        .catch(() => {}); // loadPyodide reports any failure
    }
    await pageReady;
  }
  return loadPyodide();
})();
/**
 * @typedef {import("./calculator-messages.mjs").Request} Request
 * @typedef {import("./calculator-messages.mjs").Reply} Reply
 * @typedef {import("./calculator-messages.mjs").ResultMessage} ResultMessage
 * @typedef {import("./calculator-messages.mjs").FileMessage} FileMessage
 * @typedef {import("./calculator-messages.mjs").LoggedMessage} LoggedMessage
 */
/**
 * The Python module calculators._web (a proxy kept for the worker's lifetime).
 * @typedef {object} WebEntry
 * @property {(request: string) => string} handle  a `compute` or `export` message in, its reply out (JSON)
 * @property {(ids: string) => void} warm  compute these calculators' defaults (space-separated ids; all if empty)
 */

/** @type {Promise<WebEntry> | null} */
let handlerReady = null;
let asked = false; // whether the page has asked for a result or a file yet

/**
 * Put the wheel on Python's path and return the Python entry point (calculators._web).
 *
 * The wheel is imported in place (zipimport), not unpacked: it carries each module
 * compiled by this Pyodide's Python next to its source (see sitebuild/compile_pyc.mjs),
 * so nothing is extracted or compiled here.
 * @param {string} wheel absolute URL of the calculators wheel
 * @returns {Promise<WebEntry>}
 */
async function setup(wheel) {
  pageStarted();
  const [pyodide, response] = await Promise.all([pyodideReady, fetch(wheel)]);
  if (!response.ok) throw new Error(`Could not fetch the calculators (${response.status})`);
  const path = "/home/pyodide/" + wheel.slice(wheel.lastIndexOf("/") + 1);
  pyodide.FS.writeFile(path, new Uint8Array(await response.arrayBuffer()));
  pyodide.pyimport("sys").path.insert(0, path);
  return pyodide.pyimport("calculators._web");
}

/** @param {Reply} reply */
function reply(reply) {
  self.postMessage(reply);
}

self.addEventListener("message", async (/** @type {MessageEvent<Request>} */ event) => {
  const message = event.data;
  try {
    if (message.type === "setup") {
      handlerReady ??= setup(message.wheel);
      const web = await handlerReady;
      reply({ type: "ready", id: message.id });
      // Warm up the page's calculators (their first result costs more), unless the page
      // has already asked for one: that request, queued behind setup, does the warming.
      setTimeout(() => asked || web.warm(message.warm || ""), 0);
    } else {
      asked = true;
      if (!handlerReady) throw new Error(`${message.type} before setup`);
      const web = await handlerReady;
      /** @type {ResultMessage | FileMessage | LoggedMessage} */
      const answer = JSON.parse(web.handle(JSON.stringify(message)));
      reply(answer);
    }
  } catch (error) {
    if (message.type === "setup") handlerReady = null;
    reply({ type: "error", id: message.id, message: String(error instanceof Error ? error.message : error) });
  }
});
