"""A strict Content Security Policy for the served site: nothing loads from another origin, and
no script runs unless it is one of the site's own files or an inline script of the theme whose
hash the build computed.

Each page gets the policy as a ``<meta>`` tag (with the hashes of its own inline scripts), and
``_headers`` holds it for hosts that read that file (Netlify, Cloudflare Pages), with the hashes
of every page and the directives a ``<meta>`` cannot carry. The copy opened from disk gets
neither: a file:// page has no origin for 'self' to name.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

HEADERS_FILE = "_headers"
# Inline scripts; those with a src, and data blocks such as Material's __config JSON, do not run
# as script and need no hash.
INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S)
SCRIPT_TYPES = {"", "text/javascript", "module"}
TYPE_ATTRIBUTE = re.compile(r"""\stype=["']?([^"'\s>]*)""")
# The policy goes straight after <meta charset>, before any script it must govern.
CHARSET = re.compile(r"<meta charset=[^>]*>")

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # data: for the favicon, which is inline in mkdocs.yml
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}
# Only a header can say these: a <meta> policy ignores them.
HEADER_ONLY = {"frame-ancestors": "'none'"}
OTHER_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if "src=" in match["attributes"]:
            continue
        kind = TYPE_ATTRIBUTE.search(match["attributes"])
        if (kind.group(1).lower() if kind else "") not in SCRIPT_TYPES:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(hashes))


def policy(hashes: list[str], header: bool = False) -> str:
    directives = {**POLICY, **(HEADER_ONLY if header else {})}
    directives["script-src"] = " ".join(["'self'", *hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def apply(site_dir: Path) -> None:
    """Give every page of the build its policy, and write the headers file."""
    every_hash: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        hashes = inline_script_hashes(html)
        every_hash += hashes
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
        html, found = CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
        if not found:
            raise ValueError(f"{page.relative_to(site_dir)} has no <meta charset>: the policy has nowhere to go")
        page.write_text(html, encoding="utf-8")
    headers = {"Content-Security-Policy": policy(list(dict.fromkeys(every_hash)), header=True), **OTHER_HEADERS}
    lines = ["/*", *(f"  {name}: {value}" for name, value in headers.items())]
    (site_dir / HEADERS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def header_policy(site_dir: Path) -> str:
    """The policy as the headers file gives it (for the tests' server)."""
    for line in (site_dir / HEADERS_FILE).read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("Content-Security-Policy:"):
            return line.split(":", 1)[1].strip()
    raise ValueError(f"{HEADERS_FILE} has no Content-Security-Policy")
