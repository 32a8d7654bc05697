"""Induction training (data/training.yml): session plan, scenarios, the self-check and the handout.

``SiteData`` loads and checks the file with the rest of ``data/`` (its models are in
``models.py``, its checks against the pathways and signs in ``sitedata.py``). The renderers here
take records and return Markdown (no files, no MkDocs); ``register`` wires them into
mkdocs-macros. The pages work without JavaScript; trainer.js and selfcheck.js add the
one-at-a-time views over the same markup.
"""

from __future__ import annotations

from typing import Callable

from sitedata.addresses import Linker
from sitedata.load import SiteData
from sitedata.models import TRAINING_USES, Question, Scenario, TeamMember, Training
from sitedata.pathways import Outcome, walk

from . import components, page, reach, render, screens, signs
from .pathway_pages import node_page
from .text import Html

# --- rendering ------------------------------------------------------------------------------------


def clause_links(site: SiteData, clauses: list[str], linker: Linker) -> Html:
    """The clauses a line of the training cites, each a link to its place in the policy."""
    return reach.clause_links(site, clauses, linker, beside_step=False)


def session_plan(training: Training, site: SiteData, linker: Linker) -> str:
    """A timetable, then each part with its clauses, what to open and the trainer's prompts
    (components/session-plan.html)."""
    session = training.session
    parts, elapsed = [], 0
    for part in session.parts:
        page, name = TRAINING_USES[part.use] if part.use else (None, None)
        parts.append({"start": elapsed, "end": elapsed + part.minutes, "title": part.title, "minutes": part.minutes,
                      "clauses": clause_links(site, part.clauses, linker) if part.clauses else None,
                      "use": {"href": linker.page(page), "name": name} if part.use else None, "prompts": part.prompts})
        elapsed += part.minutes
    return str(components.render("session-plan", title=session.title, minutes=session.minutes, parts=parts)) + "\n"


def scenario_section(scenario: Scenario, number: int, site: SiteData, linker: Linker) -> Html:
    """One scenario, a slide of the trainer view (components/scenario.html)."""
    graph = site.pathways
    start = next(s for s in graph.starts if s.id == scenario.start)
    outcome = graph.outcome(scenario.outcome)
    steps, _ = walk(graph, scenario.start, scenario.answers)
    signs_listed = []
    for sign_id in scenario.signs:
        lst, item = next((lst, item) for lst in site.indicators.lists for item in lst.items if item.id == sign_id)
        signs_listed.append({"text": item.text, "clauses": clause_links(site, [lst.clause], linker),
                             "href": linker.page("signs.md", signs.sign_anchor_on_signs_page(site.indicators, item.id))})
    return components.render(
        "scenario", id=scenario.id, number=number, title=scenario.title, situation=scenario.situation,
        start=start.label, steps=[{"question": question, "answer": answer} for question, answer in steps],
        outcome=outcome.title, outcome_href=linker.page(node_page(graph, outcome.id)), signs=signs_listed,
        discussion=[{"text": p.text, "clauses": clause_links(site, p.clauses, linker)} for p in scenario.discussion])


def scenarios_view(training: Training, site: SiteData, linker: Linker) -> str:
    return str(components.render("scenarios", scenarios=[
        scenario_section(s, n, site, linker) for n, s in enumerate(training.scenarios, start=1)])) + "\n"


def question_section(question: Question, number: int, total: int, site: SiteData, linker: Linker) -> Html:
    """One question, with its options listed and the answer behind a <details>
    (components/selfcheck-question.html)."""
    return components.render(
        "selfcheck-question", id=question.id, number=number, total=total, question=question.question,
        options=question.options, answer=question.answer, feedback=question.feedback,
        clauses=clause_links(site, question.clauses, linker))


def self_check(training: Training, site: SiteData, linker: Linker) -> str:
    """Every question, then the summary and the printable record (components/self-check.html)."""
    total = len(training.questions)
    return str(components.render(
        "self-check",
        questions=[question_section(q, n, total, site, linker) for n, q in enumerate(training.questions, start=1)],
        answers=[{"answer": q.answer, "feedback": q.feedback, "clauses": clause_links(site, q.clauses, linker)}
                 for q in training.questions],
        policy=site.setting.policy.title, updated=render.long_date(site.versions.current.date),
        setting=site.setting.name, group=site.setting.group)) + "\n"


def situation(outcome: Outcome, site: SiteData, linker: Linker) -> dict:
    """An outcome in the handout: its steps in short, what to do, by when, and the clauses."""
    return {"title": outcome.title, "summary": outcome.summary, "steps": [
        {"do": step.do, "when": step.when, "clauses": clause_links(site, step.clauses, linker)} for step in outcome.steps]}


def contact_row(site: SiteData, contact_id: str) -> dict:
    """A contact in the handout's table: on paper a member's missing number becomes a line to
    write it on."""
    contact = site.reachable()[contact_id]
    if isinstance(contact, TeamMember):
        return {"who": contact.label, "when": contact.use_when, "number": contact.dial.display if contact.dial else None,
                "write_in": not contact.dial, "inline": None, "role": None, "not_in_policy": False}
    return {"who": contact.name, "when": contact.use_when, "number": None, "write_in": False,
            "inline": render.contact_inline(contact) if contact.phone or contact.email else None,
            "role": contact.role or "", "not_in_policy": not contact.in_policy}


def handout(training: Training, site: SiteData, linker: Linker) -> str:
    """The two printed pages (components/handout.html): definitions, the emergency route and
    contacts on the first; the steps for a concern and a disclosure, and the language guide, on
    the second."""
    first, *others = [situation(site.pathways.outcome(o), site, linker) for o in training.handout.outcomes]
    return str(components.render(
        "handout", first=first, others=others, language=screens.language_guide(site, linker, handout=True),
        definitions=[{"term": d.term, "text": d.text, "clauses": clause_links(site, d.clauses, linker)}
                     for d in training.handout.definitions],
        contacts=[contact_row(site, c) for c in training.handout.contacts])) + "\n"


# --- wiring -----------------------------------------------------------------------------------------


def register(env, site: SiteData) -> None:
    """Add the training macros to mkdocs-macros' ``env``."""
    training = site.training

    def on_page(renderer: Callable[[Training, SiteData, Linker], str]) -> Callable[[], str]:
        return lambda: renderer(training, site, page.linker(env))

    env.variables["training"] = training
    env.macro(on_page(session_plan), "training_session_plan")
    env.macro(on_page(scenarios_view), "training_scenarios")
    env.macro(on_page(self_check), "training_self_check")
    env.macro(on_page(handout), "training_handout")
