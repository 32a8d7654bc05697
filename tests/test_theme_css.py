"""Material's stylesheet as the build ships it (macros/theme_css.py): the rules this site can
never use are left out, and every class a page uses keeps its rules."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from macros.theme_css import THEME_STYLESHEET, classes_needed, matching_brace, prune, split_selectors

THEME_ASSETS = Path(material.__file__).parent / "templates"


def test_a_rule_for_a_class_nowhere_in_the_site_is_left_out():
    css = ".used{color:red}.unused{color:blue}.used .unused,.used p{margin:0}"
    assert prune(css, {"used"}) == ".used{color:red}.used p{margin:0}"


def test_at_rules_are_kept_whole_and_grouping_ones_pruned_inside():
    css = ("@font-face{font-family:x}@keyframes spin{0%{opacity:0}to{opacity:1}}"
           "@media screen{.unused{color:red}}@media print{.used{color:red}.unused{x:y}}")
    assert prune(css, {"used"}) == ("@font-face{font-family:x}@keyframes spin{0%{opacity:0}to{opacity:1}}"
                                    "@media print{.used{color:red}}")


@pytest.mark.parametrize(("selector", "needed"), [
    (".md-typeset :is(.admonition,details)", {"md-typeset"}),  # one of a list may be enough
    (".md-nav__link:not(.md-nav__container)", {"md-nav__link"}),
    ('a[href$=".pdf"]', set()),  # a dot in an attribute's value is not a class
    ("[data-md-color-scheme=slate]", set()),
    (".a.b > .c", {"a", "b", "c"}),
])
def test_the_classes_a_selector_needs(selector, needed):
    assert classes_needed(selector) == needed


def test_a_selector_list_splits_at_its_top_level_commas_only():
    assert split_selectors('.a :is(.b,.c),.d[x=","],p') == [".a :is(.b,.c)", '.d[x=","]', "p"]


def rules(css: str, within: str = "") -> set[tuple[str, str, str]]:
    """Each (at-rule it is in, selector, declarations) of a stylesheet."""
    found, position = set(), 0
    while (opening := css.find("{", position)) != -1:
        closing = matching_brace(css, opening)
        head, body = css[position:opening].strip(), css[opening + 1:closing]
        position = closing + 1
        if head.startswith("@"):
            # A grouping at-rule (@media) holds rules; any other (@font-face) is one rule.
            found |= rules(body, within + head) if "{" in body else {(within, head, body)}
        else:
            found |= {(within, selector.strip(), body) for selector in split_selectors(head)}
    return found


def test_every_rule_the_pages_classes_need_is_shipped(built_site):
    """Read from the pages' class attributes alone (narrower than the build's every word): each
    rule of the theme that needs only those classes is in the stylesheet the build ships."""
    [shipped] = built_site.path.glob(THEME_STYLESHEET)
    [original] = THEME_ASSETS.glob(THEME_STYLESHEET)
    theme, kept = original.read_text(encoding="utf-8"), shipped.read_text(encoding="utf-8")
    assert len(kept) < 0.8 * len(theme), "the stylesheet is no smaller: does the build still prune it?"
    classes = {name for page in built_site.pages()
               for names in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")) for name in names.split()}
    needed = {(within, selector, body) for within, selector, body in rules(theme)
              if selector.startswith("@") or classes_needed(selector) <= classes}
    missing = needed - rules(kept)
    assert not missing, f"{len(missing)} rules lost, e.g. {sorted(missing)[:3]}"
