"""The MDN HTTP Observatory grades the served site A+ over HTTPS; over plain HTTP only the two HTTPS tests fail.

``scripts/observatory.py`` runs the scanner offline against the local server (see its
docstring for what it supplies in place of the scanner's install-time downloads).
"""

from __future__ import annotations

from pathlib import Path

from scripts.observatory import scan_folder, summary

HTTPS_ONLY = {"redirection", "strict-transport-security"}  # need a TLS listener to pass at all


def test_over_https_every_observatory_test_passes_for_an_a_plus(built_site: Path) -> None:
    """Served over TLS (a throwaway certificate the scanner trusts), all ten tests pass and the grade is A+."""
    report = scan_folder(built_site, https=True)
    failed = [row for row in summary(report) if not row[1]]
    assert not failed, failed
    assert report["scan"]["grade"] == "A+" and report["scan"]["testsQuantity"] == 10


def test_over_plain_http_only_the_https_tests_fail(built_site: Path) -> None:
    """On a plain-HTTP loopback, redirection to HTTPS and HSTS cannot pass; every other test does."""
    report = scan_folder(built_site, https=False)
    failed = {name for name, passed, _, _ in summary(report) if not passed}
    assert failed == HTTPS_ONLY, failed
