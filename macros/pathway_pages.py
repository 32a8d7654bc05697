"""Every view of the decision pathways, made from the one graph in ``data/pathways.yml``:

- a page per outcome (``what-to-do/<id>.md``): numbered steps, who and when, tap-to-call, clauses;
- a page per question (``what-to-do/questions/<id>.md``): the navigator without JavaScript;
- the flowchart and the list of situations, for the "What to do now" pages;
- the graph as plain data (``navigator_graph``), what the navigator shows, for the tests and tools
  that check the pages against it (the navigator itself reads the pages it is on).

Functions return Markdown (an outcome's and a question's page from their templates in
``overrides/partials/pages/``) or plain data; none knows about MkDocs.
"""

from __future__ import annotations

import json

from sitedata.addresses import CONTACTS, FLOWCHART, HUB, Linker, built_address, contact_anchor, outcome_path, question_path
from sitedata.clauses import anchor_id
from sitedata.load import SiteData
from sitedata.pathways import Outcome, PathwayGraph, Question

from . import flowchart as drawn
from . import components, reach, render, screens
from .text import Html

JSON_VERSION = 1


def node_page(graph: PathwayGraph, node_id: str) -> str:
    """The docs/ path of a node's page."""
    return outcome_path(node_id) if isinstance(graph.nodes()[node_id], Outcome) else question_path(node_id)


def generated_pages(site: SiteData, directory_urls: bool = True) -> dict[str, str]:
    """Every page the graph makes: {docs/ path: Markdown}."""
    graph = site.pathways
    pages = {node_page(graph, o.id): outcome_page(site, o, directory_urls) for o in graph.outcomes}
    pages |= {node_page(graph, q.id): question_page(graph, q, directory_urls) for q in graph.questions}
    return pages


def title_in_front_matter(title: str) -> Html:
    """A generated page's title as its front matter gives it: as written, a JSON string (which is
    YAML), so that the menu and the browser's tab show "children's", never the heading's
    "children&#39;s" (the hooks escape it once for the theme)."""
    return Html(json.dumps(title))


# --- outcome and question pages --------------------------------------------------------------


def outcome_page(site: SiteData, outcome: Outcome, directory_urls: bool = True) -> str:
    here = node_page(site.pathways, outcome.id)
    linker = Linker(here, directory_urls)
    return components.markdown_page(
        "outcome", title_yaml=title_in_front_matter(outcome.title), title=outcome.title,
        answer=screens.answer_screen(site, outcome, linker), guidance=render.nation_guidance(site, linker),
        see_also=[{"text": related.title, "href": render.page_target(node_page(site.pathways, related.id), here)}
                  for related in map(site.pathways.outcome, outcome.related)],
        hub_href=render.page_target(HUB, here), flowchart_href=render.page_target(FLOWCHART, here), contacts_href=render.page_target(CONTACTS, here))


def question_page(graph: PathwayGraph, question: Question, directory_urls: bool = True) -> str:
    here = node_page(graph, question.id)
    linker = Linker(here, directory_urls)
    # Question pages are steps of the navigator without JavaScript: search finds the outcomes.
    return components.markdown_page(
        "question", title_yaml=title_in_front_matter(question.text), title=question.text,
        help=question.help or "", options=screens.question_options(question, lambda node: node_page(graph, node), linker),
        hub_href=render.page_target(HUB, here))


# --- the navigator: every screen, as templates in the page that hosts it ----------------------


def navigator_screens(site: SiteData, from_page: str, directory_urls: bool = True) -> str:
    """Each question and outcome as a <template> of the page ``from_page``: navigator.js shows one
    at a time. The same renderers make the static pages, so the two cannot drift apart."""
    graph = site.pathways
    linker = Linker(from_page, directory_urls)

    def page(node_id: str) -> str:
        return node_page(graph, node_id)

    return str(components.render(
        "navigator-screens", hub_href=None,
        questions=[{"id": q.id, "title": q.text, "page": built_address(page(q.id), directory_urls), "help": q.help,
                    "options": screens.question_options(q, page, linker)} for q in graph.questions],
        outcomes=[{"id": o.id, "title": o.title, "href": linker.page(page(o.id)),
                   "page": built_address(page(o.id), directory_urls), "screen": screens.answer_screen(site, o, linker)}
                  for o in graph.outcomes]))


def navigator_screens_from_hub(from_page: str, directory_urls: bool = True) -> str:
    """No screens, but where to find them: the hub page, whose screens navigator.js reads when
    the reader first taps a way in. For the home page, which every first visit opens: the
    screens would add a tenth to what that visit downloads, and after it the service worker
    keeps the hub page for use without signal."""
    return str(components.render("navigator-screens", hub_href=Linker(from_page, directory_urls).page(HUB)))


# --- the hub and the flowchart ----------------------------------------------------------------


def starts_list(graph: PathwayGraph, linker: Linker, home: bool = False) -> str:
    """The ways in, as large buttons (components/starts.html): the main start first, then the
    shortcuts. On the home page the emergency comes first, the main start leads to the hub
    (where the navigator takes over when JavaScript is on), and only the shortcuts marked
    on_home are shown."""
    main, *shortcuts = graph.starts
    shown = [s for s in shortcuts if s.on_home or not home]
    if home:
        shown = [s for s in shown if s.emergency] + [main] + [s for s in shown if not s.emergency]
    else:
        shown = [main, *shown]
    return str(components.render("starts", starts=[
        {"label": s.label, "id": s.id, "node": s.node, "emergency": s.emergency, "main": s is main,
         "href": linker.page(HUB if home and s is main else node_page(graph, s.node))} for s in shown])) + "\n"


def situations_list(graph: PathwayGraph, linker: Linker) -> str:
    return str(components.render("situations", situations=[
        {"href": linker.page(node_page(graph, o.id)), "title": o.title, "summary": o.summary}
        for o in graph.outcomes]))


def flowchart(graph: PathwayGraph, from_page: str, directory_urls: bool = True) -> Html:
    """Each start drawn as boxes and arrows (macros/flowchart.py), and the same as a nested list
    of questions and answers that ends at outcomes: the list is what a screen reader reads (the
    drawing is hidden from it), and on a projector it is drawn left to right (present.css).
    On paper, every start is drawn on one sheet, each outcome with its page in the policy PDF."""
    nodes = graph.nodes()
    linker = Linker(from_page, directory_urls)

    # A question that is another way in has a slide of its own on a projector (a slide per way
    # in, in order), where the slides of the ways in that lead to it leave its branches out
    # (present.css), to stay readable.
    own_slide = {start.node: number for number, start in enumerate(graph.starts, start=1)}

    def rows(node_id: str, depth: int) -> list[dict]:
        node = nodes[node_id]
        row = {"indent": Html("    " * depth), "href": render.page_target(node_page(graph, node_id), from_page), "slide": None}
        if isinstance(node, Outcome):
            return [dict(row, kind="outcome", text=node.title)]
        found = [dict(row, kind="question", text=node.text, slide=own_slide.get(node_id) if depth else None)]
        for option in node.options:
            found.append({"indent": Html("    " * (depth + 1)), "kind": "answer", "text": option.label})
            found += rows(option.next, depth + 2)
        return found

    def page_of(node: str) -> str:
        return node_page(graph, node)

    return components.markdown_page("flowchart", paper_sheet=drawn.paper_sheet(graph, page_of, linker), starts=[
        {"label": start.label, "drawing": drawn.draw_start(graph, start, page_of, linker), "rows": rows(start.node, 0)}
        for start in graph.starts])


# --- the graph as data ------------------------------------------------------------------------


def navigator_graph(site: SiteData, directory_urls: bool = True) -> dict:
    """What the navigator shows, as plain data: each start, question and outcome, with the
    addresses the build gives them. The tests walk the built pages against it.

    Shape (version 1):
      version: 1
      policy: {title, setting, updated (YYYY-MM-DD)}
      starts: [{id, label, node}]            the first is the main start; the rest are shortcuts
      questions: {id: {text, help|null, page, options: [{id, label, next}]}}
      outcomes: {id: {title, summary, page, steps: [{do, who, by: [actor id], when|null, contacts: [id],
                 clauses: [{number, url}]}], cautions: [{text, clauses}], related: [id]}}
      contacts: {id: {name, role|null, phone|null, tel|null, email|null, in_policy, card}}
    Every ``next`` and ``node`` is a key of questions or outcomes; every step contact is a key
    of contacts. Addresses are relative to the site's root.
    """
    graph = site.pathways

    def url_of(target: str) -> str:
        page, _, anchor = target.partition("#")
        return built_address(page, directory_urls) + (f"#{anchor}" if anchor else "")

    def clauses(numbers: list[str]) -> list[dict]:
        return [{"number": n, "url": url_of(f"{site.clause_page(n)}#{anchor_id(n)}")} for n in numbers]

    used_contacts = {c for o in graph.outcomes for step in o.steps for c in step.contacts}
    return {
        "version": JSON_VERSION,
        "policy": {"title": site.setting.policy.title, "setting": site.setting.name,
                   "updated": site.versions.current.date.isoformat()},
        "starts": [s.model_dump() for s in graph.starts],
        "questions": {
            q.id: {"text": q.text, "help": q.help, "page": url_of(node_page(graph, q.id)),
                   "options": [o.model_dump() for o in q.options]}
            for q in graph.questions
        },
        "outcomes": {
            o.id: {
                "title": o.title, "summary": o.summary, "page": url_of(node_page(graph, o.id)),
                "steps": [{"do": s.do, "who": s.who, "by": s.by, "when": s.when, "contacts": s.contacts,
                           "clauses": clauses(s.clauses)} for s in o.steps],
                "cautions": [{"text": c.text, "clauses": clauses(c.clauses)} for c in o.cautions],
                "related": o.related,
            }
            for o in graph.outcomes
        },
        "contacts": {
            c: {"name": reach.name_of(r), "role": r.role,
                "phone": reach.phone_of(r).display if reach.phone_of(r) else None,
                "tel": reach.phone_of(r).tel if reach.phone_of(r) else None,
                "email": reach.email_of(r), "in_policy": getattr(r, "in_policy", True),
                "card": url_of(f"{CONTACTS}#{contact_anchor(c)}")}
            for c, r in site.reachable().items() if c in used_contacts
        },
    }
