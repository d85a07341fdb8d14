"""Scan a locally served site with the MDN HTTP Observatory, offline.

Usage: ``python scripts/observatory.py [--dir site]``: serves the folder twice (plain
HTTP, and HTTPS with a throwaway self-signed certificate), scans both and prints the
grade and each test's result. ``bench/observatory.py`` prints the same as a table, and
``tests/build/test_observatory.py`` holds the site to it.

The scanner (npm ``@mdn/mdn-http-observatory``) takes a host name and fetches
``http://HOST/`` and ``https://HOST/``; ``127.0.0.1:PORT`` puts both on one port, which
``scripts/serve.py --tls`` answers (TLS, and a redirect to it for plain HTTP). Two
things its npm install script would download are supplied here instead:

- Chromium's HSTS preload list, which it reads to credit preloaded hosts: an empty list,
  since no loopback address can be on it;
- Mozilla's bundle of intermediate certificates, which it adds to Node's trust store:
  instead, the throwaway certificate is the one trusted (``NODE_EXTRA_CA_CERTS``), so the
  scanner verifies the TLS connection as it would a real host's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from scripts.serve import host_and_port, make_server, serve_in_thread, tls_context

ROOT = Path(__file__).resolve().parents[1]
SCANNER = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"


def self_signed_certificate(directory: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A certificate and key for ``host``, valid for two days, written into ``directory``."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"]
        + ["-subj", f"/CN={host}", "-addext", f"subjectAltName=IP:{host}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def scan(host: str, trusted: Path | None = None) -> dict[str, Any]:
    """The scanner's JSON report for ``host`` (``127.0.0.1:PORT``), trusting ``trusted`` for TLS."""
    preload = SCANNER / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}\n")
    node = shutil.which("node")
    if node is None or not (SCANNER / "src" / "scan.js").is_file():
        raise RuntimeError("the Observatory scanner needs Node and `npm ci`")
    env = {name: value for name, value in os.environ.items() if name != "NODE_EXTRA_CA_CERTS"}
    if trusted:
        env["NODE_EXTRA_CA_CERTS"] = str(trusted)
    proc = subprocess.run([node, str(SCANNER / "src" / "scan.js"), host], capture_output=True, text=True, env=env, timeout=120)
    report: dict[str, Any] = json.loads(proc.stdout)
    if "error" in report:
        raise RuntimeError(f"the scanner failed: {report['error']}")
    return report


def scan_folder(directory: Path, https: bool) -> dict[str, Any]:
    """Serve ``directory`` on a free port (over HTTPS if asked) and scan it."""
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = self_signed_certificate(Path(tmp)) if https else (None, None)
        server = make_server(directory, tls=tls_context(cert, key) if cert and key else None)
        serve_in_thread(directory, server)
        try:
            host, port = host_and_port(server)
            return scan(f"{host}:{port}", trusted=cert)
        finally:
            server.shutdown()
            server.server_close()


def summary(report: dict[str, Any]) -> list[tuple[str, bool, str, int]]:
    """Each test's name, whether it passed, its result and its score modifier."""
    return [(name, t["pass"], t["result"], t["scoreModifier"]) for name, t in sorted(report["tests"].items())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    for https in (False, True):
        report = scan_folder(args.dir, https)
        s = report["scan"]
        print(
            f"\n{'HTTPS (self-signed, trusted)' if https else 'plain HTTP'}: grade {s['grade']}, score {s['score']}, "
            f"{s['testsPassed']}/{s['testsQuantity']} tests passed"
        )
        for name, passed, result, modifier in summary(report):
            print(f"  {'pass' if passed else 'FAIL'}  {name:32} {result:55} {modifier:+d}")


if __name__ == "__main__":
    main()
