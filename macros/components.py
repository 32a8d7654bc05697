"""The site's views as Jinja templates (overrides/partials/components/), each given a small view
model by Python, which keeps no markup of its own for them (the govuk-frontend way: a component
is its template, and its examples are its tests, tests/test_components.py).

Every value a template prints is escaped as ``plain()`` escapes it (macros/text.py): as text for
the browser, Python-Markdown and mkdocs-macros alike, since a component's HTML goes into pages
that all three read. A value that is ``Html`` already (another component) is kept as it is.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from sitedata import PROJECT_ROOT

from .template_cache import TEMPLATES
from .text import Html, plain

COMPONENTS = PROJECT_ROOT / "overrides" / "partials" / "components"
# Pages made from data, in Markdown, e.g. an outcome's page: filled in the same way.
PAGES = PROJECT_ROOT / "overrides" / "partials" / "pages"
# Our own words inside policy text (e.g. "address to be confirmed") carry this class, so that
# readers, print and the fidelity test (macros/fidelity.py) can tell them from the policy's words.
EDITORIAL = "editorial"

_templates = Environment(loader=FileSystemLoader([COMPONENTS, PAGES]), autoescape=True, finalize=plain,
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, bytecode_cache=TEMPLATES)
_templates.globals["editorial"] = EDITORIAL


def render(component: str, /, **view) -> Html:
    """The ``component`` (its file, without .html) filled in with ``view``."""
    return Html(_templates.get_template(f"{component}.html").render(**view))


def markdown_page(page: str, /, **view) -> Html:
    """The Markdown ``page`` (its file in PAGES, without .md), or a part of one, filled in with
    ``view``. A value is escaped as in a component; an address for a Markdown link is given as
    ``Html``, unescaped."""
    return Html(_templates.get_template(f"{page}.md").render(**view))


def not_in_policy() -> Html:
    """What a fact from outside the policy says beside it: the one wording (_phrases.html)."""
    return Html(_templates.get_template("_phrases.html").module.not_in_policy())


def clause_link(text: str, href: str, beside_step: bool = False) -> Html:
    """A link to a clause of the policy: its number (or ``text``), leading to its place."""
    return render("clause-link", text=text, href=href, beside_step=beside_step)
