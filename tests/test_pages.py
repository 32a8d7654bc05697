"""Every built page as a page: clause anchors, the emergency strip, the footer, tap-to-call."""

from __future__ import annotations

import json
import re

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from macros import pathway_pages
from sitedata.clauses import anchor_id

# The emergency strip must arrive in the first round trip of a slow connection (TCP's initial
# window is about 14 KB), so that it shows before anything else has loaded.
FIRST_ROUND_TRIP_BYTES = 14 * 1024


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_page(built_site, docs_page: str):
    """docs/policy/11-concerns.md -> site/policy/11-concerns/index.html"""
    stem = docs_page.removesuffix(".md")
    return built_site.path / ("index.html" if stem == "index" else stem.removesuffix("/index") + "/index.html")


def front_matter(docs_page: str) -> dict:
    text = (ROOT / "docs" / docs_page).read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"docs/{docs_page} has no front matter"
    return yaml.safe_load(text.split("---\n")[1])


def test_every_section_page_declares_its_section(site):
    for section in site.sections.sections:
        assert front_matter(section.page).get("section") == section.section, f"docs/{section.page}"


def test_every_clause_has_exactly_one_anchor_on_its_own_page(site, built_site):
    for section in site.sections.sections:
        page = soup(built_page(built_site, section.page))
        for number in [section.section, *section.clauses]:
            found = page.find_all(id=anchor_id(number))
            assert len(found) == 1, f"{number}: {len(found)} anchors on {section.page}"


def test_no_clause_anchor_outside_the_registry(site, built_site):
    known = {anchor_id(number) for number in site.sections.all_clauses()}
    for path in built_site.pages():
        for element in soup(path).find_all(id=re.compile(r"^clause-[0-9]")):
            assert element["id"] in known, f"{path.relative_to(built_site.path)}: {element['id']}"


def test_emergency_strip_is_first_on_every_page(site, built_site):
    route = site.contacts.emergency_route
    deputies = sum(1 for member in site.team.of_kind("deputy-dsl") if member.dial)
    for path in built_site.pages():
        html = path.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        strip = page.find("nav", attrs={"aria-label": "Emergency contacts"})
        name = path.relative_to(built_site.path)
        assert strip is not None, f"{name} has no emergency strip"
        assert html.index('aria-label="Emergency contacts"') < html.index('class="md-header'), name
        assert len(html[: html.index("</nav>")].encode()) < FIRST_ROUND_TRIP_BYTES, f"{name}: strip beyond 14 KB"
        # Each route entry, a deputy with a number after the DSL, "What to do now", "All contacts".
        assert len(strip.find_all("a")) == len(route) + deputies + 2, name
        assert strip.find("a", href="tel:999"), f"{name}: 999 is not tap-to-call"


def test_the_strips_entries_look_like_calls_only_when_they_are(site, built_site):
    """999 is a call button; the DSL, without a number, is a plain link to their card; either
    way the entry's accessible name spells out the role."""
    dsl = site.team.by_id()["dsl"]
    strip = soup(built_site.path / "index.html").find("nav", attrs={"aria-label": "Emergency contacts"})
    for link in strip.select(".emergency__link"):
        assert ("emergency__link--call" in link["class"]) == link["href"].startswith("tel:"), link
    entry = strip.find("a", href=dsl.dial.href if dsl.dial else re.compile(r"#contact-dsl$"))
    assert entry is not None and dsl.role in entry.get_text(" "), "the DSL's entry names the role in full"


def test_no_page_styles_a_link_to_a_placeholder_as_a_button(built_site):
    """A control styled as an action performs one: every button-styled link calls or emails,
    none leads to a card that has no number yet."""
    for path in built_site.pages():
        for button in soup(path).select("a.contact-action"):
            href = button["href"]
            assert re.fullmatch(r"tel:\+?\d+|mailto:\S+@\S+", href), f"{path.relative_to(built_site.path)}: {button}"


def test_at_most_one_who_to_call_now_panel_a_page(built_site):
    """One panel that chooses between lines a page (a helpline's own hours, in its step, are not
    a choice). Templates are the navigator's screens, each one a page of its own once shown."""
    panels = "[data-now-panel].now-panel--lines"
    for path in built_site.pages():
        page = soup(path)
        screens = [template.select(panels) for template in page.find_all("template")]
        outside = [p for p in page.select(panels) if not p.find_parent("template")]
        assert max([len(outside), *map(len, screens)]) <= 1, path.relative_to(built_site.path)


def test_no_text_is_escaped_twice(built_site):
    """"children's", never "children&#39;s", in the menu, the titles and the footer."""
    for path in built_site.pages():
        assert not re.search(r"&amp;#\d+;", path.read_text(encoding="utf-8")), path.relative_to(built_site.path)


def test_every_answer_and_question_page_has_its_own_title_and_no_sequence_footer(site, built_site):
    for node in [*site.pathways.outcomes, *site.pathways.questions]:
        page = soup(built_site.path / pathway_pages.node_page(site.pathways, node.id).removesuffix(".md") / "index.html")
        title = getattr(node, "title", None) or node.text
        assert page.title.get_text().startswith(f"{title} - "), node.id
        footer = page.select_one("nav.md-footer__inner")
        assert footer is None or footer.has_attr("hidden"), f"{node.id}: a Previous/Next footer"


def test_the_maintainers_pages_are_under_about_not_in_the_menu(built_site):
    home, about = soup(built_site.path / "index.html"), soup(built_site.path / "about" / "index.html")
    menu = {a["href"] for a in home.select("nav.md-nav--primary a[href]")}
    for page in ["setup/", "policy-owner-notes/", "editing/"]:
        assert not any(href.endswith(f"about/{page}") for href in menu), page
        assert about.select_one(f'article a[href$="{page}"]'), page


def test_the_404_page_keeps_the_strip_and_gives_a_way_home(built_site):
    page = soup(built_site.path / "404.html")
    assert page.find("nav", attrs={"aria-label": "Emergency contacts"})
    links = [a["href"] for a in page.select("article a[href]")]
    assert any(href.endswith("/") and href.count("/") <= 2 for href in links), links  # home
    assert any(href.endswith("contacts/") for href in links) and any(href.endswith("what-to-do/") for href in links)


def test_footer_shows_the_policys_date_on_every_page(site, built_site):
    dated = site.versions.current.dated
    for path in built_site.pages():
        footer = soup(path).find("footer")
        assert dated in footer.get_text(" ", strip=True)


def test_every_policy_phone_number_is_a_tap_to_call_link(site, built_site):
    """Each number the policy prints (999, 101, the Prevent line, the NSPCC) is a tel: link."""
    policy_pages = [soup(built_page(built_site, s.page)) for s in site.sections.sections]
    tel_links = {(a["href"], a.get_text()) for page in policy_pages for a in page.select('a[href^="tel:"]')}
    in_policy = [c for c in site.contacts.contacts if c.phone and c.in_policy]
    assert "emergency-services" in {c.id for c in in_policy}
    for contact in in_policy:
        assert (f"tel:{contact.phone.tel}", contact.phone.display) in tel_links, contact.id


def test_contacts_page_has_a_card_for_every_contact(site, built_site):
    page = soup(built_site.path / "contacts" / "index.html")
    for contact in site.contacts.contacts:
        card = page.find(id=f"contact-{contact.id}")
        assert card is not None, contact.id
        if contact.phone:
            # On its card, or (a line of a pair) in the "who to call now" panel above the cards.
            call = f'a[href="tel:{contact.phone.tel}"]'
            assert card.find_parent("div").select_one(call) or page.select_one(f"[data-now-panel] {call}"), contact.id


def test_contacts_not_in_the_policy_are_flagged_with_their_source(site, built_site):
    page = soup(built_site.path / "contacts" / "index.html")
    for contact in site.contacts.contacts:
        anchor = page.find(id=f"contact-{contact.id}")
        # 999 is the page's first line, the others are blocks.
        card = anchor.find_parent("div", class_="contact-card") or anchor
        flagged = "Not in the policy: check with your DSL" in card.get_text(" ")
        assert flagged == (not contact.in_policy), contact.id
        if contact.source:
            assert card.find("a", href=str(contact.source.url)), contact.id


def test_search_leaves_out_the_self_check_answers_and_pages_for_paper(built_site):
    """The site's search finds the policy and what to do, not the self-check's answers, the
    navigator's question steps or pages made for paper (each page says why in its front matter)."""
    index = json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    for left_out in ["training/self-check/", "training/handout/", "print/policy/", "what-to-do/questions/in-danger/"]:
        assert left_out not in pages, left_out
    for kept in ["policy/11-concerns/", "what-to-do/concern/", "contacts/"]:
        assert kept in pages, kept
