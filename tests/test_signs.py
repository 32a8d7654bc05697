"""The signs explorer (/signs/) in a real Chromium: every sign in data/indicators.yml is listed
once, with its kind and the lists (clauses) it appears in; search and the list filters narrow
the list and the count says how many are shown; the tick-list builds a summary to take to the
DSL (the signs, their clauses, today's date, the policy's "not an exhaustive list" reminder and
the way to the concern steps) that never scores or judges; and with JavaScript off every sign
is still there.

At the phone size: the explorer does the same at any size. The tick boxes' size and axe-core's
findings change with the layout, so those run at the desktop size too.

The DOM this protects (the explorer's contract):
  input#signs-search; #signs-count; .signs-tools__none (nothing matches)
  input[type=checkbox][name="signs-list"][value="<kind>"]
  li.sign[data-kinds][data-clauses][data-words] with .sign__text, .sign__lists a (clause
  links), input.sign__tick
  .signs-bar a ("N ticked: see the summary")
  section#signs-summary with li, .signs-summary__date, a link to what-to-do/concern/,
  button[data-signs-print]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from conftest import BOTH_SIZES, READER_NOW, VIEWPORTS, axe_findings
from playwright.sync_api import Page, expect

from macros.render import long_date

SIGNS = "signs/"
KINDS = ["risk-factors", "indicators", "trafficking", "county-lines", "serious-violence"]
REMINDER = "This is not an exhaustive list"
# Words a score or a verdict would use; the summary lists what was noticed, nothing more.
VERDICT_WORDS = ["score", "risk level", "high risk", "medium risk", "low risk", "points", "rating", "verdict"]
# A tally such as "3/10", "3 out of 10" or "30%".
TALLY = re.compile(r"\b\d+\s*(/|out of)\s*\d+\b|\d+\s*%")


@dataclass(frozen=True)
class Sign:
    id: str  # the first item's id: where the sign is listed
    kind: str  # the kind of the list it is first listed in
    text: str  # the first item's words
    clauses: tuple[str, ...]  # every list it appears in
    ids: tuple[str, ...]  # every item of data/indicators.yml that is this sign


@pytest.fixture(scope="module")
def signs(site) -> list[Sign]:
    """Each sign once, worked out here from the data's sign keys (not by the renderer)."""
    book = site.indicators
    found, seen = [], set()
    for lst in book.lists:
        for item in lst.items:
            if item.sign in seen:
                continue
            seen.add(item.sign or item.id)
            same = [(lst, item), *book.same_sign(item)]
            clauses = sorted({where.clause for where, _ in same}, key=clause_order)
            found.append(Sign(item.id, lst.kind, item.text, tuple(clauses), tuple(i.id for _, i in same)))
    assert len({s.text for s in found}) == len(found), "the text no longer tells the signs apart"
    return found


def clause_order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def sign_by_id(signs: list[Sign], item_id: str) -> Sign:
    """The sign that an item of data/indicators.yml is."""
    return next(s for s in signs if item_id in s.ids)


def today() -> str:
    """The reader's today (their device's clock) as the summary writes it, e.g. "28 November 2026"."""
    return long_date(READER_NOW.date())


# --- looking at the page --------------------------------------------------------------------------


@pytest.fixture
def page(context, site_url) -> Page:
    """The signs page in the test's context (the phone, unless the test runs at both sizes); the
    test fails if a script throws."""
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
    return page.locator(f"li.sign#signs-{sign.id}")


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
            kind: li.dataset.kinds.split(' ')[0],
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
    """A sign the policy lists three times (going missing: 6.3, 6.4, 8.7) is one entry."""
    expect(items(page)).to_have_count(len(signs))
    shown = Counter((item["kind"], item["text"]) for item in listed(page))
    assert shown == Counter((s.kind, s.text) for s in signs)
    going_missing = sign_by_id(signs, "going-missing")
    assert len(going_missing.clauses) == 3
    expect(item_for(page, going_missing)).to_have_attribute("data-kinds", "risk-factors indicators county-lines")


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


def open_filters(page: Page) -> None:
    page.locator(".signs-tools__filters summary").click()


def test_unchecking_a_list_hides_its_signs(page, signs):
    """A sign listed first as trafficking and nowhere else goes; one also in another list stays."""
    trafficking = [s for s in signs if s.kind == "trafficking"]
    assert trafficking
    open_filters(page)
    kind_filter(page, "trafficking").uncheck()
    expect_shown(page, len(signs) - len(trafficking))
    expect(page.locator('li.sign[data-kinds="trafficking"]:not([hidden])')).to_have_count(0)
    for sign in trafficking[:3]:
        expect(item_for(page, sign)).to_be_hidden()
    kind_filter(page, "trafficking").check()
    expect_shown(page, len(signs))


def test_search_and_filters_work_together(page, signs):
    search(page).press_sequentially("hotel")
    expect_shown(page, 1)
    open_filters(page)
    kind_filter(page, sign_by_id(signs, "hotel-key-cards").kind).uncheck()
    expect_shown(page, 0)


# Everyday phrases staff type, and an item of data/indicators.yml whose sign each must find: the
# search is by words (in any order, any of the sign's lists, stems), not by phrase.
EVERYDAY_PHRASES = [
    ("knife", "petty-crimes-or-weapons"), ("cash", "unexplained-money-or-gifts"),
    ("second phone", "extra-phones-or-technology"), ("outbursts", "temperament-changes"),
    ("carrying weapons", "petty-crimes-or-weapons"),
    ("unexplained injuries", "assault-or-unexplained-injuries"),  # 9.1's own words
    ("went missing", "missing-short-or-long"),
    ("expensive phone", "unexplained-gifts-or-possessions"),
    ("knives", "petty-crimes-or-weapons"),
    ("paid to carry", "petty-crimes-or-weapons"),
    ("new phone", "extra-phones-or-technology"),
    ("older boyfriend", "someone-older"),
    ("injured", "unexplained-physical-injuries"),
]


def test_everyday_words_find_the_sign(page, signs):
    """Each phrase typed into the one page's search box in turn, as a reader tries one after another."""
    not_found = []
    for words, item_id in EVERYDAY_PHRASES:
        search(page).fill("")
        search(page).press_sequentially(words)
        try:
            expect(item_for(page, sign_by_id(signs, item_id))).to_be_visible(timeout=2000)
            expect(page.locator(".signs-tools__none")).to_be_hidden(timeout=2000)
        except AssertionError:
            not_found.append(f"{words!r} does not find {item_id}")
    assert not not_found, "\n".join(not_found)


def test_a_lists_name_finds_its_signs_ranked_with_a_count(page, signs, site):
    """"county lines" finds every sign of the county lines lists, by the lists' names."""
    lists = {lst.clause for lst in site.indicators.lists if lst.kind == "county-lines"}
    county = [s for s in signs if lists & set(s.clauses)]
    assert county
    search(page).fill("county lines")
    expect_shown(page, len(county))
    for sign in county:
        expect(item_for(page, sign)).to_be_visible()
    expect(count(page)).to_contain_text("best matches first")


def test_every_word_must_match(page, signs):
    """A word the sign does not have leaves it out: "hotel" finds one sign, "hotel zebra" none."""
    search(page).fill("hotel")
    expect_shown(page, 1)
    search(page).fill("hotel zebra")
    expect_shown(page, 0)


def test_a_search_that_finds_nothing_says_so_and_sends_the_reader_to_the_dsl(page):
    search(page).press_sequentially("zebra crossing")
    expect_shown(page, 0)
    none = page.locator(".signs-tools__none")
    expect(none).to_be_visible()
    expect(none).to_contain_text("No sign matches “zebra crossing”. The lists are not exhaustive")
    expect(none.locator('a[href*="what-to-do/concern/"]')).to_have_text("share any concern with the DSL")


@BOTH_SIZES
def test_the_tick_boxes_are_large_enough_for_a_thumb(page):
    label = page.locator(".sign__tick-label").first
    box = label.bounding_box()
    assert box["height"] >= 44, box


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
    expect(page.locator(".signs-bar a")).to_have_text("2 ticked: see the summary")

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


@BOTH_SIZES
def test_axe_finds_nothing_in_the_explorers_states(page, signs):
    """axe's default rules with a search that finds some signs, one that finds none, and ticks
    with the summary and its bar shown (in the test's viewport)."""
    found = {}
    search(page).fill("money")
    found["a search"] = axe_findings(page)
    search(page).fill("zzzz")
    found["a search that finds nothing"] = axe_findings(page)
    search(page).fill("")
    tick(page, sign_by_id(signs, "hotel-key-cards"))
    tick(page, sign_by_id(signs, "going-missing"))
    expect(summary(page)).to_be_visible()
    found["ticks and the summary"] = axe_findings(page)
    assert {state: f for state, f in found.items() if f} == {}


# --- JavaScript off ------------------------------------------------------------------------------------


def test_without_javascript_every_sign_is_listed(browser, site_url, signs):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        page.goto(site_url + SIGNS)
        expect(items(page)).to_have_count(len(signs))
        expect(page.locator("li.sign:visible")).to_have_count(len(signs))
        assert Counter(item["text"] for item in listed(page)) == Counter(s.text for s in signs)
        # The tick-list needs the script: without it, the boxes are not offered at all.
        expect(page.locator("input.sign__tick")).to_have_count(len(signs))
        expect(page.locator("input.sign__tick:visible")).to_have_count(0)
        expect(page.locator(".signs-tools")).to_be_hidden()
    finally:
        context.close()
