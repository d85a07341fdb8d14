"""Fixtures of the cross-engine tier: the built site served with the production headers (plus a
CSP report address, a request log and an off switch), and one browser per engine for the session.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scripts.serve import Handler
from scripts.serve import base_url as base_url_of
from sitebuild.headers import headers_for, site_csp

from .drivers import ENGINES, Driver, missing, start
from .expected import unexpected

REPORTS = "/__csp-report"


@dataclass
class Traffic:
    """What the server saw while the tier ran, and whether it answers at all."""

    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (monotonic time, method, path)
    reports: list[str] = field(default_factory=list)  # CSP violation reports, as sent
    offline: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def since(self, start: float, suffix: str) -> list[str]:
        with self.lock:
            return [path for t, method, path in self.requests if t >= start and method == "GET" and path.split("?", 1)[0].endswith(suffix)]

    def take_reports(self) -> list[dict[str, str]]:
        with self.lock:
            out, self.reports[:] = list(self.reports), []
        return [{"type": "csp-violation", "text": report} for report in out]


def tier_handler(traffic: Traffic) -> type[Handler]:
    class TierHandler(Handler):
        """The site's server, with every header the production server sends; its policy also asks
        browsers to report any violation here (``report-uri``, honoured by every engine, including
        violations in workers and before any test code could listen)."""

        def handle(self) -> None:
            if traffic.offline:
                return  # the connection closes unanswered: a network error, as when offline
            super().handle()

        def send_response(self, code: int, message: str | None = None) -> None:
            with traffic.lock:
                traffic.requests.append((time.monotonic(), self.command, self.path))
            super().send_response(code, message)

        def end_headers(self) -> None:
            path = getattr(self, "path", "/").split("?", 1)[0]
            policy = f"{site_csp(Path(self.directory))}; report-uri {REPORTS}"
            for name, value in headers_for(path, https=self.https, policy=policy).items():
                self.send_header(name, value)
            http.server.SimpleHTTPRequestHandler.end_headers(self)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
            if self.path != REPORTS:
                self.send_error(405)
                return
            try:
                report = json.loads(body).get("csp-report", {})
                text = f"{report.get('violated-directive')} blocked {report.get('blocked-uri')} on {report.get('document-uri')}"
            except (ValueError, AttributeError):
                text = body
            with traffic.lock:
                traffic.reports.append(text)
            self.send_response(204)
            self.end_headers()

    return TierHandler


@pytest.fixture(scope="session")
def traffic(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> Iterator[Traffic]:
    """The session's server, answering through ``tier_handler`` while this tier runs."""
    seen = Traffic()
    before = site_server.RequestHandlerClass
    site_server.RequestHandlerClass = functools.partial(tier_handler(seen), directory=str(built_site))  # type: ignore[assignment]
    yield seen
    site_server.RequestHandlerClass = before


@pytest.fixture(scope="session")
def base_url(traffic: Traffic, site_server: http.server.ThreadingHTTPServer) -> str:
    return base_url_of(site_server)


@pytest.fixture(scope="session", params=ENGINES)
def driver(request: pytest.FixtureRequest, traffic: Traffic) -> Iterator[Driver]:
    """One browser per engine for the whole tier: its steps follow one reader, visit after visit."""
    engine = str(request.param)
    why = missing(engine)
    if why:
        pytest.fail(why)  # `make test` installs every engine: missing is a failure, not a skip
    browser = start(engine)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def quiet(driver: Driver, traffic: Traffic) -> Iterator[None]:
    """Each test ends with no console error or warning and no CSP violation, beyond expected.py's list."""
    driver.messages()
    traffic.take_reports()
    yield
    time.sleep(0.3)  # a report is sent a moment after the violation
    found = unexpected(driver.name, driver.messages() + traffic.take_reports())
    assert not found, f"{driver.name} logged what expected.py does not list:\n" + "\n".join(found)
