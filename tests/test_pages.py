"""Every built page as a page: clause anchors, the emergency strip, the footer, tap-to-call."""

from __future__ import annotations

import json
import re

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.render import long_date
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
    for path in built_site.pages():
        html = path.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        strip = page.find("nav", attrs={"aria-label": "Emergency contacts"})
        name = path.relative_to(built_site.path)
        assert strip is not None, f"{name} has no emergency strip"
        assert html.index('aria-label="Emergency contacts"') < html.index('class="md-header'), name
        assert len(html[: html.index("</nav>")].encode()) < FIRST_ROUND_TRIP_BYTES, f"{name}: strip beyond 14 KB"
        assert len(strip.find_all("a")) == len(route) + 2, name  # each route entry, "What to do now", "All contacts"
        assert strip.find("a", href="tel:999"), f"{name}: 999 is not tap-to-call"


def test_footer_shows_review_status_on_every_page(site, built_site):
    version = site.versions.current
    expected = f"Updated {long_date(version.date)}; review due {long_date(version.review_due)}."
    for path in built_site.pages():
        footer = soup(path).find("footer")
        assert expected in footer.get_text(" ", strip=True)


def test_every_policy_phone_number_is_a_tap_to_call_link(site, built_site):
    """Each number the policy prints (999, 101, the Prevent line, the NSPCC) is a tel: link."""
    policy_pages = [soup(built_page(built_site, s.page)) for s in site.sections.sections]
    tel_links = {(a["href"], a.get_text()) for page in policy_pages for a in page.select('a[href^="tel:"]')}
    in_policy = [c for c in site.contacts.contacts if c.phone and c.in_policy]
    assert len(in_policy) == 4
    for contact in in_policy:
        assert (f"tel:{contact.phone.tel}", contact.phone.display) in tel_links, contact.id


def test_contacts_page_has_a_card_for_every_contact(site, built_site):
    page = soup(built_site.path / "contacts" / "index.html")
    for contact in site.contacts.contacts:
        card = page.find(id=f"contact-{contact.id}")
        assert card is not None, contact.id
        if contact.phone:
            assert card.find_parent("div").find("a", href=f"tel:{contact.phone.tel}"), contact.id


def test_contacts_not_in_the_policy_are_flagged_with_their_source(site, built_site):
    page = soup(built_site.path / "contacts" / "index.html")
    for contact in site.contacts.contacts:
        card = page.find(id=f"contact-{contact.id}").find_parent("div", class_="contact-card")
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
