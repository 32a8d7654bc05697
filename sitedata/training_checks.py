"""data/training.yml against the rest: every clause, sign, contact and outcome the training
names exists, the session fits its time, and every scenario's answers walk the pathway graph
to exactly the outcome it names (so the scenarios double as acceptance tests of the pathways).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import DataError
from .models import Scenario, Training
from .pathways import FILE as PATHWAYS_FILE
from .pathways import PathwayGraph, WalkError, walk
from .validation import check_unique

if TYPE_CHECKING:
    from .load import SiteData

TRAINING_FILE = "data/training.yml"
# The session is planned to take 45 to 60 minutes (an induction slot).
SESSION_MINUTES = (45, 60)


def fail(item: str, problem: str, fix: str) -> None:
    raise DataError(TRAINING_FILE, item, problem, fix)


def check_training(training: Training, site: SiteData) -> None:
    """Every clause and sign the training cites exists, the session fits its time, and every
    scenario walks the pathway graph to its outcome."""
    check_unique(TRAINING_FILE, "scenario", [s.id for s in training.scenarios])
    check_unique(TRAINING_FILE, "question", [q.id for q in training.questions])
    check_session(training, site)
    check_scenarios(training, site)
    for question in training.questions:
        site.check_cited(TRAINING_FILE, f"question {question.id!r}", question.clauses)
    check_handout(training, site)
    check_language(training, site)


def check_session(training: Training, site: SiteData) -> None:
    low, high = SESSION_MINUTES
    minutes = training.session.minutes
    if not low <= minutes <= high:
        fail("session", f"the parts add up to {minutes} minutes", f"make the minutes add up to between {low} and {high}")
    for number, part in enumerate(training.session.parts, start=1):
        site.check_cited(TRAINING_FILE, f"session part {number} ({part.title!r})", part.clauses)


def check_scenarios(training: Training, site: SiteData) -> None:
    signs = {item.id for lst in site.indicators.lists for item in lst.items}
    for scenario in training.scenarios:
        item = f"scenario {scenario.id!r}"
        for number, point in enumerate(scenario.discussion, start=1):
            site.check_cited(TRAINING_FILE, f"{item}, discussion point {number}", point.clauses)
        for sign in scenario.signs:
            if sign not in signs:
                fail(item, f"names sign {sign!r}, which is not in data/indicators.yml", "use an indicator id from that file")
        check_walk(scenario, site.pathways)


def check_handout(training: Training, site: SiteData) -> None:
    handout = training.handout
    for definition in handout.definitions:
        site.check_cited(TRAINING_FILE, f"handout definition {definition.term!r}", definition.clauses)
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


def check_language(training: Training, site: SiteData) -> None:
    language = training.language
    site.check_cited(TRAINING_FILE, "language", language.clauses)
    for kind, points in [("do", language.do), ("dont", language.dont)]:
        for number, point in enumerate(points, start=1):
            site.check_cited(TRAINING_FILE, f"language {kind} {number}", point.clauses)
    for example in language.examples:
        site.check_cited(TRAINING_FILE, f"language example {example.instead_of!r}", example.clauses)


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
