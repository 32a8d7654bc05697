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
from sitedata.models import Contact, LinePair, Phone, TeamMember, is_supplied

from .text import Html

# What a reader sees where the setting has not supplied a value yet: an instruction, never a
# broken or empty button.
NOT_ADDED = {
    "phone": "Number not added yet: ask the office or your line manager.",
    "email": "Email not added yet: ask the office or your line manager.",
    "where": "Not added yet: ask the office or your line manager.",
    "name": "Name not added yet: ask the office or your line manager.",
    "hours": "Hours not added yet: ask your DSL.",
}
NOT_IN_POLICY = "not in the policy, check with your DSL"


def number_words(phone: Phone) -> Html:
    """What a caller needs to know about the number, after it: a text-relay number, or a service
    number's cost (sitedata/phones.py); nothing for an ordinary number."""
    return Html(' <span class="contact-words">({})</span>').format(phone.words) if phone.words else Html("")


def call_link(phone: Phone, text: str, primary: bool = True) -> Html:
    """A tap-to-call button. ``text`` says whom it calls: "Call the DSL, Kerry O'Brien"; the number
    follows unless the text already ends with it ("Call 999"), then what to know about it."""
    kind = "contact-action contact-action--call" if primary else "contact-action"
    if text.endswith(phone.display):
        return Html('<a class="{}" href="tel:{}">{}{}</a>').format(kind, phone.tel, text, number_words(phone))
    return Html('<a class="{}" href="tel:{}">{}: <span class="contact-action__number">{}</span>{}</a>').format(
        kind, phone.tel, text, phone.display, number_words(phone))


def email_link(email: str, text: str) -> Html:
    return Html('<a class="contact-action" href="mailto:{}">{}: {}</a>').format(email, text, email)


def card_link(linker: Linker, contact_id: str, text: str, primary: bool = False, on_paper: str = "") -> Html:
    """A link to a card on the contacts page, for someone without a number here yet. Paper
    cannot follow it: there it is ``on_paper`` (who), with a line to write the number on."""
    kind = "contact-action contact-action--primary" if primary else "contact-action"
    link = Html('<a class="{} screen-only" href="{}">{}</a>').format(kind, linker.contact(contact_id), text)
    return link + Html('<span class="print-only">{}, number: <span class="write-in"></span></span>').format(
        on_paper or text.removeprefix("Find ").removeprefix("the "))


def note(text: str) -> Html:
    return Html('<span class="reach__note">{}</span>').format(text)


# --- anyone a page can send a reader to: a team member or a contact -------------------------


def name_of(reached: Contact | TeamMember) -> str:
    return reached.label if isinstance(reached, TeamMember) else reached.name


def phone_of(reached: Contact | TeamMember) -> Phone | None:
    return reached.dial if isinstance(reached, TeamMember) else reached.phone


def email_of(reached: Contact | TeamMember) -> str | None:
    email = reached.email
    return str(email) if email and is_supplied(email) else None


# --- team members ----------------------------------------------------------------------------


def dsl_control(site: SiteData, linker: Linker, full: bool = True) -> Html:
    """Every "Tell the DSL": the DSL first and largest, then (``full``) whom to tell if they are
    not there (any DSL, 7.4; in the children's home, the Home Safeguarding Lead, 12.3). Numbers
    the setting has not added yet are named once, with what to do instead. A screen that names
    the DSL in several steps gives the whole control once, and the DSL's button after that."""
    team = site.team
    dsl = team.by_id()["dsl"]
    if dsl.dial:
        first = call_link(dsl.dial, f"Call the DSL, {dsl.name}")
    else:
        first = card_link(linker, dsl.id, f"Find the DSL, {dsl.name}", primary=True, on_paper=f"The DSL, {dsl.name}")
    if not full:
        return Html('<div class="reach reach--dsl"><p class="reach__first">{}</p></div>').format(first)
    others = [*team.of_kind("deputy-dsl"), *team.of_kind("home-safeguarding-lead")]
    buttons = [call_link(m.dial, f"Call {m.label}", primary=False) for m in others if m.dial]
    missing = [f"the {m.role}" if m.id != "dsl" else "the DSL" for m in [dsl, *others] if not m.dial]
    parts = [Html('<p class="reach__first">{}</p>').format(first)]
    parts.append(Html('<p class="reach__others">If {} is not available, tell any DSL. In the children\'s home, '
                        'tell the Home Safeguarding Lead.</p>').format(dsl.called))
    if buttons:
        parts.append(Html('<p class="reach__others">{}</p>').format(Html(" ").join(buttons)))
    if missing:
        parts.append(Html('<p class="reach__note">Numbers not added yet for {}: ask the office or your line manager. '
                            '<a href="{}">The safeguarding team</a></p>').format(and_list(missing), linker.contact(dsl.id)))
    return Html('<div class="reach reach--dsl">{}</div>').format(Html("").join(parts))


def and_list(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def members_line(members: list[TeamMember], linker: Linker) -> Html:
    """Several members a step names (12.7's chain): a call button for each with a number, a link
    to the card of each without, and one note for those not added yet."""
    buttons = [call_link(m.dial, f"Call {m.label}", primary=False) for m in members if m.dial]
    cards = [card_link(linker, m.id, f"Find the {m.role}") for m in members if not m.dial]
    shown = Html(" ").join([*buttons, *cards])
    if cards:
        shown += note("Numbers not added yet: ask the office or your line manager.")
    return shown


def member_line(member: TeamMember, linker: Linker) -> Html:
    """A member other than the DSL, where a step names one: a call button, or where to find them."""
    if member.dial:
        return call_link(member.dial, f"Call {member.label}")
    return Html("{} {}").format(card_link(linker, member.id, f"Find the {member.role}"), note(NOT_ADDED["phone"]))


def member_actions(member: TeamMember) -> Html:
    """A member's card on the contacts page: how to reach them, or what has still to be added."""
    rows = []
    if member.dial:
        rows.append(call_link(member.dial, f"Call {member.label}"))
    else:
        rows.append(Html("<strong>Phone:</strong> {}").format(note(NOT_ADDED["phone"])))
    if is_supplied(member.email):
        rows.append(email_link(member.email, "Email"))
    else:
        rows.append(Html("<strong>Email:</strong> {}").format(note(NOT_ADDED["email"])))
    rows.append(Html("<strong>Where to find them:</strong> {}").format(
        member.where if is_supplied(member.where) else note(NOT_ADDED["where"])))
    if member.hours is not None:
        rows.append(Html("<strong>Hours:</strong> {}").format(
            member.hours if is_supplied(member.hours) else note(NOT_ADDED["hours"])))
    return Html('<ul class="reach__card">{}</ul>').format(Html("").join(Html("<li>{}</li>").format(r) for r in rows))


# --- services ------------------------------------------------------------------------------


def contact_buttons(contact: Contact, primary: bool = True) -> list[Html]:
    buttons = []
    if contact.phone:
        buttons.append(call_link(contact.phone, f"Call {contact.short_name or contact.name}", primary))
    if contact.email:
        buttons.append(email_link(contact.email, f"Email {contact.short_name or contact.name}"))
    return buttons


def action(site: SiteData, contact_id: str, linker: Linker, first_dsl: bool = True) -> Html:
    """The one way a step offers to reach ``contact_id`` (a team member or a contact).
    ``first_dsl``: this is the screen's first "Tell the DSL" (see dsl_control)."""
    if contact_id == "dsl":
        return dsl_control(site, linker, full=first_dsl)
    reached = site.reachable()[contact_id]
    if isinstance(reached, TeamMember):
        return member_line(reached, linker)
    if reached.hours:
        return now_panel(site, [reached], linker, site.bank_holidays, f"{reached.name}: hours")
    buttons = contact_buttons(reached)
    if not buttons:
        return card_link(linker, reached.id, f"Find {reached.name}")
    shown = Html(" ").join(buttons)
    if not reached.in_policy:
        shown += Html(' <span class="not-in-policy">{}: <a href="{}">{}</a></span>').format(
            reached.name, linker.contact(reached.id), NOT_IN_POLICY)
    return shown


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
              title: str) -> Html:
    """Which of ``lines`` to call now (or, for one line, whether it is open). Without JavaScript:
    each line with its hours in words and its call button."""
    items = []
    for number, contact in enumerate(lines):
        hours = contact.hours
        # A disagreement between sources is about the first line's hours (the office's), and is
        # said once, there.
        disagree = Html("")
        if hours.sources_disagree and number == 0:
            disagree = Html(' <span class="now-panel__disagree">{} Check with your DSL.</span>').format(
                hours.sources_disagree)
        items.append(Html(
            '<li class="now-panel__line" data-line="{}" data-hours="{}" data-name="{}">'
            '<p class="now-panel__name"><strong>{}</strong>: {}.{}</p><p>{}</p></li>'
        ).format(contact.id, hours_for_script(hours), contact.short_name or contact.name, contact.name,
                 hours.in_words, disagree, Html(" ").join(contact_buttons(contact))))
    holidays = json.dumps([day.isoformat() for day in bank_holidays], separators=(",", ":"))
    years = sorted({day.year for day in bank_holidays})
    not_in_policy = Html("")
    if any(not c.in_policy for c in lines):
        not_in_policy = Html('<p class="not-in-policy">Not in the policy: <a href="{}">check with your DSL</a>.</p>').format(
            linker.contact(lines[0].id))
    status = "Which line to call depends on the time and the day." if len(lines) > 1 else ""
    # One line whose sources disagree about its hours: the panel does not claim it is open now.
    uncertain = Html(" data-hours-uncertain") if len(lines) == 1 and lines[0].hours.sources_disagree else ""
    # On screen the panel says what to do now (now.js); paper is read at any time, so there the
    # lines are a timetable instead, and the live status and the reordered lines are left off.
    return Html(
        '<div class="now-panel" data-now-panel data-bank-holidays="{}" data-years="{}"{}>'
        '<p class="now-panel__title"><strong>{}</strong></p>'
        '<p class="now-panel__status screen-only" data-now-status>{}</p>'
        '<ul class="now-panel__lines screen-only">{}</ul>{}{}</div>'
    ).format(holidays, f"{years[0]}-{years[-1]}", uncertain, title, status, Html("").join(items),
             timetable(lines), not_in_policy)


def timetable(lines: list[Contact]) -> Html:
    """The lines as paper shows them: when each answers, in the words of its hours, and its number."""
    rows = Html("").join(
        Html("<tr><td>{}{}</td><td>{}: {}</td></tr>").format(
            contact.hours.in_words,
            Html(" ({} Check with your DSL.)").format(contact.hours.sources_disagree) if contact.hours.sources_disagree else "",
            contact.name, contact.phone.display)
        for contact in lines)
    caption = "Which line to call, by the time and the day" if len(lines) > 1 else "When it answers"
    return Html('<div class="print-only"><table class="now-panel__timetable"><caption>{}</caption>'
                "<thead><tr><th>When</th><th>Call</th></tr></thead><tbody>{}</tbody></table></div>").format(caption, rows)


def pair_panel(site: SiteData, pair: LinePair, linker: Linker) -> Html:
    contacts = site.contacts.by_id()
    return now_panel(site, [contacts[pair.office], contacts[pair.out_of_hours]], linker, site.bank_holidays, pair.name)
