"""The signs explorer (/signs/) in a real Chromium: every sign in data/indicators.yml is listed
once, with its kind and the lists (clauses) it appears in; search and the list filters narrow
the list and the count says how many are shown; the tick-list builds a summary to take to the
DSL (the signs, their clauses, today's date, the policy's "not an exhaustive list" reminder and
the way to the concern steps) that never scores or judges; and with JavaScript off every sign
is still there.

The DOM this protects (the explorer's contract):
  input#signs-search; #signs-count
  input[type=checkbox][name="signs-list"][value="<kind>"]
  li.sign[data-kind] with .sign__text, .sign__lists a (clause links), input.sign__tick
  section#signs-summary with li, .signs-summary__date, a link to what-to-do/concern/,
  button[data-signs-print]
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

import pytest
from conftest import ROOT, VIEWPORTS
from playwright.sync_api import Page, expect

from macros.sitedata import SiteData

SIGNS = "signs/"
KINDS = ["risk-factors", "indicators", "trafficking", "county-lines", "serious-violence"]
REMINDER = "This is not an exhaustive list"
# Words a score or a verdict would use; the summary lists what was noticed, nothing more.
VERDICT_WORDS = ["score", "risk level", "high risk", "medium risk", "low risk", "points", "rating", "verdict"]
# A tally such as "3/10", "3 out of 10" or "30%".
TALLY = re.compile(r"\b\d+\s*(/|out of)\s*\d+\b|\d+\s*%")


@dataclass(frozen=True)
class Sign:
    id: str
    kind: str
    text: str
    clauses: tuple[str, ...]  # the lists it appears in: its own, and those of the same sign


@pytest.fixture(scope="module")
def signs() -> list[Sign]:
    book = SiteData.load(ROOT / "data").indicators
    found = []
    for lst in book.lists:
        for item in lst.items:
            clauses = {lst.clause} | {other_list.clause for other_list, _ in book.same_sign(item)}
            found.append(Sign(item.id, lst.kind, item.text, tuple(sorted(clauses, key=clause_order))))
    assert len({(s.kind, s.text) for s in found}) == len(found), "kind and text no longer tell the signs apart"
    return found


def clause_order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def sign_by_id(signs: list[Sign], sign_id: str) -> Sign:
    return next(s for s in signs if s.id == sign_id)


def today() -> str:
    """Today as the summary writes it, e.g. "28 November 2026"."""
    date = datetime.date.today()
    return f"{date.day} {date:%B %Y}"


# --- looking at the page --------------------------------------------------------------------------


@pytest.fixture
def page(context, site_url) -> Page:
    """The signs page in the test's context (phone and desktop); the test fails if a script throws."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + SIGNS)
    yield page
    assert errors == [], f"script errors: {errors}"


def items(page: Page):
    return page.locator("li.sign")


def shown_items(page: Page):
    return page.locator("li.sign:not([hidden])")


def item_for(page: Page, sign: Sign):
    exact = re.compile(rf"^\s*{re.escape(sign.text)}\s*$")
    return page.locator(f'li.sign[data-kind="{sign.kind}"]').filter(
        has=page.locator(".sign__text").filter(has_text=exact)
    )


def search(page: Page):
    return page.locator("input#signs-search")


def count(page: Page):
    return page.locator("#signs-count")


def kind_filter(page: Page, kind: str):
    return page.locator(f'input[type=checkbox][name="signs-list"][value="{kind}"]')


def summary(page: Page):
    return page.locator("section#signs-summary")


def expect_shown(page: Page, number: int) -> None:
    """``number`` signs are shown (the rest carry the hidden attribute) and the count says so."""
    expect(shown_items(page)).to_have_count(number)
    expect(count(page)).to_have_text(re.compile(rf"(^|\D){number}(\D|$)"))


def listed(page: Page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('li.sign')].map(li => ({
            kind: li.dataset.kind,
            text: (li.querySelector('.sign__text') || {textContent: ''}).textContent.trim(),
            lists: [...li.querySelectorAll('.sign__lists a')].map(a => a.textContent.trim()),
            hrefs: [...li.querySelectorAll('.sign__lists a')].map(a => a.getAttribute('href') || ''),
        }))"""
    )


def clause_of(link_text: str) -> str:
    """The clause number a list link starts with ("6.4 Indicators of exploitation" -> "6.4")."""
    match = re.match(r"\d+\.\d+", link_text)
    return match.group(0) if match else link_text


# --- every sign, once ----------------------------------------------------------------------------


def test_every_sign_is_listed_once_with_its_kind(page, signs):
    expect(items(page)).to_have_count(len(signs))
    shown = Counter((item["kind"], item["text"]) for item in listed(page))
    assert shown == Counter((s.kind, s.text) for s in signs)


def test_every_sign_links_the_lists_it_appears_in(page, signs):
    expect(items(page)).to_have_count(len(signs))
    by_text = {(s.kind, s.text): s for s in signs}
    wrong = {}
    for item in listed(page):
        sign = by_text.get((item["kind"], item["text"]))
        clauses = [clause_of(text) for text in item["lists"]]
        links_ok = all(item["hrefs"])
        if sign is None or sorted(clauses, key=clause_order) != list(sign.clauses) or not links_ok:
            wrong[item["text"][:60]] = (item["lists"], item["hrefs"], sign.clauses if sign else "no such sign")
    assert not wrong, "\n".join(f"{text}: {found}" for text, found in wrong.items())


def test_every_sign_is_shown_at_first(page, signs):
    expect_shown(page, len(signs))
    for kind in KINDS:
        expect(kind_filter(page, kind)).to_be_checked()


# --- search and filters -----------------------------------------------------------------------------


def test_search_narrows_the_list_and_clearing_restores_it(page, signs):
    hotel = sign_by_id(signs, "hotel-key-cards")
    search(page).press_sequentially("hotel")
    expect_shown(page, 1)
    expect(shown_items(page).locator(".sign__text")).to_have_text(hotel.text)
    expect(page.locator("li.sign[hidden]")).to_have_count(len(signs) - 1)
    expect(shown_items(page)).to_be_visible()
    search(page).fill("")
    expect_shown(page, len(signs))


def test_unchecking_a_list_hides_its_signs(page, signs):
    trafficking = [s for s in signs if s.kind == "trafficking"]
    assert trafficking
    kind_filter(page, "trafficking").uncheck()
    expect_shown(page, len(signs) - len(trafficking))
    expect(page.locator('li.sign[data-kind="trafficking"]:not([hidden])')).to_have_count(0)
    for sign in trafficking[:3]:
        expect(item_for(page, sign)).to_be_hidden()
    kind_filter(page, "trafficking").check()
    expect_shown(page, len(signs))


def test_search_and_filters_work_together(page, signs):
    search(page).press_sequentially("hotel")
    expect_shown(page, 1)
    kind_filter(page, sign_by_id(signs, "hotel-key-cards").kind).uncheck()
    expect_shown(page, 0)


# --- the tick-list and its summary ---------------------------------------------------------------------


def tick(page: Page, sign: Sign) -> None:
    item_for(page, sign).locator("input.sign__tick[type=checkbox]").check()


def untick(page: Page, sign: Sign) -> None:
    item_for(page, sign).locator("input.sign__tick[type=checkbox]").uncheck()


def summary_item(page: Page, sign: Sign):
    return page.locator("#signs-summary li").filter(has_text=sign.text)


def test_ticked_signs_make_a_summary_to_take_to_the_dsl(page, signs):
    # One sign in one list, and one that the policy lists three times (6.3, 6.4, 8.7).
    chosen = [sign_by_id(signs, "hotel-key-cards"), sign_by_id(signs, "going-missing")]
    assert len(chosen[1].clauses) > 1
    for sign in chosen:
        tick(page, sign)
    expect(summary(page)).to_be_visible()
    expect(page.locator("#signs-summary li")).to_have_count(len(chosen))
    for sign in chosen:
        entry = summary_item(page, sign)
        expect(entry).to_have_count(1)
        for clause in sign.clauses:
            expect(entry).to_contain_text(clause)
    expect(summary(page).locator(".signs-summary__date")).to_contain_text(today())
    expect(summary(page)).to_contain_text(REMINDER)
    expect(summary(page).locator('a[href*="what-to-do/concern/"]').first).to_be_visible()
    expect(summary(page).locator("button[data-signs-print]")).to_be_visible()

    untick(page, chosen[0])
    expect(page.locator("#signs-summary li")).to_have_count(1)
    expect(summary_item(page, chosen[0])).to_have_count(0)
    expect(summary_item(page, chosen[1])).to_have_count(1)


def test_the_summary_never_scores_or_judges(page, signs):
    for sign in signs[:6]:
        tick(page, sign)
    expect(page.locator("#signs-summary li")).to_have_count(6)
    text = summary(page).inner_text().lower()
    assert not [word for word in VERDICT_WORDS if word in text], text
    assert not TALLY.search(text), text


# --- JavaScript off ------------------------------------------------------------------------------------


def test_without_javascript_every_sign_is_listed(browser, site_url, signs):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        page.goto(site_url + SIGNS)
        expect(items(page)).to_have_count(len(signs))
        expect(page.locator("li.sign:visible")).to_have_count(len(signs))
        assert Counter(item["text"] for item in listed(page)) == Counter(s.text for s in signs)
        ticks = page.locator("input.sign__tick:visible")
        if ticks.count():
            # Shown without the script: ticking must at least work and hide nothing.
            ticks.first.check()
            expect(ticks.first).to_be_checked()
            expect(page.locator("li.sign:visible")).to_have_count(len(signs))
    finally:
        context.close()
