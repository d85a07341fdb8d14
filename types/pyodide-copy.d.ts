// The worker imports Pyodide from the copy the build puts in the site
// (assets/pyodide/<version>/pyodide.mjs), which the source tree does not hold: its
// types are those of the npm package the copy is made from (package-lock.json pins it).
declare module "*/pyodide.mjs" {
  export { loadPyodide, version } from "pyodide";
}
