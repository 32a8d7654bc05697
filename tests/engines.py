"""The engines staff phones run besides Chromium, behind one small interface, so that a journey is
written once and walked in each: Gecko (Debian's Firefox ESR, over WebDriver BiDi) and WebKit
(Debian's WebKitGTK, through its WebKitWebDriver and Selenium, under Xvfb). Blink is the run's
Chromium, which Playwright drives for the rest of the suite.

Playwright drives only its own patched Firefox and WebKit, which cannot be downloaded here, and
Firefox's own WebDriver (geckodriver) has no Debian or registry package that installs it: Firefox
is driven over WebDriver BiDi, the W3C protocol it speaks itself, by the small client below
(JSON over one WebSocket, websocket-client from uv.lock). WebKitWebDriver speaks classic WebDriver
only (its BiDi is not built in Debian's package).

A tab (`Tab`) does what a reader does and reads the page with scripts: goto, click, type, run (a
JavaScript function called with JSON arguments, its JSON result returned), and problems (what went
wrong on the page since the last call: console errors, uncaught errors, refusals of the Content
Security Policy, files from another origin). A tab's clock starts at the moment it is given, and
runs on, before any of the page's scripts run:
  Firefox   a BiDi preload script that sets Date to the moment;
  WebKit    libfaketime under the browser's processes, with an offset it reads from a file.
A Firefox tab starts with nothing stored; WebKit's tabs take turns in one automated
session, which is private and keeps nothing once the run ends.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from conftest import RECORD_CSP_VIOLATIONS

FIREFOX = Path("/usr/bin/firefox-esr")
WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB = Path("/usr/bin/Xvfb")
FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
ENGINE_FILES = {
    "firefox": [FIREFOX],
    "webkit": [WEBKIT_DRIVER, MINIBROWSER, XVFB, FAKETIME],
}
ENGINES = list(ENGINE_FILES)


def missing(engine: str) -> str | None:
    """Why ``engine`` cannot run here, or None."""
    absent = [str(path) for path in ENGINE_FILES[engine] if not path.exists()]
    return f"{', '.join(absent)} missing. Fix: run `make browser` (scripts/install-browsers)" if absent else None


# Sets the page's clock to a moment (ms since the epoch), from which it runs on, before the page's
# scripts run: Date() and Date.now() start there, every other use of Date is untouched.
SET_CLOCK = """(start) => {
  const RealDate = Date, offset = start - RealDate.now();
  const now = () => RealDate.now() + offset;
  window.Date = class Date extends RealDate {
    constructor(...args) { if (args.length) { super(...args); } else { super(now()); } }
    static now() { return now(); }
  };
}"""


# What the page itself knows went wrong since the last look: refusals of the Content Security
# Policy (RECORD_CSP_VIOLATIONS), with errors where the page records them too (RECORDER), and
# every file it fetched from another origin.
PAGE_PROBLEMS = """() => {
  const found = [...(window.__errors || []).splice(0), ...(window.__violations || []).splice(0)];
  const elsewhere = performance.getEntriesByType("resource").map(entry => entry.name)
    .filter(url => !url.startsWith(location.origin + "/") && !/^(data|blob):/.test(url));
  performance.clearResourceTimings();
  return [...found, ...elsewhere.map(url => `fetched from another origin: ${url}`)];
}"""


class Tab(Protocol):
    engine: str

    def goto(self, url: str) -> None:
        """Load ``url`` and wait for its load event."""

    def click(self, selector: str) -> None:
        """Click the first element matching the CSS ``selector``, as a finger or a mouse does."""

    def type(self, selector: str, text: str) -> None:
        """Focus the first element matching ``selector`` and type ``text`` key by key."""

    def run(self, function: str, *args) -> Any:
        """Call the JavaScript ``function`` (an expression such as "(a) => a + 1") in the page
        with ``args`` (JSON values); return its result, awaited, as JSON."""

    def problems(self) -> list[str]:
        """Console errors, uncaught errors, refusals of the Content Security Policy and files
        fetched from another origin, on the page since the last call."""

    def close(self) -> None: ...


def wait_for(tab: Tab, function: str, *args, timeout: float = 15, what: str = "") -> Any:
    """Run ``function`` until it returns something true; return that."""
    deadline = time.monotonic() + timeout
    while not (result := tab.run(function, *args)):
        if time.monotonic() > deadline:
            raise AssertionError(f"{tab.engine}: timed out waiting for {what or function}")
        time.sleep(0.1)
    return result


def epoch_ms(moment: datetime.datetime) -> int:
    return int(moment.timestamp() * 1000)


# --- Firefox: WebDriver BiDi ----------------------------------------------------------------------

# The profile's preferences: Firefox's remote agent sets the ones automation needs (no updates,
# no telemetry, no first-run pages); these keep every request on loopback (a closed proxy for
# anything else, loopback never proxied) and the console quiet, and give the page a phone's
# scrollbars, drawn over it rather than taking its width.
FIREFOX_PREFS = {
    "ui.useOverlayScrollbars": 1,
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.no_proxies_on": "",
    "network.proxy.allow_hijacking_localhost": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "services.settings.server": "http://127.0.0.1:9/",
}


class BiDiError(Exception):
    pass


class BiDi:
    """A WebDriver BiDi session: commands and their answers over one WebSocket; the events that
    arrive meanwhile are kept in ``events``."""

    def __init__(self, url: str):
        import websocket

        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if message.get("type") == "error":
                    raise BiDiError(f"{method}: {message['error']}: {message['message']}")
                return message["result"]
            if message.get("type") == "event":
                self.events.append(message)

    def close(self) -> None:
        self.socket.close()


class FirefoxTab:
    engine = "firefox"

    def __init__(self, bidi: BiDi, viewport: dict, now: datetime.datetime | None):
        self.bidi = bidi
        # A user context of its own: no cookies or storage shared with another tab.
        self.user_context = bidi.send("browser.createUserContext")["userContext"]
        self.context = bidi.send("browsingContext.create", type="tab", userContext=self.user_context)["context"]
        bidi.send("browsingContext.setViewport", context=self.context, viewport=viewport)
        scripts = [f"() => {{ {RECORD_CSP_VIOLATIONS} }}"]
        if now:
            scripts.append(f"() => ({SET_CLOCK})({epoch_ms(now)})")
        for script in scripts:
            bidi.send("script.addPreloadScript", functionDeclaration=script, contexts=[self.context])

    def goto(self, url: str) -> None:
        self.bidi.send("browsingContext.navigate", context=self.context, url=url, wait="complete")

    def run(self, function: str, *args) -> Any:
        result = self.bidi.send(
            "script.callFunction",
            functionDeclaration=f"async (args) => JSON.stringify((await ({function})(...JSON.parse(args))) ?? null)",
            arguments=[{"type": "string", "value": json.dumps(args)}],
            target={"context": self.context}, awaitPromise=True)
        if result["type"] == "exception":
            raise BiDiError(f"firefox: {result['exceptionDetails']['text']}")
        return json.loads(result["result"]["value"])

    def point(self, selector: str) -> tuple[int, int]:
        """The middle of the first element matching ``selector``, scrolled into view."""
        box = self.run("""(selector) => {
            const element = document.querySelector(selector);
            if (!element) { return null; }
            element.scrollIntoView({block: "center", behavior: "instant"});
            const box = element.getBoundingClientRect();
            return [box.x + box.width / 2, box.y + box.height / 2];
        }""", selector)
        assert box, f"firefox: nothing matches {selector}"
        return round(box[0]), round(box[1])

    def click(self, selector: str) -> None:
        x, y = self.point(selector)
        self.bidi.send("input.performActions", context=self.context, actions=[{
            "type": "pointer", "id": "finger", "actions": [
                {"type": "pointerMove", "x": x, "y": y},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ]}])

    def type(self, selector: str, text: str) -> None:
        self.click(selector)
        keys = [{"type": kind, "value": char} for char in text for kind in ("keyDown", "keyUp")]
        self.bidi.send("input.performActions", context=self.context,
                       actions=[{"type": "key", "id": "keyboard", "actions": keys}])

    def problems(self) -> list[str]:
        found = self.run(PAGE_PROBLEMS)
        mine = [e for e in self.bidi.events if e["params"].get("source", {}).get("context") == self.context]
        self.bidi.events = [e for e in self.bidi.events if e not in mine]
        return [e["params"]["text"] for e in mine if e["params"]["level"] == "error"] + found

    def close(self) -> None:
        self.bidi.send("browsingContext.close", context=self.context)
        self.bidi.send("browser.removeUserContext", userContext=self.user_context)


class Firefox:
    name, needs_recorder = "firefox", False

    def __init__(self):
        self.profile = Path(tempfile.mkdtemp(prefix="firefox-profile-"))
        (self.profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items()))
        self.process = subprocess.Popen(
            [str(FIREFOX), "--headless", "--no-remote", "--profile", str(self.profile), "--remote-debugging-port=0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        address = self.listening_address()
        self.bidi = BiDi(address + "/session")
        self.bidi.send("session.new", capabilities={})
        self.bidi.send("session.subscribe", events=["log.entryAdded"])

    def listening_address(self) -> str:
        lines = []
        for line in self.process.stderr:
            lines.append(line)
            if match := re.search(r"WebDriver BiDi listening on (ws://\S+)", line):
                # Firefox goes on writing to stderr: keep reading it, or it would block.
                threading.Thread(target=self.process.stderr.read, daemon=True).start()
                return match.group(1)
        raise RuntimeError("firefox-esr did not start its WebDriver BiDi server:\n" + "".join(lines))

    def open(self, viewport: dict, now: datetime.datetime | None = None) -> FirefoxTab:
        return FirefoxTab(self.bidi, viewport, now)

    def quit(self) -> None:
        try:
            self.bidi.send("browser.close")
        except Exception:  # noqa: BLE001 - closing: the browser may be gone already
            pass
        self.bidi.close()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


# --- WebKit: WebKitWebDriver and Selenium, under Xvfb ----------------------------------------------

# What an engine without init scripts runs first on every page: the tests' server adds it to each
# page it serves (conftest.serve_site's `recorder`). WebKitGTK keeps the console of an automated
# (private) session to itself, and classic WebDriver has no console: the page records its own
# problems, as the other engines' consoles do.
RECORDER = RECORD_CSP_VIOLATIONS + """
window.__errors = [];
window.addEventListener("error", (e) => window.__errors.push(`${e.message} ${e.filename}:${e.lineno}`));
window.addEventListener("unhandledrejection", (e) => window.__errors.push(`unhandled rejection: ${e.reason}`));
const consoleError = console.error.bind(console);
console.error = (...args) => { window.__errors.push(args.join(" ")); consoleError(...args); };
"""

# MiniBrowser's toolbar would keep its window at least 447 px wide: shrunk to nothing (GTK's own
# stylesheet, read from XDG_CONFIG_HOME), the page can be a phone's 320 or 360 px.
GTK_CSS = "* { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; border-width: 0; }\n"


class WebKitTab:
    """A tab of the one WebKit window: WebKit's automated sessions keep nothing once closed, but
    a session costs a browser's start, so the tabs of a run take turns in one."""

    engine = "webkit"

    def __init__(self, webkit: WebKit, viewport: dict, now: datetime.datetime | None):
        webkit.set_clock(now)
        self.driver = webkit.driver
        self.driver.get("about:blank")
        toolbar = self.driver.get_window_rect()["height"] - self.run("() => innerHeight")
        self.driver.set_window_rect(0, 0, viewport["width"], viewport["height"] + toolbar)

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def run(self, function: str, *args) -> Any:
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"Promise.resolve().then(() => ({function})(...JSON.parse(arguments[0])))"
            ".then(r => done(JSON.stringify(r ?? null)), e => done(JSON.stringify({__error: String(e)})));",
            json.dumps(args))
        value = json.loads(result)
        if isinstance(value, dict) and "__error" in value:
            raise AssertionError(f"webkit: {value['__error']}")
        return value

    def element(self, selector: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def click(self, selector: str) -> None:
        self.element(selector).click()

    def type(self, selector: str, text: str) -> None:
        element = self.element(selector)
        element.click()
        element.send_keys(text)

    def problems(self) -> list[str]:
        return self.run(f"() => '__errors' in window ? ({PAGE_PROBLEMS})()"
                        " : ['the recorder did not run: serve the page with first_script=RECORDER']")

    def close(self) -> None:
        self.driver.get("about:blank")


class WebKit:
    name, needs_recorder = "webkit", True

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        self.folder = Path(tempfile.mkdtemp(prefix="webkit-"))
        (self.folder / "gtk-3.0").mkdir()
        (self.folder / "gtk-3.0" / "gtk.css").write_text(GTK_CSS)
        read, write = os.pipe()
        self.xvfb = subprocess.Popen([str(XVFB), "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                     pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as display:
            number = display.readline().strip()
        self.clock = self.folder / "clock"
        self.set_clock(None)
        env = {
            **os.environ, "DISPLAY": f":{number}", "XDG_CONFIG_HOME": str(self.folder),
            # The browser's wall clock is the real one moved by the offset in the clock file, read
            # again at every look; its monotonic clock (timers, animations) is left alone.
            "LD_PRELOAD": str(FAKETIME), "FAKETIME_TIMESTAMP_FILE": str(self.clock),
            "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        }
        options = webdriver.WebKitGTKOptions()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        service = Service(executable_path=str(WEBKIT_DRIVER), env=env)
        self.driver = webdriver.WebKitGTK(options=options, service=service)

    def set_clock(self, now: datetime.datetime | None) -> None:
        # Whole seconds, rounded up: the clock starts at the moment or within a second after it.
        offset = 0 if now is None else math.ceil(now.timestamp() - time.time())
        self.clock.write_text(f"{offset:+d}\n")

    def open(self, viewport: dict, now: datetime.datetime | None = None) -> WebKitTab:
        return WebKitTab(self, viewport, now)

    def quit(self) -> None:
        self.driver.quit()
        self.xvfb.terminate()
        self.xvfb.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def launch(engine: str):
    """Firefox or WebKit, started for the run (Chromium is the run's `browser` fixture)."""
    return {"firefox": Firefox, "webkit": WebKit}[engine]()
