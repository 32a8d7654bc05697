"""Debian's Chromium (`make browser`), as the PDF step, the benchmark and the tests drive it
through Playwright: Playwright never downloads a browser of its own."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# A headless browser on a closed network, run as root in CI.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# For printing: any host name other than the local server's fails at once, a second guard
# behind the request filter.
LOOPBACK_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
MISSING = f"{CHROMIUM} is missing. Fix: run `make browser` (scripts/install-browsers)"
