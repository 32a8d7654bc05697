"""Turn validated data into Markdown (and the little HTML Markdown cannot say) for the pages.

Each function takes records and returns text (``page_heading`` alone reads a file: a docs/ page's
title); none knows about MkDocs, so each is tested on its own (record in, Markdown out). Links
to other pages are Markdown links to the ``.md`` source, relative to the page being rendered:
MkDocs turns them into the right URLs for every build (served, ``file://``, PDF) and its strict
build checks that each one resolves.
"""

from __future__ import annotations

import datetime
import posixpath
from typing import TYPE_CHECKING

from markupsafe import Markup

from sitedata import DOCS_DIR
from sitedata.addresses import Linker, contact_anchor
from sitedata.clauses import anchor_id
from sitedata.errors import DataError
from sitedata.load import ENTRY
from sitedata.models import NOT_SUPPLIED, Contact, IndicatorList, Link, TeamMember, is_supplied
from sitedata.dates import long_date  # noqa: F401 (the pages' filter, and renderers')
from sitedata.versions import Version

from . import components, reach
from .text import Html, formatted, plain

if TYPE_CHECKING:
    from sitedata.load import MissingFact, SiteData


def relative(target: str, from_page: str) -> str:
    """A docs/ path as seen from another docs/ page: ('contacts.md', 'policy/07-x.md') -> '../contacts.md'."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def page_target(page: str, from_page: str) -> Html:
    """``relative`` as a Markdown link's target in a page template: as it is (Html), since
    escaping would break it."""
    return Html(relative(page, from_page))


# --- clauses ----------------------------------------------------------------------------------


def clause_anchor(clause: str) -> str:
    """The clause number that opens a clause: a link to itself, so its address can be copied."""
    return f"[{clause}](#{anchor_id(clause)}){{ #{anchor_id(clause)} .clause-number }}"


# --- contacts ---------------------------------------------------------------------------------


def contact_href(contact: Contact, channel: str) -> tuple[str, str]:
    """The (href, visible text) of one way to reach a contact: 'phone' or 'email'."""
    if channel == "phone" and contact.phone:
        return contact.phone.href, contact.phone.display
    if channel == "email" and contact.email:
        return f"mailto:{contact.email}", str(contact.email)
    raise ValueError(f"contact {contact.id!r} has no {channel}")


def contact_inline(contact: Contact, channel: str | None = None) -> Html:
    """A number or address inside a sentence, as a tap-to-call or mailto link."""
    channel = channel or ("phone" if contact.phone else "email")
    href, text = contact_href(contact, channel)
    return components.render("contact-inline", channel=channel, href=href, text=text,
                             words=contact.phone.words if channel == "phone" else None)


def card_buttons(contact: Contact) -> list[Html]:
    """A contact card's call and email buttons: the number or address, under the contact's name
    (which screen readers hear with each button, away from the heading)."""
    buttons = []
    if contact.phone:
        buttons.append(reach.call_link(contact.phone, f"Call {contact.phone.display}", whom=contact.name))
    if contact.email:
        buttons.append(reach.email_link(str(contact.email), f"Email {contact.email}", whom=contact.name))
    return buttons


def contact_card(contact: Contact, clauses: Html | str, web_link: Html | None, in_panel: bool = False) -> Html:
    """A contact on the contacts page (components/contact-card.html): what it is for, how to reach
    it, and where it comes from. ``clauses``: the links to the clauses that name it.
    ``in_panel``: a line of a "who to call now" panel shown above it, which gives its number and
    whether it is open now: the card says what it is for, and where its facts come from."""
    hours = contact.hours
    check = "not-in-policy" if not contact.in_policy else "hours-differ" if hours and hours.sources_disagree else None
    return components.render(
        "contact-card", anchor=contact_anchor(contact.id), name=contact.name, role=contact.role,
        short_name=contact.short_name, use_when=contact.use_when, clauses=clauses,
        buttons=[] if in_panel else card_buttons(contact), web=web_link,
        hours=hours.in_words if hours and not in_panel else None, check=check,
        source=source_of(contact.source),
        hours_disagree=hours.sources_disagree if hours else None,
        hours_sources=[{"says": said.says, "url": said.url, "checked_on": long_date(said.checked_on)}
                       for said in hours.sources] if hours else None)


def source_of(source) -> dict | None:
    """Where a fact from outside the policy comes from, as its card and "Where this comes from"
    say it (_phrases.html, sourced)."""
    return {"note": source.note, "url": source.url, "checked_on": long_date(source.checked_on)} if source else None


def team_list(members: list[tuple[TeamMember, Html, Html]], none_added: str, purpose: bool = True) -> Html:
    """Members of the setting's safeguarding team on the contacts page (components/team-list.html),
    each with how to reach them (their card, reach.member_actions) and the clauses that name them;
    ``purpose``: with when to go to each. Those the setting has given no way to reach yet are
    said once, after the list (``none_added``)."""
    return components.render("team-list", members=[
        {"anchor": contact_anchor(member.id), "role": member.role, "name": member.name if is_supplied(member.name) else None,
         "use_when": member.use_when if purpose else None, "clauses": clauses, "card": card if member.can_be_reached else "",
         "supplied": f"{member.supplied.by}, {long_date(member.supplied.on)}" if member.supplied else None}
        for member, card, clauses in members],
        none_added=none_added if not all(member.can_be_reached for member, _, _ in members) else None)


def setup_checklist(missing: list[MissingFact]) -> Html:
    """What the setting still has to supply (pages/setup-checklist.md)."""
    entries: dict[tuple[str, str, str], list[str | None]] = {}
    for fact in missing:
        entries.setdefault((fact.file, fact.item, fact.what), []).append(Html(fact.field) if fact.field != ENTRY else None)
    return components.markdown_page("setup-checklist", count=len(missing), not_supplied=Html(NOT_SUPPLIED), entries=[
        {"what": what, "file": Html(file), "item": Html(item), "fields": fields}
        for (file, item, what), fields in entries.items()])


def emergency_route(site: SiteData) -> list[dict[str, str | None]]:
    """The strip at the top of every page, as plain values for overrides/partials/emergency.html
    (which escapes them): each entry calls a number, or leads to the person's card."""
    reachable = site.reachable()
    entries = []
    for step in site.contacts.emergency_route:
        reached = reachable[step.contact]
        phone = reached.dial if isinstance(reached, TeamMember) else reached.phone
        shown = reached.name if is_supplied(reached.name) else reached.role
        # A person's role is said in full to screen readers ("Designated Safeguarding Lead (DSL)").
        role = reached.role if isinstance(reached, TeamMember) else None
        # "{lead}": what the setting's staff call the person they tell ("DSL", "Safeguarding Lead").
        label, short = (filled(text, {"lead": site.setting.lead}) for text in (step.label, step.short_label or step.label))
        entries.append({"label": label, "short": short, "role": role, "deputy": False,
                        "text": phone.display if phone else shown,
                        "href": phone.href if phone else None, "anchor": contact_anchor(reached.id)})
        if step.contact == "dsl":
            # The deputies the setting has given a number for, straight after the DSL.
            for deputy in site.team.of_kind("deputy-dsl"):
                if deputy.dial:
                    entries.append({"label": "Deputy", "short": "Deputy", "role": deputy.role, "deputy": True,
                                    "text": deputy.dial.display, "href": deputy.dial.href,
                                    "anchor": contact_anchor(deputy.id)})
    return entries


# --- indicators -------------------------------------------------------------------------------


def indicator_list(lst: IndicatorList) -> str:
    """The items of one policy list, verbatim, each with an id that the signs pages link to."""
    if lst.form == "sentence":
        return formatted(lst.items[0].text)
    # attr_list gives the <li> its id only from a line of its own inside the item.
    return "\n".join(f"- {formatted(item.text)}\n  {{ #sign-{item.id} }}" for item in lst.items) + "\n"


# --- external links ---------------------------------------------------------------------------


def link_target(url: object) -> str:
    """A checked web address as a Markdown link's target. Brackets are legal in an address but
    would end the target early: they are written as %28 and %29, which mean the same address."""
    return str(url).replace("(", "%28").replace(")", "%29")



def external_link(link: Link, text: str | None = None) -> str:
    """A guidance link (reach.guidance_link). Text a page passes is the page's own Markdown."""
    return str(reach.guidance_link(link, Markup(text) if text else None))


# --- setting ----------------------------------------------------------------------------------


def review_status(version: Version, today: datetime.date) -> dict[str, object]:
    """The footer's line about the policy's date, and whether a year had passed when the site was
    built (the reader's device checks again: review.js). The policy states no review date:
    review_due is the usual annual review (review_due_basis), so the pages never say "review due"
    or "overdue" as if the policy did; they ask the reader to check that this is the current
    version."""
    return {
        "text": version.dated,
        "due": version.review_due.isoformat(),
        "overdue": version.review_overdue(today),
        "overdue_title": "Is this the current version?",
        "overdue_text": (
            f"This policy is dated {long_date(version.date)}. Policies are usually reviewed every year: "
            "check with your DSL that this is the current version."
        ),
    }


def page_heading(page: str) -> str:
    """The first-level heading of a docs/ page, without its { #id }: the page's one title."""
    text = (DOCS_DIR / page).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]  # after the front matter, whose comments start "# " too
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].split(" { #")[0].strip()
    raise DataError(f"docs/{page}", "the page", "has no first-level heading", "start the page with '# ' and its title")


def filled(text: str, values: dict[str, str]) -> str:
    """Data's text with each {name} it holds put in: "Tell the {lead}" -> "Tell the DSL". Plain
    replacement, never a template: data cannot run code."""
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", value)
    return text


def local_procedures(paragraphs: list, names: dict[str, str], contacts: dict, links: dict) -> str:
    """A setting's local-procedure paragraphs (settings/<id>/local-procedures.yml) as Markdown:
    each paragraph's words, with the DSL's name put in ({dsl}), then its link or contact."""
    rendered = []
    for paragraph in paragraphs:
        parts = [f"**{plain(paragraph.strong)}**"] if paragraph.strong else []
        parts.append(str(plain(filled(paragraph.text, names))))
        if paragraph.link:
            parts.append(external_link(links[paragraph.link]))
        if paragraph.contact:
            parts.append(contact_inline(contacts[paragraph.contact]))
        rendered.append(" ".join(parts))
    return "\n\n".join(rendered)


def nation_guidance(site: SiteData, linker: Linker) -> Html | str:
    """The guidance the policy asks settings in the setting's nation to know (3.2) as a section of
    Markdown for the linker's page, citing the clauses that name it; empty where it names none."""
    nation = site.setting.nation
    links = [link for link in site.links.links if link.nation == nation]
    if not links:
        return ""
    clauses = sorted({clause for link in links for clause in link.clauses})
    return components.markdown_page("nation-guidance", nation=nation,
                                    cited=reach.clause_links(site, clauses, linker, beside_step=False),
                                    links=[reach.guidance_link(link) for link in links])
