"""What readers see of the policy's versions (the data: sitedata/versions.py).

- ``changes_page``: "What changed in this version", clause by clause, each linking to its
  clause: the words removed and added marked with <del> and <ins>, each saying so in words to a
  screen reader, struck through and underlined on screen and on paper, in colour too where there
  is colour (Material's styles for CriticMarkup, class "critic"); or, with one version, that this
  is the first published here.
- ``mark_changes``: on a section's page, a small "changed on <date>" link after each clause the
  current version changed, added or renumbered, to its entry on that page.
- ``new_version_notice``: on the home page, for 60 days after the version's date, that it is new.
- ``superseded_list``: the earlier versions' PDFs, on Downloads.
- ``stub_page``, ``redirects``, ``alias_addresses``: old addresses keep working. A page the policy
  no longer has is a page saying where it went (and a line of ``_redirects`` for hosts that read
  it); an old clause's ``#clause-`` address is sent on by clause-aliases.js, from the map the
  pages carry (overrides/main.html).
"""

from __future__ import annotations

import datetime
import posixpath
import re

from sitedata.addresses import CHANGES, DOWNLOADS, Linker, built_address, superseded_pdf
from sitedata.changes import PARAGRAPH, Change, words
from sitedata.clauses import anchor_id

from . import components, page
from .render import long_date, page_heading, page_target
from .text import Html

# How long the home page says the version is new.
NEW_FOR = datetime.timedelta(days=60)
GROUPS = [
    ("changed", "Changed", "The words that changed are marked: removed words are struck through, added words "
                           "underlined."),
    ("added", "New", "Clauses this version adds."),
    ("moved", "Renumbered", "Clauses with a new number: links to the old number lead to the new one."),
    ("removed", "Removed", "Clauses this version no longer has, as they were. Links to them lead to the clause "
                           "named."),
]


def change_anchor(number: str) -> str:
    """The id of a clause's entry on the changes page: "change-11-5"."""
    return "change-" + number.replace(".", "-")


def _name(number: str) -> str:
    return f"Section {number}" if number.endswith(".0") else f"Clause {number}"


def marked_runs(change: Change) -> list[list[dict]]:
    """The clause's words by paragraph, as the policy has them: runs of words kept, removed or
    added ({kind, words})."""
    paragraphs: list[list[dict]] = [[]]
    for kind, run in change.word_diff():
        parts = " ".join(run).split(PARAGRAPH)
        for index, part in enumerate(parts):
            if index:
                paragraphs.append([])
            if part.strip():
                paragraphs[-1].append({"kind": kind, "words": part.strip()})
    return [paragraph for paragraph in paragraphs if paragraph]


def paragraphs(clause) -> list[str]:
    """A clause's words (without its number), paragraph by paragraph."""
    return [part.strip() for part in " ".join(words(clause)).split(PARAGRAPH)]


def change_entry(change: Change, linker: Linker, clause_page, aliases: dict[str, str]) -> dict:
    """One clause on the changes page: its heading linking to the clause, then its words."""
    number = change.number
    entry = {"anchor": change_anchor(number), "removed": change.kind == "removed", "name": _name(number), "link": None,
             "was": None, "leads_to": None, "paragraphs": None, "marked": None}
    if change.kind == "removed":
        leads_to = aliases.get(number)
        entry |= {"leads_to": _link(leads_to, linker, clause_page) if leads_to else None,
                  "paragraphs": paragraphs(change.old)}
        return entry
    entry["link"] = _link(number, linker, clause_page, _name(number))
    if change.kind == "moved":
        entry["was"] = change.old.number
    if change.kind == "added":
        entry["paragraphs"] = paragraphs(change.new)
    elif change.words_changed:
        entry["marked"] = marked_runs(change)
    return entry


def _link(number: str, linker: Linker, clause_page, text: str | None = None) -> Html:
    return components.clause_link(text or number, linker.clause(number, clause_page(number)))


def changes_page(versions, linker: Linker, clause_page) -> str:
    """The changes page's content (components/changes.html). ``clause_page``: the docs/ page of a
    current clause."""
    current = versions.current
    replaced = long_date(versions.book.versions[-2].date) if versions.previous is not None else None
    groups = []
    for kind, title, about in GROUPS:
        chosen = [change for change in versions.changes if change.kind == kind]
        if chosen:
            groups.append({"title": title, "about": about,
                           "entries": [change_entry(change, linker, clause_page, versions.aliases) for change in chosen]})
    return str(components.render("changes", dated=long_date(current.date), replaced=replaced, groups=groups))


# --- the markers on the policy's pages -----------------------------------------------------------

# What the clause number (render.clause_anchor) and a section's heading look like once built.
CLAUSE_NUMBER = re.compile(r'(<a class="clause-number" href="#(clause-[0-9-]+)" id="\2">[^<]*</a>)')
SECTION_HEADING = re.compile(r'(<h1 id="(clause-[0-9]+-0)">.*?</h1>)', re.S)
MARKER_WORDS = {"changed": "changed on {}", "added": "new on {}", "moved": "renumbered on {}: was {}"}


def markers(versions, linker: Linker) -> dict[str, Html]:
    """For each clause the current version changed, added or renumbered (by anchor id), the link
    to say so, for as long as this version is the current one."""
    date = long_date(versions.current.date)
    found = {}
    for change in versions.changes:
        if change.kind == "removed":
            continue
        words = MARKER_WORDS[change.kind].format(date, change.old.number if change.old else "")
        if change.kind == "moved" and change.words_changed:
            words = f"renumbered and changed on {date}: was {change.old.number}"
        found[anchor_id(change.number)] = components.render(
            "change-marker", href=linker.page(CHANGES, change_anchor(change.number)), words=words)
    return found


def mark_changes(html: str, found: dict[str, Html]) -> str:
    """A section's page with each changed clause's marker after its number (or heading)."""
    html = CLAUSE_NUMBER.sub(lambda m: f"{m[1]} {found[m[2]]}" if m[2] in found else m[1], html)
    return SECTION_HEADING.sub(lambda m: f"{m[1]}\n<p>{found[m[2]]}</p>" if m[2] in found else m[1], html)


# --- the home page and Downloads -------------------------------------------------------------------


def new_version_notice(versions, built_on: datetime.date, linker: Linker) -> str:
    """The home page's notice that the policy is new: shown until 60 days after its date, as the
    build sees it and then as the reader's device does (review.js)."""
    if versions.previous is None:
        return ""
    current = versions.current
    until = current.date + NEW_FOR
    return str(components.render("new-version-notice", until=until.isoformat(), hidden=built_on > until,
                                 dated=long_date(current.date), changes_href=linker.page(CHANGES))) + "\n"


def superseded_list(versions, page_url: str) -> Html | str:
    """The earlier versions' PDFs, each marked as superseded."""
    if not versions.superseded:
        return ""
    here = posixpath.dirname(page_url) or "."
    listed = components.render("superseded-list", versions=[
        {"href": posixpath.relpath(f"{DOWNLOADS}/{superseded_pdf(version.date)}", here),
         "dated": long_date(version.date), "replaced_on": long_date(replaced_on)}
        for version, replaced_on in versions.superseded])
    return components.markdown_page("earlier-versions", listed=listed)


# --- old addresses --------------------------------------------------------------------------------


def stub_page(old_page: str, new_page: str, date: datetime.date) -> Html:
    """The page left at the address of a page the policy no longer has (pages/moved.md)."""
    return components.markdown_page("moved", dated=long_date(date), new_heading=Html(page_heading(new_page)),
                                    new_href=page_target(new_page, old_page), changes_href=page_target(CHANGES, old_page))


def redirects(pages: dict[str, str], base_path: str) -> str:
    """``_redirects`` for the hosts that read it (Netlify, Cloudflare Pages): each retired page's
    address to the page it leads to now. The browser keeps the #clause- part across the redirect,
    and clause-aliases.js sends an old clause on from there."""
    lines = ["# Old addresses of pages the policy no longer has (data/versions.yml, pages:).",
             "# Written by the build: macros/versions.py."]
    lines += [f"{base_path}{built_address(old)} {base_path}{built_address(new)} 301" for old, new in pages.items()]
    return "\n".join(lines) + "\n"


def alias_addresses(aliases: dict[str, str], clause_page, directory_urls: bool) -> dict[str, str]:
    """For clause-aliases.js: each old clause's anchor id, and where it leads now, relative to the
    site's root ('policy/11-concerns/#clause-11-8')."""
    return {anchor_id(old): f"{built_address(clause_page(new), directory_urls)}#{anchor_id(new)}"
            for old, new in aliases.items()}


def register(env, site) -> None:
    """Add this module's macros to mkdocs-macros' ``env``."""

    def linker() -> Linker:
        return page.linker(env)

    @env.macro
    def version_changes() -> str:
        return changes_page(site.versions, linker(), site.clause_page)

    @env.macro
    def version_notice() -> str:
        return new_version_notice(site.versions, site.built_on, linker())

    @env.macro
    def superseded_downloads() -> str:
        return superseded_list(site.versions, env.page.url)
