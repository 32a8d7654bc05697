"""Load every file in ``data/``, validate it, and check the references between files.

Any mistake raises ``DataError`` naming the file, the item and the fix, so that the build stops
with a message the DSL who edited the file can act on.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from . import SOURCE_DIR, hours, phones
from .build_date import build_date
from .errors import DataError
from .files import changed, read_json, read_yaml, shown
from .linkreport import LinkReport
from .models import (
    Contact,
    ContactBook,
    Group,
    GroupContacts,
    LocalProcedures,
    MemberKind,
    SettingContacts,
    SettingFacts,
    Indicator,
    IndicatorBook,
    LinkBook,
    Scenario,
    Section,
    SectionBook,
    SectionPages,
    Setting,
    Team,
    TeamMember,
    Training,
    is_supplied,
)
from .pathways import FILE as PATHWAYS_FILE
from .pathways import PathwayGraph, WalkError, check_graph, check_structure, for_setting, walk
from .phones import EMERGENCY_NUMBERS
from .policy_text import PolicyText
from .settings import (
    REQUIRED_FILES,
    SETTINGS_DIR,
    SettingFolder,
    check_distinct_addresses,
    check_required_files,
    choose,
)
from .versions import Citation, VersionBook, Versions, data_citations, page_citations

# The generic fix for pydantic's own error types; our validators write their fix in the message.
FIXES = {
    "missing": "add this field",
    "extra_forbidden": "remove this field or correct its spelling",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD, e.g. 2025-09-01",
    "date_parsing": "write dates as YYYY-MM-DD, e.g. 2025-09-01",
    "date_type": "write dates as YYYY-MM-DD, e.g. 2025-09-01",
    "too_short": "add the missing entries",
    "literal_error": "use one of the values listed above",
    "url_parsing": "write the full address, starting https://",
    "url_scheme": "write the full address, starting https://",
    "value_error": "see the problem above",
    "string_type": "write this as text",
    "list_type": "write this as a list (lines starting with '- ')",
    "bool_parsing": "write true or false",
    # By field name, where the field says more than the error type.
    "email": "write the whole address, e.g. safeguarding@example.org",
}


# What YAML made of a value written without quotes, where a model expects text.
YAML_READS = {bool: "a yes/no value", datetime.date: "a date", datetime.datetime: "a date and time",
              list: "a list", dict: "a group of fields"}



# The keys that name an item of a list in a message, the first one it has.
LABELS = ("id", "clause", "section", "url")


def _item_name(raw: Any, location: tuple) -> str:
    """Turn pydantic's location ('contacts', 3, 'phone') into "contact 'police-101', field 'phone'"."""
    parts, node = [], raw
    for step in location:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            label = next((node[key] for key in LABELS if node.get(key)), None) if isinstance(node, dict) else None
            parts.append(f"item {step + 1}" + (f" ({label!r})" if label else ""))
        elif isinstance(step, str):
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(f"field {step!r}")
    return ", ".join(parts) or "the file"


def parse(model: type[BaseModel], path: Path, raw: Any) -> Any:
    """Validate ``raw`` against ``model``; on failure raise a DataError for the first problem."""
    if raw is None:
        raise DataError(shown(path), "the file", "is empty", "restore its content from version control")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message = first["msg"].removeprefix("Value error, ")
        problem, _, fix = message.partition(" — fix: ")
        if first["type"] == "literal_error":
            problem = f"{first['input']!r} is not allowed: {problem[0].lower()}{problem[1:]}"
        if first["type"] == "string_type" and (read_as := YAML_READS.get(type(first["input"]))):
            written = str(first["input"]).lower() if isinstance(first["input"], bool) else first["input"]
            problem = f"YAML reads {written} here as {read_as}, not as text"
            fix = "write it in quotes"
        field = next((step for step in reversed(first["loc"]) if isinstance(step, str)), "")
        fix = fix or FIXES.get(field) or FIXES.get(first["type"], "correct this value")
        problem = problem.rstrip(".")
        raise DataError(shown(path), _item_name(raw, first["loc"]), problem, fix) from None


def check_unique(file: str, kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise DataError(file, f"{kind} {value!r}", "appears more than once", f"give each {kind} its own id")
        seen.add(value)


def check_signs_shared(items: list[Indicator]) -> None:
    """A ``sign`` key links the same sign across lists, so one used once is a typo or leftover."""
    uses = Counter(item.sign for item in items if item.sign)
    for item in items:
        if item.sign and uses[item.sign] == 1:
            raise DataError(
                "data/indicators.yml", f"indicator {item.id!r}", f"is the only item with sign {item.sign!r}",
                "give the same sign key to the matching item in another list, or remove it",
            )


_LOADED: dict[tuple, SiteData] = {}
# Entries a complete team has, besides the DSL: REQUIRE_COMPLETE=1 refuses to build without them.
REQUIRED_KINDS = {"deputy-dsl": "Deputy DSL", "on-call": "Out-of-hours on-call"}
# A MissingFact's field when the whole entry is missing.
ENTRY = "the whole entry"

# Each file of data/ (the Group's): the field it fills, its model, and for a file that is a
# bare list or map, the key it is validated under ({wrap: ...}).
DATA_FILES: dict[str, tuple[str, type[BaseModel], str | None]] = {
    "group.yml": ("group", Group, None),
    "contacts.yml": ("contacts", GroupContacts, None),
    "indicators.yml": ("indicators", IndicatorBook, None),
    "links.yml": ("links", LinkBook, "links"),
    "sections.yml": ("sections", SectionPages, "sections"),
    "versions.yml": ("versions", VersionBook, None),
    "pathways.yml": ("pathways", PathwayGraph, None),
    "training.yml": ("training", Training, None),
    # Written by the link check (tools/linkcheck.py), not by hand.
    "link-report.json": ("link_report", LinkReport, None),
}
# Each file of a setting's folder (settings/<id>/), the same way; links.yml may be left out.
SETTING_FILES: dict[str, tuple[str, type[BaseModel], str | None]] = {
    "setting.yml": ("setting", SettingFacts, None),
    "team.yml": ("team", Team, None),
    "contacts.yml": ("contacts", SettingContacts, None),
    "links.yml": ("links", LinkBook, "links"),
    "local-procedures.yml": ("local_procedures", LocalProcedures, "clauses"),
}


def read_data_file(path: Path) -> Any:
    return read_json(path) if path.suffix == ".json" else read_yaml(path)


def load_file(path: Path, raw: Any = None, files: dict = DATA_FILES) -> Any:
    """One file of data/ (or of a setting's folder, ``files=SETTING_FILES``), or ``raw``, its
    content already read, validated by its model."""
    _, model, wrap = files[path.name]
    if raw is None:
        raw = read_data_file(path)
    return parse(model, path, {wrap: raw} if wrap and isinstance(raw, list | dict) and wrap not in raw else raw)


def load_setting(folder: SettingFolder) -> tuple[dict[str, Any], dict[str, Any]]:
    """A setting's files, as read and as validated, by name. An example setting may use Ofcom's
    drama numbers (and only an example may)."""
    check_required_files(folder)
    names = [name for name in SETTING_FILES if name in REQUIRED_FILES or (folder.path / name).exists()]
    raw = {name: read_data_file(folder.path / name) for name in names}
    facts = load_file(folder.path / "setting.yml", raw["setting.yml"], SETTING_FILES)
    with phones.drama_allowed(facts.example):
        return raw, {name: load_file(folder.path / name, raw[name], SETTING_FILES) for name in names}


def section_book(pages: SectionPages, text: PolicyText) -> SectionBook:
    """The sections of the current version, each with its page (data/sections.yml) and clauses."""
    by_section = {entry.section: entry for entry in pages.sections}
    check_unique("data/sections.yml", "section", [entry.section for entry in pages.sections])
    for section in text.sections():
        if section not in by_section:
            raise DataError("data/sections.yml", f"section {section!r}", f"is in the policy ({text.file}) but has no "
                            "page here", f'add `- section: "{section}"` and `page:` with the path of its page under '
                            "docs/, and write the page")
    for section in by_section:
        if section not in text.clauses:
            raise DataError("data/sections.yml", f"section {section!r}", f"is not in the current version of the policy "
                            f"({text.file})", "remove its entry and its page, and add the page under pages: in "
                            "data/versions.yml with the page its address should lead to")
    for entry in pages.sections:
        for clause, words in entry.local.items():
            if text.clauses.get(clause, None) is None or text.clauses[clause].section != entry.section:
                raise DataError("data/sections.yml", f"section {entry.section!r}, local {clause!r}",
                                f"is not a clause of section {entry.section} in {text.file}", "write one of its clauses")
            if not any(block.text.startswith(words) for block in text.clauses[clause].blocks):
                raise DataError("data/sections.yml", f"section {entry.section!r}, local {clause!r}",
                                f"names the local paragraphs as starting “{words}”, and no paragraph of {clause} does "
                                f"in {text.file}", "write the words its local procedures start with, as the policy has them")
    return SectionBook(sections=[Section(section=section, page=by_section[section].page, local=by_section[section].local,
                                         clauses=text.clauses_of(section)) for section in text.sections()])


@dataclass(frozen=True)
class MissingFact:
    """A value the setting has not supplied yet: where to write it."""

    file: str
    item: str  # the entry's id
    what: str  # the entry as readers know it ("Deputy DSL")
    field: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item} ({self.what}): {self.field}"


@dataclass(frozen=True)
class SiteData:
    """The Group's policy (``data/``) with one setting's facts (``settings/<id>/``), validated
    and cross-checked."""

    # Where the setting's files are (settings/<id>): messages name them.
    folder: SettingFolder
    setting: Setting
    contacts: ContactBook
    indicators: IndicatorBook
    links: LinkBook
    sections: SectionBook
    pathways: PathwayGraph
    team: Team
    training: Training
    link_report: LinkReport
    # The setting's local-procedure paragraphs of its copy of the policy, by clause.
    local_procedures: LocalProcedures
    # The ids of the contacts in the setting's own contacts.yml, in order: the first contacts
    # of ``contacts`` (the rest are the Group's).
    local_contacts: tuple[str, ...]
    # The ids of the links in the setting's own links.yml (its local procedures' addresses).
    local_links: tuple[str, ...]
    # The policy's versions: the current one's text, what changed, the old addresses' aliases.
    versions: Versions
    # The day the site is built for (sitedata/build_date.py): the build's "today".
    built_on: datetime.date
    # The setting's nation's bank holidays from the build's year on (the "who to call now" panel).
    bank_holidays: dict[datetime.date, str]

    @classmethod
    def load(cls, data_dir: Path, folder: SettingFolder | None = None) -> SiteData:
        """The Group's data with the setting ``folder`` (default: the one $SETTING names, else
        the one that is not an example)."""
        built_on = build_date()
        settings_dir = data_dir.parent / SETTINGS_DIR.name
        folder = folder or choose(settings_dir)
        check_distinct_addresses(settings_dir)
        raw = {name: read_data_file(data_dir / name) for name in DATA_FILES}
        group = {field: load_file(data_dir / name, raw[name]) for name, (field, _, _) in DATA_FILES.items()}
        setting_raw, own = load_setting(folder)
        docs_dir = data_dir.parent / "docs"
        versions = Versions.load(group.pop("versions"), data_dir.parent, docs_dir)
        identity, local = group.pop("group"), own["contacts.yml"]
        shared_contacts, shared_links, sections = group.pop("contacts"), group.pop("links"), group.pop("sections")
        facts, team = own["setting.yml"], own["team.yml"]
        kind = identity.kinds[facts.kind]
        own_links = own["links.yml"].links if "links.yml" in own else []
        check_structure(group["pathways"])  # the Group's whole graph, before the setting's kind prunes it
        group["pathways"] = for_setting(group["pathways"], facts.kind, set(team.by_id()))
        site = cls(
            **group,
            folder=folder,
            setting=Setting(**dict(facts), group=identity.name, policy=identity.policy, kind_name=kind.name,
                            lead=kind.lead, dsl_in_full=identity.dsl_in_full),
            team=team,
            contacts=ContactBook.model_construct(
                emergency_route=shared_contacts.emergency_route, line_pairs=local.line_pairs,
                contacts=[*local.contacts, *shared_contacts.contacts]),
            links=LinkBook.model_construct(links=[*shared_links.links, *own_links]),
            local_procedures=own["local-procedures.yml"],
            local_contacts=tuple(c.id for c in local.contacts),
            local_links=tuple(link.id for link in own_links),
            sections=section_book(sections, versions.text),
            versions=versions,
            built_on=built_on,
            bank_holidays=hours.bank_holidays(facts.nation, built_on.year),
        )
        cited = citations(raw, docs_dir) + [
            c for name, content in setting_raw.items() for c in data_citations(folder.file(name), content)]
        site.check_renumbered(cited)
        site.check_references()
        site.check_pages(docs_dir)
        site.check_quoted_text()
        site.check_numbers_in_policy(" ".join(clause.text for clause in versions.text.clauses.values()))
        versions.check_checked(cited)
        return site

    @property
    def policy(self) -> PolicyText:
        """The current version of the policy's text."""
        return self.versions.text

    def check_renumbered(self, cited: list[Citation]) -> None:
        """A citation of a number an earlier version had: said as such, with where it leads now."""
        for citation in cited:
            if citation.clause in self.versions.aliases:
                raise self.unknown_clause(citation.file, citation.where, citation.clause)

    def check_quoted_text(self) -> None:
        """What data/ quotes from the policy is in the clause it cites, in the current version: a
        new version that rewords a sign or a link's text stops the build here, naming it."""
        # The setting's own links are its local procedures' addresses, not the Group's words.
        group_links = LinkBook.model_construct(links=[link for link in self.links.links if link.id not in self.local_links])
        if problems := quoted_text_problems(self.indicators, group_links, self.policy):
            raise problems[0]

    def check_pages(self, docs_dir: Path) -> None:
        """Every section's page exists: a typo would otherwise stop the build with a traceback."""
        for section in self.sections.sections:
            if not (docs_dir / section.page).is_file():
                raise DataError("data/sections.yml", f"section {section.section!r}",
                                f"names page {section.page!r}, which is not in docs/",
                                "write the path of the section's page under docs/, e.g. policy/11-concerns.md")

    def check_numbers_in_policy(self, policy_text: str) -> None:
        """A contact with no source is one the policy names, so its number is the policy's: a
        contact added without its source, or a typo in a number the policy gives, stops the build."""
        policy_digits = re.sub(r"[\s\u00a0]", "", policy_text)
        for contact in self.contacts.contacts:
            if contact.in_policy and contact.phone and contact.phone.display.replace(" ", "") not in policy_digits:
                raise DataError(
                    self.contact_file(contact.id), f"contact {contact.id!r}",
                    f"has no source, so it is one the policy names, but the policy does not give {contact.phone.display}",
                    "copy the number exactly as the policy gives it, or, for a number that is not in the policy, "
                    "add source: with the public url, checked_on date and a note",
                )

    def check_references(self) -> None:
        """Checks across records: ids are unique, and every clause, contact and link that one
        record names exists in the file that owns it."""
        team_file = self.folder.file("team.yml")
        local_file = self.folder.file("contacts.yml")
        local = list(self.local_contacts)
        shared = [c.id for c in self.contacts.contacts[len(local):]]
        check_unique(local_file, "contact", local)
        check_unique("data/contacts.yml", "contact", shared)
        for contact_id in set(local) & set(shared):
            raise DataError(local_file, f"contact {contact_id!r}", "appears more than once: in data/contacts.yml too",
                            "give the setting's contact another id, or remove one of the two")
        check_unique(team_file, "member", [m.id for m in self.team.members])
        for member in self.team.members:
            if member.id in self.contacts.by_id():
                raise DataError(team_file, f"member {member.id!r}", f"has the id of a contact in {self.contact_file(member.id)}",
                                "give the member or the contact another id: pages and pathways name both by id")
        if len(self.team.of_kind("dsl")) != 1 or "dsl" not in self.team.by_id():
            raise DataError(team_file, "members", "need exactly one member of kind dsl, with id dsl",
                            "keep the DSL's entry (id: dsl, kind: dsl)")
        self.check_team()
        check_unique("data/links.yml", "link", [link.id for link in self.links.links])
        check_unique("data/indicators.yml", "list for clause", [lst.clause for lst in self.indicators.lists])
        items = [item for lst in self.indicators.lists for item in lst.items]
        check_unique("data/indicators.yml", "indicator", [item.id for item in items])
        check_signs_shared(items)

        clauses = self.sections.all_clauses()
        links = {link.id for link in self.links.links}
        contacts = set(self.reachable())
        for number, step in enumerate(self.contacts.emergency_route, start=1):
            if step.contact not in contacts:
                raise DataError(
                    "data/contacts.yml", f"emergency_route entry {number} ({step.contact!r})",
                    "names a contact that does not exist", f"use one of {', '.join(sorted(contacts))}",
                )
        # After the check above, so that a misspelt first entry is named as misspelt.
        self.check_emergency_numbers()

        def check_clauses(file: str, item: str, cited: list[str]) -> None:
            for clause in cited:
                if clause not in clauses:
                    raise self.unknown_clause(file, item, clause)

        for member in self.team.members:
            check_clauses(team_file, f"member {member.id!r}", member.clauses)
        for contact in self.contacts.contacts:
            check_clauses(self.contact_file(contact.id), f"contact {contact.id!r}", contact.clauses)
            if contact.link and contact.link not in links:
                raise DataError(
                    self.contact_file(contact.id), f"contact {contact.id!r}", f"names unknown link {contact.link!r}",
                    f"use an id from data/links.yml or {self.folder.file('links.yml')}",
                )
        check_clauses("data/indicators.yml", "reminder", [self.indicators.reminder.clause])
        for lst in self.indicators.lists:
            check_clauses("data/indicators.yml", f"list {lst.name!r}", [lst.clause])
            if lst.kind not in self.indicators.kinds:
                raise DataError(
                    "data/indicators.yml", f"list {lst.name!r}", f"has kind {lst.kind!r}, which is not under kinds:",
                    f"use one of {', '.join(self.indicators.kinds)}, or add it to kinds:",
                )
        for link in self.links.links:
            check_clauses("data/links.yml", f"link {link.id!r}", link.clauses)
        for pair in self.contacts.line_pairs:
            lines = []
            for role in ("office", "out_of_hours"):
                contact = self.contacts.by_id().get(getattr(pair, role))
                if contact is None or contact.hours is None:
                    raise DataError(self.folder.file("contacts.yml"), f"line pair {pair.id!r}",
                                    f"names {role} {getattr(pair, role)!r}, which is not a contact with hours:",
                                    "use the id of a contact in this file that has hours:")
                lines.append(contact.hours)
            if problems := hours.coverage_problems(*lines):
                raise DataError(self.folder.file("contacts.yml"), f"line pair {pair.id!r}", "; ".join(problems[:4]),
                                "change the hours of the two lines so that exactly one is open at every minute")
        self.check_roles(contacts)
        self.check_example_numbers()
        self.check_local_procedures(links, contacts)
        route = {step.contact for step in self.contacts.emergency_route}
        emergency = {c.id for c in self.contacts.contacts if c.group == "emergency"}
        check_graph(self.pathways, set(clauses), route | set(self.team.by_id()), emergency)
        check_training(self.training, self)

    def check_local_procedures(self, links: set[str], contacts: set[str]) -> None:
        """The setting's local procedures are for the clauses that have them, and name what exists."""
        file = self.folder.file("local-procedures.yml")
        local = {clause for section in self.sections.sections for clause in section.local}
        for clause, paragraphs in self.local_procedures.clauses.items():
            if clause not in local:
                raise DataError(file, f"clause {clause!r}", "has no local procedures in the policy (data/sections.yml "
                                f"names those of {', '.join(sorted(local))})", f"use one of {', '.join(sorted(local))}")
            for number, paragraph in enumerate(paragraphs, start=1):
                where = f"clause {clause!r}, paragraph {number}"
                if paragraph.link and paragraph.link not in links:
                    raise DataError(file, where, f"names unknown link {paragraph.link!r}",
                                    f"use an id from data/links.yml or {self.folder.file('links.yml')}")
                if paragraph.contact and paragraph.contact not in contacts:
                    raise DataError(file, where, f"names unknown contact {paragraph.contact!r}",
                                    f"use an id from data/contacts.yml, {self.folder.file('contacts.yml')} or team.yml")

    def check_example_numbers(self) -> None:
        """An example setting calls no one real: each number of its own is a drama number."""
        if not self.setting.example:
            return
        own = [(self.contact_file(c.id), f"contact {c.id!r}", c.phone) for c in self.contacts.contacts
               if c.id in self.local_contacts and c.phone]
        own += [(self.folder.file("team.yml"), f"member {m.id!r}", m.dial) for m in self.team.members if m.dial]
        for file, item, phone in own:
            if not phone.drama and not phone.relay:
                raise DataError(file, item, f"has the number {phone.display}, and this is an example setting (example: true), "
                                "which must call no one real", "use a number from Ofcom's drama ranges, e.g. 07700 900123 "
                                "or 01632 960123")

    def check_roles(self, contacts: set[str]) -> None:
        """The pathways name contacts by the role they play (police-non-emergency,
        local-authority-office): a role the setting has no contact or team member for is named
        as the setting's to fill."""
        for outcome in self.pathways.outcomes:
            for number, step in enumerate(outcome.steps, start=1):
                for role in step.contacts:
                    if role not in contacts:
                        person = role in get_args(MemberKind)
                        raise DataError(
                            self.folder.file("team.yml" if person else "contacts.yml"), f"role {role!r}",
                            f"is needed by data/pathways.yml (outcome {outcome.id!r}, step {number}), and the "
                            f"setting has no {'team member' if person else 'contact'} with that id",
                            (f"add a member with id: {role} and kind: {role} (its values may be `to be supplied`)"
                             if person else f"add the setting's contact for it with id: {role}")
                            + " (MAINTAINING.md, \"Add a setting\"), or correct the id in data/pathways.yml")

    def unknown_clause(self, file: str, item: str, clause: str) -> DataError:
        """A citation of a clause the current version does not have: where its address leads now,
        if an earlier version had it."""
        if alias := self.versions.aliases.get(clause):
            return DataError(file, item, f"cites clause {clause}, which the current version of the policy does not have "
                             f"(its old address leads to {alias}: data/versions.yml)",
                             f"cite {alias} if that is the clause meant, or the clause that says it now")
        return DataError(file, item, f"cites clause {clause}, which is not in the policy",
                         f"use a clause of the policy ({self.policy.file}; data/sections.yml names their pages)")

    def check_team(self) -> None:
        """The people staff are sent to are people: no member's number is a service's, and the DSL
        and the deputies (the emergency strip's people) are each a different person."""
        services = {c.phone.tel: c for c in self.contacts.contacts if c.phone}
        for member in self.team.members:
            if member.dial and (service := services.get(member.dial.tel)):
                raise DataError(self.folder.file("team.yml"), f"member {member.id!r}",
                                f"has the number {member.dial.display}, which is the number of {service.name} "
                                f"(contact {service.id!r} in {self.contact_file(service.id)})", "write the person's own number")
        strip = [self.team.by_id()["dsl"], *self.team.of_kind("deputy-dsl")]
        for index, member in enumerate(strip):
            for other in strip[:index]:
                if same := _same_person(member, other):
                    raise DataError(self.folder.file("team.yml"), f"member {member.id!r}",
                                    f"has the same {same} as {other.id!r}: a deputy is another person, and the "
                                    "emergency strip would show the same person twice",
                                    f"write the {member.role}'s own {same}")
        route = [step.contact for step in self.contacts.emergency_route]
        check_unique("data/contacts.yml", "emergency_route contact", route)

    def check_emergency_numbers(self) -> None:
        """The emergency route starts with the emergency services, and they are 999 or 112: the
        number a reader in a hurry dials is never a typo."""
        contacts = self.contacts.by_id()
        route = self.contacts.emergency_route
        if not route or getattr(contacts.get(route[0].contact), "group", None) != "emergency":
            raise DataError("data/contacts.yml", "emergency_route entry 1",
                            "is not a contact of group emergency", "start the route with the emergency services (999)")
        for contact in self.contacts.contacts:
            if contact.group == "emergency" and (contact.phone is None or contact.phone.tel not in EMERGENCY_NUMBERS):
                raise DataError(self.contact_file(contact.id), f"contact {contact.id!r}",
                                f"is an emergency contact with number {contact.phone.display if contact.phone else 'none'}",
                                "use 999 (or 112): the UK's emergency numbers")

    @classmethod
    def load_once(cls, data_dir: Path) -> SiteData:
        """The data as loaded for this build: the MkDocs hooks and the macros share one load.
        A changed file (``mkdocs serve``) is read afresh."""
        if not data_dir.is_dir():
            raise DataError(f"{data_dir.name}/", "the folder", "is missing", "restore it from version control")
        folder = choose(data_dir.parent / SETTINGS_DIR.name)
        # The versions of the policy as received are data too (source/<date>.md).
        files = [*data_dir.iterdir(), *folder.path.iterdir(), *(data_dir.parent / SOURCE_DIR).glob("*.md")]
        stamp = (data_dir, folder, tuple((p.as_posix(), *changed(p)) for p in sorted(files)))
        if stamp not in _LOADED:
            _LOADED.clear()
            _LOADED[stamp] = cls.load(data_dir, folder)
        return _LOADED[stamp]

    def contact_file(self, contact_id: str) -> str:
        """The file a contact is written in: the setting's contacts.yml or the Group's."""
        return self.folder.file("contacts.yml") if contact_id in self.local_contacts else "data/contacts.yml"

    def reachable(self) -> dict[str, Contact | TeamMember]:
        """Everyone a page or a pathway step can send a reader to: the team and the contacts, by id."""
        return {**self.team.by_id(), **self.contacts.by_id()}

    def missing_facts(self) -> list[MissingFact]:
        """What the setting has still to supply, for the setup checklist and REQUIRE_COMPLETE: each
        value still `to be supplied`, and the deputy and the on-call route if their entries are gone."""
        missing = [
            MissingFact(self.folder.file("team.yml"), member.id, member.role, field)
            for member in self.team.members for field in member.missing()
        ]
        for kind, role in REQUIRED_KINDS.items():
            if not self.team.of_kind(kind):
                missing.append(MissingFact(self.folder.file("team.yml"), kind, role, ENTRY))
        return missing

    def clause_page(self, clause: str) -> str:
        """The docs/ path of the page that holds ``clause``."""
        return self.sections.all_clauses()[clause].page


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


def citations(raw: dict[str, Any], docs_dir: Path) -> list[Citation]:
    """Every clause the data files (as read) and the pages cite."""
    found = [c for name, content in raw.items() if name.endswith(".yml") for c in data_citations(f"data/{name}", content)]
    return found + page_citations(docs_dir)


def _same_person(member: TeamMember, other: TeamMember) -> str | None:
    """What two members share that only one person has ("number", "name"), or None."""
    if member.dial and other.dial and member.dial.tel == other.dial.tel:
        return "number"
    if is_supplied(member.name) and is_supplied(other.name) and member.name.casefold() == other.name.casefold():
        return "name"
    return None


# --- data/training.yml against the rest ------------------------------------------------------------

TRAINING_FILE = "data/training.yml"
# The session is planned to take 45 to 60 minutes (an induction slot).
SESSION_MINUTES = (45, 60)


def fail(item: str, problem: str, fix: str) -> None:
    raise DataError(TRAINING_FILE, item, problem, fix)


def check_training(training: Training, site: SiteData) -> None:
    """Every clause and sign the training cites exists, the session fits its time, and every
    scenario's answers walk the pathway graph to exactly the outcome it names (so the scenarios
    double as acceptance tests of the pathways)."""
    check_unique(TRAINING_FILE, "scenario", [s.id for s in training.scenarios])
    check_unique(TRAINING_FILE, "question", [q.id for q in training.questions])

    low, high = SESSION_MINUTES
    minutes = training.session.minutes
    if not low <= minutes <= high:
        fail("session", f"the parts add up to {minutes} minutes", f"make the minutes add up to between {low} and {high}")

    clauses = site.sections.all_clauses()

    def cited(item: str, numbers: list[str]) -> None:
        for number in numbers:
            if number not in clauses:
                raise site.unknown_clause(TRAINING_FILE, item, number)

    for number, part in enumerate(training.session.parts, start=1):
        cited(f"session part {number} ({part.title!r})", part.clauses)
    signs = {item.id for lst in site.indicators.lists for item in lst.items}
    for scenario in training.scenarios:
        item = f"scenario {scenario.id!r}"
        for number, point in enumerate(scenario.discussion, start=1):
            cited(f"{item}, discussion point {number}", point.clauses)
        for sign in scenario.signs:
            if sign not in signs:
                fail(item, f"names sign {sign!r}, which is not in data/indicators.yml", "use an indicator id from that file")
        check_walk(scenario, site.pathways)
    for question in training.questions:
        cited(f"question {question.id!r}", question.clauses)

    handout = training.handout
    for definition in handout.definitions:
        cited(f"handout definition {definition.term!r}", definition.clauses)
    contacts = site.reachable()
    for contact in handout.contacts:
        if contact not in contacts:
            fail("handout", f"names contact {contact!r}, which is not in data/contacts.yml or the setting's "
                 f"{site.folder.file('contacts.yml')} or team.yml", "use a contact id from one of those files")
    outcomes = {o.id for o in site.pathways.outcomes}
    for outcome in handout.outcomes:
        if outcome not in outcomes:
            fail("handout", f"names outcome {outcome!r}, which is not in data/pathways.yml",
                 f"use one of {', '.join(sorted(outcomes))}")

    language = training.language
    cited("language", language.clauses)
    for kind, points in [("do", language.do), ("dont", language.dont)]:
        for number, point in enumerate(points, start=1):
            cited(f"language {kind} {number}", point.clauses)
    for example in language.examples:
        cited(f"language example {example.instead_of!r}", example.clauses)


# A scenario that no longer walks the graph is a mistake in either file: in the scenario, or in
# the pathway it checks (a renamed option, an option leading elsewhere). The message names both.
WALK_FILES = f"{TRAINING_FILE} and {PATHWAYS_FILE}"
CHECK_BOTH = f"if the pathway in {PATHWAYS_FILE} is right, change the scenario in {TRAINING_FILE}; if not, correct the pathway"


def check_walk(scenario: Scenario, graph: PathwayGraph) -> None:
    item = f"scenario {scenario.id!r}"
    try:
        _, reached = walk(graph, scenario.start, scenario.answers)
    except WalkError as error:
        raise DataError(WALK_FILES, item, error.problem, f"{error.fix}; {CHECK_BOTH}") from None
    if reached != scenario.outcome:
        raise DataError(WALK_FILES, item, f"its answers lead to outcome {reached!r}, not {scenario.outcome!r}",
                        f"set outcome: {reached} if that is right, or change the answers; {CHECK_BOTH}")
