"""The screens of "What to do now", each rendered by one function whose HTML every view uses:
the outcome and question pages, the navigator (the same HTML in <template> elements of the pages
that host it), and print.

An outcome leads with what the reader does ("What you do now": the steps whose who starts with
"You", each with one way to act), then what others do ("What happens next", contacts named as
text, with the "who to call now" panel where the DSL needs the local authority). Every step
keeps its who, its when and the clauses it comes from.

All text from data/ is escaped (markupsafe); the output is HTML, safe to place in a page.
"""

from __future__ import annotations

from sitedata.addresses import Linker
from sitedata.load import SiteData
from sitedata.pathways import Outcome, Question, Step

from . import reach
from .text import Html

OWN_HEADING = "What you do now"
EMERGENCY_HEADING = "Immediate action required"
NEXT_HEADING = "What happens next"


def clause_links(site: SiteData, clauses: list[str], linker: Linker) -> Html:
    return Html(", ").join(
        Html('<a class="step__clause" href="{}">{}</a>').format(linker.clause(c, site.clause_page(c)), c) for c in clauses
    )


def is_own_step(step: Step) -> bool:
    """A step the reader does: its who is "You", or starts "You, with ..."."""
    return step.who == "You" or step.who.startswith("You,")


def step_item(site: SiteData, step: Step, linker: Linker, own: bool, first_dsl: bool, heading: str = "") -> Html:
    """One step. ``heading``: the first step of a list carries the list's heading for paper,
    where it prints as part of the step's first line (site.css), so that a page never ends with it."""
    meta = Html('<strong>Who:</strong> <span class="step__who">{}</span>').format(step.who)
    if step.when:
        meta += Html('<br><strong>When:</strong> <span class="step__when">{}</span>').format(step.when)
    pair = reach.pair_in(site, step.contacts)
    named = [c for c in step.contacts if not pair or c not in (pair.office, pair.out_of_hours)]
    actions = []
    if own:
        members = [c for c in named if c != "dsl" and c in site.team.by_id()]
        actions += [reach.action(site, c, linker, first_dsl) for c in named if c not in members]
        if members:
            actions.append(reach.members_line([site.team.by_id()[m] for m in members], linker))
    elif named:
        people = site.reachable()
        actions.append(Html('<p class="step__contacts">Contacts: {}</p>').format(
            Html(", ").join(Html('<a href="{}">{}</a>').format(linker.contact(c), reach.name_of(people[c]))
                              for c in named)))
    if pair:
        actions.append(reach.pair_panel(site, pair, linker))
    body = Html("").join(Html('<div class="step__action">{}</div>').format(a) for a in actions)
    on_paper = Html(' data-paper-heading="{}"').format(heading) if heading else ""
    return Html(
        '<li class="step"><p class="step__do"{}><strong>{}</strong></p><p class="step-meta">{}</p>{}'
        '<p class="step-source">From the policy: {}</p></li>'
    ).format(on_paper, step.do, meta, body, clause_links(site, step.clauses, linker))


def outcome_body(site: SiteData, outcome: Outcome, linker: Linker) -> Html:
    """Everything of an outcome below its title and summary."""
    parts = []
    for caution in outcome.cautions:
        parts.append(Html(
            '<div class="admonition warning"><p class="admonition-title">A problem in the policy</p><p>{} ({})</p></div>'
        ).format(caution.text, clause_links(site, caution.clauses, linker)))
    own = [s for s in outcome.steps if is_own_step(s)]
    first_dsl_step = next((s for s in own if "dsl" in s.contacts), None)
    others = [s for s in outcome.steps if not is_own_step(s)]

    def items(steps: list[Step], is_own: bool, heading: str) -> Html:
        return Html("").join(step_item(site, s, linker, is_own, first_dsl=s is first_dsl_step,
                                       heading=heading if s is steps[0] else "") for s in steps)

    if own and outcome.emergency:
        # The NHS "immediate action required" card: the reader's own steps, 999 first.
        parts.append(Html(
            '<div class="steps steps--own emergency-card"><h2 class="steps__heading emergency-card__title">'
            "{}</h2><ol>{}</ol></div>").format(EMERGENCY_HEADING, items(own, True, EMERGENCY_HEADING)))
    elif own:
        parts.append(Html('<h2 class="steps__heading">{}</h2><div class="steps steps--own"><ol>{}</ol></div>')
                     .format(OWN_HEADING, items(own, True, OWN_HEADING)))
    if others:
        parts.append(Html('<h2 class="steps__heading">{}</h2><div class="steps steps--next"><ol>{}</ol></div>')
                     .format(NEXT_HEADING, items(others, False, NEXT_HEADING)))
    if outcome.guide == "language":
        parts.append(language_guide(site, linker))
    parts.append(sources(site, outcome, linker))
    return Html('<div class="outcome" data-outcome-body="{}">{}</div>').format(outcome.id, Html("").join(parts))


def sources(site: SiteData, outcome: Outcome, linker: Linker) -> Html:
    """"Where this comes from": every clause the outcome cites, by section; collapsed on screen,
    printed open."""
    cited: dict[str, list[str]] = {}
    for step in outcome.steps:
        for clause in step.clauses:
            section = clause.split(".")[0]
            if clause not in cited.setdefault(section, []):
                cited[section].append(clause)
    rows = Html("").join(
        Html('<li>Section {}: {}</li>').format(section, clause_links(site, clauses, linker))
        for section, clauses in sorted(cited.items(), key=lambda item: int(item[0]))
    )
    return Html('<details class="outcome__sources"><summary>Where this comes from</summary>'
                  "<p>Every step above comes from these clauses of the policy:</p><ul>{}</ul></details>").format(rows)


def guidance_link(link) -> Html:
    """A guidance document the policy names; an address not confirmed is not guessed."""
    if link.confirmed:
        return Html('<a href="{}">{}</a>').format(link.url, link.title)
    return Html('{} <span class="editorial">({}: address to be confirmed by the policy owner)</span>').format(
        link.title, link.publisher)


def language_guide(site: SiteData, linker: Linker) -> Html:
    """The language guide of data/training.yml (10.0): do's, don'ts and examples, each citing its
    clauses, and the guidance the policy names for it."""
    language = site.training.language

    def points(items) -> Html:
        return Html("").join(Html("<li>{} ({})</li>").format(p.text, clause_links(site, p.clauses, linker))
                               for p in items)

    examples = Html("").join(
        Html("<li>Instead of “{}”, try “{}” ({})</li>").format(e.instead_of, e.say, clause_links(site, e.clauses, linker))
        for e in language.examples)
    guidance = Html("").join(Html("<li>{}</li>").format(guidance_link(link))
                               for link in site.links.links if "10.0" in link.clauses)
    return Html(
        '<h2>Do</h2><ul class="language__do">{}</ul><h2>Don\'t</h2><ul class="language__dont">{}</ul>'
        '<h2>Examples</h2><p class="language__note">Examples written for this site: the policy itself gives no list of '
        'phrases.</p><ul class="language__examples">{}</ul><h2>Further guidance the policy names</h2><ul>{}</ul>'
    ).format(points(language.do), points(language.dont), examples, guidance)


def question_options(question: Question, page_of, linker: Linker) -> Html:
    """The answers, as links to the next page (the navigator turns them into in-page answers)."""
    items = Html("").join(
        Html('<li><a class="navigator__option" href="{}" data-next="{}">{}</a></li>').format(
            linker.page(page_of(o.next)), o.next, o.label)
        for o in question.options
    )
    # A named group: a screen reader hears "Answers, list, 2 items" after the question.
    return Html('<div class="options" role="group" aria-label="Answers"><ul>{}</ul></div>').format(items)
