"""The decision pathways (``data/pathways.yml``): their model, the checks that make them a sound
graph, and the walk through every path.

The graph has three kinds of node, sharing one set of ids:
- a *start* is a way in (the navigator's first button, or a shortcut), pointing at a node;
- a *question* has options, each leading to another node;
- an *outcome* is an ordered list of steps, each citing the clauses it comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .errors import DataError
from .models import ClauseRef, Id, SettingKind, Source, Strict, Text

FILE = "data/pathways.yml"

# The deadlines the policy uses, in its own words.
When = Literal["now", "immediately", "straight away", "the same day", "within one working day"]


class Option(Strict):
    id: Id  # how the training's walks and the tests name the answer; readers see the label
    label: Text
    next: Id


def _distinct_options(options: list[Option]) -> list[Option]:
    ids = [option.id for option in options]
    if repeated := sorted({option_id for option_id in ids if ids.count(option_id) > 1}):
        raise ValueError(f"has the option id {', '.join(repeated)} twice — fix: give each option of a question its own id")
    return options


class Question(Strict):
    id: Id
    text: Text
    help: str | None = None
    options: Annotated[list[Option], Field(min_length=2), AfterValidator(_distinct_options)]


# The longest line the A6 pocket card has room for (its steps are short forms of the outcome's).
POCKET_LENGTH = 100


def _pocket_sized(value: str | None) -> str | None:
    if value is not None and len(value) > POCKET_LENGTH:
        raise ValueError(f"pocket: is {len(value)} characters — fix: shorten it to {POCKET_LENGTH} or fewer "
                         "(it is the step on the A6 pocket card)")
    return value


# Who acts in a step, as ids: the reader, the setting's team by kind (settings/<id>/team.yml), or no one
# the policy names. The words readers see are the step's ``who``.
Actor = Literal["reader", "dsl", "home-safeguarding-lead", "unnamed"]


def _actors(value: list[str]) -> list[str]:
    if len(set(value)) != len(value):
        raise ValueError("names an actor twice — fix: name each once, whoever leads the step first")
    if "unnamed" in value and len(value) > 1:
        raise ValueError("has unnamed beside a named actor — fix: use unnamed alone")
    return value


class Step(Strict):
    do: Text
    # The step in short, in the policy's words, for the pocket card (print_pages.pocket_card),
    # where ``do`` is too long for it. Without one, the card prints ``do``.
    pocket: Annotated[Text | None, AfterValidator(_pocket_sized)] = None
    who: Text
    # Who acts, first whoever leads: [reader] and [reader, dsl] are the reader's own steps
    # ("What you do now"); [dsl, reader] is the DSL's, which the reader helps with.
    by: Annotated[list[Actor], Field(min_length=1), AfterValidator(_actors)]
    when: When | None = None  # None where the policy sets no deadline
    contacts: list[Id] = []
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]

    @property
    def readers_own(self) -> bool:
        """The reader leads this step: it is theirs to do ("What you do now")."""
        return self.by[0] == "reader"


class Caution(Strict):
    """A problem in the policy text that a reader following this outcome should know about."""

    text: Text
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]


class Consider(Strict):
    """A form of exploitation the policy asks staff to consider, named on a general answer in the
    policy's words, with the answer for it (``outcome``) where the pathways have one."""

    name: Text
    text: Text
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]
    outcome: Id | None = None


class Term(Strict):
    """A word the policy uses without explaining it: explained once on each answer that uses it.
    A meaning not in the policy has its public source, and readers are told to check with their DSL."""

    term: Text
    means: Text
    source: Source


class Outcome(Strict):
    id: Id
    title: Text
    summary: Text
    emergency: bool = False  # shown as an emergency: a red card with 999 first
    guide: Literal["language"] | None = None  # a guide from data/training.yml shown after the steps
    steps: Annotated[list[Step], Field(min_length=1)]
    cautions: list[Caution] = []
    consider: list[Consider] = []  # named after the reader's own steps
    related: list[Id] = []


class Start(Strict):
    id: Id
    label: Text
    node: Id
    on_home: bool = False  # also shown as a button on the home page
    emergency: bool = False  # shown as the emergency way in
    # The kinds of setting that have this way in (default: every kind).
    kinds: list[SettingKind] = []


class Cited(Strict):
    clauses: Annotated[list[ClauseRef], Field(min_length=1)]


class NotAvailable(Strict):
    """What every "Tell the DSL" offers when the DSL is not there, by the clauses that say it: any
    DSL or, in the children's home, the Home Safeguarding Lead (``anyone``); 999 when no one
    answers and a child is in danger (``danger``); the senior managers when neither the DSL nor a
    deputy is available (``senior``)."""

    anyone: Cited
    danger: Cited
    senior: Cited


class PathwayGraph(Strict):
    starts: Annotated[list[Start], Field(min_length=1)]
    not_available: NotAvailable
    questions: list[Question] = []
    shared_steps: dict[Id, Step] = {}
    outcomes: Annotated[list[Outcome], Field(min_length=1)]
    terms: dict[Id, Term] = {}
    # The roles only some kinds of setting have (a school has no Registered Manager): a setting
    # of another kind with no one in that role leaves it out of the steps that name it.
    kind_roles: dict[Id, Annotated[list[SettingKind], Field(min_length=1)]] = {}

    @model_validator(mode="before")
    @classmethod
    def use_shared_steps(cls, raw: object) -> object:
        """A step written `- use: <id>` is the shared step of that id: written once, used by several outcomes."""
        if not isinstance(raw, dict):
            return raw
        shared = raw.get("shared_steps") or {}
        outcomes = []
        for outcome in raw.get("outcomes") or []:
            if isinstance(outcome, dict) and isinstance(outcome.get("steps"), list):
                steps = []
                for number, step in enumerate(outcome["steps"], start=1):
                    if isinstance(step, dict) and set(step) == {"use"}:
                        if step["use"] not in shared:
                            raise ValueError(
                                f"outcome {outcome.get('id')!r}, step {number} uses {step['use']!r}, which is not "
                                f"under shared_steps — fix: use one of {', '.join(shared) or 'the shared steps'}, "
                                "or write the step out"
                            )
                        step = shared[step["use"]]
                    steps.append(step)
                outcome = {**outcome, "steps": steps}
            outcomes.append(outcome)
        return {**raw, "outcomes": outcomes}

    def nodes(self) -> dict[str, Question | Outcome]:
        return {node.id: node for node in [*self.questions, *self.outcomes]}

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)


@dataclass(frozen=True)
class Path:
    """One walk from a start to an outcome: the options chosen on the way."""

    start: str
    answers: tuple[tuple[str, str], ...]  # (question id, option id)
    outcome: str


def all_paths(graph: PathwayGraph) -> list[Path]:
    """Every path from every start to an outcome (the graph is checked to be acyclic)."""
    nodes = graph.nodes()
    paths: list[Path] = []

    def walk(start: str, node_id: str, answers: tuple) -> None:
        node = nodes[node_id]
        if isinstance(node, Outcome):
            paths.append(Path(start, answers, node.id))
            return
        for option in node.options:
            walk(start, option.next, (*answers, (node.id, option.id)))

    for start in graph.starts:
        walk(start.id, start.node, ())
    return paths


class WalkError(Exception):
    """Answers that the graph does not offer: the problem and the fix."""

    def __init__(self, problem: str, fix: str):
        self.problem, self.fix = problem, fix
        super().__init__(f"{problem}. Fix: {fix}")


def walk(graph: PathwayGraph, start_id: str, answers: list[str]) -> tuple[list[tuple[str, str]], str]:
    """Follow ``answers`` (option ids) from a start, as a reader of the navigator would.
    Returns each (question, answer) on the way, as readers see them (the question's text and the
    option's label), and the outcome reached; an answer that the graph does not offer there is a
    WalkError."""
    starts = {start.id: start for start in graph.starts}
    if start_id not in starts:
        raise WalkError(f"starts at {start_id!r}, which is not a start in data/pathways.yml",
             f"use one of {', '.join(starts)}")
    nodes = graph.nodes()
    node, steps = nodes[starts[start_id].node], []
    for number, answer in enumerate(answers, start=1):
        if isinstance(node, Outcome):
            raise WalkError(f"answer {number} ({answer!r}) comes after the answers have reached outcome {node.id!r}",
                 "remove the answers after it")
        offered = {option.id: option for option in node.options}
        if answer not in offered:
            raise WalkError(f"answer {number} ({answer!r}) is not an option of question {node.id!r}",
                 f"use one of its option ids in data/pathways.yml: {', '.join(offered)}")
        steps.append((node.text, offered[answer].label))
        node = nodes[offered[answer].next]
    if not isinstance(node, Outcome):
        raise WalkError(f"the answers stop at question {node.id!r} before reaching an outcome",
             f"add the next answer: one of {', '.join(option.id for option in node.options)}")
    return steps, node.id


def check_structure(graph: PathwayGraph) -> dict[str, Question | Outcome]:
    """Stop the build on a graph a reader could get lost in: two nodes with one id, a start or
    option or link that leads nowhere, a loop, a node no start reaches. Run on the Group's whole
    graph, before a setting's kind leaves some ways in out (for_setting). Returns the nodes by id."""
    nodes: dict[str, Question | Outcome] = {}
    for node in [*graph.questions, *graph.outcomes]:
        if node.id in nodes:
            fail(f"node {node.id!r}", "uses an id that another question or outcome already has", "rename one of them")
        nodes[node.id] = node
    start_ids = [start.id for start in graph.starts]
    for start in graph.starts:
        if start_ids.count(start.id) > 1:
            fail(f"start {start.id!r}", "appears more than once", "give each start its own id")
        if start.node not in nodes:
            fail(f"start {start.id!r}", f"leads to {start.node!r}, which does not exist", "point it at a question or outcome id")
    for question in graph.questions:
        for option in question.options:
            if option.next not in nodes:
                fail(f"question {question.id!r}, option {option.label!r}", f"leads to {option.next!r}, which does not exist",
                     "point it at a question or outcome id")
    for outcome in graph.outcomes:
        for number, consider in enumerate(outcome.consider, start=1):
            if consider.outcome and not isinstance(nodes.get(consider.outcome), Outcome):
                fail(f"outcome {outcome.id!r}, consider {number}", f"leads to outcome {consider.outcome!r}, which does not exist",
                     "use an outcome id, or leave outcome: out")
        for related in outcome.related:
            if not isinstance(nodes.get(related), Outcome):
                fail(f"outcome {outcome.id!r}", f"lists related outcome {related!r}, which does not exist", "use an outcome id")
    check_no_cycles(graph, nodes)
    reachable = {node for path in all_paths(graph) for node in [*(q for q, _ in path.answers), path.outcome]}
    for node_id in nodes:
        if node_id not in reachable:
            fail(f"node {node_id!r}", "cannot be reached from any start", "add an option or a start that leads to it, or remove it")
    return nodes


def check_graph(graph: PathwayGraph, check_cited: Callable[[str, str, list[str]], None], people: set[str],
                emergency: set[str]) -> None:
    """Stop the build on any flaw a reader could fall into, in the graph as a setting walks it
    (its structure is check_structure's). (That each contact a step names exists is the
    setting's to give: cross_checks.check_roles.) ``check_cited(file, item, clauses)``: the
    site's one check that cited clauses are in the policy. ``people`` are the emergency route's
    contacts and the safeguarding team: every outcome must send the reader to one of them, in a
    step of the reader's own (which the answer's first screen offers). ``emergency``: the
    emergency services' contacts, which an emergency outcome calls first."""
    check_structure(graph)
    for name, cited in graph.not_available:
        check_cited(FILE, f"not_available, {name}", cited.clauses)
    for outcome in graph.outcomes:
        for number, step in enumerate(outcome.steps, start=1):
            check_cited(FILE, f"outcome {outcome.id!r}, step {number}", step.clauses)
        for caution in outcome.cautions:
            check_cited(FILE, f"outcome {outcome.id!r}, caution", caution.clauses)
        for number, consider in enumerate(outcome.consider, start=1):
            check_cited(FILE, f"outcome {outcome.id!r}, consider {number}", consider.clauses)
        first_call = outcome.steps[0].contacts[:1]
        if outcome.emergency and not (first_call and first_call[0] in emergency):
            fail(f"outcome {outcome.id!r}, step 1", "is the first step of an emergency outcome, but does not call the "
                 "emergency services (999) first", f"make {' or '.join(sorted(emergency))} the first contact of the "
                 "outcome's first step")
        if not any(people & set(step.contacts) for step in outcome.steps if step.readers_own):
            fail(f"outcome {outcome.id!r}", "sends the reader to no one: no step of the reader's own (by: [reader]) "
                 "names the emergency services or a member of the safeguarding team",
                 f"add a step of the reader's with one of these contacts: {', '.join(sorted(people))}")


def check_no_cycles(graph: PathwayGraph, nodes: dict[str, Question | Outcome]) -> None:
    """A question that leads back to itself would trap a reader in a loop."""
    done: set[str] = set()

    def visit(node_id: str, trail: list[str]) -> None:
        if node_id in trail:
            loop = " -> ".join([*trail[trail.index(node_id):], node_id])
            fail(f"question {node_id!r}", f"is part of a loop ({loop})", "make one of these options lead onwards, to an outcome")
        if node_id in done:
            return
        node = nodes[node_id]
        if isinstance(node, Question):
            for option in node.options:
                visit(option.next, [*trail, node_id])
        done.add(node_id)

    for start in graph.starts:
        visit(start.node, [])


def fail(item: str, problem: str, fix: str) -> None:
    raise DataError(FILE, item, problem, fix)


def reached(graph: PathwayGraph, starts: list[Start]) -> set[str]:
    """The ids of the questions and outcomes that ``starts`` lead to."""
    nodes, found = graph.nodes(), set()
    todo = [start.node for start in starts]
    while todo:
        node_id = todo.pop()
        if node_id not in found:
            found.add(node_id)
            node = nodes[node_id]
            todo += [option.next for option in node.options] if isinstance(node, Question) else []
    return found


def for_setting(graph: PathwayGraph, kind: str, people: set[str]) -> PathwayGraph:
    """The graph as a setting of ``kind`` whose team is ``people`` walks it: only the ways in its
    kind has (where to record a concern is asked in a school and home that work together only),
    the questions and answers they lead to, and each step without the roles its kind does not
    have and its team does not list."""
    starts = [start for start in graph.starts if not start.kinds or kind in start.kinds]
    kept = reached(graph, starts)
    absent = {role for role, kinds in graph.kind_roles.items() if kind not in kinds and role not in people}

    def for_this_setting(outcome: Outcome) -> Outcome:
        return outcome.model_copy(update={
            "steps": [step.model_copy(update={"contacts": [c for c in step.contacts if c not in absent]})
                      for step in outcome.steps],
            "related": [other for other in outcome.related if other in kept],
            "consider": [c if c.outcome in kept | {None} else c.model_copy(update={"outcome": None})
                         for c in outcome.consider],
        })

    return graph.model_copy(update={
        "starts": starts,
        "questions": [question for question in graph.questions if question.id in kept],
        "outcomes": [for_this_setting(outcome) for outcome in graph.outcomes if outcome.id in kept],
    })
