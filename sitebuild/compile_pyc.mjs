// Compile the calculators to bytecode for the Python inside Pyodide, at build time.
//
// Usage: node sitebuild/compile_pyc.mjs SOURCE_DIR OUT_DIR
//
// Runs the pinned Pyodide (node_modules/pyodide) under Node, compiles every .py file in
// SOURCE_DIR (the `calculators` package) with that exact Python, and writes NAME.pyc
// files to OUT_DIR. The .pyc files are "unchecked-hash" (PEP 552): Python uses them
// without comparing them with the source, so the browser can import the package straight
// from the wheel without compiling it. The build hook puts them into the wheel next to
// the sources; if the Python in the browser ever differs, zipimport rejects their magic
// number and compiles the sources instead.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";

const [sourceDir, outDir] = process.argv.slice(2);
if (!sourceDir || !outDir) {
  console.error("usage: node sitebuild/compile_pyc.mjs SOURCE_DIR OUT_DIR");
  process.exit(2);
}

const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/src");
const names = readdirSync(sourceDir).filter((name) => name.endsWith(".py"));
for (const name of names) {
  pyodide.FS.writeFile(`/src/${name}`, readFileSync(join(sourceDir, name)));
}
pyodide.runPython(`
import py_compile
for name in ${JSON.stringify(names)}:
    py_compile.compile(
        f"/src/{name}",
        cfile=f"/src/{name}c",
        dfile=f"calculators/{name}",
        doraise=True,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
`);
mkdirSync(outDir, { recursive: true });
for (const name of names) {
  writeFileSync(join(outDir, `${name}c`), pyodide.FS.readFile(`/src/${name}c`));
}
console.log(`compiled ${names.length} modules with Pyodide ${pyodide.version}`);
