"""Debian's Chromium (`make browser`), as the PDF step, the benchmark and the tests drive it
through Playwright: Playwright never downloads a browser of its own."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium-headless-shell: the same Chromium (engine and version) without the browser
# around it, which Playwright itself runs for headless Chromium. The PDF step prints in it (the
# same PDFs, text and pixels sheet for sheet) and the tests drive it, for about half of the full
# browser's work. What only the full browser does (judging a site installable as an app) is
# tested in CHROMIUM.
HEADLESS_CHROMIUM = Path("/usr/bin/chromium-headless-shell")
# A headless browser on a closed network, run as root in CI.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# For printing: any host name other than the local server's fails at once, a second guard
# behind the request filter.
LOOPBACK_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
MISSING = f"{CHROMIUM} is missing. Fix: run `make browser` (scripts/install-browsers)"
HEADLESS_MISSING = MISSING.replace(str(CHROMIUM), str(HEADLESS_CHROMIUM))
