"""A headless Chromium, driven over the DevTools protocol on a pipe.

PNG stills are the page itself, screenshotted, so they look exactly like
it. Chromium's `--remote-debugging-pipe` speaks the DevTools protocol as
NUL-terminated JSON on file descriptors 3 and 4, which needs no websocket
library and no driver download: only the `chromium` package (Debian:
`apt-get install chromium`). Set CASEGRAPH_CHROMIUM to use another binary.
"""

from __future__ import annotations

import json
import os
import select
import signal
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["BrowserError", "BrowserStalled", "chromium_path", "CHROMIUM_ARGS", "Browser"]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
                 "--mute-audio", "--disable-extensions", "--disable-default-apps",
                 # a screenshot after every stage of a frame, of tiles rastered whole: the same PNG every run
                 # (a loaded machine once gave a still a few pixels apart along its dashed lines)
                 "--run-all-compositor-stages-before-draw", "--disable-partial-raster"]


class BrowserError(RuntimeError):
    """No usable Chromium, or it failed; the message says what to install or check."""


class BrowserStalled(BrowserError):
    """Chromium stopped answering (a known headless hang: under load, a frame that is never drawn leaves a
    screenshot or an animation frame waiting for ever); the call's Chromium was stopped. Drawing again on
    a new one (`Browser.restart`) succeeds."""


def chromium_path() -> str | None:
    """CASEGRAPH_CHROMIUM, else chromium (Debian), chromium-browser or google-chrome on PATH."""
    wanted = os.environ.get("CASEGRAPH_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, timeout: float = 60.0):
        self._binary = chromium_path()
        if not self._binary:
            raise BrowserError("PNG output needs Chromium: install it (Debian/Ubuntu: apt-get install chromium) "
                               "or set CASEGRAPH_CHROMIUM; or write .svg or .html instead")
        self.timeout = timeout
        self._start()

    def _start(self) -> None:
        """Launch Chromium on a fresh profile folder and attach to a new page."""
        self._profile = tempfile.TemporaryDirectory(prefix="casegraph-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def wire_fds():  # the child reads commands on fd 3 and writes replies on fd 4
            reads, writes = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self._process = subprocess.Popen(
            [self._binary, *CHROMIUM_ARGS, "--remote-debugging-pipe", f"--user-data-dir={self._profile.name}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=wire_fds,
            start_new_session=True,  # its own process group: stopped whole, helpers included (`_kill`)
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._out = os.fdopen(to_child_w, "wb", buffering=0)
        self._in = os.fdopen(from_child_r, "rb", buffering=0)
        self._buffer = b""
        self._next_id = 0
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        except BrowserError:
            self.close()  # no process, pipe or profile folder left behind
            raise

    def _kill(self) -> None:
        """Stop Chromium's whole process group (the browser and its renderer, GPU and zygote helpers)."""
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except ProcessLookupError:  # every process of the group has already exited
            pass
        self._process.wait()

    @property
    def alive(self) -> bool:
        """Whether this Chromium is still running (a stalled one was stopped)."""
        return self._process.poll() is None

    def restart(self) -> None:
        """Stop this Chromium (if still running) and start a new one in its place: the same object, so a
        caller keeping it (a server's warm browser) keeps using it. Raises BrowserError as the first start."""
        self.close()
        self._start()

    def _read_message(self, method: str, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            # a stalled Chromium must fail the call, not hang its caller (a server's request, a test run)
            if not select.select([self._in], [], [], max(deadline - time.monotonic(), 0))[0]:
                self._kill()
                raise BrowserStalled(f"Chromium did not answer {method} within {self.timeout:.0f} s; it was stopped")
            chunk = self._in.read(1 << 16)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe unexpectedly")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, session: bool = False, **params: Any) -> dict:
        """Send one DevTools command and wait for its answer (events are skipped).

        Raises BrowserError when Chromium answers with an error, closes the pipe, or does not answer
        within `timeout` seconds (then the process is killed: a later call fails at once)."""
        deadline = time.monotonic() + self.timeout
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        try:
            self._out.write(json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError(f"Chromium has stopped; {method} was not sent") from None
        while True:
            reply = self._read_message(method, deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"Chromium: {method}: {reply['error'].get('message')}")
                return reply.get("result", {})

    def page(self, method: str, **params: Any) -> dict:
        return self.call(method, session=True, **params)

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"page script failed: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def open(self, path: Path, width: int, height: int, scale: float = 1.0,
             ready: str = "document.documentElement.getAttribute('data-state') === 'drawn'") -> None:
        """Load a file at a viewport of width x height CSS px, until `ready` (a JS expression) is true."""
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=scale,
                  mobile=False)
        self.page("Page.enable")
        self.page("Page.navigate", url=Path(path).resolve().as_uri())
        self.wait_for(ready)

    def wait_for(self, condition: str) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                if self.evaluate(f"Boolean({condition})"):
                    return
            except BrowserError:  # the page is still being replaced by the navigation
                if not self.alive:  # or Chromium is gone: no use waiting
                    raise
            if time.monotonic() > deadline:
                raise BrowserError(f"the page was not drawn within {self.timeout:.0f} s")
            time.sleep(0.05)

    def screenshot(self, width: int, height: int, scale: float) -> bytes:
        import base64

        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=scale,
                  mobile=False)
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shot = self.page("Page.captureScreenshot", format="png", fromSurface=True)
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (BrowserError, OSError, ValueError):
            pass
        for stream in (self._out, self._in):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self._kill()  # what is left of it: a helper process still writing into the profile folder
        self._profile.cleanup()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
