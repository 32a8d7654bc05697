"""Shared fixtures: the site is built once per test run, and served on 127.0.0.1 when needed."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE_POLICY = ROOT.parent / "shared" / "source" / "child-exploitation-policy-2024-09-01.md"


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str

    def pages(self) -> list[Path]:
        """Every HTML page of the build (Material's 404 page included)."""
        return sorted(self.path.rglob("*.html"))

    def page(self, url_path: str) -> Path:
        """The HTML file for a site path such as 'policy/11-concerns/'."""
        return self.path / url_path / "index.html" if url_path.endswith("/") or not url_path else self.path / url_path


def build_site(project: Path, out: Path) -> subprocess.CompletedProcess:
    """Run the real strict MkDocs build of ``project`` into ``out``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(out, result.stdout + result.stderr)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served over HTTP on 127.0.0.1 (a free port), for browsers and linkchecker."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
