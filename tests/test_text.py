"""macros/text.py: a value from data/ reads as itself through Markdown (with the site's own
extensions), through HTML and through the page templates, and never as markup."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from jinja2 import Environment

from macros.text import Html, formatted, plain

# The Markdown extensions of mkdocs.yml, as the site's build uses them.
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in
              yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["markdown_extensions"]]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[tap](javascript:alert(1))",
    "![p](https://hostile.example/p.png)",
    "# A heading",
    "- a list",
    "1. a numbered list",
    "> a quote",
    "*emphasis* and __strong__ and `code`",
    "Name { #id .class onclick=alert(1) }",
    "{{ config }} {% raw %}",
    "a | table | row",
    "O'Brien & \"Sons\"",
    "*[HTML]: an abbreviation",
]


def rendered(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=EXTENSIONS), "html.parser")


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("context", ["{}", "- {}", "## {}", "- [{}](page.md)", '<p class="x">{}</p>', "- <span>{}</span>"])
def test_a_value_reads_as_itself_in_every_markdown_context(value, context):
    html = rendered(context.format(plain(value)))
    assert html.get_text().strip() == value
    assert not html.find_all(["script", "img", "h1", "h3", "blockquote", "em", "strong", "code", "table", "abbr", "ol"])
    assert not html.select("[onclick], [id='id'], a[href^='javascript']")


def test_a_value_is_safe_inside_an_attribute():
    html = BeautifulSoup(f'<a title="{plain(HOSTILE[1])}" data-x=\'{plain("it" + chr(39) + "s")}\'>x</a>', "html.parser")
    assert html.a["title"] == HOSTILE[1] and html.a["data-x"] == "it's"


def test_a_value_is_not_a_template():
    page = Environment().from_string(f"<p>{plain('{{ 6 * 7 }} {% if true %}yes{% endif %}')}</p>").render()
    assert BeautifulSoup(page, "html.parser").get_text() == "{{ 6 * 7 }} {% if true %}yes{% endif %}"


def test_whitespace_is_one_paragraph():
    assert rendered("- " + str(plain("one\n\n# two"))).get_text().strip() == "one # two"


def test_formatted_allows_strong_and_nothing_else():
    html = rendered(f"- {formatted('team members **must** remain alert <b>x</b> [y](z)')}")
    assert [s.get_text() for s in html.find_all("strong")] == ["must"]
    assert html.get_text().strip() == "team members must remain alert <b>x</b> [y](z)"
    assert not html.find_all(["b", "a"])


def test_html_escapes_what_it_is_given_and_keeps_its_own_markup():
    built = Html("<li>{}</li>").format("[x](javascript:y)")
    assert built == "<li>&#91;x&#93;&#40;javascript:y&#41;</li>"
    assert Html("<p>{}</p>").format(Html("<b>kept</b>")) == "<p><b>kept</b></p>"
    assert plain(Html("<b>kept</b>")) == "<b>kept</b>"
