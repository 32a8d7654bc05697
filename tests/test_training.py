"""data/training.yml: the real file validates; every scenario's answers, walked through the real
pathway graph, reach the outcome it names (the scenarios are acceptance tests of the pathways);
every clause and sign it cites exists; each kind of mistake stops the load, and the build, with
the file, the item and the fix named; and the renderers put each thing where the scripts and the
readers without JavaScript expect it."""

from __future__ import annotations

import html
import re

import pytest
from conftest import ROOT, copy_data, copy_project, edit_yaml, failed_build_output

from macros import screens
from macros import training as training_module
from sitedata.errors import DataError
from sitedata.load import SiteData
from sitedata.models import TRAINING_USES
from sitedata.pathways import walk
from sitedata.addresses import Linker

FILE = "data/training.yml"


# --- the real data ---------------------------------------------------------------------------------


def test_real_training_data_loads(training):
    assert len(training.scenarios) >= 8
    assert 8 <= len(training.questions) <= 10


def test_scenarios_cover_the_situations_the_policy_covers(training):
    outcomes = {s.outcome for s in training.scenarios}
    assert {"concern", "trafficking", "online-grooming", "disclosure", "staff-concern", "send-change"} <= outcomes
    # The language scenario teaches section 10.0.
    assert any("10.0" in point.clauses for s in training.scenarios for point in s.discussion)


def test_every_page_a_session_part_can_open_is_a_real_page():
    assert [page for page, _ in TRAINING_USES.values() if not (ROOT / "docs" / page).exists()] == []


# --- bad data: one mutation per case -----------------------------------------------------------------


def scenario(data: dict, scenario_id: str) -> dict:
    return next(s for s in data["scenarios"] if s["id"] == scenario_id)


def question(data: dict, question_id: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == question_id)


# (mutation of data/training.yml, substrings the message must contain besides the file and "Fix:")
BAD_TRAINING = [
    pytest.param(
        lambda d: scenario(d, "cse-older-boyfriend")["discussion"][0]["clauses"].append("14.2"),
        ["scenario 'cse-older-boyfriend', discussion point 1", "clause 14.2", "not in the policy", "data/sections.yml"],
        id="discussion-cites-unknown-clause",
    ),
    pytest.param(
        lambda d: question(d, "keep-a-secret")["clauses"].append("12.9"),
        ["question 'keep-a-secret'", "clause 12.9", "not in the policy"],
        id="question-cites-unknown-clause",
    ),
    pytest.param(
        lambda d: d["session"]["parts"][0]["clauses"].append("2.1"),
        ["session part 1", "clause 2.1", "not in the policy"],
        id="session-cites-unknown-clause",
    ),
    pytest.param(
        lambda d: scenario(d, "online-grooming")["signs"].append("secret-chats"),
        ["scenario 'online-grooming'", "'secret-chats'", "not in data/indicators.yml", "indicator id"],
        id="unknown-indicator",
    ),
    pytest.param(
        lambda d: scenario(d, "cse-older-boyfriend").update(outcome="trafficking"),
        ["scenario 'cse-older-boyfriend'", "lead to outcome 'concern', not 'trafficking'", "set outcome: concern"],
        id="answers-lead-elsewhere",
    ),
    pytest.param(
        lambda d: scenario(d, "cse-older-boyfriend")["answers"].__setitem__(2, "online"),
        ["scenario 'cse-older-boyfriend'", "lead to outcome 'online-grooming', not 'concern'"],
        id="different-answer-leads-elsewhere",
    ),
    pytest.param(
        lambda d: scenario(d, "trafficking-ticket")["answers"].__setitem__(0, "maybe"),
        ["scenario 'trafficking-ticket'", "answer 1 ('maybe')", "not an option of question 'in-danger'", "yes, no"],
        id="answer-is-not-an-option",
    ),
    pytest.param(
        lambda d: scenario(d, "send-change").update(answers=scenario(d, "send-change")["answers"][:2]),
        ["scenario 'send-change'", "stop at question 'concern-about'", "add the next answer"],
        id="answers-stop-at-a-question",
    ),
    pytest.param(
        lambda d: scenario(d, "immediate-danger")["answers"].append("yes"),
        ["scenario 'immediate-danger'", "answer 1 ('yes')", "after the answers have reached outcome 'immediate-danger'"],
        id="answer-after-the-outcome",
    ),
    pytest.param(
        lambda d: scenario(d, "disclosure").update(start="worry"),
        ["scenario 'disclosure'", "'worry'", "not a start", "worried"],
        id="unknown-start",
    ),
    pytest.param(
        lambda d: d["session"]["parts"][0].update(minutes=40),
        ["session", "add up to 92 minutes", "between 45 and 60"],
        id="session-too-long",
    ),
    pytest.param(
        lambda d: d["session"].update(parts=d["session"]["parts"][:2]),
        ["session", "add up to 15 minutes", "between 45 and 60"],
        id="session-too-short",
    ),
    pytest.param(
        lambda d: question(d, "course-refresh").update(answer="Every three years"),
        ["questions", "'course-refresh'", "answer 'Every three years' is not one of its options", "copy the correct option"],
        id="correct-answer-not-an-option",
    ),
    pytest.param(
        lambda d: question(d, "course-refresh")["options"].extend(["Every 2 years", "Every 5 years"]),
        ["questions", "'course-refresh'", "has 5 options", "3 or 4 options"],
        id="too-many-options",
    ),
    pytest.param(
        lambda d: question(d, "language").pop("feedback"),
        ["questions", "'language'", "feedback", "required", "add this field"],
        id="question-without-feedback",
    ),
    pytest.param(
        lambda d: scenario(d, "disclosure").update(id="cse-older-boyfriend"),
        ["scenario 'cse-older-boyfriend'", "more than once"],
        id="duplicate-scenario-id",
    ),
    pytest.param(
        lambda d: d["session"]["parts"][2].update(use="flowchart"),
        ["session", "item 3", "'flowchart' is not allowed", "'signs'"],
        id="unknown-page-to-open",
    ),
    pytest.param(
        lambda d: d["handout"]["contacts"].append("dls"),
        ["handout", "contact 'dls'", "not in data/contacts.yml"],
        id="handout-unknown-contact",
    ),
    pytest.param(
        lambda d: d["handout"]["outcomes"].append("worried"),
        ["handout", "outcome 'worried'", "not in data/pathways.yml"],
        id="handout-unknown-outcome",
    ),
]


@pytest.mark.parametrize("mutate, expected", BAD_TRAINING)
def test_bad_training_data_is_named(tmp_path, mutate, expected):
    data = copy_data(tmp_path)
    edit_yaml(mutate)(data / "training.yml")
    with pytest.raises(DataError) as caught:
        SiteData.load(data)
    message = str(caught.value)
    for part in [FILE, *expected, "Fix:"]:
        assert part in message, f"{part!r} missing from: {message}"


def test_bad_training_data_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    edit_yaml(lambda d: scenario(d, "cse-older-boyfriend").update(outcome="trafficking"))(project / FILE)
    output = failed_build_output(project, tmp_path)
    assert FILE in output and "cse-older-boyfriend" in output and "Fix:" in output, output


# --- the renderers (record in, Markdown out) ----------------------------------------------------------


PAGE = Linker("training/scenarios.md")


def test_session_plan_gives_running_times_that_add_up(site, training):
    plan = training_module.session_plan(training, site, Linker("training/index.md"))
    rows = re.findall(r"<td>(\d+)–(\d+) min</td>", plan)
    assert len(rows) == len(training.session.parts)
    assert rows[0][0] == "0" and int(rows[-1][1]) == training.session.minutes
    assert all(end == next_start for (_, end), (next_start, _) in zip(rows, rows[1:], strict=False))
    assert '<a href="../policy/02-training-and-recruitment/#clause-2-0">2.0</a>' in html.unescape(plan)


def test_scenario_shows_the_situation_and_keeps_the_rest_behind_the_reveal(site, training):
    first = training.scenarios[0]
    # As a reader's browser reads it (the page escapes every value as character references).
    text = html.unescape(training_module.scenario_section(first, 1, site, PAGE))
    situation, _, hidden = text.partition("<details")
    assert first.situation in situation
    outcome = site.pathways.outcome(first.outcome)
    assert f'<a href="../../what-to-do/{outcome.id}/">{outcome.title}</a>' in hidden
    labels = [label for _, label in walk(site.pathways, first.start, first.answers)[0]]
    assert labels and all(f"<strong>{label}</strong>" in hidden for label in labels)
    assert all(f'#signs-{sign}"' in hidden for sign in first.signs)
    assert outcome.title not in situation
    assert not any(f"<strong>{label}</strong>" in situation for label in labels)


def test_question_marks_exactly_its_correct_option(site, training):
    for number, q in enumerate(training.questions, start=1):
        text = training_module.question_section(q, number, len(training.questions), site, Linker("training/self-check.md"))
        assert text.count("data-correct") == 1, q.id
        marked = re.search(r"<li data-correct>(.*?)</li>", text).group(1)
        assert marked == q.answer.replace("'", "&#x27;").replace('"', "&quot;"), q.id


def test_examples_of_language_are_marked_as_not_the_policy(site, training):
    guide = screens.language_guide(site, Linker("training/handout.md"), handout=True)
    assert "the policy itself gives no list of phrases" in guide
    assert all(e.instead_of in guide and e.say in guide for e in training.language.examples)
