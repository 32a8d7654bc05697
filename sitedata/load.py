"""Load every file in ``data/``, validate it, and check the references between files.

Any mistake raises ``DataError`` naming the file, the item and the fix, so that the build stops
with a message the DSL who edited the file can act on.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import POLICY_AS_RECEIVED, hours
from .build_date import build_date
from .errors import DataError
from .linkreport import LinkReport
from .models import (
    Contact,
    ContactBook,
    Indicator,
    IndicatorBook,
    LinkBook,
    Scenario,
    SectionBook,
    Setting,
    Team,
    TeamMember,
    Training,
)
from .pathways import PathwayGraph, WalkError, check_graph, walk

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


class YamlSurprise(yaml.YAMLError):
    """YAML that parses, but not as its writer meant: the loader refuses it."""

    def __init__(self, node: yaml.Node, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.line, self.problem, self.fix = node.start_mark.line + 1, problem, fix


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing what YAML 1.1 silently changes: a repeated key (the last
    one wins), numbers with a leading zero (octal: 0101 is 65) or a colon (base 60: 17:00 is
    1020), and dates that do not exist (2024-02-30)."""

    def construct_mapping(self, node, deep=False):
        first_line: dict[str, int] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in first_line:
                raise YamlSurprise(key_node, f"repeats the key {key!r} (first on line {first_line[key]}), and YAML "
                                   "keeps only the last", "remove one of the two")
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)

    def construct_yaml_int(self, node):
        digits = node.value.replace("_", "").lstrip("+-")
        if ":" in digits:
            raise YamlSurprise(node, f"{node.value} is read by YAML as a number in base 60",
                               f'write it in quotes, e.g. "{node.value}"')
        if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
            raise YamlSurprise(node, f"{node.value} is read by YAML as an octal number",
                               f'write it in quotes, e.g. "{node.value}"')
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise YamlSurprise(node, f"{node.value} is not a real date ({error})",
                               "write a date that exists, as YYYY-MM-DD") from None


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)  # noqa: S506 (a safe loader)
    except FileNotFoundError:
        raise DataError(_shown(path), "the file", "is missing", "restore it from version control") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DataError(_shown(path), f"line {line}", f"is not UTF-8 text (byte {error.object[error.start]:#04x})",
                        "save the file as UTF-8 (most editors: Save with encoding, UTF-8)") from None
    except YamlSurprise as error:
        raise DataError(_shown(path), f"line {error.line}", error.problem, error.fix) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "the file"
        problem = f"is not valid YAML ({getattr(error, 'problem', None) or error})"
        raise DataError(_shown(path), where, problem, "check the indentation and quoting on that line") from None


def read_json(path: Path) -> Any:
    """A file that a tool writes (data/link-report.json): its fix is to write it again."""
    fix = "restore it from version control, or run `make links`"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(_shown(path), "the file", "is missing", fix) from None
    except json.JSONDecodeError as error:
        raise DataError(_shown(path), f"line {error.lineno}", f"is not valid JSON ({error.msg})", fix) from None


def _shown(path: Path) -> str:
    """The path as the maintainer knows it: data/contacts.yml."""
    return f"{path.parent.name}/{path.name}"


def _item_name(raw: Any, location: tuple) -> str:
    """Turn pydantic's location ('contacts', 3, 'phone') into "contact 'police-101', field 'phone'"."""
    parts, node = [], raw
    for step in location:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            label = node.get("id") or node.get("clause") or node.get("section") if isinstance(node, dict) else None
            parts.append(f"item {step + 1}" + (f" ({label!r})" if label else ""))
        elif isinstance(step, str):
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(f"field {step!r}")
    return ", ".join(parts) or "the file"


def parse(model: type[BaseModel], path: Path, raw: Any) -> Any:
    """Validate ``raw`` against ``model``; on failure raise a DataError for the first problem."""
    if raw is None:
        raise DataError(_shown(path), "the file", "is empty", "restore its content from version control")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message = first["msg"].removeprefix("Value error, ")
        problem, _, fix = message.partition(" — fix: ")
        if first["type"] == "literal_error":
            problem = f"{first['input']!r} is not allowed: {problem[0].lower()}{problem[1:]}"
        field = next((step for step in reversed(first["loc"]) if isinstance(step, str)), "")
        fix = fix or FIXES.get(field) or FIXES.get(first["type"], "correct this value")
        problem = problem.rstrip(".")
        raise DataError(_shown(path), _item_name(raw, first["loc"]), problem, fix) from None


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
# The UK's emergency numbers (999, and 112 which reaches the same service).
EMERGENCY_NUMBERS = {"999", "112"}

# Each file of data/: the SiteData field it fills, its model, and for a file that is a bare
# list, the key its list is validated under ({wrap: [...]}).
DATA_FILES: dict[str, tuple[str, type[BaseModel], str | None]] = {
    "setting.yml": ("setting", Setting, None),
    "contacts.yml": ("contacts", ContactBook, None),
    "indicators.yml": ("indicators", IndicatorBook, None),
    "links.yml": ("links", LinkBook, "links"),
    "sections.yml": ("sections", SectionBook, "sections"),
    "pathways.yml": ("pathways", PathwayGraph, None),
    "team.yml": ("team", Team, None),
    "training.yml": ("training", Training, None),
    # Written by the link check (tools/linkcheck.py), not by hand.
    "link-report.json": ("link_report", LinkReport, None),
}


def load_file(path: Path, raw: Any = None) -> Any:
    """One file of data/ (or ``raw``, its content already read), validated by its model."""
    _, model, wrap = DATA_FILES[path.name]
    if raw is None:
        raw = read_json(path) if path.suffix == ".json" else read_yaml(path)
    return parse(model, path, {wrap: raw} if wrap and isinstance(raw, list) else raw)


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
    """Everything in ``data/``, validated and cross-checked."""

    setting: Setting
    contacts: ContactBook
    indicators: IndicatorBook
    links: LinkBook
    sections: SectionBook
    pathways: PathwayGraph
    team: Team
    training: Training
    link_report: LinkReport
    # The day the site is built for (sitedata/build_date.py): the build's "today".
    built_on: datetime.date
    # England and Wales's bank holidays from the build's year on (the "who to call now" panel).
    bank_holidays: dict[datetime.date, str]

    @classmethod
    def load(cls, data_dir: Path) -> SiteData:
        built_on = build_date()
        site = cls(
            **{field: load_file(data_dir / name) for name, (field, _, _) in DATA_FILES.items()},
            built_on=built_on,
            bank_holidays=hours.bank_holidays(built_on.year),
        )
        site.check_references()
        site.check_pages(data_dir.parent / "docs")
        site.check_numbers_in_policy((data_dir.parent / POLICY_AS_RECEIVED).read_text(encoding="utf-8"))
        return site

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
                    "data/contacts.yml", f"contact {contact.id!r}",
                    f"has no source, so it is one the policy names, but the policy does not give {contact.phone.display}",
                    "copy the number exactly as the policy gives it, or, for a number that is not in the policy, "
                    "add source: with the public url, checked_on date and a note",
                )

    def check_references(self) -> None:
        """Checks across records: ids are unique, and every clause, contact and link that one
        record names exists in the file that owns it."""
        check_unique("data/sections.yml", "clause", [n for s in self.sections.sections for n in [s.section, *s.clauses]])
        check_unique("data/contacts.yml", "contact", [c.id for c in self.contacts.contacts])
        check_unique("data/team.yml", "member", [m.id for m in self.team.members])
        for member in self.team.members:
            if member.id in self.contacts.by_id():
                raise DataError("data/team.yml", f"member {member.id!r}", "has the id of a contact in data/contacts.yml",
                                "give the member or the contact another id: pages and pathways name both by id")
        if len(self.team.of_kind("dsl")) != 1 or "dsl" not in self.team.by_id():
            raise DataError("data/team.yml", "members", "need exactly one member of kind dsl, with id dsl",
                            "keep the DSL's entry (id: dsl, kind: dsl)")
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
                    raise DataError(
                        file, item, f"cites clause {clause}, which is not in the policy",
                        "use a clause listed in data/sections.yml",
                    )

        for member in self.team.members:
            check_clauses("data/team.yml", f"member {member.id!r}", member.clauses)
        for contact in self.contacts.contacts:
            check_clauses("data/contacts.yml", f"contact {contact.id!r}", contact.clauses)
            if contact.link and contact.link not in links:
                raise DataError(
                    "data/contacts.yml", f"contact {contact.id!r}", f"names unknown link {contact.link!r}",
                    "use an id from data/links.yml",
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
                    raise DataError("data/contacts.yml", f"line pair {pair.id!r}",
                                    f"names {role} {getattr(pair, role)!r}, which is not a contact with hours:",
                                    "use the id of a contact in this file that has hours:")
                lines.append(contact.hours)
            if problems := hours.coverage_problems(*lines):
                raise DataError("data/contacts.yml", f"line pair {pair.id!r}", "; ".join(problems[:4]),
                                "change the hours of the two lines so that exactly one is open at every minute")
        check_graph(self.pathways, contacts, set(clauses), {step.contact for step in self.contacts.emergency_route})
        check_training(self.training, self)

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
                raise DataError("data/contacts.yml", f"contact {contact.id!r}",
                                f"is an emergency contact with number {contact.phone.display if contact.phone else 'none'}",
                                "use 999 (or 112): the UK's emergency numbers")

    @classmethod
    def load_once(cls, data_dir: Path) -> SiteData:
        """The data as loaded for this build: the MkDocs hooks and the macros share one load.
        A changed file (``mkdocs serve``) is read afresh."""
        stamp = (data_dir, tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.iterdir())))
        if stamp not in _LOADED:
            _LOADED.clear()
            _LOADED[stamp] = cls.load(data_dir)
        return _LOADED[stamp]

    def reachable(self) -> dict[str, Contact | TeamMember]:
        """Everyone a page or a pathway step can send a reader to: the team and the contacts, by id."""
        return {**self.team.by_id(), **self.contacts.by_id()}

    def missing_facts(self) -> list[MissingFact]:
        """What the setting has still to supply, for the setup checklist and REQUIRE_COMPLETE."""
        return [
            MissingFact("data/team.yml", member.id, member.role, field)
            for member in self.team.members for field in member.missing()
        ]

    def clause_page(self, clause: str) -> str:
        """The docs/ path of the page that holds ``clause``."""
        return self.sections.all_clauses()[clause].page


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
                fail(item, f"cites clause {number}, which is not in the policy", "use a clause listed in data/sections.yml")

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
            fail("handout", f"names contact {contact!r}, which is not in data/contacts.yml or data/team.yml",
                 "use a contact id from one of those files")
    outcomes = {o.id for o in site.pathways.outcomes}
    for outcome in handout.outcomes:
        if outcome not in outcomes:
            fail("handout", f"names outcome {outcome!r}, which is not in data/pathways.yml",
                 f"use one of {', '.join(sorted(outcomes))}")

    language = training.language
    for kind, points in [("do", language.do), ("dont", language.dont)]:
        for number, point in enumerate(points, start=1):
            cited(f"language {kind} {number}", point.clauses)
    for example in language.examples:
        cited(f"language example {example.instead_of!r}", example.clauses)


def check_walk(scenario: Scenario, graph: PathwayGraph) -> None:
    item = f"scenario {scenario.id!r}"
    try:
        _, reached = walk(graph, scenario.start, scenario.answers)
    except WalkError as error:
        fail(item, error.problem, error.fix)
    if reached != scenario.outcome:
        fail(item, f"its answers lead to outcome {reached!r}, not {scenario.outcome!r}",
             f"set outcome: {reached} if that is right, or change the answers")
