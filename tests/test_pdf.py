"""Paper: the PDFs read back (text, pages, fonts, links), the network guard of the PDF step, the
print pages, and the print stylesheet in Chromium."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import threading

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from test_print import SCREEN_WORDS, headings_of, stranded
from conftest import SETTING

from macros import print_pages
from sitedata import addresses
from tools import pdf
from sitedata.addresses import Linker

POLICY = f"{addresses.DOWNLOADS}/{addresses.POLICY_PDF}"
CARD = f"{addresses.DOWNLOADS}/{addresses.POCKET_CARD_PDF}"
# A clause number that opens a line: "11.5  Where risks...", not "(See Section 8.0)".
LINE_START_CLAUSE = re.compile(r"^(\d{1,2}\.\d{1,2})(?=\s)", re.MULTILINE)


# These tests read the PDFs: the whole build (the pages, the PDFs and the offline copy, in the same folder).
pytestmark = pytest.mark.usefixtures("built_downloads")


def read(built_site, name: str) -> PdfReader:
    return PdfReader(built_site.path / name)


def flat(text: str) -> str:
    """Text with every run of white space as one space: numbers may wrap across lines."""
    return " ".join(text.split())


def outline_starts(reader: PdfReader) -> dict[str, int]:
    """Each bookmark's title and the index of its first page."""
    starts = {}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                starts[item.title] = reader.get_destination_page_number(item)

    walk(reader.outline)
    return starts


# --- the policy PDF ---------------------------------------------------------------------------


def test_the_policy_pdf_has_every_clause_in_order(site, built_site):
    """Each section's pages (found by its bookmark) open their lines with the section's number and
    then its clauses' numbers, in the policy's order. Only the section's own numbers are read, so
    a reference to another section that happens to start a line cannot be mistaken for a clause."""
    reader = read(built_site, POLICY)
    starts = outline_starts(reader)
    sections = site.sections.sections
    titles = [next(title for title in starts if title.startswith(f"{s.section} ")) for s in sections]
    firsts = [starts[title] for title in titles]
    assert firsts == sorted(firsts), "the sections are not in order"
    # The sections follow on from each other: one may start on the page where the last ends.
    ends = firsts[1:] + [min(i for i in starts.values() if i > firsts[-1]) - 1]
    for number, (section, first, end) in enumerate(zip(sections, firsts, ends)):
        text = "\n".join(reader.pages[i].extract_text() for i in range(first, end + 1))
        text = text[re.search(rf"^{re.escape(section.section)}\s", text, re.MULTILINE).start():]
        if number + 1 < len(sections):
            text = text[:re.search(rf"^{re.escape(sections[number + 1].section)}\s", text, re.MULTILINE).start()]
        prefix = section.section.split(".")[0] + "."
        found = [n for n in LINE_START_CLAUSE.findall(text) if n.startswith(prefix)]
        in_order = list(dict.fromkeys(found))  # first occurrences
        assert in_order == [section.section, *section.clauses], section.section


def test_the_policy_pdf_has_its_cover_contents_and_every_contact(site, built_site):
    reader = read(built_site, POLICY)
    cover = flat(reader.pages[0].extract_text())
    assert site.setting.name in cover
    assert site.versions.current.dated in cover
    everything = flat("\n".join(page.extract_text() for page in reader.pages))
    for contact in site.contacts.contacts:
        for value in [contact.phone.display if contact.phone else None, str(contact.email) if contact.email else None]:
            if value:
                assert value in everything, contact.id
    starts = outline_starts(reader)
    for title in ["Contacts", "Flowchart: what to do now", *(o.title for o in site.pathways.outcomes)]:
        assert title in starts, title


def test_the_policy_pdf_starts_with_what_to_do_and_refers_to_each_situations_page(site, built_site):
    reader = read(built_site, POLICY)
    starts = outline_starts(reader)
    order = sorted(starts, key=lambda title: (starts[title], title not in ("What to do now", "The policy")))
    first_section = next(t for t in order if t.startswith("1.0 "))
    assert order.index("What to do now") < order.index("Contacts") < order.index("Flowchart: what to do now") \
        < order.index(first_section) < order.index(site.pathways.outcomes[0].title)
    summary = flat(reader.pages[starts["What to do now"]].extract_text())
    for outcome in site.pathways.outcomes:
        page = starts[outcome.title] + 1
        assert f"{outcome.title} (see page {page})" in summary, outcome.id
        assert flat(outcome.title) in flat(reader.pages[page - 1].extract_text())


def test_the_drawn_flowchart_is_one_sheet_naming_each_outcomes_page(site, built_site):
    reader = read(built_site, POLICY)
    starts = outline_starts(reader)
    sheet = flat(reader.pages[starts["Flowchart: what to do now"]].extract_text())
    for outcome in site.pathways.outcomes:
        assert f"{outcome.title} see page {starts[outcome.title] + 1}" in sheet, outcome.id


def test_the_contents_give_each_part_its_page_and_lead_there(built_site):
    reader = read(built_site, POLICY)
    contents = reader.pages[1].extract_text()
    starts = outline_starts(reader)
    for title, index in starts.items():
        if title[0].isdigit() or title == "Contacts":  # one line each in the contents
            assert re.search(rf"^{re.escape(title)}\s+{index + 1}$", contents, re.MULTILINE), title
            assert f"Page {index + 1} of {len(reader.pages)}" in reader.pages[index].extract_text(), title
    # Each contents link is a link inside the PDF, to its part's first page (the policy's
    # sections follow on from each other: several may start on one page).
    targets = [reader.get_page_number(a.get_object()["/Dest"][0].get_object())
               for a in reader.pages[1]["/Annots"] if "/Dest" in a.get_object()]
    assert targets == sorted(targets) and set(targets) == set(starts.values()) - {0}


# The policy PDF's page margins (site.css, @page): the footer is in the bottom one.
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 15 * MM, 18 * MM


def inked(shape: dict) -> bool:
    """A character, picture or line that prints: not a white background."""
    if shape["object_type"] == "char":
        return bool(shape["text"].strip())
    if shape["object_type"] == "image":
        return True
    def white(colour):
        return colour is None or all(v >= 0.99 for v in (colour if isinstance(colour, (tuple, list)) else [colour]))
    return bool((shape.get("stroke") and not white(shape.get("stroking_color")))
                or (shape.get("fill") and not white(shape.get("non_stroking_color"))))


def fill(page) -> float:
    """How far down its text area a page is printed (0 to 1), its footer left out."""
    height = float(page.height)
    bottoms = [shape["bottom"] for shape in page.chars + page.rects + page.curves + page.images + page.lines
               if inked(shape) and shape["top"] >= TOP_MARGIN - 2 and shape["bottom"] <= height - BOTTOM_MARGIN + 1]
    return (max(bottoms) - TOP_MARGIN) / (height - TOP_MARGIN - BOTTOM_MARGIN) if bottoms else 0.0


def test_the_policy_pdf_wastes_no_paper(built_site):
    """The policy starts within the first 8 pages; at least 85% of the pages are 60% full or
    more, leaving out the last page of each chapter (each part that starts a new sheet)."""
    reader = read(built_site, POLICY)
    starts = outline_starts(reader)
    assert starts["1.0 Introduction"] < 8
    chapter_starts = sorted(set(starts.values()) | {len(reader.pages)})
    last_pages = {start - 1 for start in chapter_starts[1:]}
    with pdfplumber.open(built_site.path / POLICY) as pdf:
        fills = {number: fill(page) for number, page in enumerate(pdf.pages)}
    counted = [number for number in fills if number not in last_pages]
    thin = [number + 1 for number in counted if fills[number] < 0.6]
    assert len(thin) <= 0.15 * len(counted), f"pages less than 60% full: {thin}"


def test_the_policy_pdf_gives_each_contact_once_in_one_table_and_draws_the_flowchart_once(site, built_site):
    table = BeautifulSoup(built_site.page("print/contacts/").read_text(encoding="utf-8"), "html.parser")
    rows = [" ".join(row.select_one("td strong").get_text().split()) for row in table.select(".contacts-table tbody tr:has(td)")]
    assert rows == [flat(m.role) for m in site.team.members] + [
        flat(c.name) for group in print_pages.CONTACT_GROUPS for c in site.contacts.contacts if c.group == group]
    reader = read(built_site, POLICY)
    starts = outline_starts(reader)
    after = sorted(set(starts.values()) | {len(reader.pages)})

    def part(title: str) -> str:
        first = starts[title]
        return flat("\n".join(reader.pages[i].extract_text() for i in range(first, after[after.index(first) + 1])))

    contacts = part("Contacts")
    in_the_strip = {step.contact for step in site.contacts.emergency_route}
    for contact in site.contacts.contacts:
        if contact.phone and contact.id not in in_the_strip:
            assert contacts.count(contact.phone.display) == 1, contact.id
        if contact.email:
            assert contacts.count(str(contact.email)) == 1, contact.id
    # The flowchart is its drawing, on one sheet: each way in drawn once, and no list after it.
    assert after[after.index(starts["Flowchart: what to do now"]) + 1] == starts["Flowchart: what to do now"] + 1
    flowchart = part("Flowchart: what to do now")
    for start in site.pathways.starts:
        assert flowchart.count(flat(start.label)) == 1, start.id


def test_no_page_of_the_policy_pdf_ends_with_a_heading(built_site):
    """A heading is printed with what follows it (site.css): none is the last line of a page."""
    headings = set().union(*(headings_of(page.read_text(encoding="utf-8")) for page in built_site.pages()))
    assert {"What you do now", "What happens next"} <= headings
    assert stranded(built_site.path / POLICY, headings) == []


# --- the pocket card --------------------------------------------------------------------------


def test_the_pocket_card_is_four_two_sided_a6_cards_on_one_a4_sheet(site, built_site):
    """The fronts on one side of the sheet, the backs on the other: what to do and whom to tell,
    then the staff route, the local authority's lines as a timetable, the police and helplines."""
    reader = read(built_site, CARD)
    assert len(reader.pages) == 2
    for page in reader.pages:
        width, height = (float(v) for v in page.mediabox.upper_right)
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4, in points
    front, back = (flat(page.extract_text()) for page in reader.pages)
    copies = print_pages.POCKET_CARD_COPIES
    route = site.contacts.emergency_route[0]
    assert front.count(f"{route.label}: call {site.contacts.by_id()[route.contact].phone.display}") == copies
    # Whom to tell, each with the lines to write a name and number on that the setting has not supplied.
    assert front.count("Who Name Number") == copies
    for kind in print_pages.POCKET_CARD_PEOPLE:
        for member in site.team.of_kind(kind):
            assert front.count(flat(member.role)) >= copies, member.id  # a role may be in a step's words too
    for side, outcomes in [(front, print_pages.POCKET_CARD_FRONT), (back, print_pages.POCKET_CARD_BACK)]:
        for outcome_id, heading in outcomes.items():
            assert side.count(heading) == copies, outcome_id
            for step in print_pages.own_steps(site.pathways.outcome(outcome_id)):
                assert side.count(f"{flat(step.pocket or step.do)} ({', '.join(step.clauses)})") == copies, step.do
    # The local authority's two lines, as a timetable: when each answers, never "now".
    contacts = site.contacts.by_id()
    assert site.contacts.line_pairs
    for pair in site.contacts.line_pairs:
        for line in (contacts[pair.office], contacts[pair.out_of_hours]):
            assert back.count(flat(line.hours.in_words)) == copies, line.id
            assert back.count(line.phone.display) == copies, line.id
    for contact in site.contacts.contacts:
        if contact.phone and contact.group in print_pages.POCKET_CARD_HELPLINES:
            assert back.count(contact.phone.display) == copies, contact.id
    assert back.count("Site address") == copies


# A clause reference on the card: "(12.2, 10.0)" is read as the words "(12.2," and "10.0)".
CLAUSE_WORD = re.compile(r"^\(?\d{1,2}\.\d{1,2}[,)]?$")


def test_the_pocket_cards_type_is_large_enough_to_read(built_site):
    """Text at 9 pt at least, clause references at 7 pt, as read back from the PDF."""
    with pdfplumber.open(built_site.path / CARD) as card:
        words = [word for page in card.pages for word in page.extract_words(extra_attrs=["size"])]
    assert words
    clauses = [w for w in words if CLAUSE_WORD.match(w["text"])]
    text = [w for w in words if not CLAUSE_WORD.match(w["text"])]
    assert clauses and min(w["size"] for w in clauses) >= 7 - 0.05
    small = sorted({w["text"] for w in text if w["size"] < 9 - 0.05})
    assert not small, f"smaller than 9 pt: {small[:10]}"


def test_the_pocket_cards_lines_to_write_on_are_8_mm_high(browser, site_url):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(site_url + "print/pocket-card/")
    heights = page.eval_on_selector_all(".pocket-card .write-in", "lines => lines.map(l => l.getBoundingClientRect().height)")
    page.close()
    assert heights and min(heights) >= 8 / 25.4 * 96 - 0.5  # CSS pixels: 96 to the inch


# --- both PDFs --------------------------------------------------------------------------------


def fonts_of(resources) -> list:
    """Every font in a page's resources, including those of its form XObjects."""
    resources = resources.get_object() if resources else {}
    found = [font.get_object() for font in (resources.get("/Font") or {}).values()]
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            found += fonts_of(xobject.get("/Resources"))
    return found


@pytest.mark.parametrize("name", [POLICY, CARD])
def test_every_font_is_embedded(built_site, name):
    fonts = [font for page in read(built_site, name).pages for font in fonts_of(page.get("/Resources"))]
    assert fonts
    for font in fonts:
        # A Type0 font keeps its descriptor in its descendant font.
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font.get("/BaseFont")


# Icons and widgets drawn as characters: chevrons, arrows, ticks, and the private-use glyphs of
# icon fonts.
ICON_GLYPHS = re.compile("[\u2039\u203a\u2190-\u21ff\u25b2-\u25ff\u2713\u2714\u2717\ue000-\uf8ff]")


@pytest.mark.parametrize("name", [POLICY, CARD])
def test_paper_has_no_screen_words_widgets_or_time_of_day(built_site, name):
    """No "tap", "select" or "click", no buttons or controls, no icon glyphs; and never what to
    do "now": the browser that printed a PDF had a clock, the paper is read at any time after."""
    text = "\n".join(page.extract_text() for page in read(built_site, name).pages)
    assert "Now (" not in text
    assert not SCREEN_WORDS.findall(text), [line for line in text.splitlines() if SCREEN_WORDS.search(line)]
    for control in ["Show the outcome", "Present on a projector", "Print these steps", "Start again"]:
        assert control not in text, control
    assert not ICON_GLYPHS.findall(text), sorted(set(ICON_GLYPHS.findall(text)))


@pytest.mark.parametrize("name", [POLICY, CARD])
def test_no_link_points_at_the_build_server(built_site, name):
    for page in read(built_site, name).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            uri = action.get_object().get("/URI", "") if action else ""
            assert "127.0.0.1" not in uri


def test_the_downloads_page_links_both_pdfs_and_the_offline_copy(built_site):
    page = BeautifulSoup((built_site.path / "downloads" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in page.select("article a[href]")}
    for name in [addresses.POLICY_PDF, addresses.POCKET_CARD_PDF, addresses.offline_zip(SETTING.id)]:
        assert name in hrefs  # the page is downloads/, beside the files
    assert (built_site.path / POLICY).stat().st_size > 0 and (built_site.path / CARD).stat().st_size > 0


def test_every_link_to_a_download_reaches_its_file(built_site):
    """The site's own links to a PDF or the offline copy, on every page, reach a file of the build
    (the link check, test_links.py, runs before they are built and leaves them out)."""
    reached = set()
    for page in built_site.pages():
        for href in re.findall(r'href="([^"#?]+\.(?:pdf|zip))"', page.read_text(encoding="utf-8")):
            if "://" in href:
                continue  # another site's document
            target = (page.parent / href).resolve()
            assert target.is_file() and target.stat().st_size > 0, f"{page.relative_to(built_site.path)}: {href}"
            reached.add(target.relative_to(built_site.path.resolve()).as_posix())
    assert reached == {POLICY, CARD, f"{addresses.DOWNLOADS}/{addresses.offline_zip(SETTING.id)}"}


def test_the_print_pages_are_in_neither_the_nav_nor_the_search(built_site):
    index = json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("print/")]
    home = BeautifulSoup((built_site.path / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not home.select('.md-nav a[href*="print/"]')


# --- the PDF step's guards (a tiny site printed on its own) ---------------------------------


@pytest.fixture(scope="module")
def printing():
    """``printing(scenario)`` runs ``scenario(context)`` in a context of the PDF step's own
    Chromium, as build-all prints one site after another in one context; in an event loop on
    a thread of its own (the tests' Playwright holds this thread's)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result()

    chromium = contextlib.AsyncExitStack()
    context = run(chromium.enter_async_context(pdf.own_context()))
    yield lambda scenario: run(scenario(context))
    run(chromium.aclose())
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()


async def print_page(session, path: str) -> bytes:
    return await session.pdf(await session.open(path))


def test_one_context_prints_site_after_site_each_as_it_is_now(printing, tmp_path):
    """build-all prints every setting in one context: neither what one site may load nor its
    files are kept for the next, even a file at the same address and with the same date."""

    async def site_after_site(context):
        texts = []
        for words in ["Bankside", "Riverside"]:
            page = tmp_path / words / "index.html"
            page.parent.mkdir()
            async with pdf.printer(page.parent, context) as session:
                for version in [words, f"{words} changed"]:
                    page.write_text(f'<html lang="en"><title>t</title><p>{version}</p></html>')
                    os.utime(page, (0, 1_600_000_000))  # long unchanged: a browser may keep such a file
                    texts.append(PdfReader(io.BytesIO(await print_page(session, "index.html"))).pages[0].extract_text())
        return texts, context.pages

    texts, tabs_left = printing(site_after_site)
    assert texts == ["Bankside", "Bankside changed", "Riverside", "Riverside changed"]
    assert not tabs_left, "each site's tabs are closed once it is printed"


def test_printing_refuses_and_reports_a_request_to_another_origin(printing, tmp_path):
    """Another loopback address stands for the outside world: nothing leaves the machine even if
    the guard fails. The request is laid at the door of the page that made it, though others
    print at the same time."""
    (tmp_path / "ok.html").write_text('<html lang="en"><title>t</title><p>Local only</p></html>')
    (tmp_path / "remote.html").write_text('<html lang="en"><title>t</title><img src="http://127.0.0.2:9/x.png" alt="x"></html>')

    async def both(context):
        async with pdf.printer(tmp_path, context) as session:
            remote = await session.open("remote.html")
            assert PdfReader(io.BytesIO(await print_page(session, "ok.html"))).pages
            with pytest.raises(pdf.PrintError, match=re.escape("remote.html asked for http://127.0.0.2:9/x.png")):
                await session.pdf(remote)

    printing(both)


@pytest.mark.parametrize("card, message", [
    ("<p>A step.</p>" * 200, "takes [2-9] A4 pages, not 1"),
    ('<div class="pocket-card" style="height: 50mm; overflow: hidden">' + "<p>A step.</p>" * 40 + "</div>",
     "does not fit on its A6 card"),
], ids=["longer than a page", "text past its A6 card"])
def test_a_pocket_card_that_does_not_fit_fails_the_build(printing, tmp_path, card, message):
    page = tmp_path / "print" / "pocket-card" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<html lang="en"><title>t</title>{card}</html>')

    async def card_pdf(context):
        async with pdf.printer(tmp_path, context) as session:
            await pdf.pocket_card_pdf(session)

    with pytest.raises(pdf.PrintError, match=message):
        printing(card_pdf)


def test_links_to_the_build_server_are_pointed_at_the_site_or_removed(printing, tmp_path):
    (tmp_path / "index.html").write_text('<html lang="en"><title>t</title><a href="other/">Other</a></html>')
    for site_url, expected in [("https://policy.example/", ["https://policy.example/other/"]), (None, [])]:

        async def relinked(context):
            async with pdf.printer(tmp_path, context) as session:
                writer = pdf.PdfWriter(clone_from=io.BytesIO(await print_page(session, "index.html")))
                pdf.relink(writer, session.base_url, site_url)
            return writer

        writer = printing(relinked)
        uris = [a.get_object()["/A"]["/URI"] for page in writer.pages for a in page.get("/Annots") or []]
        assert uris == expected


# --- the print pages, rendered ----------------------------------------------------------------


def test_the_site_address_is_never_guessed_and_is_a_qr_code_when_known(site):
    linker = Linker(print_pages.POCKET_CARD_PAGE)
    unknown = print_pages.pocket_card(site, linker, None)
    assert "(ask your DSL)" in unknown and "<svg" not in unknown
    known = print_pages.pocket_card(site, linker, "https://policy.example/")
    assert "https://policy.example/" in known and "(ask your DSL)" not in known
    assert known.count("<svg") == print_pages.POCKET_CARD_COPIES


@pytest.mark.parametrize(
    "page_url, expected", [("downloads/", "pocket-card.pdf"), ("downloads.html", "downloads/pocket-card.pdf")]
)
def test_download_links_are_relative_to_the_page(site, page_url, expected):
    assert f'href="{expected}"' in print_pages.downloads_list(site, page_url)


# --- the print stylesheet, in Chromium --------------------------------------------------------


@pytest.fixture
def printed(browser, site_url):
    """The clause page with most on it, as the print stylesheet lays it out."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "policy/11-concerns/")
    page.emulate_media(media="print")
    yield page
    context.close()


def visible(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "elements => elements.map(e => e.checkVisibility())")


def test_print_hides_the_screen_chrome(printed):
    for selector in [".md-header", ".md-search", ".md-sidebar", ".md-footer__inner", ".emergency .screen-only"]:
        shown = visible(printed, selector)
        assert shown and not any(shown), selector


def test_print_shows_the_emergency_route_and_the_footer_as_text(site, printed):
    strip = printed.locator(".emergency")
    assert strip.is_visible()
    text = flat(strip.inner_text())
    dsl = site.team.by_id()["dsl"]
    assert "In immediate danger: 999" in text and (dsl.dial.display if dsl.dial else dsl.name) in text
    assert printed.eval_on_selector(".emergency__link--call", "a => getComputedStyle(a).textDecorationLine") == "none"
    footer = printed.locator(".md-copyright").inner_text()
    assert site.setting.name in footer and site.versions.current.dated in footer
    assert "policy/11-concerns/" in printed.locator(".print-address").inner_text()


def test_the_page_address_is_on_paper_only(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "policy/11-concerns/")
    assert visible(page, ".print-address") == [False]
    page.close()


def test_print_gives_each_web_address_after_its_link(printed):
    hrefs = printed.eval_on_selector_all('article a[href^="http"]', "links => links.map(a => a.href)")
    assert hrefs
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed.pdf(format="A4"))).pages)
    joined = "".join(text.split())  # addresses wrap anywhere
    for href in hrefs:
        assert f"({href})" in joined, href
    assert "(tel:" not in joined and "(mailto:" not in joined


def test_print_opens_collapsed_content(printed):
    printed.evaluate(
        """() => document.querySelector('article').insertAdjacentHTML('beforeend',
             '<details><summary>More</summary><p id="folded">Folded text</p></details>')"""
    )
    assert visible(printed, "#folded") == [True]
    printed.emulate_media(media="screen")
    assert visible(printed, "#folded") == [False]

