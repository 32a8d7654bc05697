"""The mkdocs-macros module: loads ``data/`` once and offers its records to every page.

Pages call these macros instead of typing facts: ``{{ contact("police-non-emergency") }}``,
``{{ clause("11.5") }}``, ``{{ clause_link("11.5") }}``, ``{{ indicators("6.3") }}``,
``{{ link("kcsie-2024") }}``, ``{{ contact_cards("advice") }}``. The logic lives in plain modules
(``sitedata``, ``render``) so that it does not depend on MkDocs.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import linkhealth, pathway_pages, print_pages, render, signs, training
from .errors import DataError
from .sitedata import SiteData

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DOCS = PROJECT_ROOT / "docs"


def page_heading(page: str) -> str:
    """The first-level heading of a docs/ page, without its { #id }: the page's one title."""
    for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].split(" { #")[0].strip()
    raise DataError(f"docs/{page}", "the page", "has no first-level heading", "start the page with '# ' and its title")


def define_env(env) -> None:
    try:
        site = SiteData.load(PROJECT_ROOT / "data")
    except DataError as error:
        # A PluginError stops MkDocs with just the message: the maintainer needs no traceback.
        raise PluginError(str(error)) from None
    contacts = site.contacts.by_id()
    links = {link.id: link for link in site.links.links}

    def page_src() -> str:
        return env.page.file.src_uri

    def page_path() -> str:
        """The page as the maintainer finds it, for error messages."""
        return f"docs/{page_src()}"

    def known(kind: str, table: dict, key: str):
        if key not in table:
            raise DataError(page_path(), f"{kind} {key!r}", f"is not in data/{kind}s.yml", f"use one of {', '.join(sorted(table))}")
        return table[key]

    def known_clause(clause: str) -> str:
        if clause not in site.sections.all_clauses():
            raise DataError(page_path(), f"clause {clause!r}", "is not in the policy", "use a clause listed in data/sections.yml")
        return clause

    env.variables["setting"] = site.setting
    env.variables["contacts"] = contacts
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
        return render.clause_link(known_clause(number), site.clause_page(number), page_src())

    @env.macro
    def contact(contact_id: str, channel: str | None = None) -> str:
        return render.contact_inline(known("contact", contacts, contact_id), channel)

    @env.macro
    def contact_cards(group: str) -> str:
        chosen = [c for c in site.contacts.contacts if c.group == group]
        if not chosen:
            raise DataError(page_path(), f"contact group {group!r}", "has no contacts", "use a group used in data/contacts.yml")
        return "\n".join(
            render.contact_card(
                c,
                [clause_link(number) for number in c.clauses],
                render.external_link(links[c.link]) if c.link else None,
            )
            for c in chosen
        )

    @env.macro
    def section_index() -> str:
        """The list of the policy's sections, titled by each page's own heading."""
        return "\n".join(
            f"- [{page_heading(s.page)}]({render.relative(s.page, page_src())})" for s in site.sections.sections
        ) + "\n"

    @env.macro
    def indicators(number: str) -> str:
        lst = site.indicators.list_for(known_clause(number))
        if lst is None:
            raise DataError(page_path(), f"clause {number!r}", "has no list in data/indicators.yml", "add the list, or cite another clause")
        return render.indicator_list(lst)

    @env.macro
    def indicators_reminder() -> str:
        return site.indicators.reminder.text

    @env.macro
    def link(link_id: str, text: str | None = None) -> str:
        return render.external_link(known("link", links, link_id), text)

    @env.macro
    def pathway_starts(home: bool = False) -> str:
        return pathway_pages.starts_list(site.pathways, page_src(), home)

    @env.macro
    def navigator_data() -> str:
        """The pathway graph embedded in the page for the navigator script (see pathway_pages.export)."""
        data = pathway_pages.export(site, env.conf["use_directory_urls"])
        # "</" would end the script element early: JSON allows it escaped.
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        return f'<script type="application/json" id="pathways-data">{text}</script>'

    @env.macro
    def pathway_situations() -> str:
        return pathway_pages.situations_list(site.pathways, page_src())

    @env.macro
    def pathway_flowchart() -> str:
        return pathway_pages.flowchart(site.pathways, page_src())

    @env.macro
    def signs_explorer() -> str:
        concern = pathway_pages.node_page(site.pathways, signs.NEXT_STEP_OUTCOME)
        return signs.explorer(site, page_src(), concern)

    # The theme's templates (emergency strip, footer) read plain values from config.extra.
    env.conf["extra"]["emergency_route"] = [
        {"label": step.label, "name": contacts[step.contact].name, "id": step.contact,
         "phone": contacts[step.contact].phone}
        for step in site.contacts.emergency_route
    ]
    env.conf["extra"]["review"] = render.review_status(site.setting, datetime.date.today())
    env.conf["extra"]["setting_name"] = site.setting.name

    # Features with macros of their own.
    linkhealth.register(env, site)
    training.register(env, site)
    print_pages.register(env, site)
