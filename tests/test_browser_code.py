"""Our browser scripts (overrides/assets/javascripts/), before any build: ESLint with the project's
config finds nothing (scripts/eslint/, pinned there), and the logic that needs no page passes its
unit tests under Node's own test runner (tests/js/). Each fails, never skips, without Node or
ESLint: `make browser` installs ESLint (scripts/install-browsers)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import ROOT

ESLINT = ROOT / "scripts" / "eslint" / "node_modules" / ".bin" / "eslint"
CONFIG = ROOT / "scripts" / "eslint" / "eslint.config.js"
LINTED = ["overrides/assets/javascripts", "macros/sw.template.js", "tests/js", "scripts/eslint"]
MISSING = "Fix: run `make browser` (Node.js, and npm ci in scripts/eslint)"


def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail(f"node is missing. {MISSING}")
    return found


def eslint(*arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    node()
    if not ESLINT.is_file():
        pytest.fail(f"{ESLINT} is missing. {MISSING}")
    return subprocess.run([str(ESLINT), "--config", str(CONFIG), "--max-warnings", "0", *arguments], cwd=ROOT,
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_eslint_finds_nothing_in_our_scripts():
    result = eslint(*LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


# One mistake for each rule the config adds to ESLint's recommended ones, and two of those.
MISTAKES = """(function () {
  "use strict";
  var unused = 1;
  if (document.title == "x") localStorage.setItem("seen", "1");
  document.body.innerHTML = location.hash;
  document.cookie = "a=b";
  var helpers = {};
  function shadows() { var helpers = 2; return helpers; }
  shadows();
  return undefinedName;
})();
var leaked = 2;
"""
CAUGHT = {"no-unused-vars", "eqeqeq", "no-restricted-globals", "no-restricted-syntax", "no-shadow", "no-undef",
          "no-implicit-globals"}


def test_eslint_catches_the_mistakes_its_config_is_for():
    """The config applies to our scripts: the same file, as if it were one of them, fails."""
    result = eslint("--format", "json", "--stdin", "--stdin-filename", "overrides/assets/javascripts/example.js",
                    stdin=MISTAKES)
    assert result.returncode == 1, result.stdout + result.stderr
    found = {message["ruleId"] for message in json.loads(result.stdout)[0]["messages"]}
    assert CAUGHT <= found, f"not caught: {CAUGHT - found}"


def test_the_logic_of_our_scripts_passes_its_unit_tests():
    result = subprocess.run([node(), "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = re.search(r"^# pass (\d+)$", output, re.MULTILINE)
    assert passed and int(passed[1]) >= len(list((ROOT / "tests" / "js").glob("*.test.js"))), output
