"""The local server: gzip like a static host, correct types and caching, HTTPS with HSTS on request."""

from __future__ import annotations

import gzip
import http.client
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.observatory import self_signed_certificate
from scripts.serve import Server, make_server, serve_in_thread, tls_context
from sitebuild.headers import IMMUTABLE, REVALIDATE


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("served")
    (root / "guide").mkdir()
    (root / "guide" / "index.html").write_text("<!doctype html><title>x</title>" + "<p>words</p>" * 500)
    (root / "app.wasm").write_bytes(b"\0asm" + bytes(range(256)) * 200)
    (root / "lib.zip").write_bytes(b"PK" + bytes(1000))
    (root / "assets" / "calculators" / "0123456789ab").mkdir(parents=True)
    (root / "assets" / "calculators" / "0123456789ab" / "x.whl").write_bytes(b"PK")
    return root


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[Server]:
    server, _ = serve_in_thread(folder)
    yield server
    server.shutdown()
    server.server_close()


def get(server: Server, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_text_is_gzipped_for_browsers_that_accept_it(server: Server, folder: Path) -> None:
    """A page comes gzipped (with Vary) to a client that accepts gzip, and as is to one that does not."""
    response, body = get(server, "/guide/", {"Accept-Encoding": "gzip, deflate, br"})
    raw = (folder / "guide" / "index.html").read_bytes()
    assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(body) == raw and int(response.getheader("Content-Length") or 0) == len(body) < len(raw) / 5
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    plain, body = get(server, "/guide/")
    assert plain.getheader("Content-Encoding") is None and body == raw and plain.getheader("Vary") == "Accept-Encoding"


def test_webassembly_is_compressed_and_zip_files_are_not(server: Server) -> None:
    """.wasm goes out gzipped as application/wasm; a .zip or .whl, compressed already, goes out as is."""
    response, body = get(server, "/app.wasm", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Type") == "application/wasm" and response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"\0asm")
    for path in ("/lib.zip", "/assets/calculators/0123456789ab/x.whl"):
        response, _ = get(server, path, {"Accept-Encoding": "gzip"})
        assert response.getheader("Content-Type") == "application/zip" and response.getheader("Content-Encoding") is None


def test_hashed_files_are_immutable_and_the_rest_revalidated_with_304s(server: Server) -> None:
    """Content-hashed files may be kept for a year; others are checked each time and answered 304 when unchanged."""
    response, _ = get(server, "/assets/calculators/0123456789ab/x.whl")
    assert response.getheader("Cache-Control") == IMMUTABLE
    first, _ = get(server, "/guide/", {"Accept-Encoding": "gzip"})
    assert first.getheader("Cache-Control") == REVALIDATE
    again, body = get(server, "/guide/", {"Accept-Encoding": "gzip", "If-Modified-Since": first.getheader("Last-Modified") or ""})
    assert again.status == 304 and body == b""


def test_a_folder_without_its_slash_is_redirected_and_a_missing_file_is_404(server: Server) -> None:
    response, _ = get(server, "/guide")
    assert response.status == 301 and response.getheader("Location") == "/guide/"
    assert get(server, "/nope.html", {"Accept-Encoding": "gzip"})[0].status == 404


def test_with_a_certificate_it_serves_https_with_hsts_and_redirects_plain_http(folder: Path, tmp_path: Path) -> None:
    """With --tls, HTTPS answers with Strict-Transport-Security, and plain HTTP on the same port is sent to HTTPS."""
    cert, key = self_signed_certificate(tmp_path)
    server, base = serve_in_thread(folder, make_server(folder, tls=tls_context(cert, key)))
    try:
        host, port = server.server_address[:2]
        assert base == f"https://{host}:{port}/"
        response, _ = get(server, "/guide/")
        assert response.status == 301 and response.getheader("Location") == f"https://{host}:{port}/guide/"
        conn = http.client.HTTPSConnection(host, port, context=ssl.create_default_context(cafile=str(cert)), timeout=30)
        conn.request("GET", "/guide/")
        secure = conn.getresponse()
        secure.read()
        conn.close()
        assert secure.status == 200 and secure.getheader("Strict-Transport-Security") == "max-age=63072000"
        assert get(server, "/guide/")[0].getheader("Strict-Transport-Security") is None
    finally:
        server.shutdown()
        server.server_close()
