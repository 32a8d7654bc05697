"""The site's components (overrides/partials/components/, macros/components.py), each rendered from
its examples without building the site, as govuk-frontend tests its components: ordinary values,
edge values and hostile ones, which must come out as text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from jinja2 import UndefinedError

from macros import components

# What data/ may hold, to the letter: markup, Markdown, a template expression, quotes.
HOSTILE = '<script>alert(1)</script> *x* _y_ [z](http://e.example) {{ setting }} "\' &amp;'

# Each component's examples: (name, the view model, what the reader gets: the element's text
# and its attributes, as a browser reads them).
EXAMPLES = {
    "clause-link": [
        ("a clause", dict(text="11.5", href="../policy/11-concerns/#clause-11-5", beside_step=False),
         ("11.5", {"href": "../policy/11-concerns/#clause-11-5"})),
        ("beside a step", dict(text="12.7", href="#clause-12-7", beside_step=True),
         ("12.7", {"href": "#clause-12-7", "class": "step__clause"})),
        ("hostile", dict(text=HOSTILE, href='x" onclick="y', beside_step=False),
         (HOSTILE, {"href": 'x" onclick="y'})),
    ],
}


class Elements(HTMLParser):
    """The elements of a piece of HTML, with their attributes and text, as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.text = [], ""

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def read(html: str) -> Elements:
    parsed = Elements()
    parsed.feed(html)
    parsed.close()
    return parsed


@pytest.mark.parametrize("name, view, expected", [
    pytest.param(name, view, expected, id=f"{name}: {example}")
    for name, examples in EXAMPLES.items() for example, view, expected in examples])
def test_each_component_renders_its_examples_as_text(name, view, expected):
    html = components.render(name, **view)
    parsed = read(html)
    text, attributes = expected
    assert parsed.text == text
    assert [attrs for _, attrs in parsed.elements] == [attributes], "no element but the component's own"
    # Nothing of a value is left to start markup, Markdown or a template: pages read all three.
    assert not [raw for raw in ("<script", "*x*", "_y_", "[z]", "{{") if raw in html]


def test_every_component_has_examples():
    assert {path.stem for path in components.COMPONENTS.glob("*.html")} == set(EXAMPLES)


def test_a_component_inside_another_is_kept_as_html():
    link = components.clause_link("11.5", "#clause-11-5")
    assert components.render("clause-link", text=link, href="#x", beside_step=False).count("<a") == 2


def test_a_missing_value_stops_the_render():
    with pytest.raises(UndefinedError, match="beside_step"):
        components.render("clause-link", text="11.5", href="#x")
