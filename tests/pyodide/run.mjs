// Run the unit tests (tests/unit) inside Pyodide under Node, offline.
//
//   python -m tests.pyodide.fetch_wheels                       # pytest, hypothesis, ... (cached)
//   python -m build --wheel --no-isolation --outdir /tmp/w .   # the project's own wheel
//   node tests/pyodide/run.mjs --project-wheel /tmp/w/stride_shift-0.1.0-py3-none-any.whl [-- PYTEST_ARGS]
//
// Loads Pyodide from node_modules/pyodide, unpacks the cached wheels listed in
// .cache/pyodide-wheels/manifest.txt and the project's wheel into site-packages, copies
// tests/unit (with tests/__init__.py, and pyproject.toml for the same ini options as on
// the host) into the in-memory file system (no calculators/ source tree: the tests
// import calculators from the wheel), and runs pytest.main on it.
// Prints pytest's output; exits with pytest's exit code (3 if the setup itself failed).
//
// Options: --project-wheel PATH (required), --wheels DIR (default .cache/pyodide-wheels);
// arguments after "--" go to pytest (if one starts with "tests/", it replaces the
// default target tests/unit).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inspect, parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");
const PROJECT = "/home/pyodide/project"; // the tests' rootdir inside Pyodide
const SKIP_DIRS = new Set(["__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"]);
// Environment variables Hypothesis reads to pick its "ci" profile: forwarded so the
// same profile is active inside Pyodide as on the host.
const FORWARD_ENV = ["CI", "__TOX_ENVIRONMENT_VARIABLE_ORIGINAL_CI", "TF_BUILD", "bamboo.buildKey", "BUILDKITE",
  "CIRCLECI", "CIRRUS_CI", "CODEBUILD_BUILD_ID", "GITHUB_ACTIONS", "GITLAB_CI", "HEROKU_TEST_RUN_ID", "TEAMCITY_VERSION"];

class SetupError extends Error {}

function parse() {
  const { values, positionals } = parseArgs({
    options: {
      "project-wheel": { type: "string" },
      wheels: { type: "string", default: path.join(ROOT, ".cache", "pyodide-wheels") },
    },
    allowPositionals: true,
  });
  const wheel = values["project-wheel"];
  if (!wheel) {
    throw new SetupError(
      "--project-wheel PATH is required; build it with\n" +
        "  python -m build --wheel --no-isolation --outdir DIR .",
    );
  }
  if (!/^stride_shift-[^-]+-py3-none-any\.whl$/.test(path.basename(wheel)) || !fs.existsSync(wheel)) {
    throw new SetupError(`not a project wheel (stride_shift-*-py3-none-any.whl): ${wheel}`);
  }
  const manifest = path.join(values.wheels, "manifest.txt");
  if (!fs.existsSync(manifest)) {
    throw new SetupError(`${manifest} not found: run 'python -m tests.pyodide.fetch_wheels' first`);
  }
  const wheels = fs.readFileSync(manifest, "utf8").split("\n").filter(Boolean).map((n) => path.join(values.wheels, n));
  const targets = positionals.some((a) => a.startsWith("tests/")) ? [] : ["tests/unit"];
  return { projectWheel: wheel, wheels, pytestArgs: ["-p", "no:cacheprovider", ...positionals, ...targets] };
}

// Copy a host file or folder into the Pyodide file system, skipping caches.
function copyIn(pyodide, hostPath, fsPath) {
  const stat = fs.statSync(hostPath);
  if (stat.isDirectory()) {
    pyodide.FS.mkdirTree(fsPath);
    for (const entry of fs.readdirSync(hostPath)) {
      if (!SKIP_DIRS.has(entry) && !entry.endsWith(".pyc")) {
        copyIn(pyodide, path.join(hostPath, entry), `${fsPath}/${entry}`);
      }
    }
  } else if (stat.isFile()) {
    pyodide.FS.mkdirTree(path.posix.dirname(fsPath));
    pyodide.FS.writeFile(fsPath, fs.readFileSync(hostPath));
  }
}

function writer(stream) {
  // Raw bytes, unbuffered: pytest's output appears exactly as it writes it.
  return { write: (buf) => (stream.write(Buffer.from(buf)), buf.length) };
}

async function main() {
  const { projectWheel, wheels, pytestArgs } = parse();
  if (!fs.existsSync(path.join(ROOT, "tests", "unit"))) throw new SetupError("tests/unit not found");
  const { loadPyodide } = await import(pathToFileURL(path.join(PYODIDE_DIR, "pyodide.mjs")).href);

  const env = { HOME: "/home/pyodide", HYPOTHESIS_STORAGE_DIRECTORY: "/tmp/hypothesis" };
  for (const name of FORWARD_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  env.COLUMNS = String(process.stdout.columns || process.env.COLUMNS || 100);

  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep, env });
  pyodide.setStdout(writer(process.stdout));
  pyodide.setStderr(writer(process.stderr));

  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  for (const wheel of [...wheels, projectWheel]) {
    pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel", { extractDir: sitePackages });
  }
  copyIn(pyodide, path.join(ROOT, "pyproject.toml"), `${PROJECT}/pyproject.toml`);
  // tests/__init__.py makes tests.unit a package, as on the host. tests/conftest.py is
  // not copied: it serves the build and browser tests (site build, local server, host
  // scripts) and cannot load in Pyodide; fixtures for the unit tests belong in
  // tests/unit/conftest.py, which is copied with the tree.
  const init = path.join(ROOT, "tests", "__init__.py");
  if (fs.existsSync(init)) copyIn(pyodide, init, `${PROJECT}/tests/__init__.py`);
  copyIn(pyodide, path.join(ROOT, "tests", "unit"), `${PROJECT}/tests/unit`);
  const setupSeconds = (performance.now() - started) / 1000;

  pyodide.globals.set("PROJECT", PROJECT);
  pyodide.globals.set("SITE_PACKAGES", sitePackages);
  pyodide.globals.set("PYTEST_ARGS", pyodide.toPy(pytestArgs));
  pyodide.globals.set("SETUP_SECONDS", setupSeconds);
  const code = pyodide.runPython(`
import os, sys
import pytest
from pyodide_js import version as pyodide_version

class PyodidePlugin:
    @pytest.hookimpl(tryfirst=True)
    def pytest_load_initial_conftests(self):
        # After pytest set up assertion rewriting (importing hypothesis earlier would
        # warn, an error here), before any conftest can load a profile of its own.
        # WASM is slower than native CPython and its timings noisier: Hypothesis'
        # per-example deadline (a timing check, not a correctness one) is off; all
        # other settings are the host's.
        import hypothesis
        hypothesis.settings.register_profile("pyodide", parent=hypothesis.settings.default, deadline=None)
        hypothesis.settings.load_profile("pyodide")

    def pytest_report_header(self):
        return f"Pyodide {pyodide_version}, set up in {SETUP_SECONDS:.1f} s"

    def pytest_collection_finish(self, session):
        # The tests must exercise the wheel, not a source tree.
        module = sys.modules.get("calculators")
        if module is not None and not module.__file__.startswith(SITE_PACKAGES + "/"):
            pytest.exit(f"calculators imported from {module.__file__}, not from the wheel", returncode=3)

os.chdir(PROJECT)
sys.dont_write_bytecode = True
int(pytest.main(list(PYTEST_ARGS), plugins=[PyodidePlugin()]))
`);
  return code;
}

try {
  process.exitCode = await main();
} catch (err) {
  // Print the message only: Node's default report of an uncaught error would dump a
  // line of Pyodide's minified source (megabytes).
  process.stderr.write(`run.mjs: ${err instanceof SetupError ? "" : "setup failed: "}${err?.message || inspect(err)}\n`);
  process.exitCode = 3;
}
