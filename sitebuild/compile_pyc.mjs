// Compile the calculators, and the standard library they start with, to bytecode for the
// Python inside Pyodide, at build time.
//
// Usage: node sitebuild/compile_pyc.mjs SOURCE_DIR OUT_DIR
//
// Runs the pinned Pyodide (node_modules/pyodide) under Node, so that every file is compiled
// by exactly the Python the browser runs (its version and its bytecode's magic number):
//
// 1. Every .py file in SOURCE_DIR (the `calculators` package) becomes OUT_DIR/NAME.pyc, an
//    "unchecked-hash" .pyc (PEP 552) that Python uses without comparing it with the source,
//    so the browser imports the package straight from the wheel without compiling it. The
//    build hook puts them into the wheel next to the sources.
// 2. OUT_DIR/python_stdlib.zip: Pyodide's standard library (the npm package's zip holds
//    sources only, so a first start spends seconds compiling them) with the modules that
//    Python's start and the calculators import replaced by their bytecode: the modules
//    loaded once the worker's two entry points are imported (calculators._web and
//    calculators._watch_web), every calculator has computed its default and made each of its files. Every other file is kept as it is (compiled on
//    demand, if ever imported), so nothing is missing and the zip grows far less than it
//    would with every module compiled. This is what `pyodide py-compile` does to a whole
//    zip (Pyodide's own "pyc" distribution), done here with Pyodide's own Python because
//    that command compiles with the Python that runs it, which must then be 3.14.
// 3. The new zip is proved: a second Pyodide starts from it and the planner's default plan
//    must equal the one computed from the sources.
//
// If the Python in the browser ever differs, zipimport rejects the bytecode's magic number
// and compiles the sources (of the wheel; the zip's compiled modules have none, so a
// mismatch would fail at start: the build and the site pin one Pyodide, sitebuild/pyodide.py).
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";

const [sourceDir, outDir] = process.argv.slice(2);
if (!sourceDir || !outDir) {
  console.error("usage: node sitebuild/compile_pyc.mjs SOURCE_DIR OUT_DIR");
  process.exit(2);
}
const STDLIB = "python_stdlib.zip";

const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/src/calculators");
const names = readdirSync(sourceDir).filter((name) => name.endsWith(".py"));
for (const name of names) {
  pyodide.FS.writeFile(`/src/calculators/${name}`, readFileSync(join(sourceDir, name)));
}
const answer = pyodide.runPython(`
import importlib, json, sys

# What Python's start and the calculators import, before this script imports its own tools:
# the worker's two entry points (calculator-worker.mjs), every calculator's default and files.
sys.path.insert(0, "/src")
for entry in ("calculators._web", "calculators._watch_web"):
    importlib.import_module(entry)
from calculators import _web

_web.warm("")
for ident, calc in _web.CALCULATORS.items():
    for fmt in calc.exports if calc.export else ():
        made = json.loads(_web.handle(json.dumps({"type": "export", "id": 0, "calculator": ident, "values": {"start_date": "2026-01-12"} if fmt == "ics" else {},
                                                  "format": fmt, "stamp": "2026-01-05T08:00:00+00:00", "today": "2026-01-05"})))
        if not made.get("ok"):
            raise SystemExit(f"{ident} could not make its {fmt} file: {made}")
(stdlib,) = [entry for entry in sys.path if entry.endswith(".zip")]
used = set()
for module in list(sys.modules.values()):
    path = getattr(module, "__file__", None) or ""
    if path.startswith(stdlib + "/") and path.endswith(".py"):
        used.add(path[len(stdlib) + 1:])

import py_compile, zipfile

for name in ${JSON.stringify(names)}:
    py_compile.compile(
        f"/src/calculators/{name}",
        cfile=f"/src/calculators/{name}c",
        dfile=f"calculators/{name}",
        doraise=True,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )

# The zip again, the used modules as bytecode (sourceless: zipimport loads NAME.pyc in place of NAME.py).
with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile("/out.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
    for entry in source.infolist():
        data = source.read(entry)
        if entry.filename not in used:
            out.writestr(entry, data, compress_type=entry.compress_type)
            continue
        with open("/tmp/module.py", "wb") as handle:
            handle.write(data)
        py_compile.compile("/tmp/module.py", cfile="/tmp/module.pyc", dfile=entry.filename, doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        with open("/tmp/module.pyc", "rb") as handle:
            compiled = zipfile.ZipInfo(entry.filename + "c", date_time=entry.date_time)
            out.writestr(compiled, handle.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
print(f"{len(used)} of the standard library's modules compiled")
_web.handle(json.dumps({"type": "compute", "id": 0, "calculator": "ramp-up", "values": {}}))
`);
mkdirSync(outDir, { recursive: true });
for (const name of names) {
  writeFileSync(join(outDir, `${name}c`), pyodide.FS.readFile(`/src/calculators/${name}c`));
}
const zipped = pyodide.FS.readFile("/out.zip");
writeFileSync(join(outDir, STDLIB), zipped);

// The proof: Python starts from the new zip and the calculators give the same answer.
const proof = await loadPyodide({ stdLibURL: join(outDir, STDLIB) });
proof.FS.mkdirTree("/src/calculators");
for (const name of names) {
  proof.FS.writeFile(`/src/calculators/${name}c`, readFileSync(join(outDir, `${name}c`)));
}
const again = proof.runPython(`
import json, sys
sys.path.insert(0, "/src")
from calculators import _web
_web.handle(json.dumps({"type": "compute", "id": 0, "calculator": "ramp-up", "values": {}}))
`);
if (again !== answer) {
  console.error("Python started from the compiled standard library gave another answer");
  process.exit(1);
}
console.log(`compiled ${names.length} modules and the standard library they use with Pyodide ${pyodide.version}`);
