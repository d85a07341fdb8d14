// Module worker: start Pyodide at once (as calculator-worker.mjs does), run 1+1, report.
import { loadPyodide } from "../assets/pyodide/314.0.7/pyodide.mjs";

const pyodide = await loadPyodide();
self.postMessage(pyodide.runPython("1+1"));
