"""The external link check (tools/linkcheck.py, scripts/check-links) against a fixture server on
127.0.0.1 whose routes answer as real websites do; and the Guidance links page it feeds
(macros/linkhealth.py). Nothing here contacts any other address.

The module's tests run on one worker (xdist_group): the checks against the fixture server start
together there, once (the ``checks`` fixture)."""

from __future__ import annotations

import contextlib
import datetime
import http.server
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from tools import linkcheck
from macros.linkhealth import document_card, summary
from macros.text import Html
from sitedata.linkreport import LinkReport, LinkResult
from sitedata.models import Link

pytestmark = pytest.mark.xdist_group("link-check")

# Small values, so that the timeouts and retries take seconds (linkchecker takes whole seconds).
TIMEOUT = 1
FAST = ["--timeout", str(TIMEOUT), "--backoff", "0.2", "--rate", "100"]

# path -> (status, Location header)
REDIRECTS = {"/moved": (301, "/ok"), "/chain": (302, "/chain2"), "/chain2": (302, "/ok")}
STATUSES = {"/ok": 200, "/gone404": 404, "/gone410": 410, "/forbidden": 403}


class FixtureSite(http.server.BaseHTTPRequestHandler):
    """Answers like the websites the policy links to: fine, moved, gone, refusing, busy or slow."""

    requests: Counter  # path -> requests so far, shared with the test
    asked_at: dict  # path -> the times of those requests (time.monotonic)

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self.requests[self.path] += 1
        self.asked_at.setdefault(self.path, []).append(time.monotonic())
        if self.path in REDIRECTS:
            status, location = REDIRECTS[self.path]
            return self.answer(status, location)
        if self.path == "/busy":
            # Rate limited on the first request, fine on the next: the retry must catch it.
            return self.answer(429 if self.requests[self.path] == 1 else 200)
        if self.path == "/fault":
            return self.answer(503)
        if self.path in ("/wait", "/wait-long"):
            # Rate limited, asking for a pause: the first GET and the check's HEAD get 429.
            seconds = "1" if self.path == "/wait" else "3600"
            return self.answer(429 if self.requests[self.path] <= 2 else 200, retry_after=seconds)
        if self.path == "/slow":
            time.sleep(TIMEOUT + 1.5)
            return self.answer(200)
        return self.answer(STATUSES.get(self.path, 404))

    def answer(self, status: int, location: str | None = None, retry_after: str | None = None) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        if retry_after and status == 429:
            self.send_header("Retry-After", retry_after)
        # Lets linkchecker lift its per-host rate limit: this is our own server on loopback.
        self.send_header("LinkChecker", "local test server")
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "0")
        self.end_headers()


@contextlib.contextmanager
def fixture_site():
    """The fixture server on a free port of 127.0.0.1: yields (base URL, request counter)."""
    requests: Counter = Counter()
    handler = type("Handler", (FixtureSite,), {"requests": requests, "asked_at": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True  # /slow's handler may still be asleep when the test ends
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests, handler.asked_at
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/refused"


def registry(tmp_path, urls: dict[str, str]):
    """A data/links.yml naming ``urls`` ({id: address})."""
    entries = [
        {"id": link_id, "text": link_id, "title": link_id, "publisher": "Test", "url": url, "confidence": "high",
         "kind": "research", "clauses": ["3.2"]}
        for link_id, url in urls.items()
    ]
    path = tmp_path / "links.yml"
    path.write_text(yaml.safe_dump(entries), encoding="utf-8")
    return path


def by_id(report_path) -> dict[str, LinkResult]:
    report = LinkReport.model_validate_json(report_path.read_text(encoding="utf-8"))
    return {result.ids[0]: result for result in report.links}


# --- the check against the fixture server -------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One run of the check against a fixture server of its own: what it reported and what the
    server was asked."""

    base: str
    exit_code: int
    output: str  # the real command's (scripts/check-links); empty when run in this process
    results: dict[str, LinkResult]
    requests: Counter
    asked_at: dict


def run_check(folder: Path, urls: Callable[[str], dict[str, str]], arguments: list[str], command: bool) -> Check:
    """The check of ``urls(base)`` (base: the fixture server's address), with ``arguments``: in
    this process, or as the real command, as `make links` and CI run it."""
    with fixture_site() as (base, requests, asked_at):
        report = folder / "report.json"
        argv = ["--registry", str(registry(folder, urls(base))), "--report", str(report), *arguments, *FAST]
        if command:
            finished = subprocess.run([str(ROOT / "scripts" / "check-links"), *argv],
                                      capture_output=True, text=True, timeout=120)
            exit_code, output = finished.returncode, finished.stdout + finished.stderr
        else:
            exit_code, output = linkcheck.main(argv), ""
        return Check(base, exit_code, output, by_id(report), requests, asked_at)


def addresses(*paths: str) -> Callable[[str], dict[str, str]]:
    return lambda base: {path: f"{base}/{path}" for path in paths}


# Every route of the fixture server that answers as a website can (and a closed port beside it).
EVERY_ANSWER = addresses("ok", "moved", "chain", "gone404", "gone410", "forbidden", "busy", "slow")
# name -> (the addresses, the check's arguments, whether the real command runs it)
CHECKS = {
    "every kind": (lambda base: EVERY_ANSWER(base) | {"refused": closed_port_url()}, ["--retries", "2"], False),
    "fragments": (lambda base: {"first": f"{base}/ok#one", "second": f"{base}/ok#two", "fault": f"{base}/fault"},
                  ["--retries", "1"], False),
    "retry-after": (lambda base: {"wait": f"{base}/wait", "long": f"{base}/wait-long"},
                    ["--retries", "1", "--retry-after-cap", "2"], False),
    # Redirected, blocked, ok after a retry, timed out: none of them broken.
    "command, nothing broken": (addresses("moved", "forbidden", "busy", "slow"), ["--retries", "1"], True),
    "command, one broken": (addresses("ok", "gone410"), ["--retries", "1"], True),
}


@pytest.fixture(scope="module")
def checks(tmp_path_factory) -> dict[str, Future[Check]]:
    """Every check against the fixture server, started at once: each spends most of its time
    waiting (for timeouts, back-offs and Retry-After), so together they take as long as the
    longest alone. Each test waits for its own."""
    with ThreadPoolExecutor(max_workers=len(CHECKS)) as pool:
        yield {name: pool.submit(run_check, tmp_path_factory.mktemp("check"), *how) for name, how in CHECKS.items()}


def test_every_kind_of_answer_is_classified_and_a_broken_link_fails_the_check(checks):
    check = checks["every kind"].result()
    results, requests = check.results, check.requests
    assert {link_id: result.classification for link_id, result in results.items()} == {
        "ok": "ok",
        "moved": "redirected",
        "chain": "redirected",
        "gone404": "broken",
        "gone410": "broken",
        "forbidden": "blocked",
        "busy": "ok",  # 429, then 200 on the retry
        "slow": "timed-out",
        "refused": "broken",
    }
    assert check.exit_code == 1
    assert results["moved"].final_url == results["chain"].final_url == f"{check.base}/ok"
    assert requests["/chain2"] == 1  # the chain was followed to its end
    assert results["ok"].final_url is None
    assert (results["gone404"].status_code, results["gone410"].status_code) == (404, 410)
    assert results["forbidden"].status_code == 403
    # Retried: only the answers that may change, each until it settles or the attempts run out.
    # The 429 was asked once more, by HEAD, for its Retry-After.
    assert results["busy"].attempts == 2 and requests["/busy"] == 3
    assert results["slow"].attempts == 3 and results["slow"].result.startswith("ReadTimeout")
    assert {results[i].attempts for i in ("ok", "moved", "gone404", "gone410", "forbidden", "refused")} == {1}
    assert requests["/gone404"] == 1
    assert all(result.checked_at for result in results.values())


def test_fragments_of_one_page_are_one_check_and_a_lasting_fault_is_a_server_error(checks):
    check = checks["fragments"].result()
    results = check.results
    assert results["first"].classification == results["second"].classification == "ok"
    assert results["first"].url.endswith("#one") and results["second"].url.endswith("#two")
    assert check.requests["/ok"] == 1
    assert results["fault"].classification == "server-error" and results["fault"].status_code == 503
    assert results["fault"].attempts == 2
    assert check.exit_code == 0  # a fault at the website is reported, not a broken link


def test_retry_after_is_honoured_up_to_the_cap(checks):
    check = checks["retry-after"].result()
    assert check.results["wait"].classification == check.results["long"].classification == "ok"
    # GET (429), the check's HEAD (429, Retry-After), then the retry's GET.
    first_get, _, retry = check.asked_at["/wait"]
    assert retry - first_get >= 1  # the site's 1 second, not the 0.2 s back-off
    first_get, _, retry = check.asked_at["/wait-long"]
    assert 2 <= retry - first_get < 10  # 3600 seconds asked, the cap of 2 waited


@pytest.mark.parametrize(("name", "expected_exit"), [("command, nothing broken", 0), ("command, one broken", 1)])
def test_the_command_exits_non_zero_only_for_a_broken_link(checks, name, expected_exit):
    """The real command, as `make links` and CI run it."""
    check = checks[name].result()
    assert check.exit_code == expected_exit, check.output
    assert set(check.results) == set(CHECKS[name][0](check.base))
    assert f"Checked {len(check.results)} addresses" in check.output
    if expected_exit:
        assert f"broken      {check.base}/gone410 (data/links.yml: gone410): 410 Gone. Fix: " in check.output


def test_a_check_that_cannot_run_says_why_and_writes_no_report(tmp_path, capsys):
    report = tmp_path / "report.json"
    assert linkcheck.main(["--site", str(tmp_path / "no-site"), "--report", str(report)]) == 2
    assert "run `make build` first" in capsys.readouterr().err
    bad_registry = tmp_path / "links.yml"
    bad_registry.write_text("- id: Not An Id\n", encoding="utf-8")
    assert linkcheck.main(["--registry", str(bad_registry), "--report", str(report)]) == 2
    assert "links.yml" in capsys.readouterr().err
    assert not report.exists()


def test_a_machine_without_a_network_gets_no_report_not_every_link_broken(tmp_path, capsys):
    links = registry(tmp_path, {"refused": closed_port_url()})
    report = tmp_path / "report.json"
    assert linkcheck.main(["--registry", str(links), "--report", str(report), "--retries", "0", *FAST]) == 2
    assert "is this machine offline?" in capsys.readouterr().err
    assert not report.exists()


# --- the rules, for answers the fixture server cannot give --------------------------------------

# Results as linkchecker 10.6 words them (cut at 240 characters, as it cuts them).
NO_SUCH_HOST = ("ConnectionError: HTTPConnectionPool(host='gone.example', port=80): Max retries exceeded with url: /x "
                "(Caused by NameResolutionError(\"HTTPConnection(host='gone.example', port=80): Failed to resolve "
                "'gone.example' ([Errno -2] Name or service ...")
DNS_HICCUP = ("ConnectionError: HTTPConnectionPool(host='gone.tmpfail', port=80): Max retries exceeded with url: /y "
              "(Caused by NameResolutionError(\"HTTPConnection(host='gone.tmpfail', port=80): Failed to resolve "
              "'gone.tmpfail' ([Errno -3] Temporary failur...")
CUT_SHORT = ("ConnectionError: HTTPSConnectionPool(host='www.iicsa.example', port=443): Max retries exceeded with url: "
             "/reports-recommendations/publications/investigation/cs-organised-networks/part-d-meeting-needs-"
             "particular-groups-sexually-exploited-chi...")


@pytest.mark.parametrize(
    ("result", "warnings", "info", "classification", "retry"),
    [
        ("200 OK", "", "", "ok", False),
        ("200 OK", "Redirected to `https://example.org/new' status: 301 Moved Permanently.", "", "redirected", False),
        ("404 Not Found", "Redirected to `https://example.org/old' status: 301 Moved Permanently.", "", "broken", False),
        ("syntax OK", "", "Access denied by robots.txt, checked only syntax.", "blocked", False),
        ("401 Unauthorized", "", "", "blocked", False),
        ("400 Bad Request", "", "", "blocked", False),
        ("429 Too Many Requests", "Rate limited (Retry-After: 60)", "", "blocked", True),
        ("500 Internal Server Error", "", "", "server-error", True),
        ("503 Service Unavailable", "", "", "server-error", True),
        ("ConnectTimeout: HTTPSConnectionPool(host='example.org', port=443): Max retries exceeded", "", "",
         "timed-out", True),
        (NO_SUCH_HOST, "", "", "broken", False),
        ("Hostname not found", "", "", "broken", False),
        (DNS_HICCUP, "", "", "broken", True),
        ("ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection'))", "", "",
         "blocked", True),
        (CUT_SHORT, "", "", "broken", True),
        ("linkchecker gave no answer for this address", "", "", "broken", True),
    ],
)
def test_each_answer_is_sorted_by_the_rules(result, warnings, info, classification, retry):
    assert linkcheck.judge(result, warnings, info) == linkcheck.Verdict(classification, retry)


# --- what is checked ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "led_to",
    ["https://www.gov.uk/x) <script>window.__pwned=1</script>", "javascript:alert(1)", "http://www.gov.uk/plain",
     "https://www.gov.uk/\u202etxt.exe"],
)
def test_where_a_redirect_leads_is_kept_only_if_it_is_an_https_address(led_to):
    """A remote server decides where its redirect leads: the report keeps no markup from it."""
    row = {"result": "200 OK", "url": led_to, "warningstring": f"Redirected to `{led_to}'.",
           "infostring": ""}
    result = linkcheck.outcome("https://www.gov.uk/kcsie", linkcheck.Target(ids=["kcsie-2024"]), row,
                               linkcheck.Verdict("redirected"), 1)
    assert result.classification == "redirected" and result.final_url is None


def test_a_servers_answer_is_kept_as_one_line_of_text():
    row = {"result": "404 Not\nFound \u202e<b>x</b>\x00", "url": "https://www.gov.uk/kcsie", "warningstring": ""}
    result = linkcheck.outcome("https://www.gov.uk/kcsie", linkcheck.Target(), row, linkcheck.Verdict("broken"), 1)
    assert result.result == "404 Not Found <b>x</b>"  # shown escaped on the page, like every text


def test_the_registry_and_the_sites_outside_links_are_checked_once_each(tmp_path):
    links = registry(tmp_path, {"kcsie": "https://www.gov.uk/kcsie"})
    site = tmp_path / "site"
    (site / "contacts").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="https://www.gov.uk/kcsie">KCSiE</a> <a href="contacts/">Contacts</a> <a href="#top">Top</a> '
        '<a href="tel:999">999</a> <a href="mailto:dsl@example.org">DSL</a> <a href="http://127.0.0.1:8000/">dev</a>'
    )
    (site / "contacts" / "index.html").write_text(
        '<a href="https://www.worcestershire.gov.uk/help">Help</a> <a href="https://www.gov.uk/kcsie">KCSiE</a>'
    )
    targets = linkcheck.collect_targets(links, site)
    assert list(targets) == ["https://www.gov.uk/kcsie", "https://www.worcestershire.gov.uk/help"]
    assert targets["https://www.gov.uk/kcsie"] == linkcheck.Target(ids=["kcsie"], pages=["/", "contacts/"])
    assert targets["https://www.worcestershire.gov.uk/help"] == linkcheck.Target(ids=[], pages=["contacts/"])


def test_every_address_in_the_real_registry_is_checked_successors_included():
    targets = linkcheck.collect_targets(ROOT / "data" / "links.yml", None)
    raw = yaml.safe_load((ROOT / "data" / "links.yml").read_text(encoding="utf-8"))
    for entry in raw:
        for url in [entry["url"], (entry.get("superseded_by") or {}).get("url")]:
            if url:
                assert entry["id"] in targets[url].ids, entry["id"]


# --- the Guidance links page --------------------------------------------------------------------


def link(**fields) -> Link:
    base = {"id": "kcsie-2024", "text": "KCSiE 2024", "title": "Keeping children safe in education 2024",
            "publisher": "Department for Education", "url": "https://www.gov.uk/kcsie", "confidence": "high",
            "kind": "statutory-guidance", "clauses": ["3.2"]}
    return Link.model_validate(base | fields)


CHECKED_AT = datetime.datetime(2026, 3, 2, 6, 30, tzinfo=datetime.timezone.utc)
# The links to the clauses that cite a document, joined, as linkhealth.register gives them.
CLAUSE_LINKS = Html("[3.2](../policy/03-what-is-child-exploitation.md#clause-3-2)")


def report_of(*results: dict) -> LinkReport:
    return LinkReport(generated_at=CHECKED_AT, links=[
        LinkResult.model_validate({"checked_at": CHECKED_AT, "attempts": 1} | result) for result in results])


def test_a_card_shows_the_document_where_it_is_cited_its_address_and_status():
    card = document_card(link(), CLAUSE_LINKS, report_of(
        {"url": "https://www.gov.uk/kcsie", "classification": "ok", "status_code": 200, "result": "200 OK"}))
    assert card.startswith("### Keeping children safe in education 2024 { #link-kcsie-2024 }\n")
    assert "Department for Education, statutory guidance" in card
    assert f"- **In the policy:** {CLAUSE_LINKS}, as “KCSiE 2024”" in card
    assert "- **Address:** [https://www.gov.uk/kcsie](https://www.gov.uk/kcsie)" in card
    assert "- **Status:** Working." in card
    assert "- **Last checked:** 2 March 2026" in card


def test_a_card_tells_the_policy_owner_what_to_fix():
    broken = document_card(link(), CLAUSE_LINKS, report_of(
        {"url": "https://www.gov.uk/kcsie", "classification": "broken", "status_code": 404, "result": "404 Not Found"}))
    assert "- **Status:** Broken (404 Not Found); the policy owner should find the document's new address." in broken
    moved = document_card(link(), CLAUSE_LINKS, report_of(
        {"url": "https://www.gov.uk/kcsie", "classification": "redirected", "result": "200 OK",
         "final_url": "https://www.gov.uk/new"}))
    assert "Moved: it now leads to [https://www.gov.uk/new](https://www.gov.uk/new); the policy owner should update" in moved


def test_a_document_the_last_check_did_not_include_reads_not_checked_yet():
    card = document_card(link(), CLAUSE_LINKS, report_of(
        {"url": "https://www.gov.uk/old-address", "classification": "ok", "result": "200 OK"}))
    assert "- **Status:** Not checked yet." in card
    assert "- **Last checked:** never" in card


@pytest.mark.parametrize("confidence", ["low", "none"])
def test_an_unconfirmed_address_is_not_shown(confidence):
    card = document_card(link(confidence=confidence), CLAUSE_LINKS, report_of(
        {"url": "https://www.gov.uk/kcsie", "classification": "ok", "result": "200 OK"}))
    assert "address to be confirmed by the policy owner" in card
    assert "https://" not in card


def test_an_internal_document_says_so_and_has_no_address():
    card = document_card(link(kind="internal", url=None, confidence="none"), CLAUSE_LINKS, report_of())
    assert "internal Group document" in card
    assert "https://" not in card


def test_a_superseded_document_shows_its_successor_and_the_successors_status():
    card = document_card(
        link(superseded_by={"title": "Keeping children safe in education 2025", "url": "https://www.gov.uk/kcsie-2025",
                            "since": "2025-09-01"}),
        CLAUSE_LINKS,
        report_of({"url": "https://www.gov.uk/kcsie", "classification": "ok", "result": "200 OK"},
                  {"url": "https://www.gov.uk/kcsie-2025", "classification": "timed-out", "result": "ReadTimeout"}),
    )
    assert "- **Address:** [https://www.gov.uk/kcsie](https://www.gov.uk/kcsie)" in card
    assert "- **Replaced by:** Keeping children safe in education 2025, from 1 September 2025" in card
    assert "    - **Address:** [https://www.gov.uk/kcsie-2025](https://www.gov.uk/kcsie-2025)" in card
    assert "    - **Status:** No answer in time (ReadTimeout)" in card


def test_the_summary_says_when_the_links_were_checked_and_what_was_found():
    report = report_of({"url": "https://a.example/", "classification": "ok"},
                       {"url": "https://b.example/", "classification": "ok"},
                       {"url": "https://c.example/", "classification": "broken"})
    assert summary(report) == "The last check, on 2 March 2026, looked at 3 addresses: 2 working, 1 broken.\n"
    assert summary(LinkReport(generated_at=None, links=[])).startswith("The links have not been checked yet")


def test_the_committed_report_is_valid_and_claims_no_check_it_did_not_make(site):
    report = site.link_report
    unchecked = [result for result in report.links if result.classification == "not-checked-yet"]
    # Either a real check's report (with its date), or the initial one that checked nothing.
    if report.generated_at is None:
        assert unchecked == report.links
    assert all(result.checked_at is None for result in unchecked)


def test_the_page_has_a_card_for_every_document(built_site):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(built_site.page("about/guidance-links/").read_text(encoding="utf-8"), "html.parser")
    for entry in yaml.safe_load((ROOT / "data" / "links.yml").read_text(encoding="utf-8")):
        heading = page.find(id=f"link-{entry['id']}")
        assert heading is not None, entry["id"]
        details = heading.find_next_sibling("ul").get_text(" ")
        assert all(clause in details for clause in map(str, entry["clauses"])), entry["id"]
        assert "Status:" in details, entry["id"]
