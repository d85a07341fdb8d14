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
  // The wheel's address (the meta tag comes before this script): the worker looks for a
  // snapshot of Python made for it at once, rather than when the page sends "setup".
  const wheel = document.querySelector('meta[name="ffr-wheel"]');
  if (wheel) early.__ffrWorker.postMessage({ type: "start", wheel: new URL(wheel.getAttribute("content") || "", location.href).href });
  early.__ffrWorker.onerror = () => { early.__ffrWorkerFailed = true; }; // failed before the page listens
  early.__ffrCalculators = script.dataset.calculators || ""; // the worker warms these up
})();
