"""The CI workflows, linted: each matches GitHub's workflow schema (check-jsonschema ships it, so
nothing is fetched), CI publishes the build it tested, and the scheduled link check does what its
comment says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
FULL_SHA = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=60,
    )


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True)
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def weekly(cron: str) -> bool:
    """A fixed time on one day of the week."""
    minute, hour, day_of_month, month, day_of_week = cron.split()
    return minute.isdigit() and hour.isdigit() and day_of_week in "0123456" and (day_of_month, month) == ("*", "*")


@pytest.mark.parametrize("name", sorted(path.name for path in WORKFLOWS.glob("*.yml")))
def test_workflow_matches_the_github_schema(name):
    result = schema_check(WORKFLOWS / name)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("mistake", "correct", "broken"),
    [
        ("a misspelt event", "workflow_dispatch:", "workflow_dispach:"),
        ("a number that is not one", "timeout-minutes: 30", "timeout-minutes: soon"),
        ("a step that neither runs nor uses", "run: make build", "runs: make build"),
    ],
)
def test_the_schema_check_catches_a_broken_workflow(tmp_path, mistake, correct, broken):
    text = (WORKFLOWS / "links.yml").read_text(encoding="utf-8")
    assert correct in text, mistake
    broken_workflow = tmp_path / "links.yml"
    broken_workflow.write_text(text.replace(correct, broken, 1), encoding="utf-8")
    result = schema_check(broken_workflow)
    assert result.returncode != 0, mistake
    assert "Schema validation errors" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(path.name for path in WORKFLOWS.glob("*.yml")))
def test_every_action_is_pinned_to_a_full_commit(name):
    for step in steps(load(name)):
        if "uses" in step:
            assert FULL_SHA.match(step["uses"]), f"{name}: {step['uses']} is not pinned to a 40-character commit"


def test_the_link_check_runs_weekly_and_on_demand():
    triggers = load("links.yml")["on"]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    [schedule] = triggers["schedule"]
    assert weekly(schedule["cron"]), schedule["cron"]


def test_the_link_check_builds_checks_and_always_keeps_its_report():
    workflow_steps = steps(load("links.yml"))
    runs = [step.get("run", "") for step in workflow_steps]
    assert "make build" in runs
    [check] = [step for step in workflow_steps if step.get("run", "").startswith("scripts/check-links")]
    assert runs.index("make build") < workflow_steps.index(check)
    report = re.search(r"--report (\S+)", check["run"]).group(1)
    [upload] = [step for step in workflow_steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    # always(): the report matters most when broken links have failed the check step.
    assert upload.get("if") == "always()"
    assert upload["with"]["path"] == report
    assert workflow_steps.index(upload) > workflow_steps.index(check)


def test_ci_publishes_the_build_it_tested():
    """CI builds once: the test run's build (SITE_DIR, tests/conftest.py) is the folder it
    uploads, built with the site's address; nothing builds the site again after the tests."""
    workflow_steps = steps(load("ci.yml"))
    [test] = [step for step in workflow_steps if step.get("run") == "make test"]
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("\nmake test")
    assert test["env"]["SITE_URL"].startswith("https://")
    [upload] = [step for step in workflow_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == test["env"]["SITE_DIR"]
    after = workflow_steps[workflow_steps.index(test) + 1:workflow_steps.index(upload)]
    assert not [step for step in after if "run" in step], after


def test_ci_rebuilds_weekly_for_the_day_it_runs(tmp_path):
    """The published site's bank holidays stay years ahead of its readers: the weekly run of the
    same commit sets the build's date (SOURCE_DATE_EPOCH) to the day it runs, before the build."""
    workflow = load("ci.yml")
    [schedule] = workflow["on"]["schedule"]
    assert weekly(schedule["cron"]), schedule["cron"]
    test_steps = workflow["jobs"]["test"]["steps"]
    [dated] = [step for step in test_steps if "SOURCE_DATE_EPOCH" in step.get("run", "")]
    assert dated["if"] == "github.event_name == 'schedule'"
    assert test_steps.index(dated) < test_steps.index(next(s for s in test_steps if s.get("run") == "make test"))
    # Run as GitHub runs it: the date is the run's day at midnight UTC, so the day's reruns build
    # the same bytes.
    github_env = tmp_path / "github_env"
    ran = subprocess.run(["bash", "-c", dated["run"]], env={"PATH": "/usr/bin:/bin", "GITHUB_ENV": str(github_env)},
                         capture_output=True, text=True, timeout=10)
    assert ran.returncode == 0, ran.stderr
    name, _, seconds = github_env.read_text().strip().partition("=")
    assert name == "SOURCE_DATE_EPOCH" and int(seconds) % 86400 == 0


def test_ci_runs_the_suite_more_than_a_year_ahead_on_its_schedule():
    job = load("ci.yml")["jobs"]["test-future"]
    assert "schedule" in job["if"]
    [step] = [step for step in job["steps"] if "run" in step]
    [ahead] = re.findall(r"make test-future DATE=\"\$\(date -u -d '\+(\d+) days' \+%F\)\"", step["run"])
    assert int(ahead) > 366


def test_the_dependency_updates_match_githubs_schema_and_cover_every_lock(tmp_path):
    config = ROOT / ".github" / "dependabot.yml"
    checked = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.dependabot", str(config)],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    covered = {(update["package-ecosystem"], folder) for update in yaml.safe_load(config.read_text())["updates"]
               for folder in update.get("directories", [update.get("directory")])}
    npm_locks = {("npm", f"/{lock.parent.relative_to(ROOT).as_posix()}") for lock in ROOT.glob("scripts/*/package-lock.json")}
    assert len(npm_locks) == 3 and covered == {("uv", "/"), ("github-actions", "/")} | npm_locks
    # The schema check can fail: a misspelt key is refused.
    broken = tmp_path / "dependabot.yml"
    broken.write_text(config.read_text().replace("schedule:", "shedule:", 1))
    refused = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.dependabot", str(broken)],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
