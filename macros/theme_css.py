"""Material's stylesheet without the rules this site can never use, after each build
(``mkdocs_hooks.on_post_build``).

Material ships one stylesheet for every feature it has (code highlighting, tabs, annotations,
a dozen kinds of admonition, ...); this site uses few of them, and the stylesheet is a third of
what a phone downloads on a first visit. A rule is left out only when its selectors need a class
name that appears nowhere in the built site: in no page and in no script (Material's own
scripts included, which write the class names they add). Anything else stays: at-rules such as
@font-face and @keyframes whole, a class inside :is(), :where(), :not() or :has() (one of a
list may be enough), and every selector without a class. The build's pages and scripts are
the input, so a page that starts to use a feature gets its rules back in the same build.
"""

from __future__ import annotations

import re
from pathlib import Path

THEME_STYLESHEET = "assets/stylesheets/main.*.min.css"
# At-rules that hold rules to prune; any other at-rule (@font-face, @keyframes) is kept whole.
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")
CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
WORD = re.compile(r"[\w-]+")
# A functional pseudo-class and its argument, e.g. :is(.admonition,details).
PSEUDO_ARGUMENT = re.compile(r":(?:is|where|not|has|matches|-webkit-any)\(")
# An attribute selector, whose value may hold a dot: [href$=".pdf"].
ATTRIBUTE = re.compile(r"\[[^\]]*\]")


def prune_theme_stylesheet(site_dir: Path) -> None:
    used = words_in_site(site_dir)
    for path in site_dir.glob(THEME_STYLESHEET):
        path.write_text(prune(path.read_text(encoding="utf-8"), used), encoding="utf-8")


def words_in_site(site_dir: Path) -> set[str]:
    """Every word (letters, digits, - and _) of every built page and script."""
    words: set[str] = set()
    for path in [*site_dir.rglob("*.html"), *site_dir.rglob("*.js")]:
        words.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def prune(css: str, used: set[str]) -> str:
    """``css`` without the rules whose every selector needs a class that is not in ``used``."""
    kept = []
    position = 0
    while (opening := css.find("{", position)) != -1:
        closing = matching_brace(css, opening)
        head, body = css[position:opening], css[opening + 1:closing]
        position = closing + 1
        if head.strip().startswith(GROUPING_AT_RULES):
            if inner := prune(body, used):
                kept.append(f"{head}{{{inner}}}")
        elif head.strip().startswith("@"):
            kept.append(f"{head}{{{body}}}")
        elif selectors := [s for s in split_selectors(head) if classes_needed(s) <= used]:
            kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept) + css[position:]


def matching_brace(css: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(css)):
        depth += {"{": 1, "}": -1}.get(css[index], 0)
        if depth == 0:
            return index
    raise ValueError(f"the theme's stylesheet has an unclosed block at character {opening}")


def split_selectors(head: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) or [...])."""
    selectors, depth, start = [], 0, 0
    for index, character in enumerate(head):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(character, 0)
        if character == "," and depth == 0:
            selectors.append(head[start:index])
            start = index + 1
    return [*selectors, head[start:]]


def classes_needed(selector: str) -> set[str]:
    """The class names a selector needs, but those inside a functional pseudo-class or an
    attribute selector."""
    outside, depth, index = [], 0, 0
    while index < len(selector):
        if depth == 0 and (match := PSEUDO_ARGUMENT.match(selector, index)):
            depth, index = 1, match.end()
            continue
        if depth:
            depth += {"(": 1, ")": -1}.get(selector[index], 0)
        else:
            outside.append(selector[index])
        index += 1
    return set(CLASS_NAME.findall(ATTRIBUTE.sub("", "".join(outside))))
