"""The signs explorer page: every sign from ``data/indicators.yml``, grouped by the policy's
lists, each with every list it appears in. The page is complete without JavaScript;
``signs.js`` adds searching, filtering and the "signs I have noticed" summary.
"""

from __future__ import annotations

from sitedata.addresses import Linker
from sitedata.clauses import anchor_id
from sitedata.load import SiteData
from sitedata.models import Indicator, IndicatorBook, IndicatorList

from . import components, reach, render
from .text import Html, formatted, plain

# Where the summary sends the reader next: the pathway outcome for a concern.
NEXT_STEP_OUTCOME = "concern"


def entries(indicators: IndicatorBook) -> list[list[tuple[IndicatorList, Indicator]]]:
    """Each sign once: the items that share a ``sign`` key are one sign, listed where it first
    appears, with every (list, item) it appears as; an item without a key is a sign of its own."""
    found, seen = [], set()
    for lst in indicators.lists:
        for item in lst.items:
            if item.sign and item.sign in seen:
                continue
            if item.sign:
                seen.add(item.sign)
            found.append([(lst, item), *indicators.same_sign(item)])
    return found


def sign_anchor_on_signs_page(indicators: IndicatorBook, item_id: str) -> str:
    """Where an indicator is on the signs page: the entry of its sign (listed once)."""
    for sign in entries(indicators):
        if any(item.id == item_id for _, item in sign):
            return f"signs-{sign[0][1].id}"
    raise KeyError(item_id)


def explorer(site: SiteData, linker: Linker, concern_page: str) -> str:
    """The explorer's Markdown, for the linker's page; ``concern_page``: the concern steps' page."""
    from_page, concern_address = linker.from_page, linker.page(concern_page)
    indicators = site.indicators
    clause_page = site.clause_page
    signs = entries(indicators)
    by_list: dict[str, list] = {}
    for sign in signs:
        by_list.setdefault(sign[0][0].clause, []).append(sign)
    lines = [tools(indicators, len(signs), concern_address), ""]
    for lst in indicators.lists:
        lines += [str(components.render(
            "signs-group", kind=lst.kind, anchor=lst.clause.replace(".", "-"), clause=lst.clause, name=lst.name,
            signs=[sign_item(sign, linker, clause_page) for sign in by_list.get(lst.clause, [])])), ""]
    reminder_link = reach.clause_links(site, [indicators.reminder.clause], linker, beside_step=False)
    # After the list, so that it stays at the foot of the screen while the reader scrolls the list.
    lines += ['<p class="signs-bar" hidden><a href="#signs-summary" class="signs-bar__link"></a></p>', ""]
    lines += [summary(indicators, reminder_link, render.relative(concern_page, from_page)), ""]
    return "\n".join(lines)


def sign_item(sign: list[tuple[IndicatorList, Indicator]], linker: Linker, clause_page) -> Html:
    """A sign, once, with every list of the policy that has it (``sign``: [(list, its item)])."""
    _, first = sign[0]
    return components.render(
        "sign", id=first.id, text=first.text,
        lists=[{"href": linker.page(clause_page(where.clause), sign_anchor(where, same)), "clause": where.clause,
                "name": where.name,
                "as_text": same.text if same.text.strip(" .,:") != first.text.strip(" .,:") else None}
               for where, same in sign],
        kinds=" ".join(dict.fromkeys(where.kind for where, _ in sign)),
        clauses=" ".join(dict.fromkeys(where.clause for where, _ in sign)),
        # The policy's own words for the sign in every list it is in, and those lists' names
        # ("county lines"): a search matches them before the everyday words.
        policy=" ".join(dict.fromkeys(text for where, same in sign for text in (same.text, where.name))),
        words=" ".join(dict.fromkeys(word.lower() for _, same in sign for word in same.words)))


def sign_anchor(lst: IndicatorList, item: Indicator) -> str:
    """Where a sign is on its policy page: its list item, or the clause for a one-sentence list."""
    return f"sign-{item.id}" if lst.form == "list" else anchor_id(lst.clause)


def tools(indicators: IndicatorBook, total: int, concern_link: str) -> str:
    """Search first, then the filters: left out with JavaScript off (data-needs-script), since they need it.
    The search also matches everyday words kept beside each sign (``words:`` in the data)."""
    filters = "\n".join(
        f'<label class="signs-filter"><input type="checkbox" name="signs-list" value="{kind}" checked> '
        f"{plain(label)}</label>"
        for kind, label in indicators.kinds.items()
    )
    return (
        '<div class="signs-tools" data-signs-tools data-needs-script>\n'
        '<label for="signs-search" class="signs-tools__label">Search the signs, in your own words</label>\n'
        '<input type="search" id="signs-search" class="signs-tools__search" autocomplete="off" spellcheck="false">\n'
        f'<p id="signs-count" class="signs-tools__count" aria-live="polite">Showing all {total} signs</p>\n'
        '<p class="signs-tools__none" hidden>No sign matches “<span class="signs-tools__query"></span>”. The lists are '
        f'not exhaustive: <a href="{concern_link}">share any concern with the DSL</a>.</p>\n'
        '<details class="signs-tools__filters"><summary>Show signs from some lists only</summary>\n'
        '<fieldset><legend class="visually-hidden">Show signs from</legend>\n'
        f"{filters}\n</fieldset></details>\n"
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
        f"{formatted(indicators.reminder.text)} ({reminder_link})",
        "",
        f"**What to do next:** [share your concern with the DSL/Safeguarding Lead]({concern_link}).",
        "",
        '<p><button type="button" class="navigator__control" data-signs-print>Print this summary</button></p>',
        "",
        "</section>",
    ])
