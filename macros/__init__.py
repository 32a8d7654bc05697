"""The mkdocs-macros module: loads ``data/`` once and offers its records to every page.

Pages call these macros instead of typing facts: ``{{ contact("police-non-emergency") }}``,
``{{ clause("11.5") }}``, ``{{ clause_link("11.5") }}``, ``{{ indicators("6.3") }}``,
``{{ link("kcsie-2024") }}``, ``{{ contact_cards("advice") }}``. The logic lives in plain modules
(``sitedata``, ``render``) so that it does not depend on MkDocs.
"""

from __future__ import annotations

import datetime
import functools
import os

from mkdocs.exceptions import PluginError

from sitedata import DATA_DIR
from sitedata.addresses import Linker
from sitedata.errors import DataError
from sitedata.load import SiteData

from . import build_state, components, linkhealth, page, pathway_pages, print_pages, reach, render, signs, training, versions
from .stop import build_error
from .text import Html, formatted, plain

def site_data() -> SiteData:
    """This build's data/, loaded once and shared by the hooks and the macros. A mistake stops
    MkDocs with its message alone (macros/stop.py): the maintainer needs no traceback."""
    try:
        return SiteData.load_once(DATA_DIR)
    except DataError as error:
        raise build_error(error) from None


def require_complete(site: SiteData) -> None:
    """REQUIRE_COMPLETE=1 (`make build REQUIRE_COMPLETE=1`): refuse to build a site that still
    lacks values the setting supplies, so that a setting can refuse to publish it incomplete."""
    missing = site.missing_facts()
    if os.environ.get("REQUIRE_COMPLETE") == "1" and missing:
        listed = "\n".join(f"  - {fact}" for fact in missing)
        raise PluginError(
            f"REQUIRE_COMPLETE=1: {len(missing)} values the setting supplies are still `to be supplied`:\n{listed}\n"
            "Fix: add each value in its file (see the About page's setup checklist), or build without REQUIRE_COMPLETE"
        )


def define_env(env) -> None:
    standard_macros = set(env.macros)
    _define_macros(env)
    # Our macros return HTML and Markdown that they have escaped themselves: mark it as such, so
    # that on_pre_page_macros' escaping leaves it whole and escapes everything else.
    for name in set(env.macros) - standard_macros:
        env.macros[name] = _as_markup(env.macros[name])


def _as_markup(macro):
    @functools.wraps(macro)
    def wrapped(*args, **kwargs):
        result = macro(*args, **kwargs)
        return Html(result) if isinstance(result, str) else result

    return wrapped


def _escape_value(value, page: str):
    """What `{{ }}` prints on a page: a value from data/ (``{{ setting.name }}``) as text, never
    as markup (see macros/text.py); a macro's own output as it is. An optional field left out of
    data/ is None, which would print "None": the page must say what to print instead."""
    if value is None:
        raise DataError(page, "a {{ }} on the page", "prints a value that is not set (an optional field that data/ "
                        "leaves out), which would show as \"None\"",
                        "print a value that is always set, e.g. {{ team[\"dsl\"].called }} rather than .short_name")
    return value if hasattr(value, "__html__") else plain(value)


def on_pre_page_macros(env) -> None:
    # The Jinja environment exists only once the plugin has read its configuration, so its
    # finalize is set here; Jinja reads it when it compiles each page.
    page = f"docs/{env.page.file.src_uri}"
    env.env.finalize = lambda value: _escape_value(value, page)
    # The build's state (macros/build_state.py), made once the hooks' on_config has run.
    env.variables["build"] = build_state.current()


def _define_macros(env) -> None:
    site = site_data()
    require_complete(site)
    contacts = site.contacts.by_id()
    links = {link.id: link for link in site.links.links}

    def page_src() -> str:
        return env.page.file.src_uri

    def page_path() -> str:
        """The page as the maintainer finds it, for error messages."""
        return f"docs/{page_src()}"

    def known(kind: str, table: dict, key: str, file: str | None = None):
        if key not in table:
            raise DataError(page_path(), f"{kind} {key!r}", f"is not in {file or f'data/{kind}s.yml'}",
                            f"use one of {', '.join(sorted(table))}")
        return table[key]

    def cited(clauses: list[str]) -> Html:
        """Links to ``clauses`` from this page, in running text."""
        return reach.clause_links(site, clauses, linker(), beside_step=False)

    def known_clause(clause: str) -> str:
        site.check_cited(page_path(), f"clause {clause!r}", [clause])
        return clause

    env.variables["setting"] = site.setting
    # Where the setting's own files are (settings/<id>), for the pages on editing the site.
    env.variables["setting_folder"] = site.folder.shown
    env.variables["contacts"] = contacts
    env.variables["team"] = site.team.by_id()
    # The current version of the policy: its date, review date and why (data/versions.yml).
    env.variables["version"] = site.versions.current
    # The last day whose bank holidays the pages carry (the "who to call now" panel).
    env.variables["bank_holidays_until"] = datetime.date(max(site.bank_holidays).year, 12, 31)
    env.filter(render.long_date)

    @env.macro
    def clause(number: str) -> str:
        """Opens clause ``number`` on its own section's page."""
        known_clause(number)
        if site.clause_page(number) != page_src():
            raise DataError(page_path(), f"clause {number!r}", f"belongs on {site.clause_page(number)}", "use clause_link() to cite it here")
        return render.clause_anchor(number)

    @env.macro
    def clause_link(number: str) -> str:
        return str(cited([known_clause(number)]))

    @env.macro
    def contact(contact_id: str, channel: str | None = None) -> str:
        return render.contact_inline(known("contact", contacts, contact_id), channel)

    @env.macro
    def local_procedures(number: str) -> str:
        """The setting's own paragraphs of clause ``number``: its copy of the policy's local procedures."""
        paragraphs = site.local_procedures.clauses.get(known_clause(number))
        if paragraphs is None:
            raise DataError(site.folder.file("local-procedures.yml"), f"clause {number!r}",
                            f"has no paragraphs, and {page_path()} shows them",
                            f'add "{number}": with the setting\'s local procedures for that clause')
        dsl = site.team.by_id()["dsl"]
        return render.local_procedures(paragraphs, {"dsl": dsl.name, "dsl_called": dsl.called}, contacts, links)

    @env.macro
    def nation_guidance() -> str:
        """The guidance for the setting's nation (3.2), if the policy names any for it."""
        return render.nation_guidance(site, linker())

    @env.macro
    def contact_cards(group: str) -> str:
        chosen = [c for c in site.contacts.contacts if c.group == group]
        if not chosen:
            raise DataError(page_path(), f"contact group {group!r}", "has no contacts", "use a group used in data/contacts.yml")
        # The lines of a pair are offered by its "who to call now" panel, shown above their cards.
        paired = {line for pair in site.contacts.line_pairs for line in (pair.office, pair.out_of_hours)}
        # Markdown: each card a block of its own.
        return "\n\n".join(
            str(render.contact_card(c, cited(c.clauses),
                                    reach.guidance_link(links[c.link]) if c.link else None, in_panel=c.id in paired))
            for c in chosen
        )

    @env.macro
    def section_index() -> str:
        """The list of the policy's sections, titled by each page's own heading."""
        return components.markdown_page("section-index", sections=[
            {"heading": Html(render.page_heading(s.page)), "href": render.page_target(s.page, page_src())}
            for s in site.sections.sections])

    @env.macro
    def indicators(number: str) -> str:
        lst = site.indicators.list_for(known_clause(number))
        if lst is None:
            raise DataError(page_path(), f"clause {number!r}", "has no list in data/indicators.yml", "add the list, or cite another clause")
        return render.indicator_list(lst)

    @env.macro
    def indicators_reminder() -> str:
        return str(formatted(site.indicators.reminder.text))

    @env.macro
    def link(link_id: str, text: str | None = None) -> str:
        return render.external_link(known("link", links, link_id), text)

    @env.macro
    def pathway_starts(home: bool = False) -> str:
        return pathway_pages.starts_list(site.pathways, linker(), home)

    @env.macro
    def navigator_screens(from_hub: bool = False) -> str:
        """Every screen of the navigator, as templates of this page, or (``from_hub``) read from
        the hub page when first needed (see pathway_pages); from disk a page cannot read
        another, so the copy opened from disk has them in the page."""
        if from_hub and build_state.current().served_site:
            return pathway_pages.navigator_screens_from_hub(page_src(), env.conf["use_directory_urls"])
        return pathway_pages.navigator_screens(site, page_src(), env.conf["use_directory_urls"])

    def linker() -> Linker:
        return page.linker(env)

    def team_of_kinds(kinds: str) -> list:
        chosen = [m for m in site.team.members if m.kind in kinds.split()]
        if not chosen:
            raise DataError(page_path(), f"team kinds {kinds!r}", f"match no member of {site.folder.file('team.yml')}",
                            "use kinds listed at the top of that file")
        return chosen

    @env.macro
    def team_list(kinds: str, purpose: bool = True) -> str:
        """The team members of these kinds (space-separated) as one list, on the contacts page;
        ``purpose``: with when to go to each (12.7's chain shares one, said by the page)."""
        chosen = team_of_kinds(kinds)
        unreachable = [m for m in chosen if not m.can_be_reached]
        whom = "" if len(chosen) == 1 else " for any of them" if len(unreachable) == len(chosen) else " for some of them"
        return str(render.team_list(
            [(m, reach.member_actions(m), cited(m.clauses)) for m in chosen],
            f"Contact details not added yet{whom}: ask the office or your line manager.", purpose))

    @env.macro
    def now_panel(pair_id: str) -> str:
        pairs = {p.id: p for p in site.contacts.line_pairs}
        pair = known("line pair", pairs, pair_id, f"line_pairs: of {site.folder.file('contacts.yml')}")
        return str(reach.pair_panel(site, pair, linker()))

    @env.macro
    def setup_checklist() -> str:
        return render.setup_checklist(site.missing_facts())

    @env.macro
    def pathway_situations() -> str:
        return pathway_pages.situations_list(site.pathways, linker())

    @env.macro
    def pathway_flowchart() -> str:
        return pathway_pages.flowchart(site.pathways, page_src(), env.conf["use_directory_urls"])

    @env.macro
    def signs_explorer() -> str:
        concern = pathway_pages.node_page(site.pathways, signs.NEXT_STEP_OUTCOME)
        return signs.explorer(site, linker(), concern)

    # Features with macros of their own.
    linkhealth.register(env, site)
    training.register(env, site)
    print_pages.register(env, site)
    versions.register(env, site)
