"""One policy everywhere: the local server, the `_headers` file and each page's CSP meta tag.

All three come from ``sitebuild/headers.py``; these tests check that what each
actually delivers agrees, file by file, and that the policy is as strict as promised.
"""

from __future__ import annotations

import hashlib
import http.client
import http.server
import json
import re
from pathlib import Path

from sitebuild import pyodide
from sitebuild.headers import CONTENT_TYPES, CSP, CSP_META, HSTS, IMMUTABLE, REVALIDATE, SECURITY_HEADERS, TYPES_FOR_HOSTS, headers_for

ROOT = Path(__file__).resolve().parents[2]

Rules = list[tuple[str, dict[str, str]]]


def parse_headers_file(text: str) -> Rules:
    """Rules of a ``_headers`` file: a path line, then indented ``Name: value`` lines."""
    rules: Rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            assert rules, f"a header before any path: {line!r}"
            assert name not in rules[-1][1], f"{name} twice in the rule for {rules[-1][0]}"
            rules[-1][1][name] = value.strip()
    return rules


def matches(rule: str, path: str) -> bool:
    return path.startswith(rule[:-1]) if rule.endswith("*") else path == rule


def effective(rules: Rules, path: str) -> dict[str, str]:
    """The headers Netlify and Cloudflare Pages send for ``path``: every matching rule, combined."""
    out: dict[str, list[str]] = {}
    for rule, headers in rules:
        if matches(rule, path):
            for name, value in headers.items():
                out.setdefault(name, []).append(value)
    return {name: ", ".join(values) for name, values in out.items()}


def site_files(site: Path) -> list[str]:
    return sorted("/" + f.relative_to(site).as_posix() for f in site.rglob("*") if f.is_file() and f.name != "_headers")


def test_headers_file_uses_the_syntax_both_hosts_read(built_site: Path) -> None:
    """Paths start at the root with a * only at the end, within Cloudflare's limits, and no header is set twice for a file."""
    text = (built_site / "_headers").read_text()
    rules = parse_headers_file(text)
    assert rules and rules[0][0] == "/*"
    assert len(rules) <= 100, f"{len(rules)} rules: Cloudflare Pages reads at most 100"
    assert all(len(line) <= 2000 for line in text.splitlines()), "Cloudflare Pages reads lines of at most 2,000 characters"
    for rule, _ in rules:
        assert rule.startswith("/") and "*" not in rule[:-1], rule
    for path in site_files(built_site):
        names = [name for rule, headers in rules if matches(rule, path) for name in headers]
        assert len(names) == len(set(names)), f"{path}: a header from two rules would be joined with a comma: {names}"


def test_local_server_and_headers_file_agree_on_every_file(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> None:
    """For every file (and every folder URL), the local server sends exactly what the _headers file gives a host."""
    rules = parse_headers_file((built_site / "_headers").read_text())
    host, port = site_server.server_address[:2]
    paths = site_files(built_site)
    paths += [p.removesuffix("index.html") for p in paths if p.endswith("/index.html")]
    checked = [*SECURITY_HEADERS, "Cache-Control", "Content-Type"]
    for path in paths:
        conn = http.client.HTTPConnection(str(host), int(port), timeout=30)
        conn.request("HEAD", path, headers={"Accept-Encoding": "gzip"})
        response = conn.getresponse()
        conn.close()
        assert response.status == 200, path
        file = path + "index.html" if path.endswith("/") else path
        expected = {"Cache-Control": REVALIDATE, **effective(rules, file)}
        for name in HSTS:
            assert expected.pop(name) == HSTS[name], f"{path}: the _headers file should send {name}"
            assert response.getheader(name) is None, f"{path}: {name} over plain HTTP"
        suffix = Path(file).suffix
        if suffix in TYPES_FOR_HOSTS:
            assert expected["Content-Type"] == CONTENT_TYPES[suffix]
        for name in checked:
            if name == "Content-Type" and suffix not in TYPES_FOR_HOSTS:
                continue  # left to the host, which knows .html, .css, .js
            assert response.getheader(name) == expected.get(name), f"{path}: {name}"


def test_every_page_carries_the_policy_in_a_meta_tag_before_anything_it_governs(built_site: Path) -> None:
    """For hosts without headers: each page's head opens with the CSP (less frame-ancestors), before any script, style or link."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP_META}">'
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        head = page.read_text().split("</head>", 1)[0]
        assert head.count('http-equiv="Content-Security-Policy"') == 1 and meta in head, page
        first = re.search(r"<(script|link|style)\b", head)
        assert first is None or head.index(meta) < first.start(), f"{page}: the policy comes after <{first[1]}>"


def test_the_policy_allows_scripts_only_from_the_site_and_wasm_compilation() -> None:
    """No inline script or eval: script-src is 'self' and 'wasm-unsafe-eval'; framing, plugins and other origins are off."""
    directives = {d.split()[0]: d.split()[1:] for d in CSP.split("; ")}
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["worker-src"] == ["'self'"]
    # The manifest falls back to default-src 'self'; an explicit manifest-src makes WebKit log an error on every page.
    assert "manifest-src" not in directives
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP
    assert "frame-ancestors" not in CSP_META
    assert CSP_META == "; ".join(d for d in CSP.split("; ") if not d.startswith("frame-ancestors"))


def test_the_fit_reader_sits_under_its_hash_and_is_kept_for_good(built_site: Path) -> None:
    """The FIT reader's wheel is in the site under the hash of its bytes (the pinned file), sent as immutable."""
    (wheel,) = (built_site / "assets" / "wheels").rglob("*.whl")
    assert wheel.name == "fitdecode-0.11.0-py3-none-any.whl"
    assert wheel.parent.name == hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
    assert headers_for("/" + wheel.relative_to(built_site).as_posix())["Cache-Control"] == IMMUTABLE


def test_pyodide_sits_under_its_version_and_is_kept_for_good(built_site: Path) -> None:
    """A new Pyodide comes at a new address, so a browser may keep this one without asking again.

    Not its lock file: the build trims it to the packages the site ships, so it can change
    under the same version, and is revalidated like a page."""
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    files = sorted(f for f in (built_site / "assets" / "pyodide").rglob("*") if f.is_file())
    assert {f.parent.name for f in files} == {version} and any(f.name == "pyodide.asm.wasm" for f in files)
    bare = (ROOT / "bench" / "bare" / "worker.mjs").read_text()  # the benchmark's bare page gets the version the same way
    assert f'"../assets/pyodide/{version}/pyodide.mjs"' in pyodide.with_version(bare, 1)
    for file in files:
        wanted = REVALIDATE if file.name == "pyodide-lock.json" else IMMUTABLE
        assert headers_for("/" + file.relative_to(built_site).as_posix())["Cache-Control"] == wanted, file.name
