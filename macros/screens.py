"""The screens of "What to do now", each rendered by one function whose HTML every view uses:
the outcome and question pages, the navigator (the same HTML in <template> elements of the pages
that host it), and print.

An outcome leads with its first action (999 on an emergency's card; else the way to reach the
DSL, as a call button where the setting has given a number and in person where it has not),
then what the reader does ("What you do now": the steps the reader leads, by: [reader, ...],
each with one way to act), then what others do ("What happens next", contacts named as text,
with the "who to call now" panel where the DSL needs the local authority), and last "Where this
comes from". Every step keeps its who, its when and the clauses it comes from.

All text from data/ is escaped (markupsafe); the output is HTML, safe to place in a page.
"""

from __future__ import annotations

import re

from sitedata.addresses import Linker, outcome_path
from sitedata.load import SiteData
from sitedata.pathways import Outcome, Question, Step

from . import components, reach, render
from .reach import clause_links
from .text import Html

OWN_HEADING = "What you do now"
EMERGENCY_HEADING = "Immediate action required"
NEXT_HEADING = "What happens next"


def step_item(site: SiteData, step: Step, linker: Linker, offered: set[str], term: Html = Html(""),
              emergency: bool = False, heading: str = "") -> Html:
    """One step: what to do, who and when, one way to act on each contact, and its clauses.
    ``offered``: the people (and "who to call now" panels) this screen has already offered in full
    (the DSL's whole control, the answer's first action): a step names them again only by their
    call button, if any. ``term``: the explanation of a word the step uses, where this screen
    first uses it. ``emergency``: the step is an emergency's; its call buttons are filled (the
    card's first is 999; elsewhere a screen's one filled button is its first action), and out of
    office hours its panel is the reader's to act on, whoever leads the step. ``heading``: the
    first step of a list carries the list's heading for paper, where it prints as part of the
    step's first line (site.css), so that a page never ends with it."""
    # One "who to call now" panel a screen: the first step that names a pair of lines has it; a
    # later one names the lines as text.
    pair = reach.pair_in(site, step.contacts)
    if pair and pair.id in offered:
        pair = None
    named = [c for c in step.contacts if not pair or c not in (pair.office, pair.out_of_hours)]
    actions = []
    if step.readers_own:
        team = site.team.by_id()
        paired = {line for p in site.contacts.line_pairs for line in (p.office, p.out_of_hours)}
        members = [c for c in named if c != "dsl" and c in team and c not in offered]
        lines = [c for c in named if c in paired]  # their panel is an earlier step's
        for contact in (c for c in named if c not in members and c not in lines):
            if contact in offered and contact != "dsl":
                # Offered in full above (the answer's first action): its call button, if any.
                if team[contact].dial:
                    actions.append(reach.call_member(team[contact]))
            else:
                actions.append(reach.action(site, contact, linker, full=contact not in offered, when=step.when,
                                            primary=emergency))
                offered.add(contact)
        if members:
            actions.append(reach.members_line([team[m] for m in members], linker))
        if lines:
            actions.append(contacts_named(site, lines, linker))
    elif named:
        actions.append(contacts_named(site, named, linker))
    if pair:
        # The panel belongs to whoever leads the step: the reader's call, or the DSL's information.
        actions.append(reach.pair_panel(site, pair, linker, for_reader=step.readers_own, out_of_hours_reader=emergency))
        offered.add(pair.id)
    return components.render("step", do=step.do, when=step.when, term=term, actions=[a for a in actions if a],
                             who=step.who, who_for_screen_readers=step.by == ["reader"],
                             clauses=clause_links(site, step.clauses, linker), heading=heading)


def contacts_named(site: SiteData, contact_ids: list[str], linker: Linker) -> Html:
    """Contacts a step names as text, each a link to its card: the call is someone else's, or the
    screen's "who to call now" panel offers it already."""
    people = site.reachable()
    return components.render("contacts-named", contacts=[
        {"name": reach.name_of(people[c]), "href": linker.contact(c)} for c in contact_ids])


def first_action(site: SiteData, outcome: Outcome) -> tuple[str, Step] | None:
    """What an answer's first screen offers below its summary: the first person the reader's own
    steps name (the DSL; on the route about the DSL, a deputy), with that step's deadline, where
    that step is the reader's first or has a deadline ("immediately"). None on an emergency,
    whose card leads with 999, and where the reader's first step is something else with no
    hurry to tell anyone (the language guide: "If you are worried, share your concern")."""
    if outcome.emergency:
        return None
    team = site.team.by_id()
    own = [s for s in outcome.steps if s.readers_own]
    # A step's first contact is whom it is about: "If they are in immediate danger, call 999 and
    # tell the DSL" is about 999, and the next step, "Report it to the DSL", about the DSL.
    return next(((s.contacts[0], s) for s in own if s.contacts and s.contacts[0] in team and (s is own[0] or s.when)),
                None)


def answer_first(site: SiteData, outcome: Outcome, linker: Linker) -> Html:
    """The answer's first action, right below its summary, so that it is in the first screen."""
    found = first_action(site, outcome)
    if not found:
        return Html("")
    contact, step = found
    return components.render("answer-first", action=reach.action(site, contact, linker, full=True, when=step.when))


def term_notes(site: SiteData, steps: list[Step]) -> dict[int, Html]:
    """Each word of data/pathways.yml's terms, explained once, in the first of ``steps`` that uses it."""
    notes: dict[int, Html] = {}
    for term in site.pathways.terms.values():
        user = next((n for n, step in enumerate(steps) if term.term.lower() in step.do.lower()), None)
        if user is not None:
            notes[user] = notes.get(user, Html("")) + components.render("term-note", term=term.term.capitalize(),
                                                                       means=term.means)
    return notes


def answer_screen(site: SiteData, outcome: Outcome, linker: Linker) -> Html:
    """An outcome below its title: its one-line summary, then its body. "DSL" is spelt out where
    the summary or the first action first uses it, for a reader new to the word (the steps are
    the data's words, as written)."""
    in_full = site.setting.dsl_in_full
    summary = components.render("answer-summary", summary=outcome.summary)
    first = answer_first(site, outcome, linker)
    if DSL.search(outcome.summary):
        summary = spell_out_first(summary, in_full)
    else:
        first = spell_out_first(first, in_full)
    return summary + outcome_body(site, outcome, linker, first)


DSL = re.compile(r"\bDSL\b")


def spell_out_first(html: Html, in_full: str) -> Html:
    """``html`` with the first "DSL" in its text (not in a tag) written as ``in_full``
    ("Designated Safeguarding Lead (DSL)", data/group.yml)."""
    chunks = re.split(r"(<[^>]*>)", str(html))
    for number, chunk in enumerate(chunks):
        if not chunk.startswith("<") and DSL.search(chunk):
            chunks[number] = DSL.sub(str(Html.escape(in_full)), chunk, count=1)
            break
    return Html("".join(chunks))


def outcome_body(site: SiteData, outcome: Outcome, linker: Linker, first: Html) -> Html:
    """Everything of an outcome below its title and summary: the first action (``first``, from
    answer_first), the reader's own steps ("What you do now"), what else it could be, what
    others do ("What happens next"), and "Where this comes from" (clauses, problems in the
    policy, facts from outside it)."""
    own = [s for s in outcome.steps if s.readers_own]
    others = [s for s in outcome.steps if not s.readers_own]
    terms = term_notes(site, [*own, *others])
    found = first_action(site, outcome)
    offered = {found[0]} if found else set()

    def items(steps: list[Step], start: int, heading: str) -> Html:
        return Html("").join(step_item(site, s, linker, offered, terms.get(start + n, Html("")), outcome.emergency,
                                       heading if n == 0 else "") for n, s in enumerate(steps))

    return components.render(
        "outcome", id=outcome.id, first=first, emergency=outcome.emergency,
        own_heading=EMERGENCY_HEADING if outcome.emergency else OWN_HEADING,
        own=items(own, 0, EMERGENCY_HEADING if outcome.emergency else OWN_HEADING) if own else "",
        consider=consider(site, outcome, linker) if outcome.consider else "",
        next_heading=NEXT_HEADING, others=items(others, len(own), NEXT_HEADING) if others else "",
        guide=language_guide(site, linker) if outcome.guide == "language" else "",
        sources=sources(site, outcome, linker))


def consider(site: SiteData, outcome: Outcome, linker: Linker) -> Html:
    """The forms of exploitation a general answer names (trafficking, county lines), in the policy's
    words, each with the answer for it."""
    items = []
    for item in outcome.consider:
        target = site.pathways.outcome(item.outcome) if item.outcome else None
        items.append({"name": item.name, "text": item.text, "clauses": clause_links(site, item.clauses, linker),
                      "onward": {"href": linker.page(outcome_path(target.id)), "title": target.title} if target else None})
    return components.render("consider", items=items)


def sources(site: SiteData, outcome: Outcome, linker: Linker) -> Html:
    """"Where this comes from": every clause the outcome cites, by section; the problems in the
    policy that touch it; and each fact on the screen that is not in the policy, with its source.
    Collapsed on screen, printed open: below the reader's actions, never in front of them."""
    cited: dict[str, list[str]] = {}
    for step in outcome.steps:
        for clause in step.clauses:
            section = clause.split(".")[0]
            if clause not in cited.setdefault(section, []):
                cited[section].append(clause)
    return components.render(
        "sources",
        sections=[{"section": section, "clauses": clause_links(site, clauses, linker)}
                  for section, clauses in sorted(cited.items(), key=lambda item: int(item[0]))],
        cautions=[{"text": c.text, "clauses": clause_links(site, c.clauses, linker)} for c in outcome.cautions],
        outside=not_in_policy(site, outcome))


def not_in_policy(site: SiteData, outcome: Outcome) -> list[dict]:
    """Each contact the outcome names that the policy does not give, each term it explains, and
    any disagreement about a service's hours: the source address and when it was checked."""
    contacts = site.contacts.by_id()
    used = dict.fromkeys(c for step in outcome.steps for c in step.contacts if c in contacts)
    facts = []
    for contact in (contacts[c] for c in used):
        hours = contact.hours.sources_disagree if contact.hours else None
        if contact.source or hours:
            facts.append({"what": f"{contact.name}, {contact.phone.display}" if contact.phone else contact.name,
                          "source": render.source_of(contact.source), "hours": hours})
    steps_text = " ".join(step.do.lower() for step in outcome.steps)
    facts += [{"what": term.term.capitalize(), "source": render.source_of(term.source), "hours": None}
              for term in site.pathways.terms.values() if term.term.lower() in steps_text]
    return facts


def language_guide(site: SiteData, linker: Linker, handout: bool = False) -> Html:
    """The language guide of data/training.yml (10.0): do's, don'ts and examples, each citing its
    clauses; on screen with the guidance the policy names for it, or as the handout prints it."""
    language = site.training.language

    def cited(clauses: list[str]) -> Html:
        # On screen each clause is a tap target of its own, as beside a step; paper needs none.
        return clause_links(site, clauses, linker, beside_step=not handout)

    def points(items) -> list[dict]:
        return [{"text": p.text, "clauses": cited(p.clauses)} for p in items]

    return components.render(
        "language-guide", handout=handout, do=points(language.do), dont=points(language.dont),
        examples=[{"instead_of": e.instead_of, "say": e.say, "clauses": cited(e.clauses)} for e in language.examples],
        guidance=[reach.guidance_link(link, link.title)
                  for link in site.links.links if set(link.clauses) & set(language.clauses)])


def question_options(question: Question, page_of, linker: Linker) -> Html:
    """The answers, as links to the next page (the navigator turns them into in-page answers)."""
    return components.render("question-options", options=[
        {"href": linker.page(page_of(o.next)), "next": o.next, "label": o.label} for o in question.options])
