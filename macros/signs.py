"""The signs explorer page: every sign from ``data/indicators.yml``, grouped by the policy's
lists, each with every list it appears in. The page is complete without JavaScript;
``signs.js`` adds searching, filtering and the "signs I have noticed" summary.
"""

from __future__ import annotations

from sitedata.addresses import Linker
from sitedata.clauses import anchor_id
from sitedata.load import SiteData
from sitedata.models import Indicator, IndicatorBook, IndicatorList

from . import components, reach
from .text import Html, formatted

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
    concern_href = linker.page(concern_page)
    indicators = site.indicators
    signs = entries(indicators)
    by_list: dict[str, list] = {}
    for sign in signs:
        by_list.setdefault(sign[0][0].clause, []).append(sign)
    parts = [components.render("signs-tools", total=len(signs), kinds=indicators.kinds, concern_href=concern_href)]
    parts += [components.render("signs-group", kind=lst.kind, anchor=lst.clause.replace(".", "-"), clause=lst.clause,
                                name=lst.name, signs=[sign_item(sign, linker, site.clause_page)
                                                      for sign in by_list.get(lst.clause, [])])
              for lst in indicators.lists]
    parts.append(components.render(
        "signs-summary", reminder=formatted(indicators.reminder.text), concern_href=concern_href,
        reminder_clause=reach.clause_links(site, [indicators.reminder.clause], linker, beside_step=False)))
    # The page is Markdown: each part a block of its own.
    return "\n\n".join(str(part) for part in parts) + "\n"


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
