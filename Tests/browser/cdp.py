"""A small Chrome DevTools Protocol client for Debian's headless Chromium.

Starts `chromium --headless --remote-debugging-port=0` with a throwaway profile, reads the
DevTools address it prints, and talks to one page over a websocket (websocket-client from
PyPI). Every event the page sends is kept, so a test can ask what the console said and what
the page tried to fetch. No browser is downloaded: only the system's chromium is used.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise RuntimeError("no chromium on PATH: install Debian's chromium package (test.sh does)")


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="bargain-chromium-")
        args = [
            find_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb",
            "--remote-debugging-port=0", "--user-data-dir=" + self.profile, "about:blank",
        ]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.port = self._read_port()
        self.page = self._page_socket()
        self.next_id = 0
        self.events = []

    def _read_port(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                if self.process.poll() is not None:
                    raise RuntimeError("chromium exited before it listened (status %s)" % self.process.returncode)
                continue
            found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if found:
                return int(found.group(1))
        raise RuntimeError("chromium did not print its DevTools address within 60 s")

    def _page_socket(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % self.port) as response:
                targets = json.load(response)
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
            time.sleep(0.1)
        raise RuntimeError("chromium opened no page")

    def call(self, method, **params):
        """Sends a command and returns its result, keeping the events that arrive meanwhile."""
        self.next_id += 1
        mine = self.next_id
        self.page.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            message = json.loads(self.page.recv())
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError("%s failed: %s" % (method, message["error"]))
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event, timeout=60):
        """Waits for an event, keeping every other one."""
        deadline = time.time() + timeout
        for seen in self.events:
            if seen["method"] == event:
                self.events.remove(seen)
                return seen
        self.page.settimeout(timeout)
        while time.time() < deadline:
            message = json.loads(self.page.recv())
            if message.get("method") == event:
                return message
            if "method" in message:
                self.events.append(message)
        raise RuntimeError("no %s within %d s" % (event, timeout))

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError("evaluation failed: %s" % result["exceptionDetails"])
        return result["result"].get("value")

    def screenshot(self, path, width):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=800, deviceScaleFactor=1, mobile=width < 600)
        height = self.evaluate("Math.ceil(document.documentElement.scrollHeight)")
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": min(height, 16000), "scale": 1})
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))

    def pdf(self, path):
        printed = self.call("Page.printToPDF", printBackground=False, preferCSSPageSize=True)
        with open(path, "wb") as out:
            out.write(base64.b64decode(printed["data"]))

    def close(self):
        try:
            self.page.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
