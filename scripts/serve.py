"""Serve the built site locally with the headers the deployed site sends.

Usage: ``python scripts/serve.py [--port 8000] [--dir site] [--tls CERT KEY]``.

The headers come from ``scripts/site_headers.py``, the same source as the site's
``_headers`` file. Text, JSON, SVG and WebAssembly are gzipped when the browser
accepts it, as static hosts do. With ``--tls`` the server speaks HTTPS (and sends
HSTS); a plain-HTTP request on the same port is redirected to HTTPS, as a host would.

Tests and benchmarks import ``serve_in_thread`` to get the same server on a free port.
"""

from __future__ import annotations

import argparse
import datetime
import email.utils
import functools
import gzip
import http.server
import io
import os
import socket
import socketserver
import ssl
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO

from sitebuild.headers import CONTENT_TYPES, headers_for, site_csp

ROOT = Path(__file__).resolve().parents[1]

# Worth compressing: text formats and WebAssembly (9.6 MB, about a third gzipped). Not
# .zip, .whl, .gz or images: they are compressed already.
COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "text/plain", "application/json", "application/manifest+json"}
COMPRESSIBLE |= {"image/svg+xml", "application/xml", "application/wasm"}


@functools.lru_cache(maxsize=1024)
def gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """A file's gzip encoding, cached until it changes (mtime 0: the same bytes every time)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def precompress(directory: Path) -> None:
    """Gzip every compressible file now, so no timed first request pays for it (1-2 s for Pyodide's wasm)."""
    for file in directory.rglob("*"):
        ctype = Handler.extensions_map.get(file.suffix, "")
        if file.is_file() and ctype.split(";")[0] in COMPRESSIBLE:
            stat = file.stat()
            gzipped(str(file), stat.st_mtime_ns, stat.st_size)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's headers, correct media types, gzip, quiet logs."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    @property
    def https(self) -> bool:
        return isinstance(self.connection, ssl.SSLSocket)

    def end_headers(self) -> None:
        path = getattr(self, "path", "/")  # unset when the request line was unreadable
        policy = site_csp(Path(self.directory))  # the served build's policy (its theme's style hashes)
        for name, value in headers_for(path.split("?", 1)[0], https=self.https, policy=policy).items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> BinaryIO | None:
        if self.server.tls is not None and not self.https:  # type: ignore[attr-defined]
            self.redirect_to_https()
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path) or ctype.split(";")[0] not in COMPRESSIBLE:
            return super().send_head()  # directories, redirects, 404s, already-compressed files
        stat = os.stat(path)
        if self.not_modified(stat.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzipped(path, stat.st_mtime_ns, stat.st_size) if accepts else Path(path).read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        if accepts:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return io.BytesIO(body)

    def not_modified(self, mtime: float) -> bool:
        """Whether the request's If-Modified-Since is at or after the file's last change."""
        since = self.headers.get("If-Modified-Since")
        if not since or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        return datetime.datetime.fromtimestamp(mtime, datetime.UTC).replace(microsecond=0) <= when

    def redirect_to_https(self) -> None:
        host = self.headers.get("Host") or "{}:{}".format(*host_and_port(self.server))
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", f"https://{host}{self.path}")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (ConnectionResetError, BrokenPipeError):
            self.close_connection = True  # the browser gave up on a response; nothing to report

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    """A threaded server that, given a TLS context, speaks HTTPS and plain HTTP on one port.

    The first byte of a connection tells them apart: 0x16 opens a TLS handshake.
    """

    def __init__(self, address: tuple[str, int], handler: Any, tls: ssl.SSLContext | None = None, verbose: bool = False) -> None:
        super().__init__(address, handler)
        self.tls = tls
        self.verbose = verbose

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.tls is not None:
            try:
                request.settimeout(10)
                if request.recv(1, socket.MSG_PEEK) == b"\x16":
                    request = self.tls.wrap_socket(request, server_side=True)
                request.settimeout(None)
            except (OSError, ssl.SSLError):
                return  # a client that sent nothing, or a failed handshake
        try:
            super().finish_request(request, client_address)
        finally:
            if isinstance(request, ssl.SSLSocket):
                request.close()


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A server-side TLS context for this certificate and key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def make_server(
    directory: Path, port: int = 0, host: str = "127.0.0.1", verbose: bool = False, tls: ssl.SSLContext | None = None
) -> Server:
    """A server for ``directory``; port 0 picks a free port."""
    return Server((host, port), functools.partial(Handler, directory=str(directory)), tls=tls, verbose=verbose)


def host_and_port(server: socketserver.BaseServer) -> tuple[str, int]:
    """The host and port an IP server listens on."""
    address = server.server_address
    assert isinstance(address, tuple), address
    return str(address[0]), int(address[1])


def base_url(server: http.server.ThreadingHTTPServer) -> str:
    """The address a server listens on, as the site's ``site_url``."""
    host, port = host_and_port(server)
    scheme = "https" if getattr(server, "tls", None) else "http"
    return f"{scheme}://{host}:{port}/"


def serve_in_thread(directory: Path, server: Server | None = None) -> tuple[Server, str]:
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
    parser.add_argument("--tls", nargs=2, type=Path, metavar=("CERT", "KEY"), help="serve HTTPS with this certificate and key")
    args = parser.parse_args()
    tls = tls_context(*args.tls) if args.tls else None
    server = make_server(args.dir, args.port, args.host, verbose=True, tls=tls)
    print(f"Serving {args.dir} at {base_url(server)} (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
