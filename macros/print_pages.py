"""The pages made for paper, and the Downloads list.

- ``print/policy.md``: the policy's cover and table of contents. ``tools/pdf.py`` prints it and
  then every page its contents list, in that order, into the policy PDF, filling in the page
  numbers; the contents list is the one place that says what the PDF holds.
- ``print/pocket-card.md``: an A6 card to keep in a pocket, four to an A4 sheet with crop marks:
  999, the people to tell with their numbers (or boxes to write them in), the reader's own
  steps for a disclosure and for a concern with their clauses, the helplines, and the site's
  address (with a QR code when the build knows it).
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

import segno

from sitedata.addresses import DOWNLOADS, OFFLINE_ZIP, POCKET_CARD_PDF, POLICY_PDF, Linker, page_reference
from sitedata.load import SiteData
from sitedata.models import is_supplied

from . import pathway_pages, render, screens
from .screens import is_own_step
from .text import Html, plain

SUMMARY_PAGE = "print/what-to-do.md"
POCKET_CARD_PAGE = "print/pocket-card.md"
# The situations whose steps the pocket card carries (ids of outcomes in data/pathways.yml).
POCKET_CARD_OUTCOMES = {"disclosure": "If a young person tells you", "concern": "If you are worried"}

# What a page of paper calls this site when the build has no site_url (mkdocs.yml): an address
# is never guessed, so the reader is told where to get it, with room to write it in.
NO_SITE_ADDRESS = "ask your DSL"


def site_address_line(site_url: str | None) -> str:
    if site_url:
        return f"Site address: {plain(site_url)}"
    return f'Site address: <span class="write-in"></span> ({NO_SITE_ADDRESS})'


# --- the policy's cover and contents ----------------------------------------------------------


def policy_parts(site: SiteData, heading: Callable[[str], str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The pages of the policy PDF after the cover, in the order people need them, in groups:
    [(group heading, [(docs/ page, title)])]. ``heading`` gives a docs/ page's title.

    What to do comes first (a one-page summary, the contacts, the flowchart), then the policy,
    then each situation's steps in full, which the summary and the flowchart refer to by page."""
    first = [(page, heading(page)) for page in (SUMMARY_PAGE, pathway_pages.CONTACTS, pathway_pages.FLOWCHART)]
    outcomes = [(pathway_pages.node_page(site.pathways, o.id), plain(o.title)) for o in site.pathways.outcomes]
    return [
        ("What to do now", first),
        ("The policy", [(s.page, heading(s.page)) for s in site.sections.sections]),
        ("What to do, situation by situation", outcomes),
    ]


def summary(site: SiteData, linker: Linker) -> str:
    """The one-page "What to do now": the emergency route, then each situation in a line, with
    the page of its steps in the PDF."""
    route = render.emergency_route(site)
    emergency = Html("").join(
        Html("<li>{}: <strong>{}</strong></li>").format(entry["label"], entry["text"]) for entry in route)
    pages = {o.id: pathway_pages.node_page(site.pathways, o.id) for o in site.pathways.outcomes}
    situations = Html("").join(
        Html('<li><a href="{}"><strong>{}</strong></a>{}: {}</li>').format(
            linker.page(pages[o.id]), o.title, Html(page_reference(pages[o.id])), o.summary)
        for o in site.pathways.outcomes)
    return str(Html(
        '<div class="print-summary"><ul class="print-summary__emergency">{}</ul>'
        "<p>Whatever the situation, share it with the DSL/Safeguarding Lead. Find yours below, with "
        "the page of its steps.</p><ul class=\"print-summary__situations\">{}</ul></div>").format(emergency, situations))


def cover(site: SiteData, built_on: datetime.date, site_url: str | None) -> str:
    """The first page of the policy PDF: whose policy, which version, and whether it was due for
    review on the day it was built."""
    setting, policy, version = site.setting, site.setting.policy, site.versions.current
    status = render.review_status(version, built_on)
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
        f"Updated {render.long_date(version.date)}<br>Review due {render.long_date(version.review_due)}",
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
    ]
    if qr := qr_code(site_url):
        lines += [f'<p class="print-cover__qr">{qr}</p>', ""]
    lines += [
        "</div>",
        "",
    ]
    return "\n".join(lines)


def contents(parts: list[tuple[str, list[tuple[str, str]]]], from_page: str) -> str:
    """The table of contents: a link to each part, and an empty slot that tools/pdf.py fills
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

# Who the card names, in this order: the people a member of staff tells (data/team.yml kinds).
POCKET_CARD_PEOPLE = ("dsl", "deputy-dsl", "home-safeguarding-lead", "on-call")
# The helplines it lists: the contacts of these groups that have a phone number.
POCKET_CARD_HELPLINES = ("police", "advice")
# Copies of the card on one A4 sheet, to cut out along the crop marks.
POCKET_CARD_COPIES = 4


def write_in(label: str) -> Html:
    """A labelled box to write a value the setting has not supplied yet."""
    return Html('<span class="write-in-box"><span class="write-in-box__label">{}</span></span>').format(label)


def pocket_person(member) -> Html:
    """Who (the DSL by name), then a name and a number, or a box to write each in."""
    named = is_supplied(member.name)
    who = Html("<strong>{}</strong>").format(f"{member.name}, DSL" if member.kind == "dsl" else member.role)
    name = "" if member.kind == "dsl" else (Html("<span>{}</span>").format(member.name) if named else write_in("Name"))
    number = (Html('<a href="tel:{}">{}</a>').format(member.dial.tel, member.dial.display) if member.dial
              else write_in("Number"))
    return Html('<li class="pocket-card__person">{}{}{}</li>').format(who, name, number)


def pocket_card_face(site: SiteData, linker: Linker, site_url: str | None) -> Html:
    """One A6 card: 999, the people to tell with their numbers (or boxes to write them in), the
    reader's own steps for a disclosure and for a concern with their clauses, the helplines and
    where the site is."""
    setting, policy, version = site.setting, site.setting.policy, site.versions.current
    route = render.emergency_route(site)[0]
    people = [m for kind in POCKET_CARD_PEOPLE for m in site.team.of_kind(kind)]
    parts = [
        Html('<p class="pocket-card__title">{}</p>').format(policy.title),
        Html('<p class="pocket-card__meta">{}. Updated {}; review due {}.</p>').format(
            setting.name, render.long_date(version.date), render.long_date(version.review_due)),
        Html('<p class="pocket-card__emergency">{}: call <a href="tel:{}">{}</a></p>').format(
            route["label"], route["tel"], route["text"]),
        Html('<p class="pocket-card__heading">Tell the DSL/Safeguarding Lead now</p><ul class="pocket-card__people">{}</ul>')
        .format(Html("").join(pocket_person(m) for m in people)),
    ]
    for outcome_id, heading in POCKET_CARD_OUTCOMES.items():
        steps = Html("").join(
            Html("<li>{} <span class=\"pocket-card__clauses\">({})</span></li>").format(
                step.pocket or step.do, screens.clause_links(site, step.clauses, linker))
            for step in own_steps(site.pathways.outcome(outcome_id)))
        parts.append(Html('<p class="pocket-card__heading">{}</p><ol class="pocket-card__steps">{}</ol>').format(heading, steps))
    helplines = [c for c in site.contacts.contacts if c.group in POCKET_CARD_HELPLINES and c.phone]
    # The site's QR code sits beside the helplines (floated), where the short lines leave room:
    # under the address it made the card too long for A6.
    qr_svg = qr_code(site_url)
    qr = Html('<span class="pocket-card__qr">{}</span>').format(Html(qr_svg)) if qr_svg else ""
    parts.append(Html('{}<p class="pocket-card__heading">Helplines</p><ul class="pocket-card__helplines">{}</ul>').format(
        qr, Html("").join(Html('<li>{}: <a href="tel:{}">{}</a></li>').format(c.short_name or c.name, c.phone.tel, c.phone.display)
                          for c in helplines)))
    address = (Html('<span class="pocket-card__url">{}</span>').format(site_url) if site_url
               else Html("{} ({})").format(write_in("Site address"), NO_SITE_ADDRESS))
    parts.append(Html('<p class="pocket-card__address">The whole policy: {}</p>').format(address))
    return Html('<section class="pocket-card">{}</section>').format(Html("").join(parts))


def qr_code(site_url: str | None) -> str | None:
    """The site's address as a QR code (SVG), when the build knows the address."""
    if not site_url:
        return None
    return segno.make(site_url, error="m").svg_inline(scale=2, border=0, dark="#000000", title="The policy's website")


def pocket_card(site: SiteData, linker: Linker, site_url: str | None) -> str:
    """The pocket card: A6, four to an A4 sheet with crop marks to cut along. On screen, one copy."""
    face = pocket_card_face(site, linker, site_url)
    cells = Html("").join(Html('<div class="pocket-sheet__cell">{}</div>').format(face) for _ in range(POCKET_CARD_COPIES))
    return str(Html(
        '<p class="pocket-sheet__how screen-only">Prints as four A6 cards on one A4 sheet: cut along the '
        "marks. Boxes are for the names and numbers your setting has not added to this site yet.</p>"
        '<div class="pocket-sheet">{}</div>').format(cells))


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

    def page_src() -> str:
        return env.page.file.src_uri

    def site_url() -> str | None:
        return env.conf.get("site_url") or None

    @env.macro
    def print_cover() -> str:
        return cover(site, site.built_on, site_url())

    @env.macro
    def print_contents() -> str:
        return contents(policy_parts(site, render.page_heading), page_src())

    def linker() -> Linker:
        return Linker(page_src(), env.conf["use_directory_urls"])

    @env.macro
    def print_summary() -> str:
        return summary(site, linker())

    @env.macro
    def print_pocket_card() -> str:
        return pocket_card(site, linker(), site_url())

    @env.macro
    def downloads() -> str:
        return downloads_list(env.page.url, env.conf["extra"].get("served_site", True))

    @env.macro
    def offline_copy_link(text: str) -> str:
        """A link to the offline copy, relative to the page (the copy itself does not hold it).
        HTML, not Markdown: MkDocs checks Markdown links against the pages, and the zip is not one."""
        address = posixpath.relpath(f"{DOWNLOADS}/{OFFLINE_ZIP}", posixpath.dirname(env.page.url) or ".")
        return f'<a href="{address}">{plain(text)}</a>'
