"""The pages made for paper, and the Downloads list.

- ``print/policy.md``: the policy's cover and table of contents. ``tools/pdf.py`` prints it and
  then every page its contents list, in that order, into the policy PDF, filling in the page
  numbers; the contents list is the one place that says what the PDF holds, and which of its
  groups print as one chapter (the policy's sections, following on from each other).
- ``print/contacts.md``: every person and service once, in one table, for the policy PDF.
- ``print/pocket-card.md``: an A6 card to keep in a pocket, printed on both sides, four to an A4
  sheet with crop marks. The front: 999, the people to tell with their numbers (or lines to
  write them on), the reader's own steps for a disclosure and for a concern with their clauses.
  The back: the steps for a concern about a member of staff (12.7), each pair of lines that
  answer at different times as a timetable, the police and the helplines, and the site's address
  (with a QR code when the build knows it).
- ``downloads.md``: links to the PDFs and the offline copy, and what each holds. They exist only
  after the whole build (``scripts/build``), so they are plain HTML links that MkDocs does not
  check; the link test checks them in the full build.

The renderers take records and return Markdown (no files, no MkDocs); ``register`` wires them
into mkdocs-macros.
"""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass
from typing import Callable

import segno

from sitedata.addresses import (
    DOWNLOADS, POCKET_CARD_PDF, POLICY_INDEX, POLICY_PDF, Linker, offline_zip, page_reference,
)
from sitedata.load import SiteData
from sitedata.models import is_supplied

from . import build_state, components, page, pathway_pages, reach, render
from .text import Html, plain

SUMMARY_PAGE = "print/what-to-do.md"
CONTACTS_TABLE_PAGE = "print/contacts.md"
POCKET_CARD_PAGE = "print/pocket-card.md"

# What a page of paper calls this site when the build has no site_url (mkdocs.yml): an address
# is never guessed, so the reader is told where to get it, with room to write it in.
NO_SITE_ADDRESS = "ask your DSL"


# --- the policy's cover and contents ----------------------------------------------------------


@dataclass(frozen=True)
class PdfGroup:
    """A group of the policy PDF's contents: a heading and its pages [(docs/ page, title)].
    ``index``: a group printed as one chapter, each page following on from the last on the same
    sheet, names the page whose address its footers give; without it, each page starts a sheet."""

    title: str
    pages: list[tuple[str, str]]
    index: str | None = None


def policy_parts(site: SiteData, heading: Callable[[str], str]) -> list[PdfGroup]:
    """The pages of the policy PDF after the cover, in the order people need them, in groups.
    ``heading`` gives a docs/ page's title.

    What to do comes first (a one-page summary, the contacts table, the drawn flowchart); then the
    policy, its sections following on from each other; then each situation's steps in full, which
    the summary and the flowchart refer to by page. Each situation starts a sheet, to copy or
    pin up on its own."""
    first = [(page, heading(page)) for page in (SUMMARY_PAGE, CONTACTS_TABLE_PAGE, pathway_pages.FLOWCHART)]
    outcomes = [(pathway_pages.node_page(site.pathways, o.id), plain(o.title)) for o in site.pathways.outcomes]
    return [
        PdfGroup("What to do now", first),
        PdfGroup("The policy", [(s.page, heading(s.page)) for s in site.sections.sections], index=POLICY_INDEX),
        PdfGroup("What to do, situation by situation", outcomes),
    ]


def summary(site: SiteData, linker: Linker) -> str:
    """The one-page "What to do now": the emergency route, then each situation in a line, with
    the page of its steps in the PDF."""
    pages = {o.id: pathway_pages.node_page(site.pathways, o.id) for o in site.pathways.outcomes}
    return str(components.render(
        "print-summary", emergency=render.emergency_route(site),
        situations=[{"href": linker.page(pages[o.id]), "title": o.title, "page": Html(page_reference(pages[o.id])),
                     "summary": o.summary} for o in site.pathways.outcomes]))


def cover(site: SiteData, built_on: datetime.date, site_url: str | None) -> Html:
    """The first page of the policy PDF (pages/print-cover.md)."""
    setting, version = site.setting, site.versions.current
    status = render.review_status(version, built_on)
    overdue = {"title": Html(status["overdue_title"]), "text": Html(status["overdue_text"])} if status["overdue"] else None
    qr = qr_code(site_url)
    return components.markdown_page(
        "print-cover", setting=setting.name, title=setting.policy.title, group=setting.group, dated=status["text"],
        overdue=overdue, site_url=site_url, ask=NO_SITE_ADDRESS, qr=Html(qr) if qr else None)


def contents(groups: list[PdfGroup], linker: Linker) -> Html:
    """The table of contents (pages/print-contents.md)."""
    return components.markdown_page("print-contents", groups=[
        {"title": Html(group.title), "chapter_href": group.index and linker.page(group.index),
         "pages": [{"title": Html(title), "href": render.page_target(page, linker.from_page)}
                   for page, title in group.pages]}
        for group in groups])


# --- the contacts table -----------------------------------------------------------------------

# The groups of data/contacts.yml in the order the table gives them, after the setting's team.
CONTACT_GROUPS = {
    "emergency": "Emergency",
    "local-authority": "The local authority (children's social care)",
    "police": "Police",
    "advice": "Advice and support",
    "setting": "The setting",
    "group": None,  # headed by the Group's name (data/group.yml)
}


def contacts_table(site: SiteData, linker: Linker) -> str:
    """Every person and service once, in one table, as the handout has it: who, when to use
    them, how to reach them (a line to write on where the setting has not supplied a number),
    and the clauses that name them."""
    links = {link.id: link for link in site.links.links}

    def row(who: str, more, when: str, clauses: list[str], ways: list[dict]) -> dict:
        return {"who": who, "more": more, "when": when, "ways": ways,
                "clauses": reach.clause_links(site, clauses, linker) if clauses else None}

    team = []
    for member in site.team.members:
        ways = [{"kind": "number", "value": member.dial.display} if member.dial else {"kind": "write-in", "value": "Number"}]
        if member.supplied_value("hours"):
            ways.append({"kind": "text", "value": member.hours})
        team.append(row(member.role, member.name if is_supplied(member.name) else write_in("Name"), member.use_when,
                        member.clauses, ways))
    groups = [{"title": "The safeguarding team", "rows": team}]
    for key, title in CONTACT_GROUPS.items():
        chosen = [c for c in site.contacts.contacts if c.group == key]
        if not chosen:
            continue
        rows = []
        for contact in chosen:
            ways = []
            if contact.phone:
                ways.append({"kind": "number", "value": contact.phone.display})
            if contact.email:
                ways.append({"kind": "text", "value": contact.email})
            if contact.link:
                ways.append({"kind": "text", "value": reach.guidance_link(links[contact.link], links[contact.link].title)})
            if contact.hours:
                ways.append({"kind": "hours", "value": contact.hours.in_words})
            if not contact.in_policy:
                ways.append({"kind": "not-in-policy", "value": None})
            rows.append(row(contact.name, contact.role, contact.use_when, contact.clauses, ways))
        groups.append({"title": title or site.setting.group, "rows": rows})
    return str(components.render("contacts-table", groups=groups))


# --- the pocket card --------------------------------------------------------------------------

# An example setting's card says so on both faces of every card (its page's band is not printed).
EXAMPLE_MARK = " (Example: not a real setting)"
# Who the card names, in this order: the people a member of staff tells (the team.yml kinds).
POCKET_CARD_PEOPLE = ("dsl", "deputy-dsl", "home-safeguarding-lead", "on-call")
# The situations whose steps the card carries (ids of outcomes in data/pathways.yml), each under
# its heading, with the reader's own steps in short: on the front, then on the back.
POCKET_CARD_FRONT = {"disclosure": "If a young person tells you", "concern": "If you are worried about a young person"}
POCKET_CARD_BACK = {"staff-concern": "If you are worried about a member of staff"}
POCKET_CARD_OUTCOMES = POCKET_CARD_FRONT | POCKET_CARD_BACK
# The other numbers it lists: the contacts of these groups that have a phone number.
POCKET_CARD_HELPLINES = ("police", "advice")
# Copies of the card on one A4 sheet, to cut out along the crop marks.
POCKET_CARD_COPIES = 4


def write_in(label: str) -> Html:
    """A labelled line to write on, where the setting has not supplied a value yet."""
    return components.render("write-in", label=label)


def pocket_steps(site: SiteData, linker: Linker, outcome_id: str, heading: str) -> Html:
    return components.render("pocket-steps", heading=heading, steps=[
        {"text": step.pocket or step.do, "clauses": reach.clause_links(site, step.clauses, linker)}
        for step in own_steps(site.pathways.outcome(outcome_id))])


def card_setting(site: SiteData) -> str:
    """The setting as the card names it: an example's says so on both faces of every card."""
    return f"{site.setting.name}{EXAMPLE_MARK if site.setting.example else ''}"


def pocket_card_front(site: SiteData, linker: Linker) -> Html:
    """The front: 999, the people to tell with their numbers (or lines to write them on), and
    the reader's own steps for a disclosure and for a concern."""
    people = [m for kind in POCKET_CARD_PEOPLE for m in site.team.of_kind(kind)]
    return components.render(
        "pocket-card-front", title=site.setting.policy.title, setting=card_setting(site),
        emergency=render.emergency_route(site)[0],
        people=[{"role": m.role, "name": m.name if is_supplied(m.name) else None,
                 "href": m.dial.href if m.dial else None, "number": m.dial.display if m.dial else None} for m in people],
        situations=[pocket_steps(site, linker, outcome_id, heading) for outcome_id, heading in POCKET_CARD_FRONT.items()])


def pocket_line_pair(site: SiteData, pair) -> dict:
    """A pair of lines as a timetable: when each answers, and its number. Shorter than the
    pages' timetable (the "who to call now" panel's), to fit an A6 card."""
    contacts = site.contacts.by_id()
    lines = [contacts[pair.office], contacts[pair.out_of_hours]]
    return {"name": pair.name, "not_in_policy": any(not line.in_policy for line in lines),
            "lines": [{"hours": line.hours.in_words, "name": line.short_name or line.name, "href": line.phone.href,
                       "number": line.phone.display} for line in lines]}


def pocket_card_back(site: SiteData, linker: Linker, site_url: str | None) -> Html:
    """The back: the steps for a concern about a member of staff, the local authority's lines as
    a timetable, the police and the helplines, and where the whole policy is (its address, and a
    QR code when the build knows it)."""
    qr_svg = qr_code(site_url)
    return components.render(
        "pocket-card-back",
        situations=[pocket_steps(site, linker, outcome_id, heading) for outcome_id, heading in POCKET_CARD_BACK.items()],
        pairs=[pocket_line_pair(site, pair) for pair in site.contacts.line_pairs],
        helplines=[{"name": c.short_name or c.name, "href": c.phone.href, "number": c.phone.display}
                   for c in site.contacts.contacts if c.group in POCKET_CARD_HELPLINES and c.phone],
        qr=Html(qr_svg) if qr_svg else None, site_url=site_url, ask=NO_SITE_ADDRESS,
        title=site.setting.policy.title, setting=card_setting(site), dated=site.versions.current.dated)


def qr_code(site_url: str | None) -> str | None:
    """The site's address as a QR code (SVG), when the build knows the address."""
    if not site_url:
        return None
    return segno.make(site_url, error="m").svg_inline(scale=2, border=0, dark="#000000", title="The policy's website")


def pocket_card(site: SiteData, linker: Linker, site_url: str | None) -> str:
    """The pocket card: A6 and two-sided, four to an A4 sheet with crop marks to cut along: the
    fronts on one side of the sheet, the backs on the other. On screen, one card, front then back."""
    return str(components.render("pocket-card", copies=POCKET_CARD_COPIES, faces=[
        pocket_card_front(site, linker), pocket_card_back(site, linker, site_url)]))


def own_steps(outcome) -> list:
    return [step for step in outcome.steps if step.readers_own]


# --- downloads --------------------------------------------------------------------------------

def download_items(site: SiteData) -> list[tuple[str, str, str]]:
    """The downloads: (file name, label, what it holds), said from what each is made of."""
    helplines = [c.short_name or c.name for c in site.contacts.contacts if c.group in POCKET_CARD_HELPLINES and c.phone]
    by_time = "which number to call at which time of day, " if site.contacts.line_pairs else ""
    emergency = render.emergency_route(site)[0]
    return [
        (POLICY_PDF, "The whole policy (PDF, A4)",
         "a page of what to do now, every contact in one table and the flowchart; then the policy, every section "
         "with its clause numbers; then each situation's steps. With a cover and contents."),
        (POCKET_CARD_PDF, "Pocket card (PDF, two A4 pages: print them on both sides of one sheet)",
         f"four A6 cards to cut out. On the front: {emergency['label'].lower()}, call {emergency['text']}; the "
         "DSL/Safeguarding Lead and whom else to tell (with lines to write in numbers not added here yet), and what "
         "to do if a young person tells you something or you are worried about one. On the back: what to do if you "
         f"are worried about a member of staff, {by_time}the police and helplines ({reach.and_list(helplines)}), and "
         "the address of the whole policy online."),
        (offline_zip(site.folder.id), "Offline copy (zip)",
         "this site to keep on a laptop and open without the internet: unzip it and open index.html."),
    ]


def downloads_list(site: SiteData, page_url: str, served_site: bool = True) -> Html:
    """The downloads as HTML links relative to the page at ``page_url`` (a built address such
    as 'downloads/' or 'downloads.html'). The copy opened from disk does not hold itself."""
    here = posixpath.dirname(page_url) or "."
    return components.render("downloads-list", downloads=[
        {"href": posixpath.relpath(f"{DOWNLOADS}/{name}", here), "label": label, "holds": text}
        for name, label, text in download_items(site) if served_site or name != offline_zip(site.folder.id)])


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
        return contents(policy_parts(site, render.page_heading), linker())

    def linker() -> Linker:
        return page.linker(env)

    @env.macro
    def print_contacts() -> str:
        return contacts_table(site, linker())

    @env.macro
    def print_summary() -> str:
        return summary(site, linker())

    @env.macro
    def print_pocket_card() -> str:
        return pocket_card(site, linker(), site_url())

    @env.macro
    def downloads() -> str:
        return downloads_list(site, env.page.url, build_state.current().served_site)

    @env.macro
    def offline_copy_link(text: str) -> str:
        """A link to the offline copy, relative to the page (the copy itself does not hold it).
        HTML, not Markdown: MkDocs checks Markdown links against the pages, and the zip is not one."""
        address = posixpath.relpath(f"{DOWNLOADS}/{offline_zip(site.folder.id)}", posixpath.dirname(env.page.url) or ".")
        return f'<a href="{address}">{plain(text)}</a>'
