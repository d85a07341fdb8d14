// @ts-check
/**
 * Module Web Worker that runs the calculators' Python in Pyodide.
 *
 * Protocol (every message carries an `id`; errors come back as messages):
 *   page -> worker  {type: "setup", id, wheel, warm}      load the wheel; warm up these calculator ids
 *   worker -> page  {type: "ready", id}
 *   page -> worker  {type: "compute", id, calculator, values}
 *   worker -> page  {type: "result", id, ok, html?, errors?, summary?, fatal?}
 *   page -> worker  {type: "export", id, calculator, values, format, stamp, today}   a file of the result
 *   worker -> page  {type: "result", id, ok, text?, filename?, mime?, errors?, summary?, fatal?}
 *   worker -> page  {type: "error", id, message}           Pyodide itself failed
 */
import { loadPyodide } from "../pyodide/314.0.7/pyodide.mjs"; // the pinned version: see hooks/calculators.py

// Start Pyodide at once; the wheel URL arrives with the first message.
const pyodideReady = loadPyodide();
/** @type {Promise<(request: string) => string> | null} */
let handlerReady = null;

/**
 * Put the wheel on Python's path and return the Python entry point.
 *
 * The wheel is imported in place (zipimport), not unpacked: it carries each module
 * compiled by this Pyodide's Python next to its source (see scripts/compile-pyc.mjs),
 * so nothing is extracted or compiled here.
 * @param {string} wheel absolute URL of the calculators wheel
 * @param {string} warm space-separated ids of the calculators on the page
 */
async function setup(wheel, warm) {
  const [pyodide, response] = await Promise.all([pyodideReady, fetch(wheel)]);
  if (!response.ok) throw new Error(`Could not fetch the calculators (${response.status})`);
  const path = "/home/pyodide/" + wheel.slice(wheel.lastIndexOf("/") + 1);
  pyodide.FS.writeFile(path, new Uint8Array(await response.arrayBuffer()));
  pyodide.pyimport("sys").path.insert(0, path);
  /** @type {any} */
  const web = pyodide.pyimport("calculators._web"); // a proxy kept for the worker's lifetime
  web.warm(warm || "");
  return /** @type {(request: string) => string} */ ((request) => web.handle(request));
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  try {
    if (message.type === "setup") {
      handlerReady ??= setup(message.wheel, message.warm);
      await handlerReady;
      self.postMessage({ type: "ready", id: message.id });
    } else if (message.type === "compute" || message.type === "export") {
      if (!handlerReady) throw new Error(`${message.type} before setup`);
      const handle = await handlerReady;
      const { type, id, ...fields } = message;
      const request = JSON.stringify({ ...fields, action: type });
      self.postMessage({ type: "result", id, ...JSON.parse(handle(request)) });
    }
  } catch (error) {
    handlerReady = message.type === "setup" ? null : handlerReady;
    self.postMessage({ type: "error", id: message.id, message: String(error && error.message || error) });
  }
});
