"""Text from data/ as it goes into a page: always shown as text, never read as markup.

A value from data/ can reach a page through three readers: the browser (HTML), Python-Markdown
(links, emphasis, headings, attribute lists) and mkdocs-macros (``{{ }}``, since the generated
pages are templates too). ``plain()`` writes every character any of them gives a meaning as a
numeric character reference, which all three read as that character and nothing more. ``Html``
is markupsafe's ``Markup`` with that same escape, so HTML built with ``Html(...).format(value)``
escapes every value by construction.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# HTML's own specials, and the characters that start Markdown or template syntax.
_SPECIAL = {character: f"&#{ord(character)};" for character in "&<>\"'\\`*_[]{}()!#|~"}
_TABLE = str.maketrans(_SPECIAL)
# At the start of a value (the values are one paragraph: whitespace is collapsed) these start a
# list, a quote or a heading underline.
_LINE_START = re.compile(r"^([-+>=]|\d+(?=[.)]))")


def _escaped(value: object) -> str:
    words = " ".join(str(value).split())
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), words.translate(_TABLE))


class Html(Markup):
    """HTML that escapes every value put into it (``format``, ``join``, ``+``) with ``plain()``'s
    rules. HTML it is given as ``Markup``/``Html`` is kept as it is."""

    __slots__ = ()

    @classmethod
    def escape(cls, value: object) -> Html:
        if hasattr(value, "__html__"):
            return cls(value.__html__())
        return cls(_escaped(value))


def plain(value: object) -> Html:
    """A text value, safe in HTML, in attributes and in Markdown: no tag, link, emphasis, heading,
    attribute list or template expression survives."""
    return Html.escape(value)


_STRONG = re.compile(r"&#42;&#42;(.+?)&#42;&#42;")


def formatted(value: object) -> Html:
    """A text value that may use the one piece of Markdown the policy's text needs: **strong**
    (e.g. "team members **must** remain alert"). Everything else is escaped as in ``plain()``."""
    return Html(_STRONG.sub(r"<strong>\1</strong>", str(plain(value))))
