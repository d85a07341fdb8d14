// Reference for bench_ramp_up.py: the least a page can do to get a Python result from a worker.
const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
worker.addEventListener("message", (event) => {
  document.documentElement.dataset.benchMs = String(performance.now());
  document.documentElement.dataset.benchResult = String(event.data);
});
worker.addEventListener("error", (event) => {
  document.documentElement.dataset.benchResult = `error: ${event.message}`;
});
