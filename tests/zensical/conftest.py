"""The site built with Zensical through the same before- and after-steps, served like the MkDocs build.

One Zensical build per test session (``sitebuild.zensical.build``: ``python -m sitebuild
zensical``), into a folder of its own inside the repository (Zensical writes nowhere else),
removed at the end. The browser fixtures mirror ``tests/e2e/conftest.py``'s.
"""

from __future__ import annotations

import http.server
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.serve import base_url, precompress, serve_in_thread
from sitebuild import ROOT, zensical

from ..conftest import Watch


@pytest.fixture(scope="session")
def zensical_server() -> Iterator[http.server.ThreadingHTTPServer]:
    """A local server for the Zensical build, started first so the build knows its address."""
    folder = ROOT / "build" / f"zensical-test-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    server, _ = serve_in_thread(folder)
    yield server
    server.shutdown()
    server.server_close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def zensical_site(zensical_server: http.server.ThreadingHTTPServer) -> Path:
    """``python -m sitebuild zensical`` into the server's folder, for the server's address."""
    folder = Path(zensical_server.RequestHandlerClass.keywords["directory"])  # type: ignore[attr-defined]
    site, _ = zensical.build(folder.relative_to(ROOT), base_url(zensical_server))
    assert site == folder
    precompress(site)
    return site


@pytest.fixture(scope="session")
def zensical_url(zensical_site: Path, zensical_server: http.server.ThreadingHTTPServer) -> str:
    """The Zensical build, served with the production headers (its own CSP: the search style's hash)."""
    return base_url(zensical_server)


@pytest.fixture
def watch(zensical_url: str) -> Watch:
    return Watch(origin=zensical_url.rstrip("/"))
