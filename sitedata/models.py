"""Typed models of the files in ``data/``.

Each model checks its records one at a time: types, formats, required and unknown fields.
Checks across records (unique ids, does this clause or contact exist?) live in ``load.py``,
where the message can name the exact item.
Every check raises ``ValueError`` with the problem and the fix; the loader adds the file and item.
"""

from __future__ import annotations

import datetime
import functools
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, EmailStr, Field, field_validator, model_validator

from .colours import BrandColour, Palette
from .fields import CheckedOn, ClauseRef, Id, PagePath, Strict, Text, WebAddress  # noqa: F401 (re-exported: the models' shared types)
from .hours import Hours, LinePair, Nation
from .phones import Phone  # noqa: F401 (re-exported)
from .placeholders import check_not_example_address, check_not_placeholder

# An email address in data/: one that reaches someone, not an example.com address.
Email = Annotated[EmailStr, AfterValidator(check_not_example_address)]


# --- data/group.yml and settings/<id>/setting.yml ----------------------------------------------


class PolicyIdentity(Strict):
    title: Text  # its dates are its versions' (data/versions.yml, sitedata/versions.py)


# What a setting is: its kind decides its wording and routes (a children's home has a
# Safeguarding Lead; only a school and a home that work together ask where to record a concern).
SettingKind = Literal["school", "college", "childrens-home", "school-and-home"]


class KindWords(Strict):
    """How a kind of setting is spoken of (data/group.yml, kinds:)."""

    name: Text  # where settings are listed: "Children's home"
    lead: Text  # the person staff tell, as its staff call them: "DSL", "Safeguarding Lead"


class Group(Strict):
    """The Group whose policy it is (data/group.yml): the same for every setting."""

    name: Text
    policy: PolicyIdentity
    dsl_in_full: Text
    kinds: dict[SettingKind, KindWords]

    @field_validator("kinds")
    @classmethod
    def every_kind_named(cls, kinds: dict[str, KindWords]) -> dict[str, KindWords]:
        if missing := [kind for kind in get_args(SettingKind) if kind not in kinds]:
            raise ValueError(f"names no kind {', '.join(missing)} — fix: add each, with what it is called")
        return kinds


class SettingFacts(Strict):
    """One setting, as its settings/<id>/setting.yml writes it."""

    name: Text
    kind: SettingKind
    # An example setting is fictional: its numbers are from Ofcom's drama ranges, every page
    # says so, and it is never published (scripts/build-all leaves it out).
    example: bool = False
    nation: Nation
    nation_basis: Text
    local_authority_area: Text
    police_force: Text
    recording_systems: Annotated[list[Text], Field(min_length=1)]
    # The header's, the buttons' and the links' colour; the rest are derived (sitedata/colours.py).
    brand_colour: BrandColour
    # Where the setting's site is published (the sitemap's and the app's address); SITE_URL, if
    # set, wins.
    site_url: WebAddress | None = None


class Setting(SettingFacts):
    """The setting as pages read it: its facts, with the Group's name and policy title."""

    group: Text
    policy: PolicyIdentity
    kind_name: Text  # what its kind is called (data/group.yml)
    lead: Text  # what its staff call the person they tell: "DSL", "Safeguarding Lead" (data/group.yml)
    dsl_in_full: Text  # "Designated Safeguarding Lead (DSL)" (data/group.yml)

    @functools.cached_property
    def palette(self) -> Palette:
        """Its brand colour and the shades derived from it: the stylesheet, icons and manifest's."""
        return Palette.from_brand(self.brand_colour)


# --- data/contacts.yml ------------------------------------------------------------------------


class Source(Strict):
    """Where a fact that is not in the policy comes from, and when someone last checked it."""

    url: WebAddress
    checked_on: CheckedOn
    note: Text


# The longest name a contact with a number may be called by (its short_name, else its name):
# the call buttons and the A6 pocket card print it (80 characters still fit the fullest card).
CALLED_LENGTH = 60

ContactGroup = Literal["emergency", "setting", "group", "police", "advice", "local-authority"]


class Contact(Strict):
    id: Id
    group: ContactGroup
    name: Text
    short_name: str | None = None
    role: str | None = None
    use_when: Text
    phone: Annotated[Phone | None, BeforeValidator(lambda v: None if v is None else Phone.parse(v))] = None
    email: Email | None = None
    link: Id | None = None  # an id in data/links.yml: web addresses live there
    hours: Hours | None = None
    clauses: list[ClauseRef] = []
    source: Source | None = None  # only for a contact that is not in the policy

    @property
    def in_policy(self) -> bool:
        """A contact the policy names has no source but the policy: one with a source is not in it."""
        return self.source is None

    @model_validator(mode="after")
    def reachable_and_sourced(self) -> Contact:
        if not (self.phone or self.email or self.link or self.role):
            raise ValueError(
                "has no phone, email or link, and no role — fix: add how to reach it, "
                "or a role if it is a person found in the setting"
            )
        called = self.short_name or self.name
        if self.phone and len(called) > CALLED_LENGTH:
            raise ValueError(
                f"is called {called!r} on its call buttons and on the pocket card, {len(called)} characters — fix: "
                f"add a short_name of {CALLED_LENGTH} characters or fewer, e.g. short_name: NSPCC Helpline"
            )
        if self.hours and not self.phone:
            raise ValueError("has hours: but no phone — fix: add the number that answers in those hours, or remove hours:")
        if self.in_policy and not self.clauses:
            raise ValueError(
                "names no clause — fix: list the clauses that name this contact, or, for a contact that "
                "is not in the policy, add source: with the public url, checked_on date and a note"
            )
        return self


class RouteStep(Strict):
    """One entry of the emergency strip shown on every page."""

    contact: Id
    label: Text
    # What a phone shows instead of the label, so that 999 and the DSL fit one row at 320 px.
    short_label: Text | None = None


# --- settings/<id>/team.yml -------------------------------------------------------------------

# What a value the setting has not supplied yet says in the data: an explicit state, never an
# empty string, so that pages can show an instruction instead and the setup checklist can list it.
NOT_SUPPLIED = "to be supplied"
NotSupplied = Literal["to be supplied"]


def _supplied(parse_value):
    """A validator for a value the setting supplies: the value itself, or NOT_SUPPLIED."""

    def check(value: object) -> object:
        if value == NOT_SUPPLIED:
            return value
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError(f"is empty — fix: write the value, or `{NOT_SUPPLIED}` until the setting supplies it")
        if isinstance(value, str):
            check_not_placeholder(value)
        return parse_value(value)

    return BeforeValidator(check)


def is_supplied(value: object) -> bool:
    return value != NOT_SUPPLIED


MemberKind = Literal[
    "dsl", "deputy-dsl", "home-safeguarding-lead", "headteacher", "registered-manager",
    "head-of-service", "regional-director", "on-call",
]


class SuppliedBy(Strict):
    """Who in the setting supplied a member's values, and when: the source of a setting's fact."""

    by: Annotated[Text, AfterValidator(check_not_placeholder)]
    on: datetime.date


class TeamMember(Strict):
    """A person or role in the setting's safeguarding team (settings/<id>/team.yml)."""

    id: Id
    kind: MemberKind
    role: Text
    use_when: Text
    clauses: list[ClauseRef] = []
    name: Annotated[Text | NotSupplied, _supplied(str)]
    name_in_policy: bool = False
    short_name: str | None = None  # as the policy's text calls the person ("Kerry")
    phone: Annotated[Phone | NotSupplied, _supplied(lambda v: Phone.parse(v, person=True))]
    email: Annotated[EmailStr | NotSupplied, _supplied(lambda v: check_not_example_address(str(v)))]
    where: Annotated[Text | NotSupplied, _supplied(str)]
    hours: Annotated[Text | NotSupplied | None, _supplied(str)] = None
    supplied: SuppliedBy | None = None

    # The fields the setting supplies, in the order the setup checklist asks for them.
    SETTING_FIELDS: ClassVar[tuple[str, ...]] = ("name", "phone", "email", "where", "hours")

    @model_validator(mode="after")
    def setting_values_have_a_source(self) -> TeamMember:
        if self.name_in_policy and not is_supplied(self.name):
            raise ValueError("has name_in_policy: true but no name — fix: write the name the policy gives")
        from_setting = [f for f in self.SETTING_FIELDS if self.supplied_value(f) and not (f == "name" and self.name_in_policy)]
        if from_setting and self.supplied is None:
            raise ValueError(
                f"has {', '.join(from_setting)} from the setting but no supplied: — fix: add supplied: with "
                "by: (who in the setting gave the values) and on: (the date, YYYY-MM-DD)"
            )
        return self

    def supplied_value(self, field: str) -> bool:
        value = getattr(self, field)
        return value is not None and is_supplied(value)

    @property
    def can_be_reached(self) -> bool:
        """A number, an email or where to find them: some way to reach them now."""
        return bool(self.dial or self.supplied_value("email") or self.supplied_value("where"))

    def missing(self) -> list[str]:
        """The fields the setting has still to supply (the on-call route's hours even where the
        field is left out: staff need to know when it answers)."""
        return [f for f in self.SETTING_FIELDS
                if getattr(self, f) == NOT_SUPPLIED or (f == "hours" and self.kind == "on-call" and self.hours is None)]

    @property
    def dial(self) -> Phone | None:
        return self.phone if isinstance(self.phone, Phone) else None

    @property
    def called(self) -> str:
        """How a sentence names the member: the short name ("Kerry"), else the name, else the role."""
        if self.short_name:
            return self.short_name
        return self.name if is_supplied(self.name) else f"the {self.role}"

    @property
    def label(self) -> str:
        """How pages name the member: "Kerry O'Brien, Designated Safeguarding Lead (DSL)", or the role alone."""
        return f"{self.name}, {self.role}" if is_supplied(self.name) else self.role


class Team(Strict):
    members: Annotated[list[TeamMember], Field(min_length=1)]

    def by_id(self) -> dict[str, TeamMember]:
        return {m.id: m for m in self.members}

    def of_kind(self, kind: str) -> list[TeamMember]:
        return [m for m in self.members if m.kind == kind]


class GroupContacts(Strict):
    """data/contacts.yml: the emergency strip and the contacts every setting shares."""

    emergency_route: Annotated[list[RouteStep], Field(min_length=1)]
    contacts: Annotated[list[Contact], Field(min_length=1)]


class SettingContacts(Strict):
    """settings/<id>/contacts.yml: the setting's local contacts and the lines that take turns."""

    line_pairs: list[LinePair] = []
    contacts: Annotated[list[Contact], Field(min_length=1)]


class ContactBook(Strict):
    """Every contact a page can name: the Group's and the setting's, in that order."""

    emergency_route: Annotated[list[RouteStep], Field(min_length=1)]
    line_pairs: list[LinePair] = []
    contacts: Annotated[list[Contact], Field(min_length=1)]

    def by_id(self) -> dict[str, Contact]:
        return {c.id: c for c in self.contacts}


# --- data/indicators.yml ----------------------------------------------------------------------


class Indicator(Strict):
    id: Id
    text: Text  # verbatim from the policy
    sign: Id | None = None  # the same sign in other lists shares this key
    words: list[Text] = []  # everyday words people search with ("knife", "cash"): ours, not the policy's


class IndicatorList(Strict):
    clause: ClauseRef
    name: Text
    kind: Id  # a key of IndicatorBook.kinds
    form: Literal["list", "sentence"] = "list"  # 8.8 is one sentence, not a list
    items: Annotated[list[Indicator], Field(min_length=1)]

    @model_validator(mode="after")
    def sentence_has_one_item(self) -> IndicatorList:
        if self.form == "sentence" and len(self.items) != 1:
            raise ValueError("form: sentence has more than one item — fix: keep one item, or use form: list")
        return self


class Reminder(Strict):
    clause: ClauseRef
    text: Text


class IndicatorBook(Strict):
    kinds: Annotated[dict[Id, Text], Field(min_length=1)]  # kind -> its label in the signs explorer
    reminder: Reminder
    lists: Annotated[list[IndicatorList], Field(min_length=1)]

    def list_for(self, clause: str) -> IndicatorList | None:
        return next((lst for lst in self.lists if lst.clause == clause), None)

    def same_sign(self, item: Indicator) -> list[tuple[IndicatorList, Indicator]]:
        """The other lists' items that are the same sign as ``item``."""
        if not item.sign:
            return []
        return [(lst, other) for lst in self.lists for other in lst.items if other.sign == item.sign and other is not item]


# --- data/links.yml ---------------------------------------------------------------------------


class Successor(Strict):
    title: Text
    url: WebAddress
    since: datetime.date


class Link(Strict):
    id: Id
    text: Text  # the link text exactly as the policy shows it
    title: Text
    publisher: Text
    url: WebAddress | None
    confidence: Literal["high", "medium", "low", "none"]
    kind: Literal[
        "statutory-guidance", "government-guidance", "police-referral", "charity-guidance", "research", "internal"
    ]
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]
    # Guidance the policy asks settings in one nation to know (3.2): shown on their answers.
    nation: Nation | None = None
    superseded_by: Successor | None = None
    note: str | None = None

    @model_validator(mode="after")
    def confident_links_have_addresses(self) -> Link:
        if self.confidence in ("high", "medium") and self.url is None:
            raise ValueError(f"confidence is {self.confidence} but url is empty — fix: add the url, or lower the confidence")
        if self.kind == "internal" and self.url is not None:
            raise ValueError("is internal but has a public url — fix: remove the url, or change the kind")
        return self

    @property
    def confirmed(self) -> bool:
        """Shown to readers as a link only when the address is known with confidence."""
        return self.url is not None and self.confidence in ("high", "medium")


class LinkBook(Strict):
    links: Annotated[list[Link], Field(min_length=1)]


# --- settings/<id>/local-procedures.yml ---------------------------------------------------------


class LocalParagraph(Strict):
    """One paragraph of a setting's local procedures: its words, then a link or a contact."""

    strong: Text | None = None
    text: Text
    link: Id | None = None
    contact: Id | None = None

    @model_validator(mode="after")
    def one_target(self) -> LocalParagraph:
        if self.link and self.contact:
            raise ValueError("has both link: and contact: — fix: give each its own paragraph")
        return self


class LocalProcedures(Strict):
    """The paragraphs by clause ("7.4", "13.0"): the file's top-level keys."""

    clauses: dict[ClauseRef, Annotated[list[LocalParagraph], Field(min_length=1)]]


# --- data/sections.yml ------------------------------------------------------------------------


class SectionPage(Strict):
    """A section's page (data/sections.yml): its clauses are the current version's."""

    section: ClauseRef
    page: PagePath  # path under docs/
    # A clause whose paragraphs from those starting with these words on are a setting's own
    # local procedures (7.4 from "Local Procedures." on, and 13.0), not the Group's words.
    local: dict[ClauseRef, Text] = {}

    @model_validator(mode="after")
    def a_section(self) -> SectionPage:
        if not self.section.endswith(".0"):
            raise ValueError(f"section {self.section!r} does not end in .0 — fix: write sections like \"11.0\"")
        return self


class SectionPages(Strict):
    sections: Annotated[list[SectionPage], Field(min_length=1)]


class Section(Strict):
    """A section of the current version of the policy: its page, its numbered clauses, and
    where their local paragraphs start (SectionPage.local)."""

    section: ClauseRef
    page: PagePath  # path under docs/
    clauses: list[ClauseRef] = []
    local: dict[ClauseRef, Text] = {}


class SectionBook(Strict):
    sections: Annotated[list[Section], Field(min_length=1)]

    def all_clauses(self) -> dict[str, Section]:
        """Every citable number (sections "N.0" and their clauses) and the section holding it."""
        return {number: s for s in self.sections for number in [s.section, *s.clauses]}


# What a part of the training session can ask the trainer to open: the page, and how the plan
# names it.
TRAINING_USES = {
    "scenarios": ("training/scenarios.md", "the scenarios"),
    "self-check": ("training/self-check.md", "the self-check"),
    "handout": ("training/handout.md", "the handout"),
    "what-to-do": ("what-to-do/index.md", "What to do now"),
    "signs": ("signs.md", "Signs"),
}
OPTIONS_PER_QUESTION = (3, 4)


# --- data/training.yml -----------------------------------------------------------------------


class Part(Strict):
    title: Text
    minutes: Annotated[int, Field(gt=0)]
    clauses: list[ClauseRef] = []
    use: Literal[tuple(TRAINING_USES)] | None = None  # what the trainer opens: a key of TRAINING_USES
    prompts: Annotated[list[Text], Field(min_length=1)]


class Session(Strict):
    title: Text
    parts: Annotated[list[Part], Field(min_length=1)]

    @property
    def minutes(self) -> int:
        return sum(part.minutes for part in self.parts)


class Point(Strict):
    """A statement made in the training, with the clauses that say it."""

    text: Text
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]


class Scenario(Strict):
    id: Id
    title: Text
    situation: Text
    start: Id  # a start in data/pathways.yml
    answers: list[Id] = []  # the ids of the options chosen in data/pathways.yml, in order
    outcome: Id
    signs: list[Id] = []  # indicator ids in data/indicators.yml
    discussion: Annotated[list[Point], Field(min_length=1)]


class Question(Strict):
    id: Id
    question: Text
    options: list[Text]
    answer: Text
    feedback: Text
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]

    @model_validator(mode="after")
    def one_correct_option(self) -> Question:
        low, high = OPTIONS_PER_QUESTION
        if not low <= len(self.options) <= high:
            raise ValueError(f"has {len(self.options)} options — fix: give it {low} or {high} options")
        if len(set(self.options)) != len(self.options):
            raise ValueError("has the same option twice — fix: make each option different")
        if self.answer not in self.options:
            raise ValueError(
                f"answer {self.answer!r} is not one of its options — fix: copy the correct option into answer exactly"
            )
        return self


class Definition(Strict):
    term: Text
    text: Text
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]


class Handout(Strict):
    definitions: Annotated[list[Definition], Field(min_length=1)]
    contacts: Annotated[list[Id], Field(min_length=1)]  # ids in data/contacts.yml
    outcomes: Annotated[list[Id], Field(min_length=1)]  # ids in data/pathways.yml, their steps listed


class Example(Strict):
    """A reworded phrase. Ours, not the policy's: the policy gives no list of phrases."""

    instead_of: Text
    say: Text
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]


class Language(Strict):
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]  # the guide's: the guidance they name follows it
    do: Annotated[list[Point], Field(min_length=1)]
    dont: Annotated[list[Point], Field(min_length=1)]
    examples: list[Example] = []


class Training(Strict):
    session: Session
    scenarios: Annotated[list[Scenario], Field(min_length=1)]
    questions: Annotated[list[Question], Field(min_length=1)]
    handout: Handout
    language: Language
