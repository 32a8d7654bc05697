"""MkDocs hooks (mkdocs.yml `hooks:`): what the build adds beyond the pages in docs/.

- The pages that the pathway graph generates: mkdocs-macros can fill pages but cannot add them,
  so this adds the outcome and question pages to the build and the nav (content from
  ``pathway_pages``).
- Our scripts and stylesheets as phones download them (``assets``): the every-page scripts
  joined into one file, and minified.
- The setting's brand colour (``brand``): its stylesheet, app icons and favicon.
- Working offline (``service_worker``): versioned addresses for our own assets, the service worker and
  the manifest; for the copy opened from disk, the vendored search shim instead of a CDN's.
- The policy's versions (``fidelity``, ``versions``): each section's page in the nav, checked
  against the current version both ways and marked where it changed; the superseded versions'
  PDFs; a page at the address of each page the policy no longer has, and ``_redirects``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

# MkDocs loads this file by its path; the packages it imports are the project's, installed
# (editable) by `make install`.
from macros import (assets, brand, build_state, csp, fidelity, front_matter, pathway_pages, service_worker, site_data,
                    theme_css, valid_html, versions)
from macros.stop import build_error
from macros.template_cache import TEMPLATES
from sitedata import PROJECT_ROOT, build_date
from sitedata.addresses import ARCHIVE, DOWNLOADS, IFRAME_WORKER_SHIM, Linker, superseded_pdf
from sitedata.errors import DataError
from sitedata.models import Setting

# The nav section that the outcome pages join (after its first page, the hub).
NAV_SECTION = "What to do now"
# The nav section that each section's page of the policy joins, at its end (data/sections.yml).
POLICY_NAV_SECTION = "The policy"
REDIRECTS_FILE = "_redirects"
# The differences between the policy pages and the policy as received, found as the pages are
# built (on_page_content), reported together once all are (on_env).
_differences: list[fidelity.Difference] = []


def is_offline_copy(config) -> bool:
    """True for the build made to be opened from disk (OFFLINE=true, Material's offline plugin)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


# After every plugin's on_config (the order is MkDocs' event priority, highest first): Material's
# offline plugin has switched directory URLs off and added its search shim, which this replaces.
@event_priority(-100)
def on_config(config):
    site = site_data()  # first: a mistake in data/ (or in SOURCE_DATE_EPOCH) stops the build here
    # The setting's name, from its data: nothing about one setting is written in mkdocs.yml. The
    # theme prints these as they are, so they are escaped here (Markup: never twice).
    config.site_description = escape(description(site.setting))
    config.copyright = escape(f"{site.setting.name}, {site.setting.group}")
    # The setting's own address (setting.yml), unless SITE_URL gives another for this build.
    config.site_url = config.site_url or (str(site.setting.site_url) if site.setting.site_url else "")
    # MkDocs dates the sitemap from SOURCE_DATE_EPOCH, or else the wall clock: give it the build's date.
    build_date.export()
    # The served site gets a service worker and a manifest; the copy opened from disk cannot.
    build = build_state.begin(site, served_site=not is_offline_copy(config),
                              use_directory_urls=config.use_directory_urls)
    # Our own stylesheets and scripts are addressed with their version (see macros/service_worker.py),
    # which the brand colour's files share.
    config.extra_css = [service_worker.versioned(path, build.asset_version) for path in config.extra_css]
    config.extra_css.append(f"{brand.STYLESHEET}?v={build.asset_version}")
    config.theme["favicon"] = brand.favicon(site.setting.palette)
    # Material's offline plugin adds a search shim from a CDN: use our vendored copy instead.
    if is_offline_copy(config):
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [IFRAME_WORKER_SHIM if "iframe-worker" in str(p) else p for p in polyfills]
    _differences.clear()
    outcome_pages = [pathway_pages.node_page(site.pathways, o.id) for o in site.pathways.outcomes]
    nav_section(config, NAV_SECTION, lambda pages: [pages[0], *outcome_pages, *pages[1:]])
    nav_section(config, POLICY_NAV_SECTION, lambda pages: [*pages, *(s.page for s in site.sections.sections)])
    return config


def description(setting: Setting) -> str:
    """What the site is, in one sentence: the pages' meta description and the app's."""
    return f"{setting.name}'s {setting.policy.title}, with what to do now, signs and contacts."


def nav_section(config, title: str, fill) -> None:
    """Give the nav section ``title`` its pages: ``fill`` (those mkdocs.yml lists) -> all of them."""
    for entry in config.nav or []:
        if isinstance(entry, dict) and title in entry:
            entry[title] = fill(entry[title])
            return
    raise PluginError(f"mkdocs.yml: nav has no {title!r} section for the pages the build adds. Fix: add it back")


def on_files(files: Files, config) -> Files:
    site = build_state.current().site
    for src_uri, content in pathway_pages.generated_pages(site, config.use_directory_urls).items():
        files.append(File.generated(config, src_uri, content=content))
    for src_uri, content in brand.files(site.setting.palette).items():
        files.append(File.generated(config, src_uri, content=content))
    # The policy's old addresses: a page where each retired page was. (The map of old clause
    # anchors that clause-aliases.js follows is the build state's: overrides/main.html.)
    for old, new in site.versions.pages.items():
        files.append(File.generated(config, old, content=versions.stub_page(old, new, site.versions.current.date),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    # Each superseded version's PDF, beside the current one.
    for version, _ in site.versions.superseded:
        name = superseded_pdf(version.date)
        files.append(File.generated(config, f"{DOWNLOADS}/{name}", abs_src_path=str(PROJECT_ROOT / ARCHIVE / name)))
    return files


@event_priority(50)  # before mkdocs-macros renders the page
def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        front_matter.check(f"docs/{page.file.src_uri}", page.file.content_string, Path(config.theme.custom_dir))
    except DataError as error:
        raise build_error(error) from None
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    # MkDocs takes a page's title from its first heading as plain text (a title from data/ can
    # hold any character), and the theme prints it unescaped in <title>, the header and the nav:
    # hand the theme the title escaped, as Markup, so that nothing escapes it twice.
    if page.title is not None and not hasattr(page.title, "__html__"):
        page.title = escape(page.title)
    # A title given in front matter (the generated pages') is printed in <title> as it is, too.
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = escape(page.meta["title"])
    site = build_state.current().site
    section = next((s for s in site.sections.sections if s.page == page.file.src_uri), None)
    if section is None:
        return html
    # A section's page: checked against the current version both ways, then marked where it changed.
    # (A setting's copy of the policy would give here its local paragraphs: Clause.with_local.)
    text = site.versions.text
    expected = {number: text.clauses[number] for number in [section.section, *section.clauses]}
    _differences.extend(fidelity.check_page(f"docs/{section.page}", html, expected, text.file, section.local))
    return versions.mark_changes(html, versions.markers(site.versions, Linker(section.page, config.use_directory_urls)))


def on_env(env, config, files):
    # Every page's content is built by now, and nothing is written yet.
    if _differences:
        raise PluginError(fidelity.report(_differences))
    # The templates' one view of the build (macros/build_state.py).
    env.globals["build"] = build_state.current()
    env.bytecode_cache = TEMPLATES  # compiled once (macros/template_cache.py)
    return env


def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    valid_html.apply(site_dir)
    assets.join_every_page_scripts(site_dir)
    # After every page and script is written: they decide which of the theme's rules stay.
    theme_css.prune_theme_stylesheet(site_dir)
    assets.minify(site_dir)
    # First, so that the pages the service worker precaches carry their policy.
    build = build_state.current()
    csp.apply(site_dir, config.theme.get_env(), on_disk=not build.served_site)
    if build.served_site:
        setting = build.setting
        # The app opens at the site's root, wherever the site is published: the manifest is there.
        service_worker.write_manifest(site_dir, f"{setting.policy.title}: {setting.name}", "Exploitation policy",
                                      description(setting), start_url="./", theme_colour=setting.brand_colour)
        service_worker.write_service_worker(site_dir)
        base_path = urlsplit(config.site_url or "").path.rstrip("/") + "/"
        (site_dir / REDIRECTS_FILE).write_text(versions.redirects(build.site.versions.pages, base_path),
                                               encoding="utf-8")
