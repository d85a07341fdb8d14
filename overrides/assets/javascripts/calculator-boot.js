// @ts-check
// Loaded in the head of calculator pages only, as a classic script so that it runs
// while the page is still parsing: it starts the Python worker at once, a few hundred
// milliseconds before a module script could, so Pyodide's files are downloading while the
// page starts. calculator-runtime.mjs adopts this worker and tells it when to start Python.
// (Kept tiny on purpose: it blocks parsing for the time it takes to run.)
(() => {
  const early = /** @type {Window & import("./calculator-runtime.mjs").EarlyStart} */ (window);
  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  early.__ffrWorker = new Worker(new URL("calculator-worker.mjs", script.src), { type: "module" });
  early.__ffrWorker.onerror = () => { early.__ffrWorkerFailed = true; }; // failed before the page listens
  early.__ffrCalculators = script.dataset.calculators || ""; // the worker warms these up
})();
