"""Material for MkDocs' markup made valid HTML (the Nu HTML Checker, tests/test_html_valid.py),
after the build: the three things it writes that the checker rejects come from templates we
do not otherwise override (base.html, partials/nav-item.html, partials/toc.html), and copying
them whole to change one attribute would freeze a copy of Material to keep in step by hand.
A new Material that stops writing them leaves this with nothing to do; one that writes them
differently fails the checker's test, which names the page and the line.
"""

from __future__ import annotations

import re
from pathlib import Path

# base.html: autocomplete="off" on the drawer and search toggles (checkboxes, where the attribute
# is not allowed). It stops Firefox restoring them as they were on a reload; toggles.js closes
# them instead.
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">')
# partials/nav-item.html: tabindex="" on a section's label (an empty tabindex means none).
EMPTY_TABINDEX = ' tabindex=""'
# partials/toc.html: a label for the contents toggle on a page whose navigation (which holds the
# toggle) is hidden, where the label is in a hidden sidebar too.
TOC_LABEL = ' for="__toc"'


def fix(html: str) -> str:
    html = TOGGLE_AUTOCOMPLETE.sub(r"\1>", html).replace(EMPTY_TABINDEX, "")
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, "")
    return html


def apply(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if (fixed := fix(html)) != html:
            page.write_text(fixed, encoding="utf-8")
