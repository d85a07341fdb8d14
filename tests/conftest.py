"""Shared fixtures: one real build of the site per test session."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


sys.path.insert(0, str(ROOT / "scripts"))
from serve import base_url, serve_in_thread  # noqa: E402


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[http.server.ThreadingHTTPServer]:
    """A local server for the built site, started now so the build knows its address."""
    server, _ = serve_in_thread(tmp_path_factory.mktemp("site"))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(site_server: http.server.ThreadingHTTPServer) -> Path:
    """Build the site with ``mkdocs build --strict`` into the server's folder."""
    out = Path(site_server.RequestHandlerClass.keywords["directory"])  # type: ignore[attr-defined]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FFR_SITE_URL": base_url(site_server)}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    return out
