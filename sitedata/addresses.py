"""Every address and file name the site makes, in one place: page paths, anchors, downloads,
and links between pages.

Pages are named by their ``docs/`` path ('what-to-do/concern.md'); MkDocs builds each at an
address that depends on ``use_directory_urls`` ('what-to-do/concern/' when served,
'what-to-do/concern.html' in the copy opened from disk). ``Linker`` turns a docs/ path into a
link relative to the page being rendered, for the HTML that the renderers write themselves.
"""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass

from .clauses import anchor_id

HOME = "index.md"
HUB = "what-to-do/index.md"
POLICY_INDEX = "policy/index.md"
FLOWCHART = "what-to-do/flowchart.md"
CONTACTS = "contacts.md"
SIGNS = "signs.md"
ABOUT_SETUP = "about/setup.md"
# "What changed in this version" (macros/versions.py).
CHANGES = "policy/changes.md"

# Files the build writes beside the pages, relative to the site's root.
SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
# The downloads keep stable addresses: other sites and printed handouts may link to them.
DOWNLOADS = "downloads"
POLICY_PDF = "child-exploitation-policy.pdf"
POCKET_CARD_PDF = "pocket-card.pdf"
# Each superseded version's policy PDF, as it was published, kept in the repository
# (archive/, written by `make new-version`) and served beside the current one.
ARCHIVE = "archive"


def superseded_pdf(date: datetime.date) -> str:
    """The file name of a superseded version's policy PDF: child-exploitation-policy-2024-09-01.pdf."""
    return f"child-exploitation-policy-{date.isoformat()}.pdf"


def offline_zip(setting: str) -> str:
    """The offline copy's file name, by the setting's id: a member of staff who works in two
    settings keeps both copies, one beside the other."""
    return f"{setting}-child-exploitation-policy-offline.zip"


def offline_folder(setting: str, date: datetime.date) -> str:
    """The folder the offline copy unzips to, named by its setting and version: a newer copy
    unzips beside an older one, never into it, so no page of two versions is ever mixed."""
    return f"{setting}-child-exploitation-policy-{date.isoformat()}"
# The script every page runs (search on demand, the review warning, the service worker), joined
# from its parts by macros/assets.py.
EVERY_PAGE_SCRIPT = "assets/javascripts/site.js"
# Material's search index, which assets/javascripts/search.js fetches when search is opened.
SEARCH_INDEX = "search/search_index.json"
# Material's copy of the iframe-worker shim, vendored, for search from file:// (see vendor/).
IFRAME_WORKER_SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


def outcome_path(outcome_id: str) -> str:
    """The docs/ path of an outcome's page (data/pathways.yml): 'what-to-do/concern.md'."""
    return f"what-to-do/{outcome_id}.md"


def question_path(question_id: str) -> str:
    """The docs/ path of a question's page: the navigator without JavaScript."""
    return f"what-to-do/questions/{question_id}.md"


def download(name: str) -> str:
    """A download's address relative to the site's root: 'downloads/pocket-card.pdf'."""
    return f"{DOWNLOADS}/{name}"


def served_file(address: str) -> str:
    """The file a server answers an address of the site with, relative to the site's root:
    './' -> 'index.html', 'contacts/' -> 'contacts/index.html', 'site.css?v=1' -> 'site.css'."""
    path = address.split("?")[0]
    return "index.html" if path == "./" else path + "index.html" if path.endswith("/") else path


def contact_anchor(contact_id: str) -> str:
    """The id of a contact's or team member's card on the contacts page."""
    return f"contact-{contact_id}"


def built_address(docs_page: str, directory_urls: bool = True) -> str:
    """Where a docs/ page is built, relative to the site's root, as MkDocs builds it:
    'what-to-do/concern.md' -> 'what-to-do/concern/' (or 'what-to-do/concern.html')."""
    stem = docs_page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem if directory_urls else stem + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


@dataclass(frozen=True)
class Linker:
    """Links from one page (``from_page``, a docs/ path) to the others, as built."""

    from_page: str
    directory_urls: bool = True

    def page(self, docs_page: str, anchor: str = "") -> str:
        here = built_address(self.from_page, self.directory_urls)
        target = built_address(docs_page, self.directory_urls)
        folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
        path = posixpath.relpath(target or ".", folder or ".")
        if target.endswith("/") or not target:
            path = "./" if path == "." else path + "/"
        if docs_page == self.from_page and anchor:
            path = ""  # an anchor on this page
        return path + (f"#{anchor}" if anchor else "")

    def contact(self, contact_id: str) -> str:
        return self.page(CONTACTS, contact_anchor(contact_id))

    def clause(self, clause: str, clause_page: str) -> str:
        return self.page(clause_page, anchor_id(clause))


def page_reference(docs_page: str) -> str:
    """A slot for the page of ``docs_page`` in the policy PDF ("see page 29"), which tools/pdf.py
    fills in; empty, and not shown, anywhere else. The PDF is printed from the served build, so
    the slot names the page by its served address."""
    return f'<span class="pdf-page" data-page="{built_address(docs_page)}"></span>'
