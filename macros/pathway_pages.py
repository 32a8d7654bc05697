"""Every view of the decision pathways, made from the one graph in ``data/pathways.yml``:

- a page per outcome (``what-to-do/<id>.md``): numbered steps, who and when, tap-to-call, clauses;
- a page per question (``what-to-do/questions/<id>.md``): the navigator without JavaScript;
- the flowchart and the list of situations, for the "What to do now" pages;
- ``pathways.json``, the same graph for the navigator script in the browser.

Functions return Markdown (or plain data for the JSON); none reads files or knows about MkDocs.
"""

from __future__ import annotations

from . import render
from .clauses import anchor_id
from .pathways import Outcome, PathwayGraph, Question
from .sitedata import SiteData

HUB = "what-to-do/index.md"
FLOWCHART = "what-to-do/flowchart.md"
CONTACTS = "contacts.md"
JSON_NAME = "pathways.json"
JSON_VERSION = 1


def site_address(docs_page: str, directory_urls: bool = True) -> str:
    """Where a docs/ page is built, relative to the site's root, as MkDocs builds it:
    'what-to-do/concern.md' -> 'what-to-do/concern/' (or 'what-to-do/concern.html')."""
    stem = docs_page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem if directory_urls else stem + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def node_page(graph: PathwayGraph, node_id: str) -> str:
    """The docs/ path of a node's page."""
    if isinstance(graph.nodes()[node_id], Outcome):
        return f"what-to-do/{node_id}.md"
    return f"what-to-do/questions/{node_id}.md"


def generated_pages(site: SiteData) -> dict[str, str]:
    """Every page the graph makes: {docs/ path: Markdown}."""
    graph = site.pathways
    pages = {node_page(graph, o.id): outcome_page(site, o) for o in graph.outcomes}
    pages |= {node_page(graph, q.id): question_page(graph, q) for q in graph.questions}
    return pages


# The pages are made from data: they must not be read as Jinja templates by mkdocs-macros.
FRONT_MATTER = "---\nrender_macros: false\n---\n\n"
# Question pages are steps of the navigator without JavaScript: search finds the outcomes.
QUESTION_FRONT_MATTER = "---\nrender_macros: false\nsearch:\n  exclude: true\n---\n\n"


# --- outcome pages ----------------------------------------------------------------------------


def outcome_page(site: SiteData, outcome: Outcome) -> str:
    here = node_page(site.pathways, outcome.id)
    lines = [FRONT_MATTER + f"# {outcome.title}", "", f"{outcome.summary}", "{ .lead }", ""]
    for caution in outcome.cautions:
        lines += ['!!! warning "A problem in the policy"', f"    {caution.text} ({clause_links(site, caution.clauses, here)})", ""]
    lines += ["## What to do", "", '<div class="steps" markdown>', ""]
    for number, step in enumerate(outcome.steps, start=1):
        lines += [f"{number}.  **{step.do}**", ""]
        lines += [f"    **Who:** {step.who}" + (f"<br>**When:** {step.when}" if step.when else ""), "{ .step-meta }", ""]
        buttons = [contact_button(site, contact_id, here) for contact_id in step.contacts]
        if buttons:
            lines += ["    " + " ".join(buttons), ""]
        lines += [f"    From the policy: {clause_links(site, step.clauses, here)}", "{ .step-source }", ""]
    lines += ["</div>", ""]
    related = [site.pathways.outcome(r) for r in outcome.related]
    lines += ["## See also", ""]
    lines += [f"- [{r.title}]({render.relative(node_page(site.pathways, r.id), here)})" for r in related]
    lines += [
        f"- [All situations: what to do now]({render.relative(HUB, here)})",
        f"- [The flowchart]({render.relative(FLOWCHART, here)})",
        f"- [All contacts]({render.relative(CONTACTS, here)})",
        "",
    ]
    return "\n".join(lines)


def clause_links(site: SiteData, clauses: list[str], from_page: str) -> str:
    return ", ".join(render.clause_link(c, site.clause_page(c), from_page) for c in clauses)


def contact_button(site: SiteData, contact_id: str, from_page: str) -> str:
    """How to reach a contact from a step: call or email buttons, or, for a person the policy
    gives no number for (the DSL), a link to their card on the contacts page."""
    contact = site.contacts.by_id()[contact_id]
    buttons = render.contact_actions(contact, label=contact.name)
    if buttons and not contact.in_policy:
        card = f"{render.relative(CONTACTS, from_page)}#contact-{contact.id}"
        return f'{buttons} <span class="not-in-policy">{contact.name}: [not in the policy, check with your DSL]({card})</span>'
    if buttons:
        return buttons
    who = f"{contact.name}, {contact.role}" if contact.role else contact.name
    return f"[Find {who}]({render.relative(CONTACTS, from_page)}#contact-{contact.id}){{ .contact-action }}"


# --- question pages (the navigator without JavaScript) -----------------------------------------


def question_page(graph: PathwayGraph, question: Question) -> str:
    here = node_page(graph, question.id)
    lines = [QUESTION_FRONT_MATTER + f"# {question.text}", ""]
    if question.help:
        lines += [question.help, "{ .lead }", ""]
    lines += ['<div class="options" markdown>', ""]
    lines += [f"- [{o.label}]({render.relative(node_page(graph, o.next), here)})" for o in question.options]
    lines += ["", "</div>", "", f"[Start again]({render.relative(HUB, here)})", ""]
    return "\n".join(lines)


# --- the hub and the flowchart ----------------------------------------------------------------


def starts_list(graph: PathwayGraph, from_page: str, home: bool = False) -> str:
    """The ways in, as large buttons: the main start first, then the shortcuts. On the home page
    the main start leads to the hub (where the navigator takes over when JavaScript is on), and
    only the shortcuts marked on_home are shown."""
    main, *shortcuts = graph.starts
    first = HUB if home else node_page(graph, main.node)
    items = [f'- [{main.label}]({render.relative(first, from_page)}){{ data-navigator-start="{main.id}" }}']
    items += [
        f'- [{s.label}]({render.relative(node_page(graph, s.node), from_page)}){{ data-navigator-start="{s.id}" }}'
        for s in shortcuts if s.on_home or not home
    ]
    return '<div class="options" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


def situations_list(graph: PathwayGraph, from_page: str) -> str:
    return "\n".join(
        f"- [{o.title}]({render.relative(node_page(graph, o.id), from_page)}): {o.summary}" for o in graph.outcomes
    ) + "\n"


def flowchart(graph: PathwayGraph, from_page: str) -> str:
    """Each start as a nested list of questions and answers that ends at outcomes. It is the
    flowchart on screen and on paper, and it reads in order for a screen reader."""
    nodes = graph.nodes()

    def branch(node_id: str, depth: int) -> list[str]:
        pad = "    " * depth
        node = nodes[node_id]
        link = render.relative(node_page(graph, node_id), from_page)
        if isinstance(node, Outcome):
            return [f"{pad}- [{node.title}]({link}){{ .flow-outcome }}"]
        lines = [f"{pad}- [{node.text}]({link}){{ .flow-question }}"]
        for option in node.options:
            lines.append(f"{pad}    - *{option.label}*")
            lines += branch(option.next, depth + 2)
        return lines

    sections = []
    for start in graph.starts:
        sections += [f"### {start.label}", "", '<div class="flowchart" markdown>', "", *branch(start.node, 0), "", "</div>", ""]
    return "\n".join(sections)


# --- pathways.json ----------------------------------------------------------------------------


def export(site: SiteData, directory_urls: bool = True) -> dict:
    """The graph for the navigator script (written to pathways.json, and embedded in the pages
    that host the navigator so that it also works from a copy opened from disk).

    Shape (version 1):
      version: 1
      policy: {title, setting, updated (YYYY-MM-DD)}
      starts: [{id, label, node}]            the first is the main start; the rest are shortcuts
      questions: {id: {text, help|null, page, options: [{label, next}]}}
      outcomes: {id: {title, summary, page, steps: [{do, who, when|null, contacts: [id],
                 clauses: [{number, url}]}], cautions: [{text, clauses}], related: [id]}}
      contacts: {id: {name, role|null, phone|null, tel|null, email|null, in_policy, card}}
    Every ``next`` and ``node`` is a key of questions or outcomes; every step contact is a key
    of contacts. Addresses are relative to the site's root.
    """
    graph = site.pathways

    def url_of(target: str) -> str:
        page, _, anchor = target.partition("#")
        return site_address(page, directory_urls) + (f"#{anchor}" if anchor else "")

    def clauses(numbers: list[str]) -> list[dict]:
        return [{"number": n, "url": url_of(f"{site.clause_page(n)}#{anchor_id(n)}")} for n in numbers]

    used_contacts = {c for o in graph.outcomes for step in o.steps for c in step.contacts}
    return {
        "version": JSON_VERSION,
        "policy": {"title": site.setting.policy.title, "setting": site.setting.name,
                   "updated": site.setting.policy.updated.isoformat()},
        "starts": [s.model_dump() for s in graph.starts],
        "questions": {
            q.id: {"text": q.text, "help": q.help, "page": url_of(node_page(graph, q.id)),
                   "options": [o.model_dump() for o in q.options]}
            for q in graph.questions
        },
        "outcomes": {
            o.id: {
                "title": o.title, "summary": o.summary, "page": url_of(node_page(graph, o.id)),
                "steps": [{"do": s.do, "who": s.who, "when": s.when, "contacts": s.contacts,
                           "clauses": clauses(s.clauses)} for s in o.steps],
                "cautions": [{"text": c.text, "clauses": clauses(c.clauses)} for c in o.cautions],
                "related": o.related,
            }
            for o in graph.outcomes
        },
        "contacts": {
            c.id: {"name": c.name, "role": c.role,
                   "phone": c.phone.display if c.phone else None, "tel": c.phone.tel if c.phone else None,
                   "email": str(c.email) if c.email else None, "in_policy": c.in_policy,
                   "card": url_of(f"{CONTACTS}#contact-{c.id}")}
            for c in site.contacts.contacts if c.id in used_contacts
        },
    }
