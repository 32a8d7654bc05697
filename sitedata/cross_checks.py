"""Checks across the files of ``data/`` and a setting's folder, once each file is valid on its
own (sitedata/validation.py): ids are unique, every clause, contact and link a record names
exists in the file that owns it, and the numbers a reader dials are the right ones.

Each check raises a DataError naming the file, the item and the fix. ``check_site`` runs them
all, in an order that names the first cause of a mistake (a misspelt id before what it breaks).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from . import hours
from .errors import DataError
from .models import Indicator, IndicatorBook, LinkBook, MemberKind, TeamMember, is_supplied
from .pathways import check_graph
from .phones import EMERGENCY_NUMBERS
from .policy_text import PolicyText
from .training_checks import check_training
from .validation import check_unique
from .versions import Citation

if TYPE_CHECKING:
    from .load import SiteData


def check_site(site: SiteData, cited: list[Citation], docs_dir: Path) -> None:
    """Every check across files, for a site just loaded; ``cited``: every clause that data/,
    the setting's folder and the pages cite."""
    check_renumbered(site, cited)
    check_people_ids(site)
    check_team(site)
    check_record_ids(site)
    check_emergency_route(site)
    check_citations(site)
    check_names(site)
    check_line_pairs(site)
    check_roles(site)
    check_example_numbers(site)
    check_local_procedures(site)
    route = {step.contact for step in site.contacts.emergency_route}
    emergency = {c.id for c in site.contacts.contacts if c.group == "emergency"}
    check_graph(site.pathways, site.check_cited, route | set(site.team.by_id()), emergency)
    check_training(site.training, site)
    check_pages(site, docs_dir)
    check_quoted_text(site)
    check_numbers_in_policy(site)
    site.versions.check_checked(cited)


def check_renumbered(site: SiteData, cited: list[Citation]) -> None:
    """A citation of a number an earlier version had: said as such, with where it leads now."""
    for citation in cited:
        if citation.clause in site.versions.aliases:
            raise site.unknown_clause(citation.file, citation.where, citation.clause)


def check_people_ids(site: SiteData) -> None:
    """Each contact and member has an id of its own, and exactly one member is the DSL."""
    team_file, local_file = site.folder.file("team.yml"), site.folder.file("contacts.yml")
    local = list(site.local_contacts)
    shared = [c.id for c in site.contacts.contacts[len(local):]]
    check_unique(local_file, "contact", local)
    check_unique("data/contacts.yml", "contact", shared)
    for contact_id in set(local) & set(shared):
        raise DataError(local_file, f"contact {contact_id!r}", "appears more than once: in data/contacts.yml too",
                        "give the setting's contact another id, or remove one of the two")
    check_unique(team_file, "member", [m.id for m in site.team.members])
    for member in site.team.members:
        if member.id in site.contacts.by_id():
            raise DataError(team_file, f"member {member.id!r}", f"has the id of a contact in {site.contact_file(member.id)}",
                            "give the member or the contact another id: pages and pathways name both by id")
    if len(site.team.of_kind("dsl")) != 1 or "dsl" not in site.team.by_id():
        raise DataError(team_file, "members", "need exactly one member of kind dsl, with id dsl",
                        "keep the DSL's entry (id: dsl, kind: dsl)")


def check_record_ids(site: SiteData) -> None:
    """Each link, indicator list and indicator has an id of its own."""
    check_unique("data/links.yml", "link", [link.id for link in site.links.links])
    check_unique("data/indicators.yml", "list for clause", [lst.clause for lst in site.indicators.lists])
    items = [item for lst in site.indicators.lists for item in lst.items]
    check_unique("data/indicators.yml", "indicator", [item.id for item in items])
    check_signs_shared(items)


def check_signs_shared(items: list[Indicator]) -> None:
    """A ``sign`` key links the same sign across lists, so one used once is a typo or leftover."""
    uses = Counter(item.sign for item in items if item.sign)
    for item in items:
        if item.sign and uses[item.sign] == 1:
            raise DataError(
                "data/indicators.yml", f"indicator {item.id!r}", f"is the only item with sign {item.sign!r}",
                "give the same sign key to the matching item in another list, or remove it",
            )


def check_team(site: SiteData) -> None:
    """The people staff are sent to are people: no member's number is a service's, and the DSL
    and the deputies (the emergency strip's people) are each a different person."""
    services = {c.phone.tel: c for c in site.contacts.contacts if c.phone}
    for member in site.team.members:
        if member.dial and (service := services.get(member.dial.tel)):
            raise DataError(site.folder.file("team.yml"), f"member {member.id!r}",
                            f"has the number {member.dial.display}, which is the number of {service.name} "
                            f"(contact {service.id!r} in {site.contact_file(service.id)})", "write the person's own number")
    strip = [site.team.by_id()["dsl"], *site.team.of_kind("deputy-dsl")]
    for index, member in enumerate(strip):
        for other in strip[:index]:
            if same := same_person(member, other):
                raise DataError(site.folder.file("team.yml"), f"member {member.id!r}",
                                f"has the same {same} as {other.id!r}: a deputy is another person, and the "
                                "emergency strip would show the same person twice",
                                f"write the {member.role}'s own {same}")
    check_unique("data/contacts.yml", "emergency_route contact", [step.contact for step in site.contacts.emergency_route])


def same_person(member: TeamMember, other: TeamMember) -> str | None:
    """What two members share that only one person has ("number", "name"), or None."""
    if member.dial and other.dial and member.dial.tel == other.dial.tel:
        return "number"
    if is_supplied(member.name) and is_supplied(other.name) and member.name.casefold() == other.name.casefold():
        return "name"
    return None


def check_emergency_route(site: SiteData) -> None:
    """Each step of the emergency route is someone to call; the route starts with the emergency
    services, and they are 999 or 112: the number a reader in a hurry dials is never a typo."""
    reachable = site.reachable()
    route = site.contacts.emergency_route
    for number, step in enumerate(route, start=1):
        if step.contact not in reachable:
            raise DataError("data/contacts.yml", f"emergency_route entry {number} ({step.contact!r})",
                            "names a contact that does not exist", f"use one of {', '.join(sorted(reachable))}")
    contacts = site.contacts.by_id()
    if not route or getattr(contacts.get(route[0].contact), "group", None) != "emergency":
        raise DataError("data/contacts.yml", "emergency_route entry 1",
                        "is not a contact of group emergency", "start the route with the emergency services (999)")
    for contact in site.contacts.contacts:
        if contact.group == "emergency" and (contact.phone is None or contact.phone.tel not in EMERGENCY_NUMBERS):
            raise DataError(site.contact_file(contact.id), f"contact {contact.id!r}",
                            f"is an emergency contact with number {contact.phone.display if contact.phone else 'none'}",
                            "use 999 (or 112): the UK's emergency numbers")


def check_citations(site: SiteData) -> None:
    """Every clause a member, contact, indicator list or link cites is in the policy."""
    for member in site.team.members:
        site.check_cited(site.folder.file("team.yml"), f"member {member.id!r}", member.clauses)
    for contact in site.contacts.contacts:
        site.check_cited(site.contact_file(contact.id), f"contact {contact.id!r}", contact.clauses)
    site.check_cited("data/indicators.yml", "reminder", [site.indicators.reminder.clause])
    for lst in site.indicators.lists:
        site.check_cited("data/indicators.yml", f"list {lst.name!r}", [lst.clause])
    for link in site.links.links:
        site.check_cited("data/links.yml", f"link {link.id!r}", link.clauses)


def check_names(site: SiteData) -> None:
    """Every link a contact names, and every kind an indicator list has, exists."""
    links = {link.id for link in site.links.links}
    for contact in site.contacts.contacts:
        if contact.link and contact.link not in links:
            raise DataError(site.contact_file(contact.id), f"contact {contact.id!r}", f"names unknown link {contact.link!r}",
                            f"use an id from data/links.yml or {site.folder.file('links.yml')}")
    for lst in site.indicators.lists:
        if lst.kind not in site.indicators.kinds:
            raise DataError("data/indicators.yml", f"list {lst.name!r}", f"has kind {lst.kind!r}, which is not under kinds:",
                            f"use one of {', '.join(site.indicators.kinds)}, or add it to kinds:")


def check_line_pairs(site: SiteData) -> None:
    """Each "who to call now" pair is two lines with hours, exactly one open at every minute."""
    file = site.folder.file("contacts.yml")
    for pair in site.contacts.line_pairs:
        lines = []
        for role in ("office", "out_of_hours"):
            contact = site.contacts.by_id().get(getattr(pair, role))
            if contact is None or contact.hours is None:
                raise DataError(file, f"line pair {pair.id!r}", f"names {role} {getattr(pair, role)!r}, which is not a "
                                "contact with hours:", "use the id of a contact in this file that has hours:")
            lines.append(contact.hours)
        if problems := hours.coverage_problems(*lines):
            raise DataError(file, f"line pair {pair.id!r}", "; ".join(problems[:4]),
                            "change the hours of the two lines so that exactly one is open at every minute")


def check_roles(site: SiteData) -> None:
    """The pathways name contacts by the role they play (police-non-emergency,
    local-authority-office): a role the setting has no contact or team member for is named
    as the setting's to fill."""
    reachable = site.reachable()
    for outcome in site.pathways.outcomes:
        for number, step in enumerate(outcome.steps, start=1):
            for role in step.contacts:
                if role not in reachable:
                    person = role in get_args(MemberKind)
                    raise DataError(
                        site.folder.file("team.yml" if person else "contacts.yml"), f"role {role!r}",
                        f"is needed by data/pathways.yml (outcome {outcome.id!r}, step {number}), and the "
                        f"setting has no {'team member' if person else 'contact'} with that id",
                        (f"add a member with id: {role} and kind: {role} (its values may be `to be supplied`)"
                         if person else f"add the setting's contact for it with id: {role}")
                        + " (MAINTAINING.md, \"Add a setting\"), or correct the id in data/pathways.yml")


def check_example_numbers(site: SiteData) -> None:
    """An example setting calls no one real: each number of its own is a drama number."""
    if not site.setting.example:
        return
    own = [(site.contact_file(c.id), f"contact {c.id!r}", c.phone) for c in site.contacts.contacts
           if c.id in site.local_contacts and c.phone]
    own += [(site.folder.file("team.yml"), f"member {m.id!r}", m.dial) for m in site.team.members if m.dial]
    for file, item, phone in own:
        if not phone.drama and not phone.relay:
            raise DataError(file, item, f"has the number {phone.display}, and this is an example setting (example: true), "
                            "which must call no one real", "use a number from Ofcom's drama ranges, e.g. 07700 900123 "
                            "or 01632 960123")


def check_local_procedures(site: SiteData) -> None:
    """The setting's local procedures are for the clauses that have them, and name what exists."""
    file = site.folder.file("local-procedures.yml")
    links, reachable = {link.id for link in site.links.links}, site.reachable()
    local = {clause for section in site.sections.sections for clause in section.local}
    for clause, paragraphs in site.local_procedures.clauses.items():
        if clause not in local:
            raise DataError(file, f"clause {clause!r}", "has no local procedures in the policy (data/sections.yml "
                            f"names those of {', '.join(sorted(local))})", f"use one of {', '.join(sorted(local))}")
        for number, paragraph in enumerate(paragraphs, start=1):
            where = f"clause {clause!r}, paragraph {number}"
            if paragraph.link and paragraph.link not in links:
                raise DataError(file, where, f"names unknown link {paragraph.link!r}",
                                f"use an id from data/links.yml or {site.folder.file('links.yml')}")
            if paragraph.contact and paragraph.contact not in reachable:
                raise DataError(file, where, f"names unknown contact {paragraph.contact!r}",
                                f"use an id from data/contacts.yml, {site.folder.file('contacts.yml')} or team.yml")


def check_pages(site: SiteData, docs_dir: Path) -> None:
    """Every section's page exists: a typo would otherwise stop the build with a traceback."""
    for section in site.sections.sections:
        if not (docs_dir / section.page).is_file():
            raise DataError("data/sections.yml", f"section {section.section!r}",
                            f"names page {section.page!r}, which is not in docs/",
                            "write the path of the section's page under docs/, e.g. policy/11-concerns.md")


def check_quoted_text(site: SiteData) -> None:
    """What data/ quotes from the policy is in the clause it cites, in the current version: a
    new version that rewords a sign or a link's text stops the build here, naming it."""
    # The setting's own links are its local procedures' addresses, not the Group's words.
    group_links = LinkBook.model_construct(links=[link for link in site.links.links if link.id not in site.local_links])
    if problems := quoted_text_problems(site.indicators, group_links, site.policy):
        raise problems[0]


def quoted_text_problems(indicators: IndicatorBook, links: LinkBook, text: PolicyText) -> list[DataError]:
    """Each sign, the 6.4 reminder and each link's text whose words are not in the clause it cites."""
    problems = []

    def quoted(file: str, item: str, words: str, clauses: list[str]) -> None:
        words = words.replace("**", "")
        if not any(clause in text.clauses and words in text.clauses[clause].text for clause in clauses):
            problems.append(DataError(file, item, f"quotes “{words}”, which is not in clause {' or '.join(clauses)} of "
                                      f"the policy ({text.file})", "copy the words exactly as the policy gives them "
                                      "now, or cite the clause that has them"))

    for lst in indicators.lists:
        for sign in lst.items:
            quoted("data/indicators.yml", f"indicator {sign.id!r}", sign.text, [lst.clause])
    quoted("data/indicators.yml", "reminder", indicators.reminder.text, [indicators.reminder.clause])
    for link in links.links:
        quoted("data/links.yml", f"link {link.id!r}", link.text, link.clauses)
    return problems


def check_numbers_in_policy(site: SiteData) -> None:
    """A contact with no source is one the policy names, so its number is the policy's: a
    contact added without its source, or a typo in a number the policy gives, stops the build."""
    policy_digits = re.sub(r"[\s\u00a0]", "", " ".join(clause.text for clause in site.policy.clauses.values()))
    for contact in site.contacts.contacts:
        if contact.in_policy and contact.phone and contact.phone.display.replace(" ", "") not in policy_digits:
            raise DataError(
                site.contact_file(contact.id), f"contact {contact.id!r}",
                f"has no source, so it is one the policy names, but the policy does not give {contact.phone.display}",
                "copy the number exactly as the policy gives it, or, for a number that is not in the policy, "
                "add source: with the public url, checked_on date and a note",
            )
