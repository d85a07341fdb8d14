"""A small W3C WebDriver (classic) client for WebKitGTK's ``WebKitWebDriver``, standard library only.

WebKitWebDriver starts MiniBrowser, which needs an X display: an ``Xvfb`` is started for it.
Selenium would do the same with more packages, and downloads a driver unless told the path.
Under automation MiniBrowser keeps the pages' console to itself (its
``--enable-write-console-messages-to-stdout`` works only outside automation, which
``test_engines.py`` uses for a page's load), and this driver has no WebDriver BiDi: the
console is recorded in the page (``HOOK``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
KEYS = {"Enter": "\ue007", "Tab": "\ue004", "ArrowDown": "\ue015", "ArrowUp": "\ue013", "Backspace": "\ue003", " ": " "}
CALL = """
const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, -1);
Promise.resolve().then(() => (%s)(...args)).then(
  (value) => done({value: value === undefined ? null : value}),
  (error) => done({error: String(error && error.message || error)}));
"""


class WebDriverError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def free_display() -> int:
    for n in range(90, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise WebDriverError("no free X display number")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An X server in memory for MiniBrowser, and its DISPLAY value."""
    display = free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{display}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return xvfb, f":{display}"


HOOK = """() => {
  if (window.__ffrConsole) return;
  const seen = (window.__ffrConsole = []);
  for (const [name, type] of [["error", "error"], ["warn", "warning"]]) {
    const original = console[name].bind(console);
    console[name] = (...args) => { seen.push({type, text: args.map(String).join(" ")}); original(...args); };
  }
  addEventListener("error", (e) => seen.push({type: "pageerror", text: String(e.message)}));
  addEventListener("unhandledrejection", (e) => seen.push({type: "pageerror", text: String(e.reason && e.reason.message || e.reason)}));
}"""
"""WebKitWebDriver has no console log (no BiDi): after each load the page's console errors,
warnings and uncaught errors are recorded in the page, and read before the next load."""
DRAIN = "() => (window.__ffrConsole || []).splice(0)"


class WebKit:
    """One MiniBrowser driven by WebKitWebDriver, on its own Xvfb display."""

    def __init__(self, driver: str = "WebKitWebDriver", binary: Path = MINIBROWSER) -> None:
        self.xvfb, display = start_xvfb()
        self.port = free_port()
        env = {**os.environ, "DISPLAY": display}
        self.driver = subprocess.Popen(
            [driver, f"--port={self.port}"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
        )
        self.console: list[dict[str, str]] = []
        self.log: list[str] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._read_console, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait_for_driver()
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "MiniBrowser",
                    "webkitgtk:browserOptions": {
                        "binary": str(binary),
                        "args": ["--automation"],
                    },
                }
            }
        }
        reply = self._request("POST", "/session", caps)
        self.session = reply["sessionId"]
        self.version = str(reply["capabilities"].get("browserVersion", ""))
        self._request("POST", f"/session/{self.session}/timeouts", {"script": 120_000, "pageLoad": 120_000})

    def _wait_for_driver(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/status", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise WebDriverError("WebKitWebDriver did not start")

    def _read_console(self) -> None:
        assert self.driver.stdout is not None
        for line in self.driver.stdout:  # the driver's own complaints, kept for a failure's message
            with self._lock:
                self.log.append(line.rstrip("\n"))

    def _request(self, method: str, path: str, body: object | None = None) -> Any:
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=180) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as error:
            detail = json.loads(error.read() or b"{}").get("value", {})
            raise WebDriverError(f"{method} {path}: {detail.get('error')}: {detail.get('message')}") from None

    def _session(self, method: str, path: str, body: object | None = None) -> Any:
        return self._request(method, f"/session/{self.session}{path}", body)

    def _element(self, selector: str) -> str:
        return str(self._session("POST", "/element", {"using": "css selector", "value": selector})[ELEMENT])

    # The commands every engine's driver answers (see tests/engines/drivers.py).
    def _drain(self) -> None:
        try:
            self.console += self.js(DRAIN, [])
        except WebDriverError:
            pass  # no page yet

    def goto(self, url: str) -> None:
        self._drain()
        self._session("POST", "/url", {"url": url})
        self.js(HOOK, [])

    def reload(self) -> None:
        self._drain()
        self._session("POST", "/refresh")
        self.js(HOOK, [])

    def js(self, source: str, args: list[Any]) -> Any:
        reply = self._session("POST", "/execute/async", {"script": CALL % source, "args": args})
        if "error" in reply:
            raise WebDriverError(f"script failed: {reply['error']}")
        return reply["value"]

    def fill(self, selector: str, text: str) -> None:
        # As a reader does: select what is there and type over it. (WebDriver's Element Clear
        # fires "change" on the emptied field, which the page would compute on its own.)
        element = self._element(selector)
        self.js("(s) => { const el = document.querySelector(s); el.focus(); el.select(); }", [selector])
        self._session("POST", f"/element/{element}/value", {"text": text})

    def press(self, selector: str, key: str) -> None:
        element = self._element(selector)
        self._session("POST", f"/element/{element}/value", {"text": KEYS.get(key, key)})

    def click(self, selector: str) -> None:
        self._session("POST", f"/element/{self._element(selector)}/click")

    def upload(self, selector: str, paths: list[str]) -> None:
        # WebDriver's Element Send Keys on a file input sets its files (one path a line; "multiple" for more than
        # one) and fires "input" and "change", as the file picker does.
        self._session("POST", f"/element/{self._element(selector)}/value", {"text": "\n".join(paths)})

    def select(self, selector: str, value: str) -> None:
        self.click(f"{selector} option[value='{value}']")

    def messages(self) -> list[dict[str, str]]:
        self._drain()
        out, self.console[:] = list(self.console), []
        return out

    def close(self) -> None:
        try:
            self._session("DELETE", "")
        except (OSError, WebDriverError):
            pass
        for process in (self.driver, self.xvfb):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.driver.stdout is not None:
            self.driver.stdout.close()
