"""Browser fixtures for the MkDocs build: the site served locally, and what the shared browser fixtures
(tests/conftest.py: one Chromium, a fresh context per test) watch.

Every page records console errors, page errors and requests; a test fails if any
request leaves the site's origin or anything is logged as an error.
"""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from scripts.serve import base_url as base_url_of

from ..conftest import Watch

__all__ = ["Watch"]  # the browser tests import it from here


@pytest.fixture(scope="session")
def base_url(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> str:
    """The built site, served with the production headers."""
    return base_url_of(site_server)


@pytest.fixture
def watch(base_url: str) -> Watch:
    return Watch(origin=base_url.rstrip("/"))
