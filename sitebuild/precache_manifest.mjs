// Build glue, run by sitebuild/offline.py after the site is built (never shipped).
//
// Lists every file of the built site with workbox-build's getManifest(): its URL relative
// to the site root, its revision (a content hash) and its size, plus a SHA-256 digest in
// Subresource Integrity form that the service worker checks before it caches a file.
//
// Usage: node sitebuild/precache_manifest.mjs SITE_DIR '{"globIgnores": [...]}'
// Prints {"entries": [{url, revision, integrity, size}], "warnings": [...]} as JSON.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { getManifest } = require("workbox-build");

const [siteDir, optionsJson = "{}"] = process.argv.slice(2);
if (!siteDir) {
  console.error("usage: node sitebuild/precache_manifest.mjs SITE_DIR [OPTIONS_JSON]");
  process.exit(2);
}
const options = JSON.parse(optionsJson);

/** Sizes are dropped from getManifest's result, so a transform keeps them (and adds digests). */
const details = new Map();
async function withDigests(entries) {
  for (const entry of entries) {
    const bytes = await readFile(join(siteDir, entry.url));
    entry.integrity = "sha256-" + createHash("sha256").update(bytes).digest("base64");
    details.set(entry.url, entry.size);
  }
  return { manifest: entries, warnings: [] };
}

const { manifestEntries, warnings } = await getManifest({
  globDirectory: siteDir,
  globPatterns: ["**/*"],
  globIgnores: options.globIgnores || [],
  // Workbox leaves out files over 2 MB by default, which would silently drop
  // pyodide.asm.wasm (9.6 MB); the hook turns any warning into a build failure.
  maximumFileSizeToCacheInBytes: options.maximumFileSizeToCacheInBytes || 64 * 1024 * 1024,
  manifestTransforms: [withDigests],
});

const entries = manifestEntries.map((entry) => ({ ...entry, size: details.get(entry.url) }));
process.stdout.write(JSON.stringify({ entries, warnings }));
