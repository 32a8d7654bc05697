"""Benchmark: prints the figures the site's budgets are measured by (`make bench`).

Not a test: figures vary from machine to machine, so they are printed, not asserted. Every
figure that has a peer is printed beside the same figure for a plain Material for MkDocs site
made in the same run from the same policy text (``source/``, 13 pages, Material's default
settings), served the same way: gzipped, as a web host serves text.

- build time: the whole build (scripts/build) and the MkDocs step alone;
- where the emergency strip ends in each page's HTML (budget: within the first 14 KB);
- the navigator and signs scripts, gzipped (budget: 20 KB together);
- a first visit of the home page and of every answer page in Chromium at 360x800 over
  Lighthouse's "Slow 4G" (150 ms round trip, 1.6 Mbit/s down): the requests and bytes the page
  itself makes, before the service worker starts (budget for each: 7 requests, 70 KB gzipped);
- what the service worker then keeps for use without signal, and the share of pages that
  open in airplane mode after one visit (budget: all);
- Lighthouse (pinned in scripts/lighthouse, in Debian's Chromium, its mobile settings: Moto G
  Power, Slow 4G, 4x CPU slowdown), the median of BENCH_RUNS runs (default 3) for each kind of
  page: performance (budget: 98 or more, total blocking time at most 100 ms) and accessibility
  (budget: 100).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitedata import DATA_DIR, PROJECT_ROOT
from sitedata.addresses import SERVICE_WORKER, built_address, outcome_path, served_file
from sitedata.load import SiteData
from sitedata.versions import source_file

from . import pages
from .browser import CHROMIUM, CHROMIUM_ARGS
from .local_server import serve

SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_638_400 / 8, "uploadThroughput": 675_000 / 8}
PHONE = {"width": 360, "height": 800}
STRIP_BUDGET = 14 * 1024
OUR_SCRIPTS = ["navigator.js", "signs.js"]
# The home page and every answer (data/pathways.yml's outcomes): each first visit has the budget.
FIRST_VISITS = {"home": "", **{f"answer: {outcome.id}": built_address(outcome_path(outcome.id))
                               for outcome in SiteData.load(DATA_DIR).pathways.outcomes}}
LIGHTHOUSE = PROJECT_ROOT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = {
    "home": "", "an outcome": "what-to-do/concern/", "a policy section": "policy/11-concerns/",
    "signs": "signs/", "contacts": "contacts/", "self-check": "training/self-check/",
}
PEER_PAGES = {"home": "", "a policy section": "section-11/"}
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}


def timed(command: list[str], cwd: Path = PROJECT_ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


# --- the two sites -----------------------------------------------------------------------------


def build(site_dir: Path) -> None:
    whole = timed(["bash", "scripts/build", str(site_dir)])
    with tempfile.TemporaryDirectory() as temp:
        pages_only = timed(pages.command(temp, quiet=True))
    print(f"Build: {whole:.1f} s in all (pages, PDFs, offline copy); {pages_only:.1f} s for the pages alone")


# A section of the policy as received starts at a heading such as "## 1.0 INTRODUCTION" or
# "#### 4.0 ...", or (13.0, an artefact of the conversion) inside a list item.
SECTION_START = re.compile(r"^(?:#+ *\**|- )(\d{1,2})\.0 ", re.MULTILINE)


def build_plain_material(project: Path) -> Path:
    """The peer: the policy as received, one page per section (the first with the title), built
    with Material's defaults. Returns its site folder."""
    received = source_file(SiteData.load(DATA_DIR).versions.current.date)  # the current version
    text = (PROJECT_ROOT / received).read_text(encoding="utf-8")
    starts = [m.start() for m in SECTION_START.finditer(text)]
    numbers = [int(m[1]) for m in SECTION_START.finditer(text)]
    assert numbers == list(range(1, len(numbers) + 1)), f"{received}: sections found {numbers}"
    docs = project / "docs"
    docs.mkdir(parents=True)
    bounds = [0, *starts[1:], len(text)]
    for number, (begin, end) in enumerate(zip(bounds, bounds[1:]), start=1):
        name = "index.md" if number == 1 else f"section-{number}.md"
        (docs / name).write_text(text[begin:end], encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Child Exploitation Policy\ntheme:\n  name: material\n", encoding="utf-8")
    timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project)
    return project / "site"


# --- figures from the files --------------------------------------------------------------------


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
    listed = ", ".join(f"{name} {kb(size)}" for name, size in sizes.items())
    print(f"Navigator and signs scripts: {kb(sum(sizes.values()))} gzipped ({listed}); budget 20 KB")


def precache_figures(site_dir: Path) -> None:
    script = (site_dir / SERVICE_WORKER).read_text(encoding="utf-8")
    addresses = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", script)[1])
    files = [site_dir / served_file(address) for address in addresses]
    raw = sum(f.stat().st_size for f in files)
    zipped = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    print(f"Kept for use without signal (the service worker's precache, after the page): "
          f"{len(files)} files, {raw / 1024 / 1024:.2f} MB raw, {kb(zipped)} gzipped")


# --- in Chromium -------------------------------------------------------------------------------


def first_visit(browser, url: str) -> tuple[int, int, float]:
    """The requests, the bytes transferred (gzipped, as served) and the load time of one first
    visit, the service worker kept out, once the network is quiet."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    transferred = sum(request.sizes()["responseBodySize"] for request in finished)
    context.close()
    return len(finished), transferred, loaded


def offline_share(browser, base: str, site_dir: Path) -> None:
    pages = sorted(p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("index.html"))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # (Not wait_for_function with a string: the pages' Content Security Policy refuses its eval.)
    page.evaluate("""() => navigator.serviceWorker.controller || new Promise(resolve =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }))""")
    context.set_offline(True)
    loaded = 0
    for path in pages:
        try:
            response = page.goto(base + path)
            loaded += bool(response and response.ok)
        except Exception:
            pass
    context.close()
    print(f"Offline after one visit: {loaded} of {len(pages)} pages open ({100 * loaded / len(pages):.0f}%)")


def lighthouse(url: str) -> dict | None:
    """The median run (by performance score) of RUNS Lighthouse runs, or None if it failed."""
    reports = []
    for _ in range(RUNS):
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", f"--chrome-path={CHROMIUM}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--only-categories=accessibility,performance",
             "--output=json", "--output-path=stdout"],
            capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0:
            print(f"    Lighthouse failed on {url}: {result.stderr.strip()[-300:]}")
            return None
        reports.append(json.loads(result.stdout))
    reports.sort(key=lambda r: r["categories"]["performance"]["score"])
    return reports[len(reports) // 2]


def lighthouse_line(name: str, report: dict) -> str:
    audits = report["audits"]
    score = {key: round(100 * category["score"]) for key, category in report["categories"].items()}
    figures = (f"TBT {audits['total-blocking-time']['numericValue']:.0f} ms, "
               f"LCP {audits['largest-contentful-paint']['numericValue'] / 1000:.1f} s, "
               f"FCP {audits['first-contentful-paint']['numericValue'] / 1000:.1f} s, "
               f"CLS {audits['cumulative-layout-shift']['numericValue']:.2f}, "
               f"{kb(audits['total-byte-weight']['numericValue'])}")
    failed = [ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]
              if audits[ref["id"]]["score"] not in (None, 1)]
    return (f"  {name:<18} performance {score['performance']:>3}, accessibility {score['accessibility']:>3} ({figures})"
            + (f"; accessibility audits failed: {', '.join(failed)}" if failed else ""))


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        site_dir = Path(temp) / "site"
        build(site_dir)
        peer_dir = build_plain_material(Path(temp) / "plain-material")
        strip_offsets(site_dir)
        script_weight(site_dir)
        precache_figures(site_dir)
        with serve(site_dir, compress=True) as base, serve(peer_dir, compress=True) as peer, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            print("\nFirst visit at 360x800 over Slow 4G, before the service worker starts "
                  "(budget for the home page and every answer: 7 requests, 70 KB gzipped):")
            for name, path in FIRST_VISITS.items():
                requests, size, loaded = first_visit(browser, base + path)
                print(f"  {name:<32} {requests} requests, {kb(size)} gzipped, loaded in {loaded / 1000:.1f} s")
            requests, size, loaded = first_visit(browser, peer)
            print(f"  {'plain Material home':<32} {requests} requests, {kb(size)} gzipped, loaded in {loaded / 1000:.1f} s")
            offline_share(browser, base, site_dir)
            browser.close()
            if not LIGHTHOUSE.exists():
                print("\nLighthouse: not installed (make bench installs it: npm ci --prefix scripts/lighthouse)")
                return
            print(f"\nLighthouse mobile, median of {RUNS} runs (budget: performance 98 or more, "
                  "TBT at most 100 ms, accessibility 100):")
            for name, path in LIGHTHOUSE_PAGES.items():
                if report := lighthouse(base + path):
                    print(lighthouse_line(name, report))
            print("  The plain Material site, for comparison:")
            for name, path in PEER_PAGES.items():
                if report := lighthouse(peer + path):
                    print(lighthouse_line(name, report))


if __name__ == "__main__":
    main()
