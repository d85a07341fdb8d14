"""Serve the built site locally with the headers the deployed site sends.

Usage: ``python scripts/serve.py [--port 8000] [--dir site]``.

Tests and benchmarks import ``serve_in_thread`` to get the same server on a free port.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "connect-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
IMMUTABLE = re.compile(r"^/assets/calculators/[0-9a-f]{12}/")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with security headers, correct module and wasm types, quiet logs."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
        ".json": "application/json",
    }

    def end_headers(self) -> None:
        for name, value in HEADERS.items():
            self.send_header(name, value)
        path = self.path.split("?", 1)[0]
        cache = "public, max-age=31536000, immutable" if IMMUTABLE.match(path) else "no-cache"
        self.send_header("Cache-Control", cache)
        super().end_headers()

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (ConnectionResetError, BrokenPipeError):
            self.close_connection = True  # the browser gave up on a response; nothing to report

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


def make_server(directory: Path, port: int = 0, host: str = "127.0.0.1", verbose: bool = False) -> http.server.ThreadingHTTPServer:
    """A server for ``directory``; port 0 picks a free port."""
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(directory)))
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def base_url(server: http.server.ThreadingHTTPServer) -> str:
    """The address a server listens on, as the site's ``site_url``."""
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def serve_in_thread(directory: Path, server: http.server.ThreadingHTTPServer | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` (or start a server made earlier) in a daemon thread.

    Returns:
        The server and its base URL. Build the site with ``FFR_SITE_URL`` set to that
        URL first, or Material's instant navigation falls back to full page loads.
    """
    server = server or make_server(directory)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base_url(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    server = make_server(args.dir, args.port, args.host, verbose=True)
    print(f"Serving {args.dir} at http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
