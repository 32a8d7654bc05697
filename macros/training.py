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

from . import components, reach, render, screens, signs
from .pathway_pages import node_page
from .text import Html, plain

# --- rendering ------------------------------------------------------------------------------------


def clause_links(site: SiteData, clauses: list[str], linker: Linker) -> Html:
    """The clauses a line of the training cites, each a link to its place in the policy."""
    return reach.clause_links(site, clauses, linker, beside_step=False)


def session_plan(training: Training, site: SiteData, linker: Linker) -> str:
    """A timetable, then each part with its clauses, what to open and the trainer's prompts: on a
    projector (trainer.js), the timetable and then each part are a slide."""
    session = training.session
    lines = ['<div class="session-plan" data-trainer data-trainer-label="The session plan" '
             'data-trainer-present-label="Present the plan on a projector" markdown>', "",
             '<section data-slide markdown>', "", f"### {plain(session.title)}", "",
             "| Time | Part | The policy |", "| --- | --- | --- |"]
    elapsed = 0
    for number, part in enumerate(session.parts, start=1):
        lines.append(f"| {elapsed}–{elapsed + part.minutes} min | {number}. {plain(part.title)} | "
                     f"{clause_links(site, part.clauses, linker) or '–'} |")
        elapsed += part.minutes
    lines += ["", f"Total: {session.minutes} minutes.", "", "</section>", ""]
    for number, part in enumerate(session.parts, start=1):
        lines += ['<section data-slide markdown>', "", f"### {number}. {plain(part.title)} ({part.minutes} minutes)", ""]
        if part.clauses:
            lines += [f"From the policy: {clause_links(site, part.clauses, linker)}", "{ .training-meta }", ""]
        if part.use:
            page, name = TRAINING_USES[part.use]
            lines += [f"Open: [{name}]({render.relative(page, linker.from_page)})", "{ .training-meta }", ""]
        lines += [f"- {plain(prompt)}" for prompt in part.prompts] + ["", "</section>", ""]
    return "\n".join(lines + ["</div>", ""])


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


def outcome_steps(outcome: Outcome, site: SiteData, linker: Linker) -> list[str]:
    """An outcome's steps in short: what to do, by when, and the clauses."""
    lines = []
    for step in outcome.steps:
        when = f" *({plain(step.when)})*" if step.when else ""
        lines.append(f"1. {plain(step.do)}{when} ({clause_links(site, step.clauses, linker)})")
    return lines


def contact_row(site: SiteData, contact_id: str) -> str:
    contact = site.reachable()[contact_id]
    if isinstance(contact, TeamMember):
        # On paper a missing number becomes a line to write it on.
        number = plain(contact.dial.display) if contact.dial else 'Number: <span class="write-in"></span>'
        return f"| {plain(contact.label)} | {plain(contact.use_when)} | {number} |"
    if contact.phone or contact.email:
        reach = render.contact_inline(contact)
    else:
        reach = str(plain(contact.role or ""))
    if not contact.in_policy:
        reach += f' <span class="not-in-policy">{components.not_in_policy()}</span>'
    return f"| {plain(contact.name)} | {plain(contact.use_when)} | {reach} |"


def handout(training: Training, site: SiteData, linker: Linker) -> str:
    """The two printed pages: definitions, the emergency route and contacts on the first; the
    steps for a concern and a disclosure, and the language guide, on the second."""
    graph = site.pathways
    first, *others = [graph.outcome(o) for o in training.handout.outcomes]
    page_one = ['<section class="handout__page" markdown>', "", "## Key definitions", ""]
    for definition in training.handout.definitions:
        page_one += [f"**{plain(definition.term)}**: {plain(definition.text)} ({clause_links(site, definition.clauses, linker)})", ""]
    page_one += [f"## {plain(first.title)}", "", plain(first.summary), "", *outcome_steps(first, site, linker), ""]
    page_one += ["## Contacts", "", "| Who | When | How |", "| --- | --- | --- |"]
    page_one += [contact_row(site, c) for c in training.handout.contacts] + ["", "</section>", ""]
    page_two = ['<section class="handout__page" markdown>', ""]
    for outcome in others:
        page_two += [f"## {plain(outcome.title)}", "", *outcome_steps(outcome, site, linker), ""]
    page_two += [language_guide(site, linker), "</section>", ""]
    return '<div class="handout" markdown>\n\n' + "\n".join(page_one + page_two) + "\n</div>\n"


def language_guide(site: SiteData, linker: Linker) -> str:
    """The handout's language guide: the answers' own (screens.language_guide), as paper has it."""
    return "\n".join(["## Language", "", str(screens.language_guide(site, linker, handout=True)), ""])


# --- wiring -----------------------------------------------------------------------------------------


def register(env, site: SiteData) -> None:
    """Add the training macros to mkdocs-macros' ``env``."""
    training = site.training

    def on_page(renderer: Callable[[Training, SiteData, Linker], str]) -> Callable[[], str]:
        return lambda: renderer(training, site, Linker(env.page.file.src_uri, env.conf["use_directory_urls"]))

    env.variables["training"] = training
    env.macro(on_page(session_plan), "training_session_plan")
    env.macro(on_page(scenarios_view), "training_scenarios")
    env.macro(on_page(self_check), "training_self_check")
    env.macro(on_page(handout), "training_handout")
