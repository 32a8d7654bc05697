"""Reaching the right person now: the setting's safeguarding team (settings/<id>/team.yml), the setup
checklist and the strict build, the hours of the lines that answer at different times, and the
"who to call now" panel on the reader's clock (Playwright's clock in a real Chromium)."""

from __future__ import annotations

import datetime
import os
import re
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup
from markupsafe import escape
from conftest import (BUILD_DATE, SETTING_DIR, SMALL_SCREENS, VIEWPORTS, copy_data, copy_project, edit_yaml, tel_of,
                      team_number)
from moments import (FRIDAY, LONDON, MONDAY, NEXT_YEAR, SATURDAY, UTC, WEDNESDAY, at_utc, bank_holiday,
                     christmas_on_a_weekday, clocks_change, good_friday, london, ordinary)
from playwright.sync_api import expect

from macros import reach
from sitedata import hours
from sitedata.addresses import contact_anchor
from sitedata.files import read_yaml
from sitedata.load import SiteData
from sitedata.models import NOT_SUPPLIED
from tools import pages
from tools.local_server import serve
from tools.pdf import POCKET_CARD_OVERFLOWS

PAIR = "local-authority"
OFFICE, OUT_OF_HOURS = "local-authority-office", "local-authority-out-of-hours"


# --- the team and the setup checklist ------------------------------------------------------------


def test_only_the_dsls_name_comes_from_the_policy(site):
    """A setting's copy of the policy may name its DSL (Bankside's 13.0 does); everything else is
    the setting's to supply: nothing is invented."""
    from_policy = [m.id for m in site.team.members if m.name_in_policy]
    assert from_policy in ([], ["dsl"])
    for member in site.team.members:
        if member.supplied is None:
            values = [getattr(member, f) for f in ("phone", "email", "where")]
            assert values == [NOT_SUPPLIED] * 3, member.id


def test_the_checklist_lists_every_missing_value_with_its_file_and_field(site, built_site):
    page = (built_site.path / "about" / "setup" / "index.html").read_text(encoding="utf-8")
    missing = site.missing_facts()
    assert missing, "the real data has values still to supply"
    for fact in missing:
        assert f"entry <code>{fact.item}</code>" in page, fact
    assert f"{len(missing)} values are still missing" in page


def test_no_page_offers_a_button_without_a_number(built_site):
    """A value not supplied yet reads as an instruction: never an empty tel: or mailto: link."""
    for path in built_site.pages():
        html = path.read_text(encoding="utf-8")
        assert 'href="tel:"' not in html and 'href="mailto:"' not in html, path
        assert NOT_SUPPLIED not in html.replace("<code>to be supplied</code>", ""), path


def complete_team(project) -> None:
    """Fill in every value the setting supplies, as a setting would (fixture values, not real)."""
    path = project / SETTING_DIR / "team.yml"
    data = read_yaml(path)
    for number, member in enumerate(data["members"], start=1):
        for field in ("name", "where", "hours"):
            if member.get(field) == NOT_SUPPLIED:
                member[field] = f"Fixture {field} {number}"
        member["phone"] = team_number(number)
        member["email"] = f"member{number}@bankside-fixture.org.uk"  # not an example.org address, which is refused
        member["supplied"] = {"by": "Test fixture", "on": BUILD_DATE.isoformat()}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def strict_build(project, tmp_path, site_url: str = ""):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REQUIRE_COMPLETE": "1", "SITE_URL": site_url}
    return subprocess.run(pages.command(tmp_path / "out"), cwd=project, env=env, capture_output=True, text=True,
                          timeout=300)


def test_a_complete_team_has_a_deputy_and_an_on_call_route_with_its_hours(tmp_path):
    """A deleted entry is missing too: REQUIRE_COMPLETE=1 refuses it, and the checklist lists it."""
    data = copy_data(tmp_path)
    team = data.parent / SETTING_DIR / "team.yml"
    raw = read_yaml(team)
    raw["members"] = [m for m in raw["members"] if m["kind"] != "deputy-dsl"]
    next(m for m in raw["members"] if m["kind"] == "on-call").pop("hours")
    team.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    # The pathways send a reader worried about the DSL to a deputy: without one, not there.
    edit_yaml(lambda pathways: [step["contacts"].remove("deputy-dsl") for outcome in pathways["outcomes"]
                                for step in outcome["steps"] if "deputy-dsl" in step.get("contacts", [])])(
        data / "pathways.yml")
    missing = [str(fact) for fact in SiteData.load(data).missing_facts()]
    assert f"{SETTING_DIR}/team.yml: deputy-dsl (Deputy DSL): the whole entry" in missing
    assert f"{SETTING_DIR}/team.yml: on-call (Out-of-hours on-call (the setting's own)): hours" in missing


def test_the_strict_build_refuses_missing_values_and_lists_them(tmp_path):
    """Whatever the setting has supplied so far: with the DSL's number and a deputy's name not
    yet known, REQUIRE_COMPLETE=1 refuses to build and lists every value still missing."""
    project = copy_project(tmp_path)

    def not_known_yet(team):
        next(m for m in team["members"] if m["id"] == "dsl")["phone"] = NOT_SUPPLIED
        next(m for m in team["members"] if m["kind"] == "deputy-dsl")["name"] = NOT_SUPPLIED
    edit_yaml(not_known_yet)(project / SETTING_DIR / "team.yml")
    missing = SiteData.load(project / "data").missing_facts()
    result = strict_build(project, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "REQUIRE_COMPLETE" in output
    assert any(str(fact).startswith(f"{SETTING_DIR}/team.yml: dsl (") and str(fact).endswith("): phone")
               for fact in missing)
    assert all(str(fact) in output for fact in missing), output


# A long address, as a repository's GitHub Pages address can be: it wraps on the pocket card.
LONG_SITE_URL = "https://bankside-college-safeguarding.github.io/child-exploitation-policy-site/"


def test_the_strict_build_passes_with_every_value_supplied_and_puts_them_on_the_pages(tmp_path, browser, site):
    project = copy_project(tmp_path)
    complete_team(project)
    dsl_number, deputy_number = tel_of(team_number(1)), tel_of(team_number(2))
    result = strict_build(project, tmp_path, LONG_SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    # The fullest pocket card (every name and number, the address and its QR code) still fits
    # its A6 card, as tools/pdf.py checks before printing it.
    with serve(tmp_path / "out") as url:
        page = browser.new_page()
        page.emulate_media(media="print")
        page.goto(url + "print/pocket-card/")
        expect(page.locator(".pocket-card__qr svg").first).to_be_attached()
        assert not page.evaluate(POCKET_CARD_OVERFLOWS), "the pocket card does not fit on A6"
        page.close()
        # With the DSL's number, an answer's first action is the call: the page's first filled
        # button, inside the first screen of the smallest (what Safari leaves of an iPhone SE).
        smallest = SMALL_SCREENS["375x548"]
        page = browser.new_page(viewport=smallest)
        page.goto(url + "what-to-do/concern/")
        first = page.locator("article a.contact-action--call").first
        expect(first).to_have_attribute("href", f"tel:{dsl_number}")
        expect(page.locator(".answer-first a.contact-action--call")).to_have_attribute("href", f"tel:{dsl_number}")
        box = first.bounding_box()
        assert box["y"] + box["height"] <= smallest["height"], box
        page.close()
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    strip = home[home.index('<nav class="emergency"'):home.index("</nav>")]
    assert f'href="tel:{dsl_number}"' in strip, "the strip calls the DSL"
    assert f'href="tel:{deputy_number}"' in strip, "the strip lists the deputy"
    concern = (tmp_path / "out" / "what-to-do" / "concern" / "index.html").read_text(encoding="utf-8")
    own = concern[concern.index("steps--own"):concern.index("steps--next")]
    assert f"Call {escape(site.team.by_id()['dsl'].called)}: " in own  # the screen named them in full first
    assert "Numbers not added yet" not in own


def test_the_normal_build_keeps_working_with_missing_values(site, built_site):
    """Without the DSL's number the first action is one that works, in words: tell them in
    person; never a button to a card that has no number. With it, the first action is the call."""
    dsl = site.team.by_id()["dsl"]
    page = BeautifulSoup((built_site.path / "what-to-do" / "concern" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    first = page.select_one(".answer-first")
    if dsl.dial:
        assert first.select_one("a.contact-action--call")["href"] == dsl.dial.href
    else:
        assert reach.in_person(dsl, site.setting.lead, "immediately") in first.get_text(" ", strip=True)
    buttons = first.select(".contact-action")
    assert all(a["href"].startswith(("tel:", "mailto:")) for a in buttons), "every button calls or emails"


# --- hours ------------------------------------------------------------------------------------


def test_the_real_pair_covers_every_minute_once(site):
    contacts = site.contacts.by_id()
    assert hours.coverage_problems(contacts[OFFICE].hours, contacts[OUT_OF_HOURS].hours) == []


def test_the_pages_carry_bank_holidays_for_five_years_after_the_build(site):
    """A page read up to five years after its build still knows the bank holidays: the build's
    year and the next five, each year with its nation's eight (or more)."""
    years = sorted({day.year for day in site.bank_holidays})
    assert years == list(range(BUILD_DATE.year, BUILD_DATE.year + 6))
    assert all(sum(day.year == year for day in site.bank_holidays) >= 8 for year in years)
    assert max(site.bank_holidays) >= BUILD_DATE.replace(year=BUILD_DATE.year + 5)
    assert site.built_on == BUILD_DATE


@pytest.mark.parametrize("nation", list(hours.NATIONS))
def test_a_setting_keeps_its_own_nations_bank_holidays(tmp_path, nation):
    """The council's lines keep the bank holidays of the setting's nation: Scotland has St
    Andrew's Day and no Easter Monday, Northern Ireland St Patrick's Day; Wales has England's."""
    data = copy_data(tmp_path)
    edit_yaml(lambda setting: setting.update(nation=nation))(data.parent / SETTING_DIR / "setting.yml")
    names = set(SiteData.load(data).bank_holidays.values())
    assert ("Saint Andrew's Day" in names) == (nation == "Scotland")
    assert ("Saint Patrick's Day" in names) == (nation == "Northern Ireland")
    assert ("Easter Monday" in names) == (nation != "Scotland")


# --- who to call now, on the reader's clock ----------------------------------------------------

def after_friday_closing(site) -> datetime.datetime:
    office = site.contacts.by_id()[OFFICE].hours
    closes = max(hours.minutes(o.closes) for o in office.open if "fri" in o.days)
    return london(ordinary(FRIDAY), *divmod(closes + 15, 60))


# (what the moment is, the moment, the line that must be offered first), each derived from the
# build's date (tests/moments.py). Each moment is plainly inside one line's hours whatever the exact
# office hours: the first call button must be it.
MOMENTS = [
    ("a weekday morning", london(ordinary(WEDNESDAY), 10), OFFICE),
    # Read from the setting's hours: the office may close earlier on a Friday than on other days.
    ("a quarter of an hour after the office closes on a Friday", after_friday_closing, OUT_OF_HOURS),
    ("a weekday at 23:00", london(ordinary(WEDNESDAY), 23), OUT_OF_HOURS),
    ("a Saturday", london(ordinary(SATURDAY), 11), OUT_OF_HOURS),
    ("Christmas Day on a weekday", london(christmas_on_a_weekday(), 11), OUT_OF_HOURS),
    ("a bank-holiday Monday", london(bank_holiday(MONDAY), 11), OUT_OF_HOURS),
    # Across the changes of the clocks, the same UTC hour is a different London hour.
    ("the Tuesday after the clocks go forward, 09:30 BST (08:30 UTC)",
     at_utc(clocks_change(NEXT_YEAR, 3) + datetime.timedelta(days=2), 8, 30), OFFICE),
    ("the Monday after the clocks go back, 08:30 GMT (08:30 UTC)",
     at_utc(clocks_change(NEXT_YEAR, 10) + datetime.timedelta(days=1), 8, 30), OUT_OF_HOURS),
    ("the Friday before the clocks go back, 09:30 BST (08:30 UTC)",
     at_utc(clocks_change(NEXT_YEAR, 10) - datetime.timedelta(days=2), 8, 30), OFFICE),
]


def expected_line(site, moment: datetime.datetime) -> str:
    """The line the build's own rules (sitedata/hours.py) say is open: the script must agree."""
    contacts = site.contacts.by_id()
    index = hours.open_line((contacts[OFFICE].hours, contacts[OUT_OF_HOURS].hours), moment, set(site.bank_holidays))
    return (OFFICE, OUT_OF_HOURS)[index]


def panel_at(browser, url: str, moment: datetime.datetime):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(url)
    panel = page.locator("[data-now-panel]:visible").first
    expect(panel).to_have_class(re.compile(r"\bnow-panel--live\b"))
    return context, panel


@pytest.mark.parametrize(("what", "moment", "line"), MOMENTS, ids=[m[0] for m in MOMENTS])
def test_the_panel_offers_the_line_that_is_open(browser, site_url, site, what, moment, line):
    moment = moment(site) if callable(moment) else moment
    assert expected_line(site, moment) == line, f"the data no longer has {line} open on {what}"
    context, panel = panel_at(browser, site_url + "contacts/", moment)
    try:
        first = panel.locator("[data-line]").first
        expect(first).to_have_attribute("data-line", line)
        first_call = panel.locator('a[href^="tel:"]').first
        expect(first_call).to_have_class(re.compile(r"\bcontact-action--call\b"))
        number = site.contacts.by_id()[line].phone.tel
        expect(first_call).to_have_attribute("href", f"tel:{number}")
        other = panel.locator('[data-line] a[href^="tel:"]').nth(1)
        expect(other).not_to_have_class(re.compile(r"\bcontact-action--call\b"))
        # It says the time it used, in UK time.
        local = moment.astimezone(LONDON)
        expect(panel.locator("[data-now-status]")).to_contain_text(f"{local:%A} {local:%H:%M}, UK time")
        name = site.contacts.by_id()[line].short_name
        expect(panel.locator("[data-now-status]")).to_contain_text(f"call the {name}")
    finally:
        context.close()


def short(site, line: str) -> str:
    contact = site.contacts.by_id()[line]
    return contact.short_name or contact.name


# (the page, the moment, the line that is open, whether the reader is the one to call). In a step
# the DSL leads (the concern answer) the panel is information for them; on the contacts page the
# call is the reader's; on the emergency, it becomes the reader's once the office line is closed.
WHOSE_CALL = [
    ("a step the DSL leads, office hours", "what-to-do/concern/", london(ordinary(WEDNESDAY), 10), OFFICE, False),
    ("a step the DSL leads, a Saturday", "what-to-do/concern/", london(ordinary(SATURDAY), 11), OUT_OF_HOURS, False),
    ("the contacts page", "contacts/", london(ordinary(WEDNESDAY), 10), OFFICE, True),
    ("the emergency, office hours", "what-to-do/immediate-danger/", london(ordinary(WEDNESDAY), 10), OFFICE, False),
    ("the emergency, a Saturday", "what-to-do/immediate-danger/", london(ordinary(SATURDAY), 11), OUT_OF_HOURS, True),
]


@pytest.mark.parametrize(("what", "path", "moment", "line", "readers"), WHOSE_CALL, ids=[w[0] for w in WHOSE_CALL])
def test_the_panel_belongs_to_whoever_the_step_names(browser, site_url, site, what, path, moment, line, readers):
    context, panel = panel_at(browser, site_url + path, moment)
    try:
        status = panel.locator("[data-now-status]")
        expect(status).to_contain_text(f"{'call' if readers else 'open now:'} the {short(site, line)}.")
        # Out of office hours in an emergency, the panel says why the call is the reader's, in its
        # attribute's words (now.js names no one itself).
        out_of_hours = panel.get_attribute("data-reader-out-of-hours")
        assert bool(out_of_hours) == path.endswith("immediate-danger/")
        if out_of_hours:
            (expect(status).to_contain_text if line == OUT_OF_HOURS else expect(status).not_to_contain_text)(out_of_hours)
        filled = panel.locator("a.contact-action--call")
        if readers:
            expect(filled).to_have_count(1)
            expect(filled).to_have_attribute("href", f"tel:{site.contacts.by_id()[line].phone.tel}")
        else:
            expect(filled).to_have_count(0)
    finally:
        context.close()


def test_on_a_bank_holiday_the_panel_says_so_by_name(browser, site_url, site):
    """A bank-holiday Monday of the setting's nation: the office line would keep its Monday hours
    but is closed; the panel names the day, and shows when the office opens, never its weekly
    hours ("Monday to Thursday 9am to 5pm")."""
    monday = bank_holiday(MONDAY)
    context, panel = panel_at(browser, site_url + "contacts/", london(monday, 11))
    try:
        expect(panel.locator("[data-now-status]")).to_contain_text(
            f"Today is a bank holiday: {site.bank_holidays[monday]}.")
        expect(panel.locator("[data-line]").first).to_have_attribute("data-line", OUT_OF_HOURS)
        office = panel.locator(f'[data-line="{OFFICE}"]')
        expect(office.locator(".now-panel__hours")).to_be_hidden()
        assert site.contacts.by_id()[OFFICE].hours.in_words not in office.inner_text()
        expect(office.locator("[data-now-when]")).to_contain_text("opens at")
    finally:
        context.close()


def test_the_panel_says_when_the_other_line_opens(browser, site_url):
    """In place of its weekly hours, which would mislead on a bank holiday."""
    context, panel = panel_at(browser, site_url + "contacts/", london(ordinary(SATURDAY), 11))
    try:
        closed = panel.locator(f'[data-line="{OFFICE}"]')
        expect(closed.locator("[data-now-when]")).to_have_text(re.compile(r"closed now, opens at \d\d:\d\d on Monday"))
        expect(closed.locator(".now-panel__hours")).to_be_hidden()
    finally:
        context.close()


def test_a_panel_whose_data_cannot_be_read_stops_only_itself(browser, built_site, site_url):
    """A page with two panels, the first's bank holidays broken: it stays as the build wrote it
    (every line with its hours), the mistake is reported on the console, the other is live."""
    [path] = [page for page in built_site.pages() if page.read_text(encoding="utf-8").count("data-now-panel ") == 2][:1]
    url = site_url + path.relative_to(built_site.path).as_posix().removesuffix("index.html")
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.route(url, lambda route: route.fulfill(response=route.fetch(), body=route.fetch().text().replace(
            'data-bank-holidays="', 'data-bank-holidays="{not json" data-was="', 1)))
        page.goto(url)
        panels = page.locator("[data-now-panel]")
        expect(panels.nth(1)).to_have_class(re.compile(r"\bnow-panel--live\b"))
        expect(panels.nth(0)).not_to_have_class(re.compile(r"\bnow-panel--live\b"))
        expect(panels.nth(0).locator(".now-panel__hours").first).to_be_visible()
        assert any("data-bank-holidays is not JSON" in error for error in errors), errors
    finally:
        context.close()


# Shows the panel each moment in turn (ms since the epoch), in one call rather than one per moment:
# the page's Date is that moment, then the navigator's event makes the panel work the time out again.
SWEEP = """(panel, moments) => {
    const RealDate = Date;
    const lines = moments.map(moment => {
        window.Date = class extends RealDate {
            constructor(...args) { if (args.length) { super(...args); } else { super(moment); } }
            static now() { return moment; }
        };
        panel.dispatchEvent(new CustomEvent("policy:screen", {bubbles: true}));
        return panel.querySelector("[data-line]").getAttribute("data-line");
    });
    window.Date = RealDate;
    return lines;
}"""


def test_the_script_and_the_build_agree_on_every_half_hour_of_a_week(browser, site_url, site):
    """Every half hour of a week with two bank holidays in it (Easter), on one page: the panel
    works the time out again whenever a screen is shown (the navigator's event)."""
    start = london(good_friday(), 0, 15).astimezone(UTC)
    moments = [start + datetime.timedelta(minutes=30 * step) for step in range(7 * 48)]
    context, panel = panel_at(browser, site_url + "contacts/", moments[0])
    try:
        found = panel.evaluate(SWEEP, [int(moment.timestamp() * 1000) for moment in moments])
    finally:
        context.close()
    mismatches = [f"{moment.astimezone(LONDON):%a %d %b %H:%M}: {line}"
                  for moment, line in zip(moments, found, strict=True) if line != expected_line(site, moment)]
    assert mismatches == []
    # Both lines were offered in the week: the sweep moved the panel's clock.
    assert set(found) == {OFFICE, OUT_OF_HOURS}


def test_without_javascript_both_lines_and_their_hours_are_shown(browser, site_url, site):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        page.goto(site_url + "what-to-do/concern/")
        panel = page.locator("[data-now-panel]").first
        for contact_id in (OFFICE, OUT_OF_HOURS):
            contact = site.contacts.by_id()[contact_id]
            line = panel.locator(f'[data-line="{contact_id}"]')
            expect(line).to_contain_text(contact.hours.in_words)
            expect(line.locator(f'a[href="tel:{contact.phone.tel}"]')).to_be_visible()
        expect(panel.locator("[data-now-status]")).to_contain_text("depends on the time")
    finally:
        context.close()


def test_the_navigators_outcome_has_the_panel_too(browser, site_url, site):
    context, panel = panel_at(browser, site_url + "what-to-do/#nav=concern", london(ordinary(SATURDAY), 11))
    try:
        expect(panel.locator("[data-line]").first).to_have_attribute("data-line", OUT_OF_HOURS)
    finally:
        context.close()


def test_every_tell_the_dsl_path_ends_with_a_way_to_reach_a_person(browser, site_url, site):
    """The DSL's control is never a dead end: if the DSL is not there it says whom to tell (any
    DSL, 7.4; the Home Safeguarding Lead, 12.3) and, if no one answers, 999 and 12.7's chain; its
    link leads to the team, where each value still to be added is one line."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "what-to-do/concern/")
        first = page.locator(".answer-first")
        first.locator("summary").click()
        fallback = first.locator(".reach__no-answer")
        expect(fallback).to_contain_text(re.compile("tell any DSL", re.IGNORECASE))
        expect(fallback.locator(f'a[href="tel:{site.contacts.by_id()["emergency-services"].phone.tel}"]')).to_be_visible()
        for kind in reach.SENIOR_CHAIN:
            for member in site.team.of_kind(kind):
                expect(fallback).to_contain_text(member.role)
        first.locator('a[href$="#contact-dsl"]').first.click()
        expect(page).to_have_url(re.compile(r"contacts/#contact-dsl$"))
        # The DSL's entry in the team's list. A member with no way to reach them yet has no note
        # of their own: it is said once, after the list.
        team = page.locator(".team-list:has(#contact-dsl)")
        bare = [m for m in site.team.members if team.locator(f"#{contact_anchor(m.id)}").count()
                and not (m.dial or m.supplied_value("email") or m.supplied_value("where"))]
        for member in bare:
            expect(team.locator(f"#{contact_anchor(member.id)} .reach__note")).to_have_count(0)
        after = page.locator(".team-list:has(#contact-dsl) + .team-list__none")
        expect(after).to_have_count(1 if bare else 0)
        if bare:
            expect(after).to_contain_text("not added yet for")
        expect(page.locator("#contact-deputy-dsl")).to_be_attached()
        expect(page.locator("#contact-head-of-service")).to_be_attached()
    finally:
        context.close()
