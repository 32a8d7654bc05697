"""How a reader reaches a person or a service, rendered once for every view that needs it: the
steps of "What to do now" (on their pages and in the navigator), the contacts page and the
emergency strip.

- ``action`` is the one way a step offers to reach a contact or team member;
- ``dsl_control`` is every "Tell the DSL": call the DSL where the setting has supplied a number,
  else find them; the deputies and the Home Safeguarding Lead beside it;
- ``now_panel`` says which of a service's lines is open now (``now.js`` works it out on the
  reader's device; without JavaScript the panel lists each line with its hours in words).

Every value from data/ is escaped here (markupsafe): the output is HTML, safe to place in a page.
"""

from __future__ import annotations

import datetime
import json

from sitedata.addresses import Linker
from sitedata.hours import DAYS, Hours, minutes
from sitedata.load import SiteData
from sitedata.dates import long_date
from sitedata.models import Contact, LinePair, Link, Phone, TeamMember, is_supplied

from . import components
from .text import Html

# What the setting has not supplied yet, named in one line of a member's entry on the contacts
# page: never a broken or empty button.
NOT_ADDED_FIELDS = {"name": "name", "phone": "phone", "email": "email", "where": "where to find them",
                    "hours": "hours"}


def clause_links(site: SiteData, clauses: list[str], linker: Linker, beside_step: bool = True) -> Html:
    """Links to the clauses a step, a line or a record comes from, each to its place in the
    policy; ``beside_step``: each a tap target of its own (components/clause-link.html)."""
    return Html(", ").join(components.clause_link(c, linker.clause(c, site.clause_page(c)), beside_step)
                           for c in clauses)


def call_link(phone: Phone, text: str, primary: bool = True, whom: str = "") -> Html:
    """A tap-to-call button (components/contact-action.html). ``text`` says whom it calls: "Call
    the DSL, Kerry O'Brien"; the number follows unless the text already ends with it ("Call
    999"), then what to know about it. ``whom``: said to screen readers only, where the button's
    words are the number alone and the name stands beside it."""
    number = None if whom or text.endswith(phone.display) else phone.display
    return components.render("contact-action", href=phone.href, text=text, number=number, words=phone.words,
                             whom=whom, primary=primary)


def call_member(member: TeamMember, primary: bool = False) -> Html:
    """The call button of a team member who has a number: "Call " and the member's label."""
    return call_link(member.dial, f"Call {member.label}", primary)


def email_link(email: str, text: str, whom: str = "") -> Html:
    """An email button. ``text`` says whom it writes to ("Email the DSL"); the address follows
    unless the text already ends with it. ``whom``: as call_link's."""
    number = None if text.endswith(str(email)) else email
    return components.render("contact-action", href=f"mailto:{email}", text=text, number=number, words=None,
                             whom=whom, primary=False)


def guidance_link(link: Link, text: str | None = None) -> Html:
    """A guidance document (components/guidance-link.html), never at a guessed address: where its
    address is not confirmed, its name and publisher; an internal Group document, whom to ask; a
    replaced one, with its successor. ``text``: the words shown, by default the link's own (a
    page's Markdown words come as Markup, and stay Markdown)."""
    kind = "internal" if link.kind == "internal" else "published" if link.confirmed else "unconfirmed"
    successor = link.superseded_by
    return components.render("guidance-link", kind=kind, text=link.text if text is None else text, url=link.url,
                             publisher=link.publisher, successor=successor,
                             since=long_date(successor.since) if successor else None)


# --- anyone a page can send a reader to: a team member or a contact -------------------------


def name_of(reached: Contact | TeamMember) -> str:
    return reached.label if isinstance(reached, TeamMember) else reached.name


def phone_of(reached: Contact | TeamMember) -> Phone | None:
    return reached.dial if isinstance(reached, TeamMember) else reached.phone


def email_of(reached: Contact | TeamMember) -> str | None:
    email = reached.email
    return str(email) if email and is_supplied(email) else None


# --- team members ----------------------------------------------------------------------------


def in_person(member: TeamMember, lead: str, when: str | None = None) -> str:
    """Whom to tell where the setting has given no number: "Tell the DSL, Kerry O'Brien, in person,
    immediately." (``lead``: what the setting's staff call the DSL, Setting.lead.) An action that
    works, as a sentence: never a button to an empty card."""
    who = f"the {lead}, {member.name}" if member.kind == "dsl" else (
        f"the {member.role}, {member.name}" if is_supplied(member.name) else f"the {member.role}")
    return f"Tell {who}, in person{', ' + when if when else ''}."


def person_first(member: TeamMember, lead: str, when: str | None = None, primary: bool = True) -> Html:
    """The first way to reach a member: their call button (filled where it is the screen's first
    action, ``primary``), or whom to tell in person (on paper, with a line to write their number on)."""
    is_dsl = member.kind == "dsl"
    if not member.dial:
        call = None
    elif is_dsl:
        call = call_link(member.dial, f"Call the {lead}, {member.name}", primary)
    else:
        call = call_member(member, primary)
    return components.render("person-first", call=call, tell=in_person(member, lead, when),
                             who=f"The {lead}, {member.name}" if is_dsl else member.label)


# The senior people 12.7 names for when neither the DSL nor a deputy is available, by kind.
SENIOR_CHAIN = ("headteacher", "registered-manager", "head-of-service", "regional-director")


def dsl_control(site: SiteData, linker: Linker, full: bool = True, when: str | None = None,
                primary: bool = True) -> Html:
    """Every "Tell the DSL": the DSL first (a call button, or in person where the setting has given
    no number), then (``full``) whom to tell if they are not there (any DSL, 7.4; in the
    children's home, the Home Safeguarding Lead, 12.3) and what to do if no one answers. A screen
    that names the DSL in several steps gives the whole control once, and after that only the
    DSL's button where there is one, by the name the screen has taught ("Call Carys")."""
    team = site.team
    dsl = team.by_id()["dsl"]
    if not full and not dsl.dial:
        return Html("")
    if not full:
        # The screen has named them in full already: short enough for one line on a phone.
        return components.render("dsl-control", full=False, call=call_link(dsl.dial, f"Call {dsl.called}", primary=False))
    not_available = site.pathways.not_available
    emergency = site.contacts.by_id()[site.contacts.emergency_route[0].contact]
    senior = [m for kind in SENIOR_CHAIN for m in team.of_kind(kind)]
    return components.render(
        "dsl-control", full=True, first=person_first(dsl, site.setting.lead, when, primary), called=dsl.called,
        anyone_clauses=clause_links(site, not_available.anyone.clauses, linker), team_href=linker.contact(dsl.id),
        others=[call_member(m) for m in [*team.of_kind("deputy-dsl"), *team.of_kind("home-safeguarding-lead")] if m.dial],
        emergency_call=call_link(emergency.phone, f"Call {emergency.phone.display}", primary=False),
        danger_clauses=clause_links(site, not_available.danger.clauses, linker),
        on_calls=[{"call": call_member(m), "hours": m.hours if m.supplied_value("hours") else None}
                  for m in team.of_kind("on-call") if m.dial],
        senior_roles=and_list([f"the {m.role}" for m in senior], "or"),
        senior_clauses=clause_links(site, not_available.senior.clauses, linker),
        senior_calls=[call_member(m) for m in senior if m.dial])


def and_list(items: list[str], conjunction: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def members_line(members: list[TeamMember], linker: Linker) -> Html:
    """Several members a step names (12.7's chain): a call button for each with a number; those
    without are told in person (the step names them), with the way to the safeguarding team."""
    calls = [call_member(m) for m in members if m.dial]
    return components.render("members-line", calls=calls,
                             team_href=linker.contact(members[0].id) if len(calls) < len(members) else None)


def member_line(member: TeamMember, linker: Linker, lead: str, when: str | None = None) -> Html:
    """A member other than the DSL, where a step names one: a call button, or whom to tell in person."""
    return components.render("member-line", first=person_first(member, lead, when),
                             team_href=None if member.dial else linker.contact(member.id))


def member_actions(member: TeamMember) -> Html:
    """A member's card on the contacts page: how to reach them, and in one line what the setting
    has still to add (the About page's setup checklist lists each value)."""
    missing = [NOT_ADDED_FIELDS[field] for field in member.missing() if field in NOT_ADDED_FIELDS]
    where, hours = (getattr(member, field) if member.supplied_value(field) else None for field in ("where", "hours"))
    email = email_link(member.email, "Email") if member.supplied_value("email") else None
    if not (member.dial or email or where or hours):
        note = "Contact details not added yet: ask the office or your line manager."
    elif not member.dial:
        note = "Number not added yet: ask the office or your line manager."
    else:
        note = f"Not added yet: {and_list(missing)}." if missing else None
    return components.render("team-card", call=call_member(member, primary=True) if member.dial else None,
                             email=email, where=where, hours=hours, note=note)


# --- services ------------------------------------------------------------------------------


def contact_buttons(contact: Contact, primary: bool = True) -> list[Html]:
    buttons = []
    if contact.phone:
        buttons.append(call_link(contact.phone, f"Call {contact.short_name or contact.name}", primary))
    if contact.email:
        buttons.append(email_link(contact.email, f"Email {contact.short_name or contact.name}"))
    return buttons


def action(site: SiteData, contact_id: str, linker: Linker, full: bool = True, when: str | None = None,
           primary: bool = True) -> Html:
    """The one way a step offers to reach ``contact_id`` (a team member or a contact). ``full``:
    the whole "Tell the DSL" (see dsl_control), which a screen gives once. ``primary``: a service's
    call button is the filled one (a screen's first action is; the calls after it are outlined).
    Where a contact comes from (the policy or not) is said in "Where this comes from"."""
    if contact_id == "dsl":
        return dsl_control(site, linker, full, when, primary)
    reached = site.reachable()[contact_id]
    if isinstance(reached, TeamMember):
        return member_line(reached, linker, site.setting.lead, when)
    if reached.hours:
        # Its button and hours, and whether it is open now; any disagreement between the hours'
        # sources is said in "Where this comes from", below the reader's steps.
        return now_panel(site, [reached], linker, site.bank_holidays, reached.name, primary)
    buttons = contact_buttons(reached, primary)
    if not buttons:
        return components.render("card-link", name=reached.name, href=linker.contact(reached.id))
    return Html(" ").join(buttons)


def pair_in(site: SiteData, contact_ids: list[str]) -> LinePair | None:
    """The line pair whose two lines a step names, if any: shown as one "who to call now" panel."""
    return next((p for p in site.contacts.line_pairs if {p.office, p.out_of_hours} <= set(contact_ids)), None)


# --- who to call now -------------------------------------------------------------------------


def hours_for_script(hours: Hours) -> str:
    """The hours as now.js reads them: minutes of the day, so the script parses nothing."""
    return json.dumps({
        "open": [{"days": [DAYS.index(d) for d in o.days], "opens": minutes(o.opens), "closes": minutes(o.closes)}
                 for o in hours.open],
        "bankHolidays": hours.bank_holidays,
    }, separators=(",", ":"))


def now_panel(site: SiteData, lines: list[Contact], linker: Linker, bank_holidays: dict[datetime.date, str],
              title: str, for_reader: bool = True, out_of_hours_reader: bool = False) -> Html:
    """Which of ``lines`` is open now (or, for one line, whether it is open). ``for_reader``: the
    reader is to call, and the open line's button is the filled one ("call the Emergency Duty
    Team"); else the call is someone else's (a step the DSL leads) and the panel is information
    for them ("open now: ..."), its buttons outlined, unless ``out_of_hours_reader`` (immediate
    concerns) and a line other than the first (the office's) is open: then the reader calls.
    Without JavaScript: each line with its hours in words and its call button. Where the hours
    come from, and any disagreement between the sources, is said on the contacts page and in
    "Where this comes from"."""
    one_line = lines[0]
    status = ("Which line to call depends on the time and the day." if for_reader else
              "Which line is open depends on the time and the day.") if len(lines) > 1 else ""
    return components.render(
        "now-panel", for_reader=for_reader, out_of_hours_reader=out_of_hours_reader, title=title, status=status,
        # The bank holidays by date, with their names ("Easter Monday"): the panel says so by name.
        bank_holidays=json.dumps({day.isoformat(): name for day, name in bank_holidays.items()}, separators=(",", ":")),
        years=f"{min(bank_holidays).year}-{max(bank_holidays).year}",
        uncertain=len(lines) == 1 and bool(one_line.hours.sources_disagree),
        dsl_card=linker.contact(one_line.id) if any(not c.in_policy for c in lines) else None,
        lines=[{"id": c.id, "hours": hours_for_script(c.hours), "short_name": c.short_name or c.name, "name": c.name,
                "in_words": c.hours.in_words, "display": c.phone.display, "disagree": c.hours.sources_disagree,
                "call": call_link(c.phone, f"Call {c.phone.display}", for_reader, c.name) if c.phone else ""}
               for c in lines])


def pair_panel(site: SiteData, pair: LinePair, linker: Linker, for_reader: bool = True,
               out_of_hours_reader: bool = False) -> Html:
    contacts = site.contacts.by_id()
    return now_panel(site, [contacts[pair.office], contacts[pair.out_of_hours]], linker, site.bank_holidays, pair.name,
                     for_reader, out_of_hours_reader)
