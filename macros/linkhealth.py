"""The "Guidance links" page: each external document's status from the last link check.

The status of every address lives in ``data/link-report.json``, which the link check
(``tools/linkcheck.py``, run weekly in CI and by ``make links``) writes and a person commits.
``data/links.yml`` stays what people edit by hand: the check never rewrites it. The page joins
the two by address, so a document whose address was edited after the last check reads
"not checked yet" rather than showing the old address's result.

The renderers below take records and return Markdown, a card from ``pages/link-card.md`` (no
MkDocs), so they are tested on their own; ``register`` wires them into mkdocs-macros.
"""

from __future__ import annotations

from typing import Callable

from sitedata.linkreport import LinkReport, LinkResult
from sitedata.models import Link

from . import components, page, reach, render
from .text import Html

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

def check(url: object, result: LinkResult | None) -> dict:
    """How an address fared in the last check, for pages/link-card.md: 'Broken (404 Not Found);
    the policy owner should find the document's new address.'"""
    kind = result.classification if result else "not-checked-yet"
    return {
        "url": str(url), "target": Html(render.link_target(url)), "words": STATUS_WORDS[kind],
        "leads_to": ({"url": str(result.final_url), "target": Html(render.link_target(result.final_url))}
                     if kind == "redirected" and result.final_url else None),
        "result": result.result if kind in ("broken", "blocked", "timed-out", "server-error") and result.result else None,
        "advice": Html(ADVICE[kind]) if kind in ADVICE else None,  # our own words, as written
        "checked": render.long_date(result.checked_at.date()) if result and result.checked_at else "never",
    }


def document_card(link: Link, clause_links: Html, report: LinkReport) -> Html:
    """One document (pages/link-card.md)."""
    if link.kind == "internal":
        address = "internal"
    elif not link.confirmed:
        address = "unconfirmed"
    else:
        address = check(link.url, report.for_url(link.url))
    successor = link.superseded_by and {"title": link.superseded_by.title, "since": render.long_date(link.superseded_by.since),
                                         "check": check(link.superseded_by.url, report.for_url(link.superseded_by.url))}
    return components.markdown_page("link-card", id=link.id, title=link.title, publisher=link.publisher,
                                    kind=link.kind.replace("-", " "), cited=clause_links, text=link.text,
                                    address=address, successor=successor)


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
