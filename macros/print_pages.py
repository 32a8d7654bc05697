"""The pages made for paper, and the Downloads list.

- ``print/policy.md``: the policy's cover and table of contents. ``macros/pdf.py`` prints it and
  then every page its contents list, in that order, into the policy PDF, filling in the page
  numbers; the contents list is the one place that says what the PDF holds.
- ``print/pocket-card.md``: one A4 page to keep in a pocket: the emergency route, the phone
  numbers and the steps for a concern and for a disclosure, with their clauses.
- ``downloads.md``: links to the PDFs and the offline copy. They exist only after the whole
  build (``scripts/build``), so they are plain HTML links that MkDocs does not check; the link
  test checks them in the full build.

The renderers take records and return Markdown (no files, no MkDocs); ``register`` wires them
into mkdocs-macros.
"""

from __future__ import annotations

import datetime

import posixpath
from typing import Callable

from . import pathway_pages, render
from .screens import is_own_step
from .offline import DOWNLOADS, OFFLINE_ZIP
from .sitedata import SiteData
from .text import plain

# The downloads, at stable addresses: other sites and printed handouts may link to them.
POLICY_PDF = "child-exploitation-policy.pdf"
POCKET_CARD_PDF = "pocket-card.pdf"

POLICY_PAGE = "print/policy.md"
POCKET_CARD_PAGE = "print/pocket-card.md"
# The situations whose steps the pocket card carries (ids of outcomes in data/pathways.yml).
POCKET_CARD_OUTCOMES = ("concern", "disclosure")

# What a page of paper calls this site when the build has no site_url (mkdocs.yml): an address
# is never guessed, so the reader is told where to get it, with room to write it in.
NO_SITE_ADDRESS = "ask your DSL"


def site_address_line(site_url: str | None) -> str:
    if site_url:
        return f"Site address: {plain(site_url)}"
    return f'Site address: <span class="write-in"></span> ({NO_SITE_ADDRESS})'


# --- the policy's cover and contents ----------------------------------------------------------


def policy_parts(site: SiteData, heading: Callable[[str], str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The pages of the policy PDF after the cover, in order and in groups:
    [(group heading, [(docs/ page, title)])]. ``heading`` gives a docs/ page's title."""
    after = [(page, heading(page)) for page in (pathway_pages.CONTACTS, pathway_pages.FLOWCHART)]
    after += [(pathway_pages.node_page(site.pathways, o.id), plain(o.title)) for o in site.pathways.outcomes]
    return [
        ("The policy", [(s.page, heading(s.page)) for s in site.sections.sections]),
        ("Contacts and what to do now", after),
    ]


def cover(site: SiteData, today: datetime.date, site_url: str | None) -> str:
    """The first page of the policy PDF: whose policy, which version, and whether it is due for review."""
    setting, policy = site.setting, site.setting.policy
    status = render.review_status(setting, today)
    lines = [
        '<div class="print-cover" markdown>',
        "",
        f'<p class="print-cover__setting">{plain(setting.name)}</p>',
        "",
        f"# {plain(policy.title)}",
        "",
        plain(setting.group),
        "{ .print-cover__group }",
        "",
        f"Updated {render.long_date(policy.updated)}<br>Review due {render.long_date(policy.review_due)}",
        "{ .print-cover__dates }",
        "",
    ]
    if status["overdue"]:
        lines += ['!!! warning "Review overdue"', f"    {status['overdue_text']}", ""]
    lines += [
        "Each section and clause keeps the number it has in the policy. Contacts that are not in "
        "the policy are marked: check them with your DSL.",
        "",
        site_address_line(site_url),
        "{ .print-cover__address }",
        "",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def contents(parts: list[tuple[str, list[tuple[str, str]]]], from_page: str) -> str:
    """The table of contents: a link to each part, and an empty slot that macros/pdf.py fills
    with the part's first page in the PDF."""
    lines = ['<div class="print-contents" markdown>', "", "## Contents", ""]
    for group, pages in parts:
        lines += [f"### {group}", ""]
        lines += [
            f'- [{title}]({render.relative(page, from_page)})<span class="print-contents__page"></span>'
            for page, title in pages
        ]
        lines += [""]
    lines += ["</div>", ""]
    return "\n".join(lines)


# --- the pocket card --------------------------------------------------------------------------


def pocket_card(site: SiteData, from_page: str, site_url: str | None) -> str:
    """One A4 page: the emergency route, the reader's own steps for a concern and for a
    disclosure (each step's "do" only, with its clauses), every phone number, and where to find
    the site."""
    setting, policy = site.setting, site.setting.policy
    lines = [
        '<div class="pocket-card" markdown>',
        "",
        f"# {plain(policy.title)}: pocket card",
        "",
        f"{plain(setting.name)}. Policy updated {render.long_date(policy.updated)}; "
        f"review due {render.long_date(policy.review_due)}.",
        "{ .pocket-card__meta }",
        "",
        '<div class="pocket-card__emergency" markdown>',
        "",
        "## In an emergency",
        "",
    ]
    for entry in render.emergency_route(site):
        label, text = plain(entry["label"]), plain(entry["text"])
        if entry["tel"]:
            lines.append(f'- {label}: call <a href="tel:{entry["tel"]}">{text}</a>')
        else:
            # No number supplied yet: a line to write it on.
            lines.append(f'- {label}: **{text}**, number: <span class="write-in"></span>')
    lines += ["", "</div>", "", '<div class="pocket-card__steps" markdown>', ""]
    for outcome_id in POCKET_CARD_OUTCOMES:
        outcome = site.pathways.outcome(outcome_id)
        # Only the reader's own steps: what the DSL does next is not for the pocket.
        lines += ['<div markdown>', "", f"## {plain(outcome.title)}", ""]
        lines += [
            f"{number}. {plain(step.do)} ({pathway_pages.clause_links(site, step.clauses, from_page)})"
            for number, step in enumerate(own_steps(outcome), start=1)
        ]
        lines += ["", "</div>", ""]
    lines += ["</div>", "", "## Phone numbers", ""]
    for contact in site.contacts.contacts:
        if contact.phone:
            flag = "" if contact.in_policy else ' <span class="pocket-card__flag">(not in the policy: check with your DSL)</span>'
            lines.append(f"- {render.contact_inline(contact, 'phone')} {plain(contact.name)}{flag}")
    lines += ["", site_address_line(site_url), "{ .pocket-card__address }", "", "</div>", ""]
    return "\n".join(lines)


def own_steps(outcome) -> list:
    return [step for step in outcome.steps if is_own_step(step)]


# --- downloads --------------------------------------------------------------------------------

DOWNLOAD_ITEMS = [
    (POLICY_PDF, "The whole policy (PDF, A4)",
     "every section with its clause numbers, the contacts and what to do now, with a cover and contents."),
    (POCKET_CARD_PDF, "Pocket card (PDF, one A4 page)",
     "what to do in an emergency, for a concern and for a disclosure, and every phone number."),
    (OFFLINE_ZIP, "Offline copy (zip)",
     "this site to keep on a laptop and open without the internet: unzip it and open index.html."),
]


def downloads_list(page_url: str, served_site: bool = True) -> str:
    """The downloads as HTML links relative to the page at ``page_url`` (a built address such
    as 'downloads/' or 'downloads.html'). The copy opened from disk does not hold itself."""
    here = posixpath.dirname(page_url) or "."
    items = [
        f'<li><a href="{posixpath.relpath(f"{DOWNLOADS}/{name}", here)}">{plain(label)}</a>: {plain(text)}</li>'
        for name, label, text in DOWNLOAD_ITEMS
        if served_site or name != OFFLINE_ZIP
    ]
    return '<ul class="downloads">\n' + "\n".join(items) + "\n</ul>\n"


# --- wiring -----------------------------------------------------------------------------------


def register(env, site: SiteData) -> None:
    """Add this module's macros to mkdocs-macros' ``env``."""
    from . import page_heading  # the package imports this module first: import at call time

    def page_src() -> str:
        return env.page.file.src_uri

    def site_url() -> str | None:
        return env.conf.get("site_url") or None

    @env.macro
    def print_cover() -> str:
        return cover(site, datetime.date.today(), site_url())

    @env.macro
    def print_contents() -> str:
        return contents(policy_parts(site, page_heading), page_src())

    @env.macro
    def print_pocket_card() -> str:
        return pocket_card(site, page_src(), site_url())

    @env.macro
    def downloads() -> str:
        return downloads_list(env.page.url, env.conf["extra"].get("served_site", True))
