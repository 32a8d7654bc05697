"""The data in data/ validates, and every kind of mistake in it stops the load (and the build)
with a message naming the file, the item, the problem and the fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SETTING_DIR, copy_data, copy_project, edit_yaml, failed_build_output, real_data, team_number

from sitedata.errors import DataError
from sitedata.load import SiteData

# --- the real data ----------------------------------------------------------------------------


def test_real_data_loads(site):
    # The setting's own name, with the Group's name and policy title from data/group.yml.
    written = yaml.safe_load((ROOT / SETTING_DIR / "setting.yml").read_text(encoding="utf-8"))
    group = yaml.safe_load((ROOT / "data" / "group.yml").read_text(encoding="utf-8"))
    assert (site.setting.name, site.setting.group, site.setting.policy.title) == (
        written["name"], group["name"], group["policy"]["title"])


def test_phone_numbers_are_diallable(site):
    # tel: is what a phone dials: E.164 for full numbers, bare digits for UK short codes.
    for contact in site.contacts.contacts:
        if contact.phone:
            assert re.fullmatch(r"\+44\d{9,10}|\d{3,6}", contact.phone.tel), (contact.id, contact.phone.tel)


@pytest.mark.parametrize("clause", ["6.3", "6.4", "7.3", "8.7", "8.8", "9.1", "9.2"])
def test_policy_lists_exist(site, clause):
    assert site.indicators.list_for(clause) is not None


# --- bad data: one mutation of one file per case ----------------------------------------------


def replace_text(old: str, new: str):
    """A mutation on the raw text, for mistakes that YAML itself rejects."""

    def mutate(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path.name}: update the test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def line_of(file: str, text: str) -> int:
    """The 1-based line number of ``text`` in a real data file (so the case survives edits above it)."""
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line == text)


def contact(data: dict, contact_id: str) -> dict:
    return next(c for c in data["contacts"] if c["id"] == contact_id)


def indicator_list(data: dict, clause: str) -> dict:
    return next(lst for lst in data["lists"] if lst["clause"] == clause)


def link(data: list, link_id: str) -> dict:
    return next(item for item in data if item["id"] == link_id)


def rename_key(item: dict, old: str, new: str) -> None:
    item[new] = item.pop(old)


# The setting's files, as messages name them.
TEAM, SETTING_YML, LOCAL_CONTACTS = (f"{SETTING_DIR}/{name}" for name in ("team.yml", "setting.yml", "contacts.yml"))
# The DSL's lines of the setting's team.yml as they are written, whoever the DSL is.
DSL_NAME = real_data().team.by_id()["dsl"].name
DSL_NAME_LINE = next(line for line in (ROOT / TEAM).read_text(encoding="utf-8").splitlines()
                     if line.startswith("    name: ") and DSL_NAME in line)
EMERGENCY_PHONE = '    phone: "999"'
# The setting's council office line, as the pages show it; a name too long for the pocket card.
OFFICE_NUMBER = real_data().contacts.by_id()["local-authority-office"].phone.display
LONG_NAME = "Example Police Force " * 4
OPENS = '          opens: "09:00"'


def member(data: dict, member_id: str) -> dict:
    return next(m for m in data["members"] if m["id"] == member_id)


def hours_of(data: dict, contact_id: str) -> dict:
    return contact(data, contact_id)["hours"]


def supply(member_id: str = "dsl", **values):
    """Values a setting supplies for a member, with the source every supplied value needs."""
    return lambda d: member(d, member_id).update(supplied={"by": f"{DSL_NAME}, DSL", "on": "2026-12-01"}, **values)


def supply_both(dsl: dict, deputy: dict):
    """Values for the DSL and the deputy at once."""
    return lambda d: (supply(**dsl)(d), supply("deputy-dsl", **deputy)(d))


def report_entry(data: dict, url: str) -> dict:
    return next(entry for entry in data["links"] if entry["url"] == url)


def edit_json(change):
    """A mutation of data/link-report.json, as the link check would write it."""

    def mutate(path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    return mutate


def replace_with_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def replace_with_broken_link(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.with_name("no-such-file.yml"))


def without_first_step(outcome_id: str):
    return lambda d: next(o for o in d["outcomes"] if o["id"] == outcome_id)["steps"].pop(0)


def renamed_option(question_id: str, old: str, new: str):
    """The option ``old`` (an id) given the id ``new``."""
    def change(data: dict) -> None:
        question = next(q for q in data["questions"] if q["id"] == question_id)
        next(o for o in question["options"] if o["id"] == old).update(id=new)

    return change


# A redirect as a hostile server could send it: the link check writes where it led.
HOSTILE_REDIRECT = "https://www.gov.uk/x) <script>window.__pwned=1</script>"
KCSIE = "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2"
NSPCC = "0808 800 5000"

# (file, mutation, substrings the message must contain besides the file and "Fix:")
BAD_DATA = [
    # --- phone numbers are what they look like ---
    pytest.param(
        TEAM, edit_yaml(supply(phone="01905 822OOO")),
        ["'dsl'", "the letter 'O' at character 10", "type the digit 0, not the letter O"],
        id="letter-o-for-zero",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(phone="0808 800 SOS1")),
        ["'nspcc-helpline'", "the letter 'S' at character 10", "never read as the keypad's digits"],
        id="keypad-letters",
    ),
    pytest.param(
        "data/contacts.yml",
        edit_yaml(lambda d: contact(d, "nspcc-helpline").update(phone="\uff10\uff18\uff10\uff18 800 5000")),
        ["'nspcc-helpline'", "FULLWIDTH DIGIT ZERO, U+FF10) at character 1", "digits 0 to 9"],
        id="fullwidth-digits",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(phone="0808 \u0668\u0660\u0660 5000")),
        ["'nspcc-helpline'", "ARABIC-INDIC DIGIT EIGHT, U+0668) at character 6", "digits 0 to 9"],
        id="arabic-indic-digits",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(phone="\u202e0808 800 5000")),
        ["'nspcc-helpline'", "<U+202E>0808 800 5000", "RIGHT-TO-LEFT OVERRIDE (U+202E) at character 1", "retype"],
        id="right-to-left-override-in-a-number",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(phone="0808\u200b800 5000")),
        ["'nspcc-helpline'", "ZERO WIDTH SPACE (U+200B) at character 5"],
        id="zero-width-space-in-a-number",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(name="NSPCC \u202eenilpleH")),
        ["'nspcc-helpline'", "field 'name'", "RIGHT-TO-LEFT OVERRIDE (U+202E) at character 7", "another order"],
        id="right-to-left-override-in-text",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(short_name="\u200b\u200b")),
        ["'nspcc-helpline'", "field 'short_name'", "only invisible characters"],
        id="zero-width-only-text",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: contact(d, "police-non-emergency").update(phone="18001 999")),
        ["'police-non-emergency'", "relays to 999", "18000"],
        id="text-relay-to-999",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: contact(d, "police-non-emergency").update(phone="118 118")),
        ["'police-non-emergency'", "directory-enquiries"],
        id="directory-enquiries",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "prevent-advice-line").update(phone="01234 567890")),
        ["'prevent-advice-line'", "01234 567890", "made-up number"],
        id="made-up-number",
    ),
    # --- the team: people, each their own ---
    pytest.param(
        TEAM, edit_yaml(supply(phone="999")),
        ["'dsl'", "'999' is the emergency number, not a person's own number"],
        id="dsl-number-is-999",
    ),
    pytest.param(
        TEAM, edit_yaml(supply(phone="101")),
        ["'dsl'", "'101' is a short code"],
        id="dsl-number-is-101",
    ),
    pytest.param(
        TEAM, edit_yaml(supply(phone=NSPCC)),
        ["member 'dsl'", NSPCC, "contact 'nspcc-helpline' in data/contacts.yml", "own number"],
        id="dsl-number-is-a-services",
    ),
    pytest.param(
        TEAM, edit_yaml(supply("deputy-dsl", name="Sam Patel", phone="116 123")),
        ["'deputy-dsl'", "'116 123' is a short code"],
        id="deputy-is-the-samaritans",
    ),
    pytest.param(
        TEAM, edit_yaml(supply("deputy-dsl", name=DSL_NAME)),
        ["member 'deputy-dsl'", "same name as 'dsl'", "Deputy DSL's own name"],
        id="deputy-is-the-dsl",
    ),
    pytest.param(
        TEAM, edit_yaml(supply_both({"phone": team_number()}, {"name": "Sam Patel", "phone": team_number()})),
        ["member 'deputy-dsl'", "same number as 'dsl'", "the emergency strip would show the same person twice"],
        id="deputy-has-the-dsls-number",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: d["emergency_route"].append({"contact": "dsl", "label": "Tell the DSL"})),
        ["emergency_route contact 'dsl'", "more than once"],
        id="emergency-strip-names-someone-twice",
    ),
    pytest.param(
        TEAM, edit_yaml(supply("deputy-dsl", name="TBC")),
        ["'deputy-dsl'", "'TBC' is a placeholder", "to be supplied"],
        id="placeholder-tbc",
    ),
    pytest.param(
        TEAM, edit_yaml(supply("deputy-dsl", name="Sam Patel", where="Room xxx")),
        ["'deputy-dsl'", "field 'where'", "placeholder ('xxx')"],
        id="placeholder-xxx",
    ),
    pytest.param(
        TEAM, edit_yaml(supply("head-of-service", name="To be confirmed")),
        ["'head-of-service'", "placeholder ('To be confirmed')"],
        id="placeholder-to-be-confirmed",
    ),
    pytest.param(
        TEAM, edit_yaml(supply(email="dsl@example.com")),
        ["'dsl'", "field 'email'", "'dsl@example.com' is an example address"],
        id="placeholder-example-email",
    ),
    pytest.param(
        TEAM, edit_yaml(lambda d: supply(phone=team_number())(d) or member(d, "dsl")["supplied"].update(by="TBA")),
        ["'dsl'", "field 'by'", "placeholder ('TBA')"],
        id="placeholder-supplied-by",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: [contact(d, "police-non-emergency").update(name=LONG_NAME),
                                             contact(d, "police-non-emergency").pop("short_name", None)]),
        ["'police-non-emergency'", f"pocket card, {len(LONG_NAME.strip())} characters", "short_name of 60 characters or fewer"],
        id="helpline-name-too-long-for-the-pocket-card",
    ),
    # --- the point of each page ---
    pytest.param(
        "data/pathways.yml", edit_yaml(without_first_step("immediate-danger")),
        ["outcome 'immediate-danger', step 1", "emergency outcome", "does not call the emergency services (999) first"],
        id="emergency-outcome-without-999-first",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: hours_of(d, "local-authority-out-of-hours").update(open=[])),
        ["'local-authority-out-of-hours'", "no opening times", "always closed", "open: always"],
        id="hours-never-open",
    ),
    # --- YAML that reads as written ---
    pytest.param(
        TEAM, replace_text(DSL_NAME_LINE, DSL_NAME_LINE + "\x00"),
        [f"line {line_of(TEAM, DSL_NAME_LINE)}, character {len(DSL_NAME_LINE) + 1}", "a NUL byte (U+0000)", "delete it"],
        id="nul-byte",
    ),
    pytest.param(
        TEAM, replace_text(DSL_NAME_LINE, '    name: !!python/object/apply:os.system ["true"]'),
        [f"line {line_of(TEAM, DSL_NAME_LINE)}", "the YAML tag !!python/object/apply:os.system", "remove the tag"],
        id="python-tag",
    ),
    pytest.param(
        TEAM, lambda path: path.write_text(path.read_text(encoding="utf-8") + "---\nmembers: []\n", encoding="utf-8"),
        [f"line {len((ROOT / TEAM).read_text(encoding='utf-8').splitlines()) + 1}", "a second YAML document"],
        id="second-document",
    ),
    pytest.param(
        LOCAL_CONTACTS, replace_text('use_when: "To contact the police when it is not an emergency."', "use_when: true"),
        ["'police-non-emergency'", "use_when", "YAML reads true here as a yes/no value, not as text", "in quotes"],
        id="true-where-text-is-expected",
    ),
    # --- the file where the mistake is ---
    pytest.param(TEAM, replace_with_folder, ["the file", "is a folder, not a file"], id="data-file-is-a-folder"),
    pytest.param(
        TEAM, replace_with_broken_link, ["is a link to", "no-such-file.yml", "which does not exist"],
        id="data-file-is-a-broken-link",
    ),
    pytest.param(
        "data/pathways.yml",
        edit_yaml(renamed_option("in-danger", "no", "not-now")),
        ["data/training.yml", "answer 1 ('no') is not an option of question 'in-danger'", "if the pathway in data/pathways.yml"],
        id="pathway-option-renamed-under-a-scenario",
    ),
    # --- the link check's report: what a remote server said is data, checked like the rest ---
    pytest.param(
        "data/link-report.json", edit_json(lambda d: report_entry(d, KCSIE).update(classification="redirected",
                                                                                   final_url=HOSTILE_REDIRECT)),
        ["field 'final_url'", "has a space at character 22", "not part of a web address"],
        id="report-redirect-with-markup",
    ),
    pytest.param(
        "data/link-report.json", edit_json(lambda d: report_entry(d, KCSIE).update(url="javascript:alert(1)")),
        ["field 'url'", "'javascript:alert(1)'", "scheme", "https addresses only"],
        id="report-address-not-https",
    ),
    pytest.param(
        TEAM, replace_text(DSL_NAME_LINE, "  " + DSL_NAME_LINE),
        [f"line {line_of(TEAM, DSL_NAME_LINE)}", "not valid YAML"],
        id="malformed-yaml",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: contact(d, "police-non-emergency").pop("use_when")),
        ["'police-non-emergency'", "use_when", "required"],
        id="missing-field",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: rename_key(contact(d, "police-non-emergency"), "phone", "phnoe")),
        ["'police-non-emergency'", "phnoe", "not permitted"],
        id="unknown-field-typo",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nwg-network").update(id="police-non-emergency")),
        ["contact 'police-non-emergency'", "more than once"],
        id="duplicate-contact-id",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nwg-network").update(id="dsl")),
        [TEAM, "member 'dsl'", "id of a contact"],
        id="contact-with-a-team-members-id",
    ),
    pytest.param(
        "data/indicators.yml", edit_yaml(lambda d: indicator_list(d, "9.1")["items"][0].update(id="going-missing")),
        ["indicator 'going-missing'", "more than once"],
        id="duplicate-indicator-id",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "prevent-advice-line").update(phone="0800 011")),
        ["'prevent-advice-line'", "0800 011", "not a valid UK phone number"],
        id="invalid-phone",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "group-safeguarding").update(email="safeguarding.ofgl.co.uk")),
        ["'group-safeguarding'", "email", "not a valid email"],
        id="invalid-email",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline")["clauses"].append("14.2")),
        ["'nspcc-helpline'", "14.2", "not in the policy"],
        id="contact-cites-unknown-clause",
    ),
    pytest.param(
        TEAM, edit_yaml(lambda d: member(d, "dsl")["clauses"].append("14.2")),
        ["member 'dsl'", "14.2", "not in the policy"],
        id="member-cites-unknown-clause",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline")["clauses"].append("11-5")),
        ["'nspcc-helpline'", "11-5", "not a clause number"],
        id="clause-wrong-format",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nwg-network").update(link="nwg-netwerk")),
        ["'nwg-network'", "nwg-netwerk", "unknown link"],
        id="contact-names-unknown-link",
    ),
    pytest.param(
        "data/indicators.yml", edit_yaml(lambda d: indicator_list(d, "7.3").update(items=[])),
        ["'7.3'", "items", "at least 1"],
        id="empty-indicator-list",
    ),
    pytest.param(
        SETTING_YML, edit_yaml(lambda d: d.update(recording_systems=[])),
        ["recording_systems", "at least 1"],
        id="empty-recording-systems",
    ),
    pytest.param(
        "data/versions.yml", edit_yaml(lambda d: d["versions"][-1].update(review_due="1st Sept 2025")),
        ["review_due", "valid date", "YYYY-MM-DD"],
        id="wrong-date-format",
    ),
    pytest.param(
        "data/versions.yml", edit_yaml(lambda d: d["versions"][-1].update(review_due=d["versions"][-1]["date"])),
        ["versions", "review_due is not after date"],
        id="review-due-not-after-date",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: contact(d, "local-authority-office").pop("source")),
        ["'local-authority-office'", "has no source", f"the policy does not give {OFFICE_NUMBER}", "add source:"],
        id="not-in-policy-without-source",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(phone="0808 800 5001")),
        ["'nspcc-helpline'", "the policy does not give 0808 800 5001", "exactly as the policy gives it"],
        id="policy-number-mistyped",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nwg-network").update(clauses=[])),
        ["'nwg-network'", "names no clause", "add source:"],
        id="contact-with-no-clause-and-no-source",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: d["emergency_route"].reverse()),
        ["emergency_route entry 1", "not a contact of group emergency", "start the route with the emergency services"],
        id="emergency-route-not-starting-with-999",
    ),
    pytest.param(
        "data/indicators.yml", edit_yaml(lambda d: indicator_list(d, "6.3")["items"][0].update(sign="send")),
        ["indicator 'send-or-health-condition'", "only item with sign 'send'"],
        id="sign-used-once",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: d["emergency_route"][1].update(contact="dls")),
        ["emergency_route entry 2", "'dls'", "contact that does not exist"],
        id="emergency-route-unknown-contact",
    ),
    pytest.param(
        "data/links.yml", edit_yaml(lambda d: link(d, "kcsie-2024").update(url=None)),
        ["'kcsie-2024'", "confidence is high", "url is empty"],
        id="high-confidence-link-without-url",
    ),
    pytest.param(
        "data/links.yml", edit_yaml(lambda d: link(d, "nwg-network").update(url="nwgnetwork org")),
        ["'nwg-network'", "url", "'nwgnetwork org' has a space at character 11", "not part of a web address"],
        id="invalid-link-url",
    ),
    pytest.param(
        "data/links.yml", edit_yaml(lambda d: link(d, "kcsie-2024")["clauses"].append("14.2")),
        ["'kcsie-2024'", "14.2", "not in the policy"],
        id="link-cites-unknown-clause",
    ),
    # The fix says "use one of the values listed": they must be listed as they are spelt.
    pytest.param(
        SETTING_YML, edit_yaml(lambda d: d.update(nation="Englund")),
        ["nation", "'Englund'", "not allowed", "'England'", "'Northern Ireland'"],
        id="nation-not-allowed",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "nspcc-helpline").update(group="school")),
        ["'nspcc-helpline'", "group", "'school'", "not allowed", "'local-authority'"],
        id="contact-group-not-allowed",
    ),
    # --- the safeguarding team (data/team.yml) ---
    pytest.param(
        TEAM, edit_yaml(lambda d: member(d, "deputy-dsl").update(phone="")),
        ["'deputy-dsl'", "phone", "is empty", "to be supplied"],
        id="member-value-empty-not-marked",
    ),
    pytest.param(
        TEAM, edit_yaml(lambda d: [member(d, "dsl").update(phone=team_number()), member(d, "dsl").pop("supplied", None)]),
        ["'dsl'", "phone from the setting but no supplied:", "by:", "on:"],
        id="setting-number-without-source",
    ),
    pytest.param(
        TEAM, edit_yaml(supply(phone="0909 123 4567")),
        ["'dsl'", "phone", "premium-rate"],
        id="member-phone-premium-rate",
    ),
    pytest.param(
        TEAM, edit_yaml(lambda d: member(d, "dsl").update(name="to be supplied", name_in_policy=True)),
        ["'dsl'", "name_in_policy", "write the name the policy gives"],
        id="policy-name-removed",
    ),
    pytest.param(
        TEAM, edit_yaml(lambda d: member(d, "deputy-dsl").update(kind="deputy")),
        ["'deputy-dsl'", "kind", "'deputy'", "not allowed", "'deputy-dsl'"],
        id="member-kind-not-allowed",
    ),
    pytest.param(
        TEAM, edit_yaml(lambda d: member(d, "dsl").update(kind="deputy-dsl")),
        [TEAM, "exactly one member of kind dsl"],
        id="no-dsl",
    ),
    # --- opening hours (data/contacts.yml) ---
    pytest.param(
        LOCAL_CONTACTS,
        edit_yaml(lambda d: hours_of(d, "local-authority-office")["open"][0].update(opens="17:00", closes="09:00")),
        ["'local-authority-office'", "closes at 09:00, before it opens at 17:00", "24:00"],
        id="hours-end-before-they-start",
    ),
    pytest.param(
        LOCAL_CONTACTS,
        edit_yaml(lambda d: hours_of(d, "local-authority-office")["open"][0]["days"].append("mond")),
        ["'local-authority-office'", "days", "'mond'", "not allowed", "'mon'"],
        id="hours-unknown-weekday",
    ),
    pytest.param(
        LOCAL_CONTACTS,
        edit_yaml(lambda d: hours_of(d, "local-authority-office")["open"][0].update(opens="9am")),
        ["'local-authority-office'", "'9am' is not a time", "HH:MM"],
        id="hours-not-a-time",
    ),
    pytest.param(
        LOCAL_CONTACTS,
        edit_yaml(lambda d: hours_of(d, "local-authority-office")["open"][0].update(closes="18:00")),
        ["line pair 'local-authority'", "both lines are open on Monday from 17:00 to 18:00",
         "exactly one is open"],
        id="pair-overlaps",
    ),
    pytest.param(
        LOCAL_CONTACTS,
        edit_yaml(lambda d: hours_of(d, "local-authority-office")["open"][0].update(closes="16:00")),
        ["line pair 'local-authority'", "neither line is open on Monday from 16:00 to 17:00"],
        id="pair-leaves-a-gap",
    ),
    pytest.param(
        LOCAL_CONTACTS,
        edit_yaml(lambda d: hours_of(d, "local-authority-out-of-hours").update(bank_holidays="closed")),
        ["line pair", "neither line is open on Monday (a bank holiday) from 00:00 to 24:00"],
        id="pair-gap-on-bank-holidays",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: hours_of(d, "local-authority-office").update(sources=[])),
        ["'local-authority-office'", "sources", "at least 1"],
        id="hours-without-a-source",
    ),
    pytest.param(
        LOCAL_CONTACTS, edit_yaml(lambda d: d["line_pairs"][0].update(out_of_hours="police-non-emergency")),
        ["line pair 'local-authority'", "'police-non-emergency'", "not a contact with hours"],
        id="pair-line-without-hours",
    ),
    # What YAML reads differently from how it looks, and addresses, dates and numbers that
    # would mislead a reader.
    pytest.param(
        "data/contacts.yml", replace_text('    phone: "999"\n', '    phone: "999"\n    phone: "112"\n'),
        [f"line {line_of('data/contacts.yml', EMERGENCY_PHONE) + 1}", "repeats the key 'phone'", "first on line"],
        id="duplicate-key",
    ),
    pytest.param(
        "data/contacts.yml", replace_text('clauses: ["7.4", "13.0"]', 'clauses: [11.10, "13.0"]'),
        ["'emergency-services'", "written as a number", "11.1", "in quotes"],
        id="clause-as-an-unquoted-number",
    ),
    pytest.param(
        "data/contacts.yml", replace_text('    phone: "999"', "    phone: 0101"),
        [f"line {line_of('data/contacts.yml', EMERGENCY_PHONE)}", "0101", "octal", "in quotes"],
        id="octal-number",
    ),
    pytest.param(
        "data/contacts.yml", replace_text('opens: "09:00"', "opens: 17:00"),
        [f"line {line_of('data/contacts.yml', OPENS)}", "base 60", "in quotes"],
        id="time-read-as-base-60",
    ),
    pytest.param(
        "data/versions.yml", replace_text("review_due: 2025-09-01", "review_due: 2025-02-30"),
        [f"line {line_of('data/versions.yml', '    review_due: 2025-09-01')}", "2025-02-30", "not a real date"],
        id="impossible-date",
    ),
    pytest.param(
        TEAM, lambda path: path.write_bytes(path.read_bytes().replace(DSL_NAME_LINE.encode(), DSL_NAME_LINE.encode() + b"\xb4")),
        [f"line {line_of(TEAM, DSL_NAME_LINE)}", "not UTF-8", "save the file as UTF-8"],
        id="not-utf-8",
    ),
    pytest.param(
        "data/sections.yml", replace_text("page: policy/07-trafficking.md", "page: policy/07-traficking.md"),
        ["section '7.0'", "policy/07-traficking.md", "not in docs/"],
        id="section-page-missing",
    ),
    pytest.param(
        "data/sections.yml", replace_text('- section: "13.0"', '- section: "14.0"'),
        ["section '13.0'", "is in the policy (source/2024-09-01.md) but has no page here", "add"],
        id="section-without-a-page",
    ),
    pytest.param(
        "data/sections.yml", replace_text('local: {"7.4": "Local Procedures."}', 'local: {"7.4": "Local procedure."}'),
        ["section '7.0', local '7.4'", "“Local procedure.”", "no paragraph of 7.4"],
        id="local-paragraphs-not-found",
    ),
    pytest.param(
        "data/links.yml", replace_text('url: "https://resourcecentre', 'url: "http://resourcecentre'),
        ["http://resourcecentre", "not an https address"],
        id="http-address",
    ),
    pytest.param(
        "data/links.yml", replace_text('url: "https://resourcecentre.', 'url: "https://www.gov.uk@resourcecentre.'),
        ["www.gov.uk@", "user name before '@'"],
        id="address-with-user-info",
    ),
    pytest.param(
        "data/contacts.yml", replace_text("checked_on: 2026-12-02", "checked_on: 2099-01-01"),
        ["2099-01-01", "is after the build's date", "the date the check was made"],
        id="checked-in-the-future",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "emergency-services").update(phone="101")),
        ["'emergency-services'", "emergency contact with number 101", "999"],
        id="emergency-number-not-999",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: d["emergency_route"].reverse()),
        ["emergency_route entry 1", "not a contact of group emergency"],
        id="emergency-route-not-first",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "prevent-advice-line").update(phone="020 7946 0123")),
        ["'prevent-advice-line'", "020 7946 0123", "drama"],
        id="drama-number",
    ),
    pytest.param(
        "data/contacts.yml", edit_yaml(lambda d: contact(d, "prevent-advice-line").update(phone="0700 123 4567")),
        ["'prevent-advice-line'", "personal-number"],
        id="personal-number",
    ),
]


@pytest.mark.parametrize("file, mutate, expected", BAD_DATA)
def test_bad_data_is_named(tmp_path, file, mutate, expected):
    data = copy_data(tmp_path)
    mutate(data.parent / file)
    with pytest.raises(DataError) as caught:
        SiteData.load(data)
    message = str(caught.value)
    for part in [file, *expected, "Fix:"]:
        assert part in message, f"{part!r} missing from: {message}"


# --- bad data fails the real build ------------------------------------------------------------


def test_bad_phone_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    edit_yaml(lambda d: contact(d, "prevent-advice-line").update(phone="0800 011"))(project / "data" / "contacts.yml")
    output = failed_build_output(project, tmp_path)
    assert "data/contacts.yml" in output and "prevent-advice-line" in output, output


def test_page_citing_unknown_clause_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "policy" / "11-concerns.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nSee {{ clause_link("14.2") }}.\n', encoding="utf-8")
    output = failed_build_output(project, tmp_path)
    assert "policy/11-concerns.md" in output and "14.2" in output, output


def test_a_page_macro_mistake_names_the_page_and_its_line(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "policy" / "11-concerns.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\nCall {{ contcat("police-non-emergency") }}.\n', encoding="utf-8")
    output = failed_build_output(project, tmp_path)
    line = len(text.splitlines()) + 2
    assert f"docs/policy/11-concerns.md: line {line}: UndefinedError: 'contcat' is undefined. Fix:" in output, output


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("script: [now]", "docs/contacts.md: front matter key 'script': is not a key this site reads. Fix:"),
        ("scripts: [now", "docs/contacts.md: line 4, column 5: is not valid YAML"),
    ],
    ids=["misspelt-key", "does-not-parse"],
)
def test_front_matter_that_does_not_read_stops_the_build(tmp_path, front_matter, expected):
    project = copy_project(tmp_path)
    replace_text("scripts: [now]", front_matter)(project / "docs" / "contacts.md")
    assert expected in failed_build_output(project, tmp_path)


def test_a_data_file_that_is_a_folder_stops_the_build_in_one_line_and_debug_shows_why(tmp_path):
    project = copy_project(tmp_path)
    replace_with_folder(project / TEAM)
    output = failed_build_output(project, tmp_path)
    assert f"{TEAM}: the file: is a folder, not a file. Fix:" in output
    assert "Traceback" in failed_build_output(project, tmp_path, MKDOCS_DEBUG="1")
