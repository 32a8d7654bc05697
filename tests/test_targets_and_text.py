"""On a 360 px phone: every control a reader taps is at least 44 by 44 px, and no text a reader
reads is smaller than 16 px; and what a screen reader meets on the navigator and the emergency
outcome, read from Chromium's accessibility tree."""

from __future__ import annotations

import pytest
from conftest import VIEWPORTS, add_test_style
from playwright.sync_api import expect

from macros import reach

PAGES = ["", "what-to-do/", "what-to-do/concern/", "what-to-do/immediate-danger/", "what-to-do/flowchart/",
         "contacts/", "policy/11-concerns/", "signs/", "training/self-check/", "downloads/"]
# The controls of our own making that a reader taps.
TARGETS = ("a.emergency__link, a.step__clause, a.clause-number, a.contact-action, a.navigator__option, "
           "a.navigator__back, .sign__tick-label, .training-button, .update-notice__button")
# Every visible element with text of its own, and its size. Code samples (the About pages) are
# not read to act on.
SMALL_TEXT = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.checkVisibility() && !el.closest('code, kbd')
    && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(el => parseFloat(getComputedStyle(el).fontSize) < 16)
  .map(el => `${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).split(' ')[0]}: `
             + `${getComputedStyle(el).fontSize} "${el.textContent.trim().slice(0, 40)}"`)"""
SMALL_TARGETS = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.checkVisibility())
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.width < 44 || box.height < 44)
  .map(([el, box]) => `${el.className}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_text_is_16_px_and_targets_44_px_on_a_phone(phone, site_url, path):
    phone.goto(site_url + path)
    assert phone.evaluate(SMALL_TEXT) == []
    assert phone.evaluate(SMALL_TARGETS, TARGETS) == []


def test_the_checks_find_small_text_and_small_targets(phone, site_url):
    phone.goto(site_url + "what-to-do/concern/")
    add_test_style(phone, ".step-meta { font-size: 12px } .md-typeset a.step__clause { display: inline; min-height: 0 }")
    assert phone.evaluate(SMALL_TEXT)
    assert phone.evaluate(SMALL_TARGETS, TARGETS)


# --- what a screen reader meets -------------------------------------------------------------


def test_a_navigator_screen_is_one_heading_and_a_named_list_of_answers(phone, site_url):
    phone.goto(site_url + "what-to-do/")
    phone.click('a[data-navigator-start="worried"]')
    navigator = phone.locator("#navigator")
    expect(phone.locator("#navigator[data-ready]")).to_have_count(1)
    # The question is the screen's one heading.
    headings = navigator.get_by_role("heading")
    expect(headings).to_have_count(1)
    expect(headings).to_have_text("Is a child or young person in immediate danger?")
    answers = navigator.get_by_role("group", name="Answers").get_by_role("link")
    expect(answers).to_have_text(["Yes", "No"])
    # One announcement: focus moves to the new heading, and no live region repeats it.
    assert phone.evaluate("document.activeElement.matches('#navigator h1')")
    assert navigator.locator("[aria-live]").count() == 0


def test_the_emergency_outcome_names_its_actions_by_what_they_do(phone, site_url, site):
    phone.goto(site_url + "what-to-do/immediate-danger/")
    card = phone.locator(".emergency-card")
    expect(card.get_by_role("heading", name="Immediate action required")).to_be_visible()
    expect(card.get_by_role("link", name="Call 999", exact=True)).to_be_visible()
    # The DSL's call button; without a number yet, the action says whom to tell, in person.
    dsl = site.team.by_id()["dsl"]
    if dsl.dial:
        expect(card.locator(f'a[href="{dsl.dial.href}"]').first).to_be_visible()
    else:
        expect(card.get_by_text(reach.in_person(dsl, site.setting.lead, "straight away"))).to_be_visible()
    expect(card).to_match_aria_snapshot("""
      - heading "Immediate action required" [level=2]
      - list:
        - listitem:
          - paragraph:
            - strong: "When: now:"
            - text: If it's an emergency, call the emergency services now.
    """)
