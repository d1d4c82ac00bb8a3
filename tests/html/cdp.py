"""cdp: a small client of the Chrome DevTools Protocol over
--remote-debugging-pipe, for the HTML report's browser tests (python3 stdlib
only, no network: the browser talks through two pipes, fds 3 and 4).

    with Browser() as b:            # starts headless chromium, or raises Absent
        page = b.open(url)          # a new tab, its Runtime/Page/Log enabled
        page.eval("1 + 1")          # -> 2; raises on a JavaScript exception
        page.errors                 # console errors and uncaught exceptions seen
        page.screenshot("x.png")
"""

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


class Absent(Exception):
    """No chromium on this machine."""


class CdpError(Exception):
    pass


def find_chromium():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    def __init__(self, width=1280, height=900, javascript=True):
        self.exe = find_chromium()
        if not self.exe:
            raise Absent("chromium not found")
        self.width, self.height, self.javascript = width, height, javascript
        self.next_id = 0
        self.buf = b""
        self.events = []

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="ac-html-chromium-")
        to_r, self.to_w = os.pipe()    # we write commands; chromium reads fd 3
        self.from_r, from_w = os.pipe()  # chromium writes fd 4; we read
        # the child's ends above fd 4, so that moving them to 3 and 4 clobbers neither
        to_r, from_w = [self._high(fd) for fd in (to_r, from_w)]
        args = [self.exe, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--mute-audio",
                # a tab the test drives is never throttled as a background one
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                # a test visits hundreds of findings by their #fN links within
                # seconds; past 200 navigations in 10 s chromium silently drops
                # location changes, a key's included (crbug.com/1038223)
                "--disable-ipc-flooding-protection",
                "--disable-backgrounding-occluded-windows", "--user-data-dir=" + self.profile,
                "--window-size=%d,%d" % (self.width, self.height), "about:blank"]

        def fds():
            os.dup2(to_r, 3)
            os.dup2(from_w, 4)

        # preexec_fn runs before the fds not kept are closed: keep 3 and 4
        self.proc = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=fds,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        return self

    @staticmethod
    def _high(fd):
        import fcntl
        high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
        os.close(fd)
        return high

    def __exit__(self, *exc):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_w)
        os.close(self.from_r)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError("timed out waiting for chromium")
            ready, _, _ = select.select([self.from_r], [], [], left)
            if ready:
                chunk = os.read(self.from_r, 1 << 20)
                if not chunk:
                    raise CdpError("chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=120):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == mid:
                if "error" in m:
                    raise CdpError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session=None, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method and (session is None or m.get("sessionId") == session):
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def open(self, url, timeout=60):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        self.send("Page.bringToFront", session=session)
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable", session=session)
        if not self.javascript:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        self.send("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height,
                                                         "deviceScaleFactor": 1, "mobile": False},
                  session=session)
        page.navigate(url, timeout)
        return page


class Page:
    def __init__(self, browser, session):
        self.b, self.session = browser, session

    def navigate(self, url, timeout=60):
        self.b.events = [m for m in self.b.events if m.get("method") != "Page.loadEventFired"]
        start = time.monotonic()
        self.b.send("Page.navigate", {"url": url}, session=self.session)
        self.b.wait_event("Page.loadEventFired", self.session, timeout)
        return time.monotonic() - start

    def eval(self, expr, timeout=120):
        r = self.b.send("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                             "awaitPromise": True}, session=self.session,
                        timeout=timeout)
        if "exceptionDetails" in r:
            raise CdpError("%s: %s" % (expr[:80], r["exceptionDetails"].get("exception", {})
                                       .get("description", r["exceptionDetails"].get("text"))))
        return r["result"].get("value")

    def key(self, key, code=None):
        """A real key press, as the keyboard sends it."""
        for kind in ("keyDown", "keyUp"):
            self.b.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code or key,
                                                   "text": key if len(key) == 1 and kind == "keyDown" else ""},
                        session=self.session)

    @property
    def errors(self):
        """Uncaught exceptions and console errors logged so far."""
        out = []
        for m in self.b.events:
            if m.get("sessionId") != self.session:
                continue
            p = m.get("params", {})
            if m["method"] == "Runtime.exceptionThrown":
                out.append(p["exceptionDetails"].get("exception", {}).get("description")
                           or p["exceptionDetails"].get("text"))
            elif m["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console.%s: %s" % (p["type"], [a.get("value") for a in p.get("args", [])]))
            elif m["method"] == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append("log: " + p["entry"].get("text", ""))
        return out

    def dialogs(self):
        return [m for m in self.b.events
                if m.get("sessionId") == self.session and m.get("method") == "Page.javascriptDialogOpening"]

    def screenshot(self, path, full=False):
        params = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = self.b.send("Page.captureScreenshot", params, session=self.session)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
