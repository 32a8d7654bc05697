"""The signs explorer page: every sign from ``data/indicators.yml``, grouped by the policy's
lists, each with every list it appears in. The page is complete without JavaScript;
``signs.js`` adds searching, filtering and the "signs I have noticed" summary.
"""

from __future__ import annotations

import html

from . import render
from .clauses import anchor_id
from .models import Indicator, IndicatorBook, IndicatorList
from .sitedata import SiteData

# Where the summary sends the reader next: the pathway outcome for a concern.
NEXT_STEP_OUTCOME = "concern"


def explorer(site: SiteData, from_page: str, concern_page: str) -> str:
    """The explorer's Markdown, as seen from ``from_page``."""
    indicators = site.indicators
    clause_page = site.clause_page
    total = sum(len(lst.items) for lst in indicators.lists)
    lines = [tools(indicators, total), ""]
    for lst in indicators.lists:
        lines += [f'<section class="signs-group" data-kind="{lst.kind}" markdown>', "",
                  f"## {lst.clause} {lst.name} {{ #signs-{lst.clause.replace('.', '-')} }}", ""]
        for item in lst.items:
            appears_in = [(lst, item), *indicators.same_sign(item)]
            links = ", ".join(
                f"[{where.clause} {where.name}]({render.relative(clause_page(where.clause), from_page)}#{sign_anchor(where, same)})"
                for where, same in appears_in
            )
            lines += [
                f'- <span class="sign__text">{html.escape(item.text)}</span>',
                f'  <span class="sign__lists">In the policy: {links}</span>',
                f'  <label class="sign__tick-label" hidden><input type="checkbox" class="sign__tick" value="{item.id}">'
                f' I have noticed this<span class="visually-hidden">: {html.escape(item.text)}</span></label>',
                f'  {{ .sign data-kind="{lst.kind}" #signs-{item.id} }}',
            ]
        lines += ["", "</section>", ""]
    reminder_link = render.clause_link(indicators.reminder.clause, clause_page(indicators.reminder.clause), from_page)
    lines += [summary(indicators, reminder_link, render.relative(concern_page, from_page)), ""]
    return "\n".join(lines)


def sign_anchor(lst: IndicatorList, item: Indicator) -> str:
    """Where a sign is on its policy page: its list item, or the clause for a one-sentence list."""
    return f"sign-{item.id}" if lst.form == "list" else anchor_id(lst.clause)


def tools(indicators: IndicatorBook, total: int) -> str:
    """Search and filters: hidden until the script is running, since they need it."""
    filters = "\n".join(
        f'<label class="signs-filter"><input type="checkbox" name="signs-list" value="{kind}" checked> '
        f"{html.escape(label)}</label>"
        for kind, label in indicators.kinds.items()
    )
    return (
        '<div class="signs-tools" data-signs-tools hidden>\n'
        '<label for="signs-search" class="signs-tools__label">Search the signs</label>\n'
        '<input type="search" id="signs-search" class="signs-tools__search" autocomplete="off" spellcheck="false">\n'
        '<fieldset class="signs-tools__filters"><legend>Show signs from</legend>\n'
        f"{filters}\n</fieldset>\n"
        f'<p id="signs-count" class="signs-tools__count" aria-live="polite">Showing all {total} signs</p>\n'
        '<p><a href="#signs-summary" class="signs-tools__summary-link" hidden></a></p>\n'
        "</div>"
    )


def summary(indicators: IndicatorBook, reminder_link: str, concern_link: str) -> str:
    """The "signs I have noticed" summary, to take to the DSL. It lists; it never scores."""
    return "\n".join([
        '<section id="signs-summary" class="signs-summary" aria-labelledby="signs-summary-title" hidden markdown>',
        "",
        "## Signs I have noticed { #signs-summary-title }",
        "",
        '<p class="signs-summary__date"></p>',
        '<ul class="signs-summary__list"></ul>',
        "",
        f"{indicators.reminder.text} ({reminder_link})",
        "",
        f"**What to do next:** [share your concern with the DSL/Safeguarding Lead]({concern_link}).",
        "",
        '<p><button type="button" class="navigator__control" data-signs-print>Print this summary</button></p>',
        "",
        "</section>",
    ])
