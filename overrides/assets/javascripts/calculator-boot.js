// Loaded in the head of calculator pages only, as a classic script so that it runs
// while the page is still parsing: it starts the Python worker at once, a few hundred
// milliseconds before a module script could, so Pyodide's files are downloading while the
// page starts. calculator.mjs adopts this worker and tells it when to start Python.
// (Kept tiny on purpose: it blocks parsing for the time it takes to run.)
window.__ffrWorker = new Worker(new URL("calculator-worker.mjs", document.currentScript.src), { type: "module" });
window.__ffrWorker.onerror = () => { window.__ffrWorkerFailed = true; }; // failed before calculator.mjs listens
window.__ffrCalculators = document.currentScript.dataset.calculators || ""; // the worker warms these up
