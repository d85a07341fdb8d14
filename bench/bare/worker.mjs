// Module worker for bench_ramp_up.py's reference: bare Pyodide plus the least a calculator needs.
// It starts Pyodide at once and fetches calc.py alongside, writes it into Pyodide's file system,
// imports it and posts Python's answer (as the shared harness's approach F does).
import { loadPyodide } from "../assets/pyodide/PYODIDE_VERSION/pyodide.mjs"; // bench_ramp_up.py writes in the version

const ready = Promise.all([loadPyodide(), fetch(new URL("./calc.py", import.meta.url)).then((response) => response.text())]);

self.addEventListener("message", async (event) => {
  try {
    const [pyodide, source] = await ready;
    pyodide.FS.writeFile("/home/pyodide/calc.py", source);
    const args = pyodide.toPy(event.data);
    const text = pyodide.runPython("import json, calc\n'PLAN:' + json.dumps(calc.plan(weekly, weeks))", { globals: args });
    args.destroy();
    self.postMessage({ text });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
});
