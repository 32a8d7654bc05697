"""A strict Content Security Policy for every built page: nothing loads from another origin, and no
script runs unless it is one of the site's own files or an inline script the theme writes.

The inline scripts a page may carry are a known list, never "whatever is there": the scripts of
the theme's templates named in ``THEME_SCRIPTS`` (read from the theme this build uses), and in the
copy opened from disk the one the vendored search shim writes into its frame. The build checks
every page: any other inline script, any event-handler attribute (``onerror=``) and any
``javascript:`` address stops it, naming the page. Only the known scripts are hashed.

The served site gets the policy as a ``<meta>`` tag on each page (with the hashes of its own
inline scripts), and ``_headers`` holds it for hosts that read that file (Netlify, Cloudflare
Pages), with every page's hashes and the directives a ``<meta>`` cannot carry. The copy opened
from disk gets its own policy in the same ``<meta>`` tag: on ``file://`` a page has no origin for
'self' to name, so it allows the ``file:`` scheme (the copy's own files: nothing else can be
on disk beside them) and no inline script, handler or other address.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment
from mkdocs.exceptions import PluginError

from sitedata.addresses import IFRAME_WORKER_SHIM

HEADERS_FILE = "_headers"
# The theme's templates whose inline scripts pages may run (Material for MkDocs 9: the scope and
# storage helpers, and the script that opens a tab named in the address). A new inline script of
# the theme in another template is refused until it is added here.
THEME_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/content.html")
# What the theme puts into those scripts ({{ base_url }}): a path, and nothing that could end
# the script's string.
TEMPLATE_VALUE = r"[\w./-]*"
# Inline <script> elements that are data, not code, and which: Material's configuration.
DATA_BLOCKS = {("__config", "application/json")}
# Attributes that hold an address, where javascript: would run script.
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "ping"}
SCRIPT_ADDRESS = re.compile(r"^(javascript|vbscript):", re.IGNORECASE)
# The policy goes straight after <meta charset>, before any script it must govern.
CHARSET = re.compile(r"<meta charset=[^>]*>")

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # data: for the favicon, which is inline (macros/brand.py)
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}
# The copy opened from disk: its own files, by their scheme, and nothing else.
FILE_POLICY = {
    "default-src": "'none'",
    "script-src": "file:",
    "style-src": "file:",
    "img-src": "file: data:",
    "font-src": "file:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
}
# Only a header can say these: a <meta> policy ignores them.
HEADER_ONLY = {"frame-ancestors": "'none'"}
OTHER_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


# --- what a page holds -----------------------------------------------------------------------


@dataclass
class InlineScript:
    attributes: dict[str, str]
    body: str = ""

    @property
    def is_data(self) -> bool:
        return (self.attributes.get("id"), self.attributes.get("type")) in DATA_BLOCKS


class PageScripts(HTMLParser):
    """Everything in a page that can run script: inline scripts, event-handler attributes and
    script addresses, read as a browser reads the page (attribute values with their character
    references decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline: list[InlineScript] = []
        self.handlers: list[str] = []  # '<img onerror="…">'
        self.addresses: list[str] = []  # '<a href="javascript:…">'
        self._open: InlineScript | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            shown = f'<{tag} {name}="{value[:60]}">'
            if name.startswith("on"):
                self.handlers.append(shown)
            if name in ADDRESS_ATTRIBUTES and SCRIPT_ADDRESS.match("".join(value.split())):
                self.addresses.append(shown)
            if tag == "meta" and name == "content" and values.get("http-equiv", "").lower() == "refresh" \
                    and "javascript:" in value.lower():
                self.addresses.append(shown)
        if tag == "script" and "src" not in values:
            self._open = InlineScript(values)
            self.inline.append(self._open)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.body += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def read_page(html: str) -> PageScripts:
    scripts = PageScripts()
    scripts.feed(html)
    scripts.close()
    return scripts


# --- the known inline scripts ----------------------------------------------------------------


def theme_scripts(env: Environment) -> list[re.Pattern]:
    """The inline scripts of THEME_SCRIPTS, as the theme in use writes them, each a pattern in which
    only the template's values (paths) vary."""
    patterns = []
    for name in THEME_SCRIPTS:
        source = env.loader.get_source(env, name)[0]
        for body in re.findall(r"<script>(.*?)</script>", source, re.S):
            if "{%" in body:
                raise PluginError(f"{name}: the theme's inline script has template logic. Fix: update macros/csp.py")
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(TEMPLATE_VALUE.join(re.escape(part) for part in parts)))
    return patterns


def function_source(script: str, name: str) -> str:
    """The source of the top-level ``function name(...){...}`` in a minified script."""
    start = script.index(f"function {name}(")
    depth = 0
    for end in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[end], 0)
        if depth == 0:
            return script[start:end + 1]
    raise ValueError(name)


def shim_frame_script(shim: str, worker: str) -> str:
    """The inline script the vendored iframe-worker shim writes into its frame to run ``worker``
    (the search worker) from disk: two of its functions, then an error handler naming the worker."""
    found = re.search(r"<script>(postMessage=\$\{(\w+)\};importScripts=\$\{(\w+)\};.*?)<\\/script>", shim)
    if not found:
        raise PluginError(f"{IFRAME_WORKER_SHIM}: its frame's script is not the one macros/csp.py knows. Fix: update "
                          "shim_frame_script for the new shim, and check search in the copy opened from disk")
    body, post, imports = found.groups()
    for name in (post, imports):
        body = body.replace(f"${{{name}}}", function_source(shim, name))
    return re.sub(r"\$\{\w+\}", worker, body)


def digest(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode()}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of a page's inline scripts that run (not its data blocks)."""
    return list(dict.fromkeys(digest(s.body) for s in read_page(html).inline if not s.is_data))


def page_problems(page: str, scripts: PageScripts, known: list[re.Pattern]) -> list[str]:
    problems = [f"{page}: an inline script that is not the theme's (<script>{s.body.strip()[:60]}…)"
                for s in scripts.inline if not s.is_data and not any(p.fullmatch(s.body) for p in known)]
    problems += [f"{page}: an event-handler attribute, {shown}" for shown in scripts.handlers]
    problems += [f"{page}: a script address, {shown}" for shown in scripts.addresses]
    return problems


# --- the policy --------------------------------------------------------------------------------


def policy(hashes: list[str], header: bool = False, on_disk: bool = False) -> str:
    directives = {**(FILE_POLICY if on_disk else POLICY), **(HEADER_ONLY if header else {})}
    directives["script-src"] = " ".join([directives["script-src"], *hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def apply(site_dir: Path, env: Environment, on_disk: bool = False) -> None:
    """Check every page of the build and give it its policy; for the served site, write the
    headers file. ``on_disk``: the copy opened from disk (file://)."""
    known = theme_scripts(env)
    shim = (site_dir / IFRAME_WORKER_SHIM).read_text(encoding="utf-8") if on_disk else ""
    problems: list[str] = []
    every_hash: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        name = page.relative_to(site_dir).as_posix()
        html = page.read_text(encoding="utf-8")
        scripts = read_page(html)
        problems += page_problems(name, scripts, known)
        hashes = [digest(s.body) for s in scripts.inline if not s.is_data]
        config = next((s for s in scripts.inline if s.attributes.get("id") == "__config"), None)
        if on_disk and config:
            hashes.append(digest(shim_frame_script(shim, json.loads(config.body)["search"])))
        hashes = list(dict.fromkeys(hashes))
        every_hash += hashes
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, on_disk=on_disk)}">'
        html, found = CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
        if not found:
            problems.append(f"{name}: no <meta charset>, so the policy has nowhere to go")
        page.write_text(html, encoding="utf-8")
    if problems:
        shown = "\n".join(f"  - {problem}" for problem in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise PluginError(f"The built pages hold script that is not the site's own:\n{shown}{more}\nFix: remove it from "
                          "the page's source in docs/ (or the template in overrides/): the site's scripts are files in "
                          "overrides/assets/javascripts/, and data/ is always shown as text")
    if not on_disk:
        headers = {"Content-Security-Policy": policy(list(dict.fromkeys(every_hash)), header=True), **OTHER_HEADERS}
        lines = ["/*", *(f"  {name}: {value}" for name, value in headers.items())]
        (site_dir / HEADERS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def header_policy(site_dir: Path) -> str:
    """The policy as the headers file gives it (for the tests' server)."""
    for line in (site_dir / HEADERS_FILE).read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("Content-Security-Policy:"):
            return line.split(":", 1)[1].strip()
    raise ValueError(f"{HEADERS_FILE} has no Content-Security-Policy")
