"""How a mistake stops the build: one block naming the file, the item and the fix, then exit code 1,
and no Python traceback, which tells the DSL who edited a file nothing (MKDOCS_DEBUG=1, or
``mkdocs build --verbose``, shows it).

MkDocs prints a ``PluginError`` as one line and exits with 1. mkdocs-macros does not: for any
error in a page's ``{{ }}`` it prints its own report with the traceback and exits with 100. It
asks ``format_error`` (a ``functools.singledispatch``) for that report first, so the handlers
below, registered for every error type, raise the ``PluginError`` there instead.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

from jinja2 import TemplateSyntaxError
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from sitedata.errors import DataError

log = logging.getLogger("mkdocs.plugins.policy")
TEMPLATE = "<template>"  # Jinja's name for a page's Markdown in a traceback


def debugging() -> bool:
    """MKDOCS_DEBUG=1, or MkDocs' own --verbose: show the traceback behind a mistake's message
    (for the site's developers)."""
    return os.environ.get("MKDOCS_DEBUG", "") not in ("", "0") or logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)


def build_error(error: BaseException, message: str | None = None) -> PluginError:
    """The PluginError that stops the build with ``message`` (the error's own by default)."""
    if debugging():
        log.error("".join(traceback.format_exception(error)))
    return PluginError(message or str(error))


def _page_line(error: BaseException, page) -> str:
    """Where in the page's file the error is: its line, counted in the file as the editor shows it
    (the macros see the page without its front matter)."""
    lineno = getattr(error, "lineno", None)
    for frame, line in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == TEMPLATE:
            lineno = line
    if lineno is None:
        return "the page"
    source = page.file.content_string
    front_matter = source.count("\n") - (page.markdown or "").count("\n")
    return f"line {lineno + max(front_matter, 0)}"


@format_error.register(Exception)
def _page_error(error: Exception, markdown: str, page) -> str:
    if isinstance(error, DataError):
        raise build_error(error) from None
    where = f"docs/{Path(page.file.src_uri).as_posix()}"
    raise build_error(error, f"{where}: {_page_line(error, page)}: {type(error).__name__}: {error}. Fix: check the "
                             "{{ }} on that line against the macros and values listed in macros/__init__.py") from None


@format_error.register(TemplateSyntaxError)
def _page_syntax_error(error: TemplateSyntaxError, markdown: str, page) -> str:
    where = f"docs/{Path(page.file.src_uri).as_posix()}"
    raise build_error(error, f"{where}: {_page_line(error, page)}: the {{{{ }}}} there is not valid ({error.message}). "
                             "Fix: close each {{ with }} and each {% with %}, and quote the macro's text") from None
