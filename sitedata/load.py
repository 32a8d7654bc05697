"""Load every file of ``data/`` and one setting's folder into ``SiteData``, each file
validated on its own (``validation``), then checked against the others (``cross_checks``,
``training_checks``).

Any mistake raises ``DataError`` naming the file, the item and the fix, so that the build stops
with a message the DSL who edited the file can act on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import SOURCE_DIR, hours, phones
from .build_date import build_date
from .cross_checks import check_site
from .errors import DataError
from .files import changed, read_json, read_yaml
from .linkreport import LinkReport
from .models import (
    Contact,
    ContactBook,
    Group,
    GroupContacts,
    IndicatorBook,
    LinkBook,
    LocalProcedures,
    Section,
    SectionBook,
    SectionPages,
    Setting,
    SettingContacts,
    SettingFacts,
    Team,
    TeamMember,
    Training,
)
from .pathways import PathwayGraph, check_structure, for_setting
from .policy_text import PolicyText
from .settings import (
    REQUIRED_FILES,
    SETTINGS_DIR,
    SettingFolder,
    check_distinct_addresses,
    check_required_files,
    choose,
)
from .validation import check_unique, parse
from .versions import Citation, VersionBook, Versions, data_citations, page_citations

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
        check_site(site, cited, docs_dir)
        return site

    @property
    def policy(self) -> PolicyText:
        """The current version of the policy's text."""
        return self.versions.text

    def check_cited(self, file: str, item: str, clauses: list[str]) -> None:
        """Each clause that ``item`` of ``file`` cites is in the current version of the policy."""
        known = self.sections.all_clauses()
        for clause in clauses:
            if clause not in known:
                raise self.unknown_clause(file, item, clause)

    def unknown_clause(self, file: str, item: str, clause: str) -> DataError:
        """A citation of a clause the current version does not have: where its address leads now,
        if an earlier version had it."""
        if alias := self.versions.aliases.get(clause):
            return DataError(file, item, f"cites clause {clause}, which the current version of the policy does not have "
                             f"(its old address leads to {alias}: data/versions.yml)",
                             f"cite {alias} if that is the clause meant, or the clause that says it now")
        return DataError(file, item, f"cites clause {clause}, which is not in the policy",
                         f"use a clause of the policy ({self.policy.file}; data/sections.yml names their pages)")

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


def citations(raw: dict[str, Any], docs_dir: Path) -> list[Citation]:
    """Every clause the data files (as read) and the pages cite."""
    found = [c for name, content in raw.items() if name.endswith(".yml") for c in data_citations(f"data/{name}", content)]
    return found + page_citations(docs_dir)
