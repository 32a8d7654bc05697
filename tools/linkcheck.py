"""The external link check: every address in data/links.yml and every outside link of the built
site, checked by linkchecker, with a few polite retries, classified, and written as a JSON report.

    scripts/check-links [--site site] [--report data/link-report.json] [--timeout 30] ...

linkchecker does the checking; this module only chooses what to check, asks linkchecker again
about answers that may change (linkchecker itself never retries), and sorts the answers:

=====================================================  =========  ===========================
linkchecker's answer                                   retried?   if it persists
=====================================================  =========  ===========================
2xx (any status below 400)                             no         ok
2xx after one or more redirects                        no         redirected (+ final_url)
robots.txt forbids checking                            no         blocked
404 Not Found, 410 Gone                                no         broken
401, 403, other 4xx (refusals, bot walls)              no         blocked
429 Too Many Requests                                  yes        blocked
5xx (a fault at the website)                           yes        server-error
timeout (connecting or reading)                        yes        timed-out
host name does not exist; connection refused           no         broken
connection aborted or reset (a common bot wall)        yes        blocked
anything else (a temporary DNS failure, an error
linkchecker cut short, no answer at all)               yes        broken
=====================================================  =========  ===========================

Only "broken" makes the command exit 1: a reader following that link gets nothing. A refused
connection counts as broken and is not retried: on the public web it means nothing listens at
that address, and a retry seconds later would not catch a site coming back from maintenance.
Blocked and timed-out links may well work in a browser; they are reported for a person to look
at, and never fail the run. A 429 or 503 answer's Retry-After is honoured, up to a cap, before
the next try. Addresses that differ only in their #fragment are one page: it is checked once and
its answer given to each. Exit 2 means the check itself could not run, which includes a run
in which no website gave any HTTP answer at all: then the machine is offline, and calling every
link broken would be wrong.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import email.utils
import io
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from sitedata import DATA_DIR
from sitedata.errors import DataError
from sitedata.linkreport import LinkReport, LinkResult, answer_text, web_address_or_none
from sitedata.load import load_file
# linkchecker from the same virtual environment as this Python (a test dependency in uv.lock).
LINKCHECKER = Path(sys.executable).parent / "linkchecker"

# Addresses on this machine are the local server's, not outside guidance.
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# How linkchecker words its answers (linkchecker 10.6: checker/httpurl.py, checker/urlbase.py).
HTTP_STATUS = re.compile(r"^(\d{3}) ")
REDIRECT_WARNING = "Redirected to `"
ROBOTS_DENIED = "Access denied by robots.txt"
TIMEOUTS = ("ReadTimeout", "ConnectTimeout", "Timeout")
# linkchecker cuts its error messages at 240 characters, so on a long address these may be cut
# off: such an error falls through to "anything else", which is retried and then broken.
NO_SUCH_HOST = ("Hostname not found", "[Errno -2]", "[Errno -5]", "Name or service not known")
REFUSED = ("[Errno 111]", "Connection refused")
HUNG_UP = ("Connection aborted", "Connection reset", "RemoteDisconnected")

FIXES = {
    "broken": "find the document's new address and update data/links.yml",
    "redirected": "update the address in data/links.yml to the new one",
    "blocked": "open it in a browser: the site turned the checker away",
    "timed-out": "open it in a browser: the site did not answer in time",
    "server-error": "open it in a browser later: the site had a fault on every try",
}
# The longest Retry-After that the check waits for, in seconds: a site asking for more is
# tried again at the next scheduled check instead.
RETRY_AFTER_CAP = 120


# --- what to check ----------------------------------------------------------------------------


@dataclass
class Target:
    """An address to check, and where it comes from."""

    ids: list[str] = field(default_factory=list)  # entries of data/links.yml
    pages: list[str] = field(default_factory=list)  # pages of the built site


def registry_addresses(registry: Path) -> dict[str, list[str]]:
    """Every address in data/links.yml (successors included) and the ids of the entries naming it."""
    book = load_file(registry)
    addresses: dict[str, list[str]] = defaultdict(list)
    for link in book.links:
        for url in (link.url, link.superseded_by.url if link.superseded_by else None):
            if url is not None:
                addresses[str(url)].append(link.id)
    return addresses


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def is_external(href: str) -> bool:
    parts = urlsplit(href)
    return parts.scheme in ("http", "https") and parts.hostname not in LOCAL_HOSTS


def site_addresses(site: Path) -> dict[str, list[str]]:
    """Every outside web address an <a href> of the built site points to, and the pages with it."""
    addresses: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        anchors = _Anchors()
        anchors.feed(page.read_text(encoding="utf-8"))
        path = page.relative_to(site).as_posix().removesuffix("index.html") or "/"
        for href in anchors.hrefs:
            if is_external(href) and path not in addresses[href]:
                addresses[href].append(path)
    return {url: sorted(pages) for url, pages in addresses.items()}


def collect_targets(registry: Path, site: Path | None) -> dict[str, Target]:
    """The registry's addresses in its order, then the site's other outside links."""
    targets = {url: Target(ids=ids) for url, ids in registry_addresses(registry).items()}
    for url, pages in (site_addresses(site) if site else {}).items():
        targets.setdefault(url, Target()).pages = pages
    return targets


# --- running linkchecker ------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    timeout: int = 30  # seconds linkchecker waits for each answer (it takes whole seconds)
    retries: int = 2  # further attempts for answers that may change
    backoff: float = 30  # seconds before the first retry; doubled before each later one
    rate: float = 1  # linkchecker's maxrequestspersecond per site: it waits 1/rate to 6/rate s
    threads: int = 4
    retry_after_cap: float = RETRY_AFTER_CAP  # seconds


class CheckFailed(RuntimeError):
    """linkchecker itself did not run: there is nothing to report."""


def linkchecker_config(settings: Settings) -> str:
    return "\n".join([
        "[checking]",
        f"threads={settings.threads}",
        f"timeout={settings.timeout}",
        f"maxrequestspersecond={settings.rate}",
        "[output]",
        # Every address, not only failures: an address without a row would look unchecked.
        "verbose=1",
        "",
    ])


def run_linkchecker(urls: list[str], settings: Settings) -> dict[str, dict[str, str]]:
    """One linkchecker run over ``urls``; its CSV row for each address, keyed by the address.

    Each address is a start address checked at recursion level 0: linkchecker checks it,
    following its redirects, and crawls none of the sites. The addresses go in on standard input,
    not in a file: run as root (as in CI's container), linkchecker becomes the user nobody before
    it reads its start addresses, and nobody cannot read our private temporary folder. It reads
    its configuration file before that.
    """
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "linkcheckerrc"
        config.write_text(linkchecker_config(settings), encoding="utf-8")
        try:
            finished = subprocess.run(
                [str(LINKCHECKER), "--config", str(config), "--no-status", "--recursion-level", "0",
                 "--output", "csv", "--stdin"],
                input="\n".join(urls), capture_output=True, text=True,
            )
        except FileNotFoundError:
            raise CheckFailed(f"{LINKCHECKER} is missing: run `make install`") from None
    # linkchecker exits 1 when it found an invalid link, and 2 when it could not check at all.
    if finished.returncode not in (0, 1) or "urlname;" not in finished.stdout:
        raise CheckFailed(f"linkchecker failed (exit {finished.returncode}):\n{finished.stderr.strip()}")
    table = finished.stdout[finished.stdout.index("urlname;"):]
    rows = csv.DictReader(io.StringIO(table), delimiter=";")
    # The last line, "# Stopped checking at …", reads as a row: it is none of our addresses.
    wanted = set(urls)
    return {row["urlname"]: row for row in rows if row["urlname"] in wanted}


# --- classifying ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    classification: str
    retry: bool = False  # the answer may change: ask again after a pause


def http_status(result: str) -> int | None:
    match = HTTP_STATUS.match(result)
    return int(match.group(1)) if match else None


def judge(result: str, warnings: str = "", info: str = "") -> Verdict:
    """Sort one linkchecker answer (its CSV result, warningstring and infostring columns), as in
    the table at the top of this module."""
    if ROBOTS_DENIED in info:
        return Verdict("blocked")
    status = http_status(result)
    if status is not None:
        if status < 400:
            return Verdict("redirected" if REDIRECT_WARNING in warnings else "ok")
        if status in (404, 410):
            return Verdict("broken")
        if status == 429:
            return Verdict("blocked", retry=True)
        if status >= 500:
            return Verdict("server-error", retry=True)
        return Verdict("blocked")
    if result.startswith(TIMEOUTS):
        return Verdict("timed-out", retry=True)
    if any(sign in result for sign in NO_SUCH_HOST + REFUSED):
        return Verdict("broken")
    if any(sign in result for sign in HUNG_UP):
        return Verdict("blocked", retry=True)
    return Verdict("broken", retry=True)


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def outcome(url: str, target: Target, row: dict[str, str], verdict: Verdict, attempt: int) -> LinkResult:
    """What one attempt found for one address, from linkchecker's CSV row."""
    warnings = row.get("warningstring", "")
    return LinkResult(
        url=url, ids=target.ids, pages=target.pages, classification=verdict.classification,
        status_code=http_status(row["result"]), result=answer_text(row["result"]),
        # linkchecker's "url" column is where it ended up after following the redirects: whatever
        # the remote server said, so kept only if it is an https address and nothing else.
        final_url=web_address_or_none(row["url"]) if REDIRECT_WARNING in warnings else None,
        attempts=attempt, checked_at=now(),
    )


def page_address(url: str) -> str:
    """The address without its #fragment: what a website is asked for."""
    return url.split("#", 1)[0]


def retry_after(url: str, cap: float) -> float:
    """The seconds a website asked us to wait (its Retry-After header, in seconds or as a date),
    at most ``cap``; 0 when it said nothing. Asked with one HEAD request of our own: linkchecker
    does not report the headers of an answer."""
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "LinkChecker"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            value = answer.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        value = error.headers.get("Retry-After")
    except (urllib.error.URLError, OSError):
        return 0
    if not value:
        return 0
    if value.strip().isdigit():
        seconds = float(value)
    else:
        try:
            seconds = (email.utils.parsedate_to_datetime(value) - now()).total_seconds()
        except (TypeError, ValueError):
            return 0
    return max(0.0, min(seconds, cap))


def check(targets: dict[str, Target], settings: Settings) -> list[LinkResult]:
    """Check every target, then again, after a pause, those whose answer may change. Targets
    that differ only in their #fragment share one check."""
    results: dict[str, LinkResult] = {}
    pending = list(dict.fromkeys(page_address(url) for url in targets))
    wait = 0.0
    for attempt in range(1, settings.retries + 2):
        if attempt > 1:
            # Back off, doubling each time: a busy or rate-limiting site needs room, not haste;
            # longer if the site asked for it.
            time.sleep(max(settings.backoff * 2 ** (attempt - 2), wait))
        rows = run_linkchecker(pending, settings)
        retry, wait = [], 0.0
        for address in pending:
            row = rows.get(address) or {"result": "linkchecker gave no answer for this address", "url": address}
            verdict = judge(row["result"], row.get("warningstring", ""), row.get("infostring", ""))
            for url in (url for url in targets if page_address(url) == address):
                results[url] = outcome(url, targets[url], row, verdict, attempt)
            if verdict.retry:
                retry.append(address)
                if http_status(row["result"]) in (429, 503) and attempt <= settings.retries:
                    wait = max(wait, retry_after(address, settings.retry_after_cap))
        pending = retry
        if not pending:
            break
    return [results[url] for url in targets]


# --- the command ----------------------------------------------------------------------------------


def describe(result: LinkResult) -> str:
    """One line of the command's output: what, where from, what was found, and the fix."""
    where = f"data/links.yml: {', '.join(result.ids)}" if result.ids else f"pages: {', '.join(result.pages)}"
    line = f"{result.classification:<11} {result.url} ({where}): {result.result}"
    if result.classification == "redirected":
        line += f" -> {result.final_url}"
    return f"{line}. Fix: {FIXES[result.classification]}" if result.classification in FIXES else line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    defaults = Settings()
    parser = argparse.ArgumentParser(
        prog="scripts/check-links",
        description="Check every external guidance link (data/links.yml, and the built site's "
                    "outside links) with linkchecker, and write a JSON report. Exit 1 if any is broken.",
    )
    parser.add_argument("--registry", type=Path, default=DATA_DIR / "links.yml",
                        help="the links registry (default: data/links.yml)")
    parser.add_argument("--site", type=Path, help="a built site directory whose outside links are checked too")
    parser.add_argument("--report", type=Path, default=DATA_DIR / "link-report.json",
                        help="where to write the JSON report (default: data/link-report.json)")
    parser.add_argument("--timeout", type=int, default=defaults.timeout, help="seconds to wait for an answer (default: %(default)s)")
    parser.add_argument("--retries", type=int, default=defaults.retries,
                        help="further attempts for answers that may change: timeouts, 429, 5xx, dropped "
                             "connections (default: %(default)s)")
    parser.add_argument("--backoff", type=float, default=defaults.backoff,
                        help="seconds before the first retry, doubled before each later one (default: %(default)s)")
    parser.add_argument("--rate", type=float, default=defaults.rate,
                        help="linkchecker's maxrequestspersecond for each site (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=defaults.threads, help="linkchecker's threads (default: %(default)s)")
    parser.add_argument("--retry-after-cap", type=float, default=defaults.retry_after_cap,
                        help="the longest Retry-After to wait for, in seconds (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings(timeout=args.timeout, retries=args.retries, backoff=args.backoff, rate=args.rate,
                        threads=args.threads, retry_after_cap=args.retry_after_cap)
    if args.site and not args.site.is_dir():
        print(f"check-links: {args.site} is not a built site: run `make build` first", file=sys.stderr)
        return 2
    try:
        targets = collect_targets(args.registry, args.site)
        results = check(targets, settings)
    except (DataError, CheckFailed) as error:
        print(f"check-links: {error}", file=sys.stderr)
        return 2
    if not any(result.status_code for result in results):
        print("check-links: no website answered at all: is this machine offline? No report written.", file=sys.stderr)
        return 2
    report = LinkReport(generated_at=now(), links=results)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")

    counts = ", ".join(f"{count} {kind}" for kind, count in report.counts().items())
    print(f"Checked {len(results)} addresses: {counts}. Report: {args.report}")
    for result in results:
        if result.classification != "ok":
            print(describe(result))
    return 1 if any(result.classification == "broken" for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
