"""The two engines' drivers, behind one small set of commands the scenarios use.

Every driver answers: ``goto(url)``, ``reload()``, ``js(source, args)`` (``source`` is a
JavaScript function, called with ``args``; a promise is awaited), ``fill(selector, text)``
(real key presses), ``press(selector, key)`` ("Enter", "Tab"), ``click(selector)``, ``upload(selector, paths)``
(files picked in an ``<input type="file">``, as its file picker would set them),
``messages()`` (console errors and warnings and uncaught errors since the last call, each
``{"type", "text"}``), ``close()``, and has ``name`` and ``version``.

- Firefox ESR (Debian's ``firefox-esr``): puppeteer-core over WebDriver BiDi, from Node
  (``firefox_bridge.mjs``): Firefox speaks BiDi itself, so no geckodriver is needed.
- WebKitGTK (Debian's ``webkit2gtk-driver``): ``WebKitWebDriver`` driving MiniBrowser on
  an Xvfb display (``webdriver.py``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, Protocol

from .webdriver import MINIBROWSER, WebKit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIREFOX = "/usr/bin/firefox-esr"
ENGINES = ("firefox", "webkit")


class Driver(Protocol):
    name: str
    version: str

    def goto(self, url: str) -> None: ...
    def reload(self) -> None: ...
    def js(self, source: str, args: list[Any]) -> Any: ...
    def fill(self, selector: str, text: str) -> None: ...
    def press(self, selector: str, key: str) -> None: ...
    def click(self, selector: str) -> None: ...
    def upload(self, selector: str, paths: list[str]) -> None: ...
    def messages(self) -> list[dict[str, str]]: ...
    def close(self) -> None: ...


class BridgeError(RuntimeError):
    pass


class Firefox:
    """Firefox through ``node firefox_bridge.mjs``: one JSON command a line each way."""

    name = "firefox"

    def __init__(self, binary: str = FIREFOX) -> None:
        self.process = subprocess.Popen(
            ["node", str(HERE / "firefox_bridge.mjs"), binary],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.stderr: list[str] = []
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self._id = 0
        self.version = str(self._call("version"))

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr.extend(line.rstrip("\n") for line in self.process.stderr)

    def _call(self, cmd: str, *args: Any) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self._id += 1
        self.process.stdin.write(json.dumps({"id": self._id, "cmd": cmd, "args": list(args)}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise BridgeError(f"Firefox's bridge stopped during {cmd}: " + "\n".join(self.stderr[-20:]))
        reply = json.loads(line)
        if "error" in reply:
            raise BridgeError(f"{cmd}{tuple(args)!r:.200}: {reply['error']}")
        return reply["value"]

    def goto(self, url: str) -> None:
        self._call("goto", url)

    def reload(self) -> None:
        self._call("reload")

    def js(self, source: str, args: list[Any]) -> Any:
        return self._call("js", source, args)

    def fill(self, selector: str, text: str) -> None:
        self._call("fill", selector, text)

    def press(self, selector: str, key: str) -> None:
        self._call("press", selector, key)

    def click(self, selector: str) -> None:
        self._call("click", selector)

    def upload(self, selector: str, paths: list[str]) -> None:
        self._call("upload", selector, paths)

    def messages(self) -> list[dict[str, str]]:
        return list(self._call("messages"))

    def close(self) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps({"id": 0, "cmd": "close", "args": []}) + "\n")
            self.process.stdin.close()
            self.process.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


class WebKitDriver(WebKit):
    name = "webkit"


def missing(engine: str) -> str:
    """What is missing to run ``engine`` here ("" when nothing), as a sentence."""
    if engine == "firefox":
        if not Path(FIREFOX).exists():
            return f"Firefox is not installed ({FIREFOX}); `make test` installs Debian's firefox-esr"
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            return "puppeteer-core is not installed; run `npm ci`"
        return ""
    if not shutil.which("WebKitWebDriver") or not MINIBROWSER.exists():
        return "WebKitWebDriver or MiniBrowser is missing; `make test` installs Debian's webkit2gtk-driver"
    if not shutil.which("Xvfb"):
        return "Xvfb is missing; `make test` installs Debian's xvfb"
    return ""


def start(engine: str) -> Driver:
    return Firefox() if engine == "firefox" else WebKitDriver()
