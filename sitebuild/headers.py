"""The HTTP headers the site is served with: the one source for every way of serving it.

- ``scripts/serve.py`` (the local server, tests, benchmarks) sends ``headers_for(path)``;
- the build's after-step (``sitebuild.steps``) writes ``headers_file(site)`` into the built
  site as ``_headers``, which Netlify and Cloudflare Pages read, last of all (so it covers
  every file the other steps add, and is itself in no service-worker list); and
  ``sitebuild.markup`` puts ``CSP_META`` in a ``<meta http-equiv="Content-Security-Policy">``
  at the top of every page's head, for hosts that cannot send headers at all (GitHub Pages).

``tests/build/test_headers.py`` checks that the local server and the ``_headers`` file
agree for every file of the built site.

The policy is ``CSP`` for the MkDocs build. A theme bundle that writes a ``<style>`` at run
time (Zensical's search, in its shadow root) gets that style's hash added to ``style-src``
(:func:`style_hashes`, read from the built bundle, so each version brings its own):
:func:`site_csp` is the policy for one built site, which the server, ``_headers`` and the
pages' meta all use.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from . import SiteError, pyodide, wheel, wheelhouse

CSP_DIRECTIVES = (
    "default-src 'self'",
    # Scripts only from the site itself; 'wasm-unsafe-eval' lets Pyodide compile its
    # WebAssembly and allows no JavaScript eval. No inline script anywhere.
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self'",  # plus the hash of any style the theme's bundle writes (style_hashes)
    "img-src 'self' data:",  # Material draws its icons as data: SVG in CSS
    "font-src 'self'",
    # No manifest-src: default-src 'self' governs the web app manifest (CSP Level 3 falls back
    # to it), and WebKit, which does not know the directive, logs an error for it on every page.
    "object-src 'none'",
    "base-uri 'self'",
    # No form is ever sent: the calculators' forms are method="dialog" and handled by script
    # (calculators/render.py). 'none' also stops a browser too old to know "dialog", which
    # would send them as get, from putting a reader's answers in a request to the host.
    "form-action 'none'",
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
IMMUTABLE_DIRS = ("/" + wheel.SITE_DIR, "/" + wheelhouse.SITE_DIR)  # the calculators' wheel and the browser's others, under content hashes
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


BUNDLES = "assets/javascripts/bundle.*.min.js"
"""The theme's JavaScript bundle in the built site (Material's and Zensical's)."""
SHADOW_STYLE = re.compile(r'\.attachShadow\(\{mode:"open"\}\);[\w$]+\.appendChild\([\w$]+\("style",\{\},([\w$]+)\.toString\(\)\)\)')
"""Zensical's search UI (0.0.73) mounting its stylesheet, a string constant, as a ``<style>`` in its shadow root."""
JS_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))", re.S)
JS_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "b": "\b", "0": "\0"}


def _js_string(source: str, start: int) -> str:
    """The value of the JavaScript string literal whose opening quote is at ``source[start]``."""
    quote = source[start]
    end = start + 1
    while source[end] != quote:
        end += 2 if source[end] == "\\" else 1
    literal = source[start + 1 : end]

    def unescape(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        if code:
            return chr(int(code, 16))
        char = match.group(3)
        if char == "\n":  # a line continuation
            return ""
        return JS_SIMPLE_ESCAPES.get(char, char)

    return JS_ESCAPE.sub(unescape, literal)


@functools.lru_cache(maxsize=16)
def _bundle_style_hashes(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    source = Path(path).read_text(encoding="utf-8")
    hashes = []
    for use in SHADOW_STYLE.finditer(source):
        name = re.escape(use.group(1))
        constant = re.search(rf"(?<![\w$.]){name}\s*=\s*(['\"])", source)
        if constant is None:
            raise SiteError(f"{path}: cannot find the value of {use.group(1)}, the style its search writes")
        css = _js_string(source, constant.start(1))
        hashes.append("'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii") + "'")
    return tuple(hashes)


def style_hashes(site: Path) -> tuple[str, ...]:
    """CSP hashes of the ``<style>`` elements the site's theme bundle writes at run time.

    None for Material's bundle; one for Zensical's, whose search UI puts its stylesheet in a
    ``<style>`` in its shadow root (blocked by ``style-src 'self'``: search then shows unstyled).
    """
    hashes: list[str] = []
    for bundle in sorted(site.glob(BUNDLES)):
        stat = bundle.stat()
        hashes += _bundle_style_hashes(str(bundle), stat.st_mtime_ns, stat.st_size)
    return tuple(dict.fromkeys(hashes))


def csp(hashes: tuple[str, ...] = (), *, meta: bool = False) -> str:
    """The policy with these style hashes allowed, as a header (``CSP``) or for a ``<meta>`` (``CSP_META``)."""
    directives = [d for d in CSP_DIRECTIVES if not (meta and d.split()[0] in NOT_IN_META)]
    return "; ".join(" ".join([d, *hashes]) if d.startswith("style-src ") else d for d in directives)


def site_csp(site: Path, *, meta: bool = False) -> str:
    """The policy for this built site: ``CSP`` (or ``CSP_META``) plus its theme's :func:`style_hashes`."""
    return csp(style_hashes(site), meta=meta)


def headers_for(path: str, https: bool = False, policy: str = CSP) -> dict[str, str]:
    """Every header a response for this URL path carries, besides the ones any server sends.

    ``policy``: the site's Content-Security-Policy (:func:`site_csp` of the served folder).
    """
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": policy}
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
    blocks = [("/*", {**SECURITY_HEADERS, "Content-Security-Policy": site_csp(site), **HSTS})]
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
