// Module worker: start Pyodide at once (as calculator-worker.mjs does), run 1+1, report.
import { loadPyodide } from "../assets/pyodide/PYODIDE_VERSION/pyodide.mjs"; // bench_ramp_up.py writes in the version

const pyodide = await loadPyodide();
self.postMessage(pyodide.runPython("1+1"));
