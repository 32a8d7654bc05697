"""The PDFs: the whole policy and the two-sided pocket card, printed by headless Chromium from
the built site's print pages.  python -m tools.pdf SITE_DIR

Why Chromium: it prints the pages through the same print stylesheet as a reader's browser, so the
PDFs look like the site on paper, and it embeds (a subset of) every font it uses. WeasyPrint,
tried for comparison, lays pages out unlike browsers and runs none of the pages' scripts.

How:
- The built site is served on 127.0.0.1 and every other request is refused and recorded; if any
  page asked for one, the build fails. The site loads nothing from elsewhere, and the PDFs need
  no network. Service workers are blocked: printing needs no cache; so is the theme's script
  (THEME_SCRIPT), which changes nothing on paper.
- The policy: ``print/policy/`` (cover and contents, docs/print/policy.md) and then every page
  its contents list links to, in chapters joined with pypdf, which also adds a bookmark for
  each page. Each group of the contents is printed from one tab: its first page is opened and
  the others' content is fetched and moved in after it. The tabs (and the pocket card's) are
  opened and printed at once (Playwright's async API), so that Chromium lays them out on every
  core: the same bytes as one after another, in about three quarters of the time. In a group marked as one chapter
  (data-chapter: the policy's sections) each page follows on from the last; in any other, each
  page starts its own sheets (a CSS named page). A first printing counts each chapter's sheets
  and, from named destinations Chromium writes for the pages' headings, the sheet each page
  starts on; that gives the page numbers for the contents, for the footers and for every "see page N" slot (the
  summary's and the flowchart's references to each situation's steps). Every sheet but the
  cover has a footer (the setting, the policy's dates, the address of the page, or of the
  chapter's index page, "Page n of N") in a CSS page margin box, with the page counter started
  at the chapter's first sheet.
- The pocket card: ``print/pocket-card/``, four A6 cards on each side of an A4 sheet (the fronts,
  then the backs); if a card's text does not fit its card, or the sides run onto more sheets,
  the build fails and says what to shorten.
- Links between pages would point at the local server: a link to a page that is in the PDF
  leads to that page's start in it; any other is pointed at the site's address (site_url in
  mkdocs.yml), or removed when the build has none.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import io
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, TextStringObject

from sitedata import DATA_DIR
from sitedata.build_date import build_moment
from sitedata.addresses import DOWNLOADS, POCKET_CARD_PDF, POLICY_PDF
from sitedata.load import SiteData

from .browser import CHROMIUM_ARGS, HEADLESS_CHROMIUM, HEADLESS_MISSING, LOOPBACK_ONLY
from .local_server import serve

POLICY_PRINT_PAGE = "print/policy/"
POCKET_CARD_PRINT_PAGE = "print/pocket-card/"
FOOTER_FONT = "7pt/1.35 system-ui, sans-serif"
# The theme's script drives the screen (search, the header, instant loading) and changes nothing
# on paper: the print stylesheet lays the pages out. Printing without it gives the same text on
# the same sheets, for about 0.7 s less of Chromium's work a setting.
THEME_SCRIPT = r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"


class PrintError(Exception):
    """A problem that stops the build, with what to do about it."""


# --- the browser, on the site served from 127.0.0.1 -----------------------------------------


@dataclass
class Printer:
    """Opens the site's pages in Chromium and prints them to PDF bytes."""

    context: object
    base_url: str
    refused: list[tuple[object, str]] = field(default_factory=list)  # (the tab that asked, or None; the address)
    tabs: list = field(default_factory=list)  # closed when the printer is done with the site

    async def open(self, path: str):
        """A tab with the page at ``path`` (relative to the site's root, or a full URL of it)."""
        tab = await self.context.new_page()
        self.tabs.append(tab)
        await tab.emulate_media(media="print")
        await tab.goto(path if path.startswith(self.base_url) else self.base_url + path, wait_until="load")
        await tab.evaluate("document.fonts.ready.then(() => true)")
        return tab

    async def close_tabs(self) -> None:
        for tab in self.tabs:
            if not tab.is_closed():
                await tab.close()

    def refuse(self, route) -> None:
        try:
            tab = route.request.frame.page
        except Exception:  # noqa: BLE001 (a request of no page's: counted against every tab)
            tab = None
        self.refused.append((tab, route.request.url))

    async def pdf(self, tab, css: str = "") -> bytes:
        if css:
            await tab.add_style_tag(content=css)
        data = await tab.pdf(format="A4", print_background=True)
        if asked := sorted({url for asker, url in self.refused if asker in (tab, None)}):
            page = tab.url.removeprefix(self.base_url) or "the home page"
            raise PrintError(
                f"{page} asked for {', '.join(asked)}: the PDFs are made without "
                "the network, and the site loads nothing from other sites. Fix: serve the file from the "
                "site itself (overrides/assets/), or remove it"
            )
        return data


async def launch_printer(playwright):
    """Debian's headless Chromium as the PDF step runs it: reaching no host but the local server's."""
    if not HEADLESS_CHROMIUM.exists():
        raise PrintError(HEADLESS_MISSING)
    return await playwright.chromium.launch(executable_path=str(HEADLESS_CHROMIUM), args=CHROMIUM_ARGS + LOOPBACK_ONLY)


@contextlib.asynccontextmanager
async def print_context(browser):
    """A browser context to print in. One can print many sites, one after another
    (tools/build_all.py): a context of its own for each costs Chromium a quarter more work."""
    # bypass_csp: the print styles are added as an inline <style>, which the pages' policy refuses.
    context = await browser.new_context(service_workers="block", bypass_csp=True)
    try:
        yield context
    finally:
        await context.close()


# The browser keeps none of the site: a context prints many sites, and a later one may be served
# on the port an earlier one had.
NOT_STORED = {"Cache-Control": "no-store"}


@contextlib.asynccontextmanager
async def own_context():
    """A print_context in a Chromium of its own."""
    from playwright.async_api import async_playwright  # only the PDF step needs a browser

    async with async_playwright() as playwright:
        browser = await launch_printer(playwright)
        try:
            async with print_context(browser) as context:
                yield context
        finally:
            await browser.close()


@contextlib.asynccontextmanager
async def printer(site_dir: Path, context):
    """A Printer for ``site_dir`` served on 127.0.0.1, in ``context`` (from print_context)."""
    with serve(site_dir, NOT_STORED) as base_url:
        session = Printer(context, base_url)

        async def refuse(route) -> None:
            session.refuse(route)
            await route.abort()

        # Chromium matches these itself: the site's own requests never wait on Python.
        await context.route(re.compile(rf"^(?!{re.escape(base_url)})"), refuse)
        await context.route(re.compile(rf"^{re.escape(base_url)}{THEME_SCRIPT}"), lambda route: route.fulfill(
            content_type="text/javascript", body=""))
        try:
            yield session
        finally:
            await session.close_tabs()
            await context.unroute_all()


async def in_order(*steps):
    """The steps' results, run at once and given in order as each is ready, so that the caller
    works on the first while Chromium works on the others. A step that fails stops the others,
    and is raised."""
    tasks = [asyncio.ensure_future(step) for step in steps]
    try:
        for task in tasks:
            yield await task
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def all_of(*steps):
    """The steps' results, run at once (in_order)."""
    return [result async for result in in_order(*steps)]


# --- the policy -------------------------------------------------------------------------------


def css_string(text: str) -> str:
    """``text`` as a CSS string, one line per line of text."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "\\A ".join(line.strip() for line in escaped.splitlines() if line.strip()) + '"'


# In the policy PDF the page's own footer, printed once at its end, is left off: every sheet
# carries it instead (footer_css). It is left off from the first printing, which counts sheets.
NO_PAGE_FOOTER = ".md-footer { display: none !important; }"


def footer_css(text: str, first_page: int, total: int, cover: bool = False, part_footers: dict[str, str] | None = None) -> str:
    """A footer on every sheet (CSS page margin boxes), numbered from ``first_page``.
    ``part_footers``: a footer of its own for each named page (a chapter whose parts each start
    their own sheets, JOIN_PARTS)."""
    blank_first = "@bottom-left { content: none; } @bottom-right { content: none; }" if cover else ""
    own = "".join(f"@page {name} {{ @bottom-left {{ content: {css_string(footer)}; }} }}"
                  for name, footer in (part_footers or {}).items())
    return f"""
      @page {{
        @bottom-left {{ content: {css_string(text)}; font: {FOOTER_FONT}; white-space: pre; color: #000; }}
        @bottom-right {{ content: "Page " counter(page) " of {total}"; font: {FOOTER_FONT}; color: #000; }}
      }}
      @page :first {{ counter-increment: page {first_page}; {blank_first} }}
      {own}
    """


# What a page's own footer says on paper: the setting, the policy's dates, its address.
FOOTER_TEXT = """root => [...root.querySelectorAll(
    '.md-copyright .review-status:not(.review-status--overdue), .md-copyright .print-address')]
  .map(e => e.textContent.trim().replace(/\\s+/g, ' ')).join('\\n')"""


async def page_footer_text(tab) -> str:
    """What the page's own footer says on paper: the setting, the policy's dates, its address."""
    return await tab.evaluate(f"({FOOTER_TEXT})(document)")


def sheets(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@dataclass
class Chapter:
    """Pages printed from one tab, ``tab`` once ``compose`` has run. In a chapter (the policy's
    sections), each page follows on from the last and the sheets carry the chapter page's
    footer; with ``separate``, each page starts its own sheets and carries its own footer
    (CSS named pages), so a group of pages costs one tab and one printing, not one each."""

    parts: list[dict]  # [{url, title}], in order
    first_part: int  # the number of its first part in the PDF (its destination: pdf-part-N)
    footer_page: str | None  # the page whose footer the chapter's sheets carry (default: the first)
    separate: bool = False
    tab: object = None
    first_sheet: int = 0  # in the whole PDF, from 0
    sheets: int = 0
    part_footers: dict[str, str] = field(default_factory=dict)  # with ``separate``: {page name: footer}

    async def compose(self, session: Printer) -> None:
        """Open the first page and move every other page's content in after it (fetched, not
        opened: only the first page is laid out). Each part's heading gets an id, and a hidden
        link to it: Chromium then writes it into the PDF as a named destination, which says on
        which sheet the part starts."""
        self.tab = await session.open(self.parts[0]["url"])
        moved = await self.tab.evaluate(ARTICLES_MOVABLE, [part["url"] for part in self.parts[1:]])
        await self.tab.evaluate(JOIN_PARTS, {"contents": [part["html"] for part in moved],
                                             "first": self.first_part, "separate": self.separate})
        if self.separate:
            footers = [await page_footer_text(self.tab)] + [part["footer"] for part in moved]
            self.part_footers = {f"pdf-part-{self.first_part + i}": footer for i, footer in enumerate(footers)}

    def part_starts(self, pdf: bytes) -> list[int]:
        """The sheet each part starts on in the chapter's PDF (from 0), from its named destinations."""
        reader = PdfReader(io.BytesIO(pdf))
        return [reader.get_destination_page_number(reader.named_destinations[f"/pdf-part-{self.first_part + i}"])
                for i in range(len(self.parts))]


# Each page's article, its addresses made to work from another page of the site (it is moved into
# one): from the site's root, not as full addresses, which the print stylesheet would print
# after each link as it does another site's.
ARTICLES_MOVABLE = """urls => Promise.all(urls.map(async address => {
  const page = new URL(address, location.href);
  const html = await (await fetch(page)).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const article = doc.querySelector('article');
  const fromRoot = value => {
    const url = new URL(value, page);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : url.href;
  };
  article.querySelectorAll('[href]').forEach(e => e.setAttribute('href', fromRoot(e.getAttribute('href'))));
  article.querySelectorAll('[src]').forEach(e => e.setAttribute('src', fromRoot(e.getAttribute('src'))));
  return {html: article.innerHTML, footer: (%s)(doc)};
}))""" % FOOTER_TEXT
# The parts joined after the first page's own. In a chapter they go into its article, each
# following on. With ``separate``, each part is an article of its own after the first, headed
# by the emergency route (999, the DSL) as a page printed alone is (its copy is outside the
# article, so that it prints as the page's own does), and each is a named page (pdf-part-N)
# that starts a sheet. The first part's page is the document's, so that nothing the theme
# prints before the article starts a sheet of its own.
JOIN_PARTS = """({contents, first, separate}) => {
  const article = document.querySelector('article');
  const route = document.querySelector('.emergency');
  const parts = contents.map(html => {
    const part = document.createElement('div');
    part.className = 'pdf-part';
    if (separate) {
      const own = document.createElement('article');
      own.className = article.className;
      own.innerHTML = html;
      if (route) part.append(route.cloneNode(true));
      part.append(own);
    } else {
      part.innerHTML = html;
    }
    return part;
  });
  if (separate) article.after(...parts);
  else article.append(...parts);
  const targets = document.createElement('nav');
  targets.hidden = true;
  [article, ...parts].forEach((part, i) => {
    const marker = document.createElement('span');
    marker.id = 'pdf-part-' + (first + i);
    part.querySelector('h1').prepend(marker);
    targets.insertAdjacentHTML('beforeend', `<a href="#${marker.id}"></a>`);
    if (separate && i === 0) document.documentElement.style.page = marker.id;
    if (separate && i > 0) {
      part.style.page = marker.id;
      part.style.breakBefore = 'page';
    }
  });
  document.body.append(targets);
}"""


def chapters_of(groups: list[dict]) -> list[Chapter]:
    """A group with a chapter page prints as one chapter; any other as pages that each start
    their own sheets, from one tab."""
    chapters, count = [], 0
    for group in groups:
        chapters.append(Chapter(group["parts"], count, group["chapter"], separate=not group["chapter"]))
        count += len(group["parts"])
    return chapters


# Before the first printing, each "see page N" slot holds two digits, as wide as most numbers it
# will hold, so that filling them in does not lengthen the text.
SEE_PAGE = ("pages => document.querySelectorAll('.pdf-page[data-page]').forEach(slot => {"
            " if (pages[slot.dataset.page]) slot.textContent = 'see page ' + pages[slot.dataset.page] })")


async def policy_pdf(session: Printer) -> tuple[PdfWriter, dict[str, int]]:
    """The cover and contents, then every page the contents list, joined; returns the writer
    and where each page starts in it ({site path: page index}). The chapters are opened and
    printed at once, each in its own tab: Chromium lays them out on every core."""
    contents = await session.open(POLICY_PRINT_PAGE)
    # [{group, chapter, parts: [{url, title}]}], in the order of the contents.
    groups = await contents.evaluate(
        """() => [...document.querySelectorAll('.print-contents__group')].map(group => ({
             group: group.querySelector('h3').textContent.trim(),
             chapter: group.dataset.chapter ? new URL(group.dataset.chapter, location.href).href : null,
             parts: [...group.querySelectorAll('a[href]')].map(a => ({url: a.href, title: a.textContent.trim()})),
           }))"""
    )
    parts = [part for group in groups for part in group["parts"]]
    if not parts:
        raise PrintError(f"{POLICY_PRINT_PAGE} lists no pages. Fix: check docs/print/policy.md")
    chapters = chapters_of(groups)
    await all_of(*(chapter.compose(session) for chapter in chapters))
    tabs = [contents] + [chapter.tab for chapter in chapters]
    placeholders = {part["url"].removeprefix(session.base_url): "00" for part in parts}
    await all_of(*(tab.evaluate(SEE_PAGE, placeholders) for tab in tabs))

    # First printing: how many sheets each chapter takes, and where each part starts in it.
    cover, *printed = await all_of(*(session.pdf(tab, NO_PAGE_FOOTER) for tab in tabs))
    cover_sheets = sheets(cover)
    first_sheet = cover_sheets
    starts = []  # each part's first sheet, from 0
    for chapter, pdf in zip(chapters, printed):
        chapter.first_sheet, chapter.sheets = first_sheet, sheets(pdf)
        starts += [first_sheet + start for start in chapter.part_starts(pdf)]
        first_sheet += chapter.sheets
    total = first_sheet
    await contents.evaluate(
        "numbers => document.querySelectorAll('.print-contents__page').forEach((slot, i) => { slot.textContent = numbers[i] })",
        [str(n + 1) for n in starts],
    )
    # "See page N" wherever a page names another that the PDF holds (the summary, the flowchart).
    page_of = {part["url"].removeprefix(session.base_url): str(start + 1) for part, start in zip(parts, starts)}
    await all_of(*(tab.evaluate(SEE_PAGE, page_of) for tab in tabs))

    # Second printing, with the footers, joined into one document.
    printings = [(contents, 0, cover_sheets, None, {})] + [
        (chapter.tab, chapter.first_sheet, chapter.sheets, chapter.footer_page, chapter.part_footers)
        for chapter in chapters]

    async def with_footer(i: int, tab, first: int, count: int, footer_page: str | None, part_footers: dict) -> bytes:
        footer = await (page_footer_text(tab) if footer_page is None else footer_of(tab, footer_page))
        pdf = await session.pdf(tab, footer_css(footer, first + 1, total, cover=(i == 0), part_footers=part_footers))
        if sheets(pdf) != count:
            raise PrintError(f"{tab.url}: the page changed length between two printings")
        return pdf

    writer = PdfWriter()
    async for pdf in in_order(*(with_footer(i, *printing) for i, printing in enumerate(printings))):
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)

    writer.add_outline_item(title="Cover and contents", page_number=0)
    index = 0
    for group in groups:
        parent = writer.add_outline_item(title=group["group"], page_number=starts[index])
        for part in group["parts"]:
            writer.add_outline_item(title=part["title"], page_number=starts[index], parent=parent)
            index += 1
    writer.page_mode = "/UseOutlines"
    paths = [POLICY_PRINT_PAGE] + [part["url"].removeprefix(session.base_url) for part in parts]
    return writer, {path: start for path, start in zip(paths, [0] + starts)}


async def footer_of(tab, url: str) -> str:
    """What the page at ``url`` says in its footer on paper, read from its HTML in ``tab``."""
    return await tab.evaluate(
        f"async url => ({FOOTER_TEXT})(new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html'))",
        url)


# True when text on a card runs past its edge (the card hides what does not fit).
POCKET_CARD_OVERFLOWS = "[...document.querySelectorAll('.pocket-card')].some(c => c.scrollHeight > c.clientHeight + 1)"


async def pocket_card_pdf(session: Printer) -> PdfWriter:
    tab = await session.open(POCKET_CARD_PRINT_PAGE)
    # Each card is cut to its A6 size on paper: text that does not fit would be lost unseen.
    if await tab.evaluate(POCKET_CARD_OVERFLOWS):
        raise PrintError(
            f"the pocket card ({POCKET_CARD_PRINT_PAGE}) does not fit on its A6 card. Fix: shorten the pocket: "
            "texts of the steps in data/pathways.yml that the card carries (POCKET_CARD_OUTCOMES in "
            "macros/print_pages.py), or the card in macros/print_pages.py"
        )
    pdf = await session.pdf(tab)
    # One A4 sheet per side of the card (its fronts, then its backs).
    expected = max(1, await tab.evaluate("document.querySelectorAll('.pocket-sheet').length"))
    if (count := sheets(pdf)) != expected:
        raise PrintError(
            f"the pocket card ({POCKET_CARD_PRINT_PAGE}) takes {count} A4 pages, not {expected}. Fix: shorten "
            "the steps in data/pathways.yml that the card carries, or the card's content in macros/print_pages.py"
        )
    return PdfWriter(clone_from=io.BytesIO(pdf))


# --- links and metadata -----------------------------------------------------------------------


def site_url_of(site_dir: Path) -> str | None:
    """The site's public address (site_url), as the build wrote it into the home page."""
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)"', home)
    return found.group(1) if found else None


def relink(writer: PdfWriter, base_url: str, site_url: str | None, inside: dict[str, int] | None = None) -> None:
    """Links to the local server lead instead to a page's start in this PDF (``inside``: {site
    path: page index}), or else to the site's public address, or else nowhere (removed)."""
    for page in writer.pages:
        annotations = page.get("/Annots")
        if not annotations:
            continue
        kept = ArrayObject()
        for ref in annotations:
            annotation = ref.get_object()
            action = annotation.get("/A")
            uri = action.get_object().get("/URI") if action else None
            if uri and uri.startswith(base_url):
                path = uri.removeprefix(base_url).partition("#")[0]
                if inside and path in inside:
                    del annotation["/A"]
                    target = writer.pages[inside[path]].indirect_reference
                    annotation[NameObject("/Dest")] = ArrayObject([target, NameObject("/Fit")])
                elif site_url:
                    action.get_object()[NameObject("/URI")] = TextStringObject(site_url + uri.removeprefix(base_url))
                else:
                    # Left out, and its local address (with this run's port) not left in the file.
                    del annotation["/A"]
                    continue
            kept.append(ref)
        page[NameObject("/Annots")] = kept


def pdf_date(moment: datetime.datetime) -> str:
    """A moment in the PDF's date format (ISO 32000-1, 7.9.4), in UTC: D:20261206120000Z."""
    return moment.astimezone(datetime.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def write(writer: PdfWriter, path: Path, title: str, author: str) -> None:
    # Dated by the build, not by the printing browser's clock: the same commit prints the same bytes.
    built = pdf_date(build_moment())
    writer.add_metadata({"/Title": title, "/Author": author, "/CreationDate": built, "/ModDate": built})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer.write(out)


async def print_pdfs(site_dir: Path, context) -> str:
    """Write SITE_DIR/downloads/child-exploitation-policy.pdf and pocket-card.pdf, printed at
    once in ``context`` (from print_context: one can print many settings' sites,
    tools/build_all.py). Returns what was written, in one line."""
    setting = SiteData.load_once(DATA_DIR).setting
    title = f"{setting.policy.title}, {setting.name}"
    public = site_url_of(site_dir)
    out = site_dir / DOWNLOADS
    async with printer(site_dir, context) as session:
        (policy, starts), card = await all_of(policy_pdf(session), pocket_card_pdf(session))
        relink(policy, session.base_url, public, starts)
        relink(card, session.base_url, public)
    write(policy, out / POLICY_PDF, title, setting.name)
    write(card, out / POCKET_CARD_PDF, f"{title}: pocket card", setting.name)
    sizes = ", ".join(f"{name} ({(out / name).stat().st_size // 1024} KB)" for name in (POLICY_PDF, POCKET_CARD_PDF))
    return f"PDFs: {sizes}; the policy has {len(policy.pages)} pages"


async def print_alone(site_dir: Path) -> str:
    """print_pdfs in a Chromium of its own."""
    async with own_context() as context:
        return await print_pdfs(site_dir, context)


def main(site_dir: str) -> None:
    started = time.monotonic()
    try:
        written = asyncio.run(print_alone(Path(site_dir)))
    except PrintError as error:
        raise SystemExit(f"tools/pdf.py: {error}") from None
    print(f"{written}; {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
