"""The HTTP headers the site is served with: the one source for every way of serving it.

- ``scripts/serve.py`` (the local server, tests, benchmarks) sends ``headers_for(path)``;
- the build's after-step (``sitebuild.steps``) writes ``headers_file(site)`` into the built
  site as ``_headers``, which Netlify and Cloudflare Pages read, last of all (so it covers
  every file the other steps add, and is itself in no service-worker list); and
  ``sitebuild.markup`` puts ``CSP_META`` in a ``<meta http-equiv="Content-Security-Policy">``
  at the top of every page's head, for hosts that cannot send headers at all (GitHub Pages).

``tests/build/test_headers.py`` checks that the local server and the ``_headers`` file
agree for every file of the built site.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import pyodide, wheel

CSP_DIRECTIVES = (
    "default-src 'self'",
    # Scripts only from the site itself; 'wasm-unsafe-eval' lets Pyodide compile its
    # WebAssembly and allows no JavaScript eval. No inline script anywhere.
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Material draws its icons as data: SVG in CSS
    "font-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
CSP = "; ".join(CSP_DIRECTIVES)

# A <meta> policy cannot hold these (browsers ignore them there, and Chromium logs an
# error for each): without headers, nothing stops another site from framing the pages.
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")
CSP_META = "; ".join(d for d in CSP_DIRECTIVES if d.split()[0] not in NOT_IN_META)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Powerful features the site never uses, switched off for it and anything it embeds.
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
}

# Sent over HTTPS only: browsers ignore it over plain HTTP, and the local server speaks
# HTTPS only when started with a certificate. Two years; no includeSubDomains, because
# a site on a host's shared domain (user.github.io) does not own its sibling subdomains.
HSTS = {"Strict-Transport-Security": "max-age=63072000"}

IMMUTABLE = "public, max-age=31536000, immutable"
# What Netlify and Cloudflare Pages send for every file the _headers file does not give
# a Cache-Control: keep it, but ask the server before each use (a 304 when unchanged).
REVALIDATE = "public, max-age=0, must-revalidate"

# Files whose URL changes when their content does, so a browser may keep them for good.
IMMUTABLE_DIRS = ("/" + wheel.SITE_DIR,)  # the calculators' wheel, under a content hash
# Pyodide's files under its version, except the lock file, which the build trims to the
# packages the site ships: its bytes can change while the version does not.
PYODIDE_DIR = "/" + pyodide.SITE_DIR
PYODIDE_LOCK = "/pyodide-lock.json"
IMMUTABLE_FILE = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")  # Material's hashed bundles

# Media types the site relies on. The ones in TYPES_FOR_HOSTS also go in the _headers
# file: a module script or WebAssembly served under a vaguer type does not run.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".wasm": "application/wasm",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".pdf": "application/pdf",
}
TYPES_FOR_HOSTS = (".mjs", ".wasm", ".webmanifest")


def is_immutable(path: str) -> bool:
    """Whether the file at this URL path (from the site root, starting with /) never changes."""
    pyodide = path.startswith(PYODIDE_DIR) and not path.endswith(PYODIDE_LOCK)
    return path.startswith(IMMUTABLE_DIRS) or pyodide or bool(IMMUTABLE_FILE.search(path))


def headers_for(path: str, https: bool = False) -> dict[str, str]:
    """Every header a response for this URL path carries, besides the ones any server sends."""
    headers = dict(SECURITY_HEADERS)
    if https:
        headers.update(HSTS)
    headers["Cache-Control"] = IMMUTABLE if is_immutable(path) else REVALIDATE
    return headers


def headers_file(site: Path) -> str:
    """The ``_headers`` file (Netlify and Cloudflare Pages syntax) for a built site.

    Written in the subset both hosts read alike: one path a rule, a ``*`` only at the
    end, headers of all matching rules combined. So Cache-Control appears only on rules
    that cannot overlap (each immutable file or folder), and every other file keeps the
    host's own default, which is ``REVALIDATE``.
    """
    files = sorted("/" + f.relative_to(site).as_posix() for f in site.rglob("*") if f.is_file())
    blocks = [("/*", {**SECURITY_HEADERS, **HSTS})]
    blocks += [(d + "*", {"Cache-Control": IMMUTABLE}) for d in IMMUTABLE_DIRS]
    blocks += [(f, {"Cache-Control": IMMUTABLE}) for f in files if is_immutable(f) and not f.startswith(IMMUTABLE_DIRS)]
    for f in files:
        suffix = Path(f).suffix
        if suffix in TYPES_FOR_HOSTS:
            blocks.append((f, {"Content-Type": CONTENT_TYPES[suffix]}))
    lines = ["# Generated at build time from sitebuild/headers.py: edit that, not this."]
    for path, headers in blocks:
        lines += ["", path, *(f"  {name}: {value}" for name, value in headers.items())]
    return "\n".join(lines) + "\n"
