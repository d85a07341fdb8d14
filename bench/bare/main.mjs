// Reference for bench_ramp_up.py: the least a page can do to get a Python result from a worker.
const out = document.getElementById("out");
const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
worker.addEventListener("message", (event) => {
  out.textContent = event.data.error ? `error: ${event.data.error}` : event.data.text; // instrument.js stamps "PLAN:["
});
worker.addEventListener("error", (event) => {
  out.textContent = `error: ${event.message}`;
});
worker.postMessage({ weekly: 50, weeks: 12 });
