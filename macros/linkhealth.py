"""The "Guidance links" page: each external document's status from the last link check.

The status of every address lives in ``data/link-report.json``, which the link check
(``tools/linkcheck.py``, run weekly in CI and by ``make links``) writes and a person commits.
``data/links.yml`` stays what people edit by hand: the check never rewrites it. The page joins
the two by address, so a document whose address was edited after the last check reads
"not checked yet" rather than showing the old address's result.

The renderers below take records and return Markdown (no files, no MkDocs), so they are tested
on their own; ``register`` wires them into mkdocs-macros.
"""

from __future__ import annotations

from typing import Callable

from sitedata.linkreport import LinkReport, LinkResult
from sitedata.models import Link

from . import page, reach, render
from .text import Html, plain

# The status as staff read it, and what the policy owner should do about it.
STATUS_WORDS: dict[str, str] = {
    "ok": "Working",
    "redirected": "Moved",
    "broken": "Broken",
    "blocked": "Could not be checked automatically",
    "timed-out": "No answer in time",
    "server-error": "The website had a fault",
    "not-checked-yet": "Not checked yet",
}
ADVICE: dict[str, str] = {
    "redirected": "the policy owner should update the link to the new address",
    "broken": "the policy owner should find the document's new address",
    "blocked": "the website turned the checker away; open it in a browser to check it",
    "timed-out": "open it in a browser to check it; the next weekly check tries again",
    "server-error": "the website answered with a server error on every try; open it in a browser later",
}


# --- rendering ----------------------------------------------------------------------------------

def address_link(url: object) -> str:
    """An address as a link whose text is the address itself, so the policy owner can read it."""
    return f"[{plain(str(url))}]({render.link_target(url)})"


def checked_on(result: LinkResult | None) -> str:
    return render.long_date(result.checked_at.date()) if result and result.checked_at else "never"


def status_line(result: LinkResult | None) -> str:
    """'Broken (404 Not Found); the policy owner should find the document's new address.'"""
    kind = result.classification if result else "not-checked-yet"
    line = STATUS_WORDS[kind]
    if kind == "redirected" and result.final_url:
        line += f": it now leads to {address_link(result.final_url)}"
    elif kind in ("broken", "blocked", "timed-out", "server-error") and result.result:
        line += f" ({plain(result.result)})"
    if kind in ADVICE:
        line += f"; {ADVICE[kind]}"
    return line + "."


def document_card(link: Link, clause_links: Html, report: LinkReport) -> str:
    """One document: what it is, where the policy cites it, its address and how that address fared.

    A list under a heading, not a table: nothing to scroll sideways on a phone.
    """
    lines = [
        f"### {plain(link.title)} {{ #link-{link.id} }}",
        "",
        f"{plain(link.publisher)}, {link.kind.replace('-', ' ')}",
        "",
        f"- **In the policy:** {clause_links}, as “{plain(link.text)}”",
    ]
    if link.kind == "internal":
        lines += ["- **Address:** none: an internal Group document (ask your DSL)",
                  "- **Status:** Not checked: there is no public address."]
    elif not link.confirmed:
        lines += ["- **Address:** address to be confirmed by the policy owner",
                  "- **Status:** Not checked: the address is to be confirmed."]
    else:
        result = report.for_url(link.url)
        lines += [f"- **Address:** {address_link(link.url)}",
                  f"- **Status:** {status_line(result)}",
                  f"- **Last checked:** {checked_on(result)}"]
    if link.superseded_by:
        successor = link.superseded_by
        result = report.for_url(successor.url)
        lines += [
            f"- **Replaced by:** {plain(successor.title)}, from {render.long_date(successor.since)}",
            f"    - **Address:** {address_link(successor.url)}",
            f"    - **Status:** {status_line(result)}",
            f"    - **Last checked:** {checked_on(result)}",
        ]
    return "\n".join(lines) + "\n"


def summary(report: LinkReport) -> str:
    """The first sentence of the page: when the links were last checked, and what was found."""
    if report.generated_at is None:
        return "The links have not been checked yet: this page shows their status once a check's report is committed.\n"
    counts = ", ".join(f"{count} {STATUS_WORDS[kind].lower()}" for kind, count in report.counts().items())
    checked = render.long_date(report.generated_at.date())
    return f"The last check, on {checked}, looked at {len(report.links)} addresses: {counts}.\n"


def page_body(links: list[Link], report: LinkReport, clause_links: Callable[[Link], Html]) -> str:
    """The whole list: the summary, then one card per document in the order of data/links.yml."""
    return "\n".join([summary(report), *(document_card(link, clause_links(link), report) for link in links)])


def register(env, site) -> None:
    """Add this module's macros to mkdocs-macros' ``env``."""
    report = site.link_report

    def clause_links(link: Link) -> Html:
        return reach.clause_links(site, link.clauses, page.linker(env), beside_step=False)

    @env.macro
    def link_health() -> str:
        """Every guidance document with its status: the body of docs/about/guidance-links.md."""
        return page_body(site.links.links, report, clause_links)
