"""Benchmark: prints the figures the site's budgets are measured by (`make bench`).

Not a test: figures vary from machine to machine, so they are printed, not asserted.

- build time: the whole build (scripts/build) and the MkDocs step alone;
- for the home page and one "What to do now" page, a first visit in Chromium at 360x800 over a
  throttled "Slow 4G" connection (Lighthouse's: 150 ms round trip, 1.6 Mbit/s down,
  675 kbit/s up): requests, bytes raw and gzipped by type, DOMContentLoaded and load times,
  counted at the load event and again once the network is quiet;
- where the emergency strip ends in each page's HTML (budget: within the first 14 KB);
- the share of pages that load with the browser offline after one online visit;
- Lighthouse (pinned in scripts/lighthouse, run in Debian's Chromium, its mobile settings):
  accessibility and performance scores, and its paint and blocking-time figures, for each kind
  of page a reader meets (budget: accessibility 100 on each).

Budgets (see DESIGN.md): first visit of the home page at most 70 KB gzipped in at most 7
requests; the navigator and signs scripts together at most 20 KB gzipped; 100% offline.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitedata import PROJECT_ROOT

from .browser import CHROMIUM, CHROMIUM_ARGS
from .local_server import serve

PAGES = {"home": "", "what to do now: a concern": "what-to-do/concern/"}
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_638_400 / 8, "uploadThroughput": 675_000 / 8}
STRIP_BUDGET = 14 * 1024
OUR_SCRIPTS = ["navigator.js", "signs.js"]


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    whole = timed(["bash", "scripts/build", str(site_dir)], env)
    with tempfile.TemporaryDirectory() as temp:
        pages_only = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", temp], env)
    print(f"Build: {whole:.1f} s in all (pages, PDFs, offline copy); {pages_only:.1f} s for the pages alone\n")


def first_visit(browser, url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    seen: list[tuple[str, str, bytes, bool]] = []  # (type, url, body, before the load event)
    loaded = {"done": False}
    page.on("load", lambda: loaded.update(done=True))
    page.on("requestfinished", lambda r: seen.append((r.resource_type, r.url, body_of(r), not loaded["done"])))
    page.goto(url, wait_until="networkidle")
    timing = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
    navigation = json.loads(timing)
    print(f"  DOMContentLoaded {navigation['domContentLoadedEventEnd']:.0f} ms, load {navigation['loadEventEnd']:.0f} ms (Slow 4G)")
    for label, rows in (("at the load event", [s for s in seen if s[3]]), ("once the network is quiet", seen)):
        by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for kind, _, body, _ in rows:
            totals = by_type[kind]
            totals[0] += 1
            totals[1] += len(body)
            totals[2] += len(gzip.compress(body, 6))
        raw = sum(t[1] for t in by_type.values())
        zipped = sum(t[2] for t in by_type.values())
        print(f"  {label}: {len(rows)} requests, {raw / 1024:.1f} KB raw, {zipped / 1024:.1f} KB gzipped")
        for kind, (count, raw_bytes, gz_bytes) in sorted(by_type.items()):
            print(f"    {kind:<11} {count:>2}  {raw_bytes / 1024:7.1f} KB raw  {gz_bytes / 1024:6.1f} KB gzipped")
    context.close()


def body_of(response_request) -> bytes:
    response = response_request.response()
    try:
        return response.body() if response else b""
    except Exception:  # e.g. a worker script whose body the browser has already handed over
        return b""


def strip_offsets(site_dir: Path) -> None:
    ends = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_bytes()
        start = html.find(b'<nav class="emergency"')
        ends.append((html.find(b"</nav>", start) + len(b"</nav>"), path.relative_to(site_dir).as_posix()))
    worst, where = max(ends)
    print(f"Emergency strip: ends by byte {worst:,} at the latest ({where}); budget {STRIP_BUDGET:,}")


def script_weight(site_dir: Path) -> None:
    scripts = site_dir / "assets" / "javascripts"
    sizes = {name: len(gzip.compress((scripts / name).read_bytes(), 6)) for name in OUR_SCRIPTS}
    listed = ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in sizes.items())
    print(f"Navigator and signs scripts: {sum(sizes.values()) / 1024:.1f} KB gzipped ({listed}); budget 20 KB")


def offline_share(browser, base: str, site_dir: Path) -> None:
    pages = sorted(p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("index.html"))
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    context.set_offline(True)
    loaded = 0
    for path in pages:
        try:
            response = page.goto(base + path)
            loaded += bool(response and response.ok)
        except Exception:
            pass
    context.close()
    print(f"Offline after one visit: {loaded} of {len(pages)} pages load ({100 * loaded / len(pages):.0f}%)")


LIGHTHOUSE = PROJECT_ROOT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = {
    "home": "", "an outcome": "what-to-do/concern/", "a policy section": "policy/11-concerns/",
    "signs": "signs/", "contacts": "contacts/", "self-check": "training/self-check/",
}
LIGHTHOUSE_FIGURES = {"largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}


def lighthouse(base: str) -> None:
    if not LIGHTHOUSE.exists():
        print("Lighthouse: not installed (make bench installs it: npm ci --prefix scripts/lighthouse)")
        return
    print("Lighthouse (mobile: Moto G Power, Slow 4G, 4x CPU slowdown), accessibility and performance:")
    for name, path in LIGHTHOUSE_PAGES.items():
        result = subprocess.run(
            [str(LIGHTHOUSE), base + path, "--quiet", f"--chrome-path={CHROMIUM}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--only-categories=accessibility,performance",
             "--output=json", "--output-path=stdout"],
            capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0:
            print(f"  {name}: Lighthouse failed: {result.stderr.strip()[-300:]}")
            continue
        report = json.loads(result.stdout)
        scores = {key: round(100 * category["score"]) for key, category in report["categories"].items()}
        figures = ", ".join(f"{label} {report['audits'][audit]['displayValue']}" for audit, label in LIGHTHOUSE_FIGURES.items())
        failed = [ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]
                  if report["audits"][ref["id"]]["score"] not in (None, 1)]
        print(f"  {name:<17} accessibility {scores['accessibility']:>3}, performance {scores['performance']:>3} ({figures})"
              + (f"; accessibility audits failed: {', '.join(failed)}" if failed else ""))


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        site_dir = Path(temp) / "site"
        build(site_dir)
        strip_offsets(site_dir)
        script_weight(site_dir)
        with serve(site_dir) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name, path in PAGES.items():
                print(f"\nFirst visit, {name} (/{path}):")
                first_visit(browser, base + path)
            print()
            offline_share(browser, base, site_dir)
            browser.close()
            print()
            lighthouse(base)


if __name__ == "__main__":
    main()
