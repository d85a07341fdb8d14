"""What each engine is expected to do and say: the one list the cross-engine tier accepts.

A console message (error or warning) or a CSP violation report that no entry here matches
fails the test that caused it. Each entry says why the message is harmless and not ours
to remove.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Expected:
    engine: str  # "firefox", "webkit" or "*"
    pattern: str  # a regular expression searched in the message's text
    reason: str


EXPECTED_MESSAGES: tuple[Expected, ...] = ()
"""Empty: neither engine logs an error or a warning on any step of the tier.

(Our own CSP header made WebKit log "Unrecognized Content-Security-Policy directive
'manifest-src'" on every page until the directive was dropped: default-src 'self' governs
the manifest; sitebuild/headers.py.) Add an entry here, with its reason, only for a message
that comes from the browser itself and says nothing about the site."""


def unexpected(engine: str, messages: list[dict[str, str]]) -> list[str]:
    """The messages no entry accepts, as lines for a failure."""
    out = []
    for message in messages:
        text = message.get("text", "")
        if not any(e.engine in {"*", engine} and re.search(e.pattern, text) for e in EXPECTED_MESSAGES):
            out.append(f"{message.get('type', '?')}: {text}")
    return out


@dataclass(frozen=True)
class Engine:
    """What the tier expects of an engine's features, and why."""

    snapshot: bool
    """Whether a returning reader's Python is restored from a memory snapshot (else: a fresh start, tested)."""
    note: str


ENGINES = {
    "firefox": Engine(
        snapshot=True,
        note="Firefox ESR 153: Cache Storage keeps the 31 MB image and Pyodide restores it; JSPI present.",
    ),
    "webkit": Engine(
        snapshot=True,
        note=(
            "WebKitGTK 2.50: the snapshot is stored and restored (the restore is what makes WebKit's return visit "
            "fast: its normal start is about twice Firefox's); no JSPI, so Pyodide runs without it; "
            "`cache: only-if-cached` is ignored (the worker and service worker probe for it)."
        ),
    ),
}
