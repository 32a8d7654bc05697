"""The decision pathways: every path leads where the policy says, the graph checks catch every
kind of broken graph, and every view (pages, flowchart, the navigator's graph) matches the data."""

from __future__ import annotations

import functools
import re
from typing import get_args

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SETTING_DIR, copy_data, edit_yaml

from macros import pathway_pages, reach
from sitedata.errors import DataError
from sitedata.pathways import PathwayGraph, all_paths, for_setting
from sitedata.load import SiteData, load_file
from sitedata.models import SettingKind

# --- every path, and what the policy requires at its end ---------------------------------------

# The acceptance table: each way through the questions (a start, then the options chosen, by id)
# and the outcome the policy requires.
EXPECTED_PATHS = {
    ("worried", ("yes",)): "immediate-danger",
    ("worried", ("no", "told", "exploited")): "disclosure",
    ("worried", ("no", "told", "trafficked")): "disclosure-trafficking",
    ("worried", ("no", "told", "online")): "disclosure-online",
    ("worried", ("no", "worried", "trafficked")): "trafficking",
    ("worried", ("no", "worried", "online")): "online-grooming",
    ("worried", ("no", "worried", "send")): "send-change",
    ("worried", ("no", "worried", "not-sure")): "concern",
    ("worried", ("no", "staff", "someone-else")): "staff-concern",
    # 12.7 without the person the concern is about.
    ("worried", ("no", "staff", "dsl")): "staff-concern-dsl",
    # 12.2 for every disclosure, with trafficking's 7.5 and 7.7 or online's 11.3 and 11.4 kept.
    ("told", ("exploited",)): "disclosure",
    ("told", ("trafficked",)): "disclosure-trafficking",
    ("told", ("online",)): "disclosure-online",
    ("staff", ("someone-else",)): "staff-concern",
    ("staff", ("dsl",)): "staff-concern-dsl",
    ("words", ()): "language",
    ("danger", ()): "immediate-danger",
    ("integrated", ("school",)): "reported-at-school",
    ("integrated", ("home",)): "reported-at-home",
}


@pytest.fixture(scope="module")
def policy_graph() -> PathwayGraph:
    """The Group's decision graph as data/pathways.yml writes it: every way in, before a setting
    of one kind leaves out those it does not have (the suite's setting's graph is site.pathways)."""
    return load_file(ROOT / "data" / "pathways.yml")


def test_every_path_reaches_the_outcome_the_policy_requires(policy_graph):
    walked = {(p.start, tuple(option for _, option in p.answers)): p.outcome for p in all_paths(policy_graph)}
    assert walked == EXPECTED_PATHS


def steps_with(graph, outcome_id: str, contact: str | None = None, when: str | None = None, clause: str | None = None):
    return [
        step for step in graph.outcome(outcome_id).steps
        if (contact is None or contact in step.contacts) and (when is None or step.when == when)
        and (clause is None or clause in step.clauses)
    ]


@pytest.mark.parametrize(
    ("outcome", "contact", "when", "clause"),
    [
        # 11.1: immediate concerns to the DSL straight away, and the police; 999 in an emergency (7.4).
        ("immediate-danger", "emergency-services", "now", "7.4"),
        ("immediate-danger", "dsl", "straight away", "11.1"),
        ("immediate-danger", "police-non-emergency", "immediately", "11.1"),
        # 11.1 and 11.5: share with the DSL; referral to the local authority within one working day.
        ("concern", "dsl", "immediately", "11.5"),
        ("concern", "local-authority-office", "within one working day", "11.1"),
        ("concern", "group-safeguarding", None, "11.1"),
        # 12.3: report to the DSL immediately, who reports to police and local authority immediately.
        ("disclosure", "dsl", "immediately", "12.3"),
        ("disclosure", "police-non-emergency", "immediately", "12.3"),
        # A disclosure about trafficking or about someone online keeps those routes' own steps.
        ("disclosure-trafficking", "dsl", "immediately", "12.3"),
        ("disclosure-trafficking", "local-authority-office", "immediately", "7.5"),
        ("disclosure-trafficking", "nspcc-helpline", None, "7.7"),
        ("disclosure-online", "dsl", "immediately", "12.3"),
        ("disclosure-online", None, "immediately", "11.4"),
        ("disclosure-online", None, None, "11.3"),
        # 12.3: every concern and disclosure is recorded where it was reported, and shared.
        ("concern", None, None, "12.3"),
        ("disclosure", None, None, "12.3"),
        ("send-change", None, None, "12.3"),
        # 10.0: the words used; and every worry still goes to the DSL (11.1).
        ("language", None, None, "10.0"),
        ("language", "dsl", None, "11.1"),
        # 7.5 and 7.6: local authority immediately; DSL and police immediately if immediate; 7.7 NSPCC.
        ("trafficking", "local-authority-office", "immediately", "7.5"),
        ("trafficking", "dsl", "immediately", "7.6"),
        ("trafficking", "nspcc-helpline", None, "7.7"),
        # 11.4: online grooming reported to the DSL immediately.
        ("online-grooming", "dsl", "immediately", "11.4"),
        # 12.7: concerns about staff to the DSL or deputy immediately.
        ("staff-concern", "dsl", "immediately", "12.7"),
        # 12.7 when the concern is about the DSL or a deputy: a deputy, else the senior chain.
        ("staff-concern-dsl", "deputy-dsl", "immediately", "12.7"),
        ("staff-concern-dsl", "headteacher", "immediately", "12.7"),
        ("staff-concern-dsl", "regional-director", "immediately", "12.7"),
        # 6.5 leads to sharing the concern (11.1).
        ("send-change", "dsl", "immediately", "11.1"),
        # 12.3: in integrated settings the DSL and the Home's Safeguarding Lead share the record.
        ("reported-at-school", "dsl", None, "12.3"),
        ("reported-at-home", "dsl", None, "12.3"),
        # ...and the reader tells the DSL or the Home's Safeguarding Lead first, immediately (12.3).
        ("reported-at-school", "dsl", "immediately", "12.3"),
        ("reported-at-home", "home-safeguarding-lead", "immediately", "12.3"),
    ],
)
def test_outcome_has_the_step_the_policy_requires(policy_graph, outcome, contact, when, clause):
    assert steps_with(policy_graph, outcome, contact, when, clause), f"{outcome}: no step to {contact} {when} citing {clause}"


@pytest.mark.parametrize("outcome", ["disclosure", "disclosure-trafficking", "disclosure-online"])
def test_disclosure_steps_include_listening_and_no_secrets(policy_graph, outcome):
    text = " ".join(step.do for step in policy_graph.outcome(outcome).steps)
    for words in ["Listen", "open questions", "Never promise to keep things secret", "not to blame",
                  "Write as much detail down as possible", "electronic recording system", "record it where it was reported"]:
        assert words in text


def test_a_concern_about_the_dsl_never_sends_the_reader_to_the_dsl(policy_graph):
    outcome = policy_graph.outcome("staff-concern-dsl")
    assert all("dsl" not in step.contacts for step in outcome.steps)
    assert any("Safeguarding Policy" in step.do for step in outcome.steps), "12.7 points to the setting's policy"


@pytest.mark.parametrize("outcome", ["reported-at-school", "reported-at-home"])
def test_the_integrated_answers_start_with_the_readers_duty_to_tell(policy_graph, outcome):
    first = policy_graph.outcome(outcome).steps[0]
    assert first.readers_own and first.when == "immediately" and "12.3" in first.clauses
    assert set(first.contacts) & {"dsl", "home-safeguarding-lead"}


def test_the_referral_deadline_in_immediate_danger_follows_11_5s_exception(policy_graph):
    """11.5: within one working day "unless there are immediate safeguarding concerns"."""
    for step in policy_graph.outcome("immediate-danger").steps:
        assert step.when != "within one working day", step.do
    referral = steps_with(policy_graph, "immediate-danger", "local-authority-office", clause="11.5")
    assert referral and "do not wait" in referral[0].do


def test_a_shared_step_is_written_once_and_used_by_each_outcome_that_names_it(policy_graph):
    listen = policy_graph.shared_steps["disclosure-listen"]
    users = [o.id for o in policy_graph.outcomes if listen in o.steps]
    assert users == ["disclosure", "disclosure-trafficking", "disclosure-online"]


@pytest.mark.parametrize("kind", get_args(SettingKind))
def test_a_setting_has_only_the_ways_in_its_kind_has(policy_graph, site, kind):
    """12.3's "where do I record it" is asked only where a school and a children's home work
    together: another kind of setting has neither the way in nor the answers only it leads to."""
    graph = for_setting(policy_graph, kind, people=set())
    kept = {start.id for start in graph.starts}
    assert kept == {start.id for start in policy_graph.starts if not start.kinds or kind in start.kinds}
    reachable = {node for path in all_paths(graph) for node in (*(q for q, _ in path.answers), path.outcome)}
    assert set(graph.nodes()) == reachable | {start.node for start in graph.starts}
    for outcome in graph.outcomes:
        assert set(outcome.related) <= set(graph.nodes()), outcome.id
        assert all(c.outcome is None or c.outcome in graph.nodes() for c in outcome.consider), outcome.id
    assert any(start.kinds for start in policy_graph.starts), "a way in that only some kinds have"
    if kind == site.setting.kind:
        assert {start.id for start in site.pathways.starts} == kept


def test_outcome_steps_type_no_phone_numbers(site):
    """Numbers appear through the step's contacts (tap-to-call), never typed in its words."""
    from test_docs_contract import phone_numbers

    for outcome in site.pathways.outcomes:
        for step in outcome.steps:
            assert not phone_numbers(step.do), (outcome.id, step.do)


# --- the graph checks: each broken graph stops the build ----------------------------------------


def outcome(data, outcome_id):
    return next(o for o in data["outcomes"] if o["id"] == outcome_id)


def question(data, question_id):
    return next(q for q in data["questions"] if q["id"] == question_id)


BROKEN_GRAPHS = [
    pytest.param(lambda d: outcome(d, "concern").update(id="trafficking"),
                 ["node 'trafficking'", "another question or outcome already has"], id="duplicate-id"),
    pytest.param(lambda d: question(d, "in-danger")["options"][1].update(next="what-happend"),
                 ["question 'in-danger', option 'No'", "'what-happend', which does not exist"], id="option-to-missing-node"),
    pytest.param(lambda d: d["starts"][0].update(node="nowhere"),
                 ["start 'worried'", "'nowhere', which does not exist"], id="start-to-missing-node"),
    pytest.param(lambda d: outcome(d, "concern")["steps"][0]["contacts"].append("head-teacher"),
                 ["outcome 'concern', step 1", "role 'head-teacher'", f"{SETTING_DIR}/contacts.yml"], id="unknown-contact"),
    pytest.param(lambda d: outcome(d, "trafficking")["steps"][1]["clauses"].append("12.9"),
                 ["outcome 'trafficking', step 2", "clause 12.9"], id="unknown-clause"),
    pytest.param(lambda d: d["shared_steps"]["disclosure-listen"]["clauses"].append("12.9"),
                 ["outcome 'disclosure', step 2", "clause 12.9"], id="shared-step-cites-unknown-clause"),
    pytest.param(lambda d: question(d, "concern-about")["options"][3].update(next="in-danger"),
                 ["is part of a loop", "in-danger -> what-happened -> concern-about -> in-danger"], id="cycle"),
    pytest.param(lambda d: d["outcomes"].append({**outcome(d, "language"), "id": "orphan"}),
                 ["node 'orphan'", "cannot be reached from any start"], id="unreachable-node"),
    pytest.param(lambda d: [step.update(contacts=[]) for step in outcome(d, "staff-concern")["steps"]],
                 ["outcome 'staff-concern'", "sends the reader to no one", "deputy-dsl, dsl, emergency-services"],
                 id="outcome-without-dsl"),
    pytest.param(lambda d: [step.update(by=["dsl"]) for step in outcome(d, "concern")["steps"] if "dsl" in step.get("contacts", [])],
                 ["outcome 'concern'", "sends the reader to no one"], id="only-others-reach-the-dsl"),
    pytest.param(lambda d: outcome(d, "concern")["related"].append("conern"),
                 ["outcome 'concern'", "related outcome 'conern'"], id="unknown-related"),
    pytest.param(lambda d: outcome(d, "concern")["steps"][0].update(when="soon"),
                 ["'soon' is not allowed", "'within one working day'"], id="deadline-not-in-policy-words"),
    pytest.param(lambda d: question(d, "reported-where")["options"].pop(1),
                 ["'reported-where'", "field 'options'", "at least 2"], id="question-with-one-option"),
    pytest.param(lambda d: outcome(d, "send-change").update(steps=[]),
                 ["'send-change'", "field 'steps'", "at least 1"], id="outcome-without-steps"),
    pytest.param(lambda d: outcome(d, "concern")["steps"][0].update(by=["you"]),
                 ["item 2 ('concern')", "field 'by'", "'you' is not allowed", "'reader'"], id="unknown-actor"),
    pytest.param(lambda d: outcome(d, "concern")["steps"][0].update(by=["reader", "reader"]),
                 ["item 2 ('concern')", "names an actor twice", "Fix: name each once"], id="actor-twice"),
    pytest.param(lambda d: outcome(d, "concern")["steps"][0].pop("by"),
                 ["item 2 ('concern')", "field 'by'"], id="step-without-actor"),
    pytest.param(lambda d: outcome(d, "concern")["steps"].append({"use": "record-concen"}),
                 ["outcome 'concern', step 7", "'record-concen'", "not under shared_steps", "record-concern"],
                 id="unknown-shared-step"),
]


@pytest.mark.parametrize(("mutation", "expected"), BROKEN_GRAPHS)
def test_broken_graph_is_named(tmp_path, mutation, expected):
    data = copy_data(tmp_path)
    edit_yaml(mutation)(data / "pathways.yml")
    with pytest.raises(DataError) as caught:
        SiteData.load(data)
    message = str(caught.value)
    for part in ["data/pathways.yml", *expected, "Fix:"]:
        assert part in message, f"{part!r} missing from: {message}"


# --- the built views ----------------------------------------------------------------------------


@functools.cache
def soup(path) -> BeautifulSoup:
    """The built page, parsed once per run (the tests read it, and change nothing)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built(built_site, docs_page: str):
    return built_site.path / docs_page.removesuffix(".md").removesuffix("index") / "index.html"


def test_every_node_has_its_page(site, built_site):
    for node_id, node in site.pathways.nodes().items():
        page = built(built_site, pathway_pages.node_page(site.pathways, node_id))
        assert page.exists(), node_id
        heading = soup(page).find("h1").get_text(strip=True)
        assert heading == getattr(node, "title", None) or heading == getattr(node, "text", None)


def reach_target(site, contact_id: str) -> str:
    """What a step's link to a contact ends with: its number, its email, or its card."""
    reached = site.reachable()[contact_id]
    phone = reach.phone_of(reached)
    email = reach.email_of(reached)
    return f"tel:{phone.tel}" if phone else f"mailto:{email}" if email else f"#contact-{contact_id}"


def test_outcome_pages_lead_with_the_readers_own_steps(site, built_site):
    """"What you do now" holds exactly the steps the reader leads, in order, each contact they
    name reachable from the step or from the answer's first action above it (a number, an
    email, or for a person without one, the way to the safeguarding team); "What happens next"
    holds the rest, with contacts named as text and no call button outside the "who to call
    now" panel; every step cites its clauses."""
    team = site.team.by_id()
    for outcome in site.pathways.outcomes:
        page = soup(built(built_site, pathway_pages.node_page(site.pathways, outcome.id)))
        own = page.select(".steps--own > ol > li")
        others = page.select(".steps--next > ol > li")
        expected_own = [s for s in outcome.steps if s.readers_own]
        expected_others = [s for s in outcome.steps if not s.readers_own]
        assert len(own) == len(expected_own) and len(others) == len(expected_others), outcome.id
        for item, step in [*zip(own, expected_own), *zip(others, expected_others)]:
            assert step.do in item.get_text(" ", strip=True)
            assert step.who in item.select_one(".step__who").get_text()
            cited = [a.get_text() for a in item.select('.step-source a[href*="#clause-"]')]
            assert cited == step.clauses, (outcome.id, step.do)
        first = page.select(".answer-first")
        for item, step in zip(own, expected_own):
            for contact_id in step.contacts:
                target = reach_target(site, contact_id)
                if contact_id in team and target.startswith("#"):
                    target = "#contact-"  # told in person: the step or the first action leads to the team
                reachable = [a for block in [item, *first] for a in block.select(f'a[href*="{target}"]')
                             if target != "#contact-" or a["href"].split("#contact-")[1] in team]
                assert reachable, (outcome.id, contact_id)
        for item in others:
            outside_panel = [a for a in item.select('a[href^="tel:"]') if not a.find_parent(class_="now-panel")]
            assert outside_panel == [], (outcome.id, item.get_text(" ", strip=True)[:60])


def test_clause_links_on_pathway_pages_reach_their_anchor(site, built_site):
    pages = [pathway_pages.node_page(site.pathways, n) for n in site.pathways.nodes()]
    pages += [pathway_pages.HUB, pathway_pages.FLOWCHART]
    checked = 0
    for docs_page in pages:
        path = built(built_site, docs_page)
        for link in soup(path).select('a[href*="#clause-"]'):
            target, anchor = link["href"].split("#")
            target_file = (path.parent / target / "index.html").resolve() if target else path
            assert soup(target_file).find(id=anchor), f"{docs_page}: {link['href']}"
            checked += 1
    assert checked > 50


def test_flowchart_shows_every_question_option_and_outcome(site, built_site):
    text = soup(built(built_site, pathway_pages.FLOWCHART)).find("article").get_text(" ", strip=True)
    for q in site.pathways.questions:
        assert q.text in text
        for option in q.options:
            assert option.label in text
    for o in site.pathways.outcomes:
        assert o.title in text


def test_hub_links_every_situation(site, built_site):
    hub = soup(built(built_site, pathway_pages.HUB))
    titles = {a.get_text(strip=True) for a in hub.find("article").find_all("a")}
    assert {o.title for o in site.pathways.outcomes} <= titles


def test_the_navigators_graph_matches_the_yaml(site):
    exported = pathway_pages.navigator_graph(site)
    graph = site.pathways
    assert exported["version"] == 1
    assert [s["id"] for s in exported["starts"]] == [s.id for s in graph.starts]
    assert {q: [o["next"] for o in v["options"]] for q, v in exported["questions"].items()} == {
        q.id: [o.next for o in q.options] for q in graph.questions
    }
    for outcome in graph.outcomes:
        steps = exported["outcomes"][outcome.id]["steps"]
        assert [s["do"] for s in steps] == [s.do for s in outcome.steps]
        assert [[c["number"] for c in s["clauses"]] for s in steps] == [s.clauses for s in outcome.steps]
        assert [s["contacts"] for s in steps] == [s.contacts for s in outcome.steps]
        for step in steps:
            assert set(step["contacts"]) <= set(exported["contacts"])


def test_the_navigators_addresses_exist_in_the_build(site, built_site):
    exported = pathway_pages.navigator_graph(site)
    pages = [node["page"] for node in [*exported["questions"].values(), *exported["outcomes"].values()]]
    clauses = [c["url"] for o in exported["outcomes"].values() for s in o["steps"] for c in s["clauses"]]
    for address in pages + clauses:
        path, _, anchor = address.partition("#")
        page = built_site.path / path / "index.html"
        assert page.exists(), address
        if anchor:
            assert soup(page).find(id=anchor), address


# --- an answer's order: its first action, the reader's steps, then the rest ---------------------------


def outcome_page(site, built_site, outcome_id: str):
    return soup(built(built_site, pathway_pages.node_page(site.pathways, outcome_id)))


def test_problems_in_the_policy_and_facts_from_outside_it_come_after_the_readers_steps(site, built_site):
    """"A problem in the policy" and every source address are under "Where this comes from",
    below the reader's steps; the steps hold actions."""
    for outcome in site.pathways.outcomes:
        page = outcome_page(site, built_site, outcome.id)
        sources = page.select_one(".outcome__sources")
        assert sources is not None and not sources.has_attr("open"), outcome.id
        for caution in outcome.cautions:
            assert caution.text in sources.get_text(" ", strip=True), outcome.id
        assert not page.select(".outcome .admonition"), f"{outcome.id}: a boxed note among the steps"
        steps = page.select_one(".steps--own")
        outside = [c for step in outcome.steps for c in step.contacts if c in site.contacts.by_id()
                   and site.contacts.by_id()[c].source]
        for contact_id in outside:
            url = str(site.contacts.by_id()[contact_id].source.url)
            assert sources.select_one(f'a[href="{url}"]'), (outcome.id, contact_id)
            assert not steps.select_one(f'a[href="{url}"]'), (outcome.id, contact_id)


def test_the_general_answers_name_trafficking_and_county_lines_in_the_policys_words(site, built_site):
    for outcome in (o for o in site.pathways.outcomes if o.consider):
        page = outcome_page(site, built_site, outcome.id)
        block = page.select_one(".consider")
        # After the reader's own steps, before what others do.
        html = str(page)
        assert html.index("steps--own") < html.index('class="consider"') < html.index("steps--next"), outcome.id
        for item in outcome.consider:
            entry = next(li for li in block.find_all("li", recursive=False) if item.name in li.get_text())
            assert item.text.split(":")[0] in entry.get_text(" ", strip=True)
            assert [a.get_text() for a in entry.select("a.step__clause")] == item.clauses
            if item.outcome:
                target = site.pathways.outcome(item.outcome)
                assert entry.find("a", string=target.title), (outcome.id, item.name)
    names = {item.name for o in site.pathways.outcomes for item in o.consider}
    assert {"concern", "disclosure"} <= {o.id for o in site.pathways.outcomes if o.consider} and len(names) >= 2


def test_a_term_is_explained_once_on_each_answer_that_uses_it_with_its_source(site, built_site):
    for term in site.pathways.terms.values():
        users = [o for o in site.pathways.outcomes if any(term.term in s.do.lower() for s in o.steps)]
        assert users, term.term
        for outcome in users:
            page = outcome_page(site, built_site, outcome.id)
            explained = page.select(".step__term")
            assert len(explained) == 1 and term.means in explained[0].get_text(" ", strip=True), outcome.id
            assert "check with your DSL" in explained[0].get_text(), outcome.id
            assert page.select_one(f'.outcome__sources a[href="{term.source.url}"]'), outcome.id


def test_dsl_is_spelt_out_where_each_answer_first_uses_it(site, built_site):
    in_full = site.setting.dsl_in_full
    for outcome in site.pathways.outcomes:
        page = outcome_page(site, built_site, outcome.id)
        # From the summary below the title, which may say "DSL" as a name.
        text = " ".join(page.select_one(".answer__summary").find_all_next(string=True)).split("Where this comes from")[0]
        first = re.search(r"\bDSL\b", text)
        assert first, outcome.id
        assert text[:first.end() + 1].endswith(in_full), f"{outcome.id}: {text[max(0, first.start() - 40):first.end()]!r}"
