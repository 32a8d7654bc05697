"""Debian's Chromium (`make browser`), as the PDF step, the benchmark and the tests drive it
through Playwright: Playwright never downloads a browser of its own. The PDF step uses the
package's headless shell (PRINTING_CHROMIUM)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# The PDF step prints in Debian's chromium-headless-shell: the same Chromium without the browser
# around it, as Playwright itself runs headless. It prints the same PDFs (the same text and the
# same pixels, sheet for sheet) for about half of the full browser's work.
PRINTING_CHROMIUM = Path("/usr/bin/chromium-headless-shell")
# A headless browser on a closed network, run as root in CI.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# For printing: any host name other than the local server's fails at once, a second guard
# behind the request filter.
LOOPBACK_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
MISSING = f"{CHROMIUM} is missing. Fix: run `make browser` (scripts/install-browsers)"
PRINTING_MISSING = MISSING.replace(str(CHROMIUM), str(PRINTING_CHROMIUM))
