"""The static server bench_ramp_up.py times against, run as a process of its own.

Usage: ``python bench/static_server.py --root DIR --port N --log FILE [--mode plain|own]``.

- ``plain`` (the default): the shared harness's method (../shared/anchors, "the ruler" of
  issue 14), like GitHub Pages: every file with ``Cache-Control: max-age=600`` and
  ``Last-Modified`` (If-Modified-Since answered with 304), no compression, HTTP/1.1
  keep-alive, ``application/wasm`` for ``.wasm`` and ``text/javascript`` for ``.mjs``.
- ``own``: the product's ``scripts/serve.py`` (its production headers: immutable Pyodide
  and wheel, revalidated pages, CSP, COOP; gzip), compressed ahead of any request.

Every response is appended to ``--log`` as one JSON line: wall-clock start (``t0``),
path, status and the bytes written to the socket (headers and body). It is a process of
its own so that serving never waits for the benchmark's Python (Playwright's driver).
"""

from __future__ import annotations

import argparse
import functools
import json
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}
TYPES |= {".whl": "application/zip", ".zip": "application/zip", ".webmanifest": "application/manifest+json", ".py": "text/plain"}
_lock = threading.Lock()


class Counter:
    """Wraps a handler's socket writer to count the bytes that went out."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.count = 0

    def write(self, data: bytes) -> Any:
        written = self.raw.write(data)
        self.count += len(data) if written is None else written
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class Logged(SimpleHTTPRequestHandler):
    """Logs every response (start time, path, status, bytes on the socket) to ``log``."""

    log: Path

    def setup(self) -> None:
        super().setup()
        self.wfile = Counter(self.wfile)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        t0, start, self.status = time.time(), self.wfile.count, None  # type: ignore[attr-defined]
        try:
            super().handle_one_request()
        except (ConnectionResetError, BrokenPipeError):
            self.close_connection = True
        if self.status is None:
            return
        path = getattr(self, "path", "")
        line = json.dumps({"t0": t0, "path": path, "status": self.status, "bytes": self.wfile.count - start})  # type: ignore[attr-defined]
        with _lock, self.log.open("a") as out:
            out.write(line + "\n")

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class Plain(Logged):
    """A plain static host: max-age=600 and Last-Modified on everything, no compression."""

    protocol_version = "HTTP/1.1"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def make(mode: str, root: Path, port: int, log: Path) -> ThreadingHTTPServer:
    """The server for this mode, listening on 127.0.0.1:port."""
    if mode == "plain":
        handler = type("Handler", (Plain,), {"log": log})
        return ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    from scripts import serve  # the repository is on the path through the editable install

    serve.precompress(root)  # as the product's tests do: no timed request pays for gzip
    handler = type("Handler", (Logged, serve.Handler), {"log": log})
    return serve.Server(("127.0.0.1", port), functools.partial(handler, directory=str(root)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--mode", choices=("plain", "own"), default="plain")
    args = parser.parse_args()
    server = make(args.mode, args.root, args.port, args.log)
    server.daemon_threads = True
    print("listening", flush=True)  # the benchmark waits for this line
    server.serve_forever()


if __name__ == "__main__":
    main()
