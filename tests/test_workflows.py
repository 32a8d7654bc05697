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

from tools import build_all

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


def test_ci_builds_every_setting_in_shards_after_the_tests_and_publishes_them_with_the_index():
    """The Group's code is tested once; then scripts/build-all builds the settings in a matrix of
    shards, each keeping its sites in a cache of their inputs; one job joins the shards, writes the
    group's index and deploys the lot."""
    jobs = load("ci.yml")["jobs"]
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("\nmake test")
    assert [step.get("run") for step in jobs["test"]["steps"]].count("make test") == 1
    sites = jobs["sites"]
    assert sites["needs"] == ["test", "test-examples"]
    # The examples prove the code general: the whole suite runs for each before anything is built.
    assert [step.get("run") for step in jobs["test-examples"]["steps"]].count("make test-examples") == 1
    shards = sites["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    [build] = [step for step in sites["steps"] if "make build-all" in step.get("run", "")]
    assert build["run"] == f"make build-all OUT=out SHARD=${{{{ matrix.shard }}}}/{len(shards)}"
    assert build["env"]["SITE_URL"].startswith("https://")
    [cache] = [step for step in sites["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == build_all.CACHE_DIR.relative_to(ROOT).as_posix()
    assert "matrix.shard" in cache["with"]["key"] and "matrix.shard" in cache["with"]["restore-keys"]
    [upload] = [step for step in sites["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "out" and "matrix.shard" in upload["with"]["name"]
    assert sites["steps"].index(cache) < sites["steps"].index(build) < sites["steps"].index(upload)

    publish = jobs["publish"]
    assert publish["needs"] == "sites" and publish["if"].startswith("github.ref == 'refs/heads/main'")
    order = publish["steps"]
    [download] = [step for step in order if step.get("uses", "").startswith("actions/download-artifact@")]
    assert download["with"] == {"pattern": "sites-*", "merge-multiple": True, "path": "out"}
    [index] = [step for step in order if step.get("run") == "make build-index OUT=out"]
    [pages] = [step for step in order if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert pages["with"]["path"] == "out"
    assert order.index(download) < order.index(index) < order.index(pages)


@pytest.mark.parametrize(("job", "build"), [("test", "make test"), ("sites", "make build-all")])
def test_ci_rebuilds_weekly_for_the_day_it_runs(tmp_path, job, build):
    """The published sites' bank holidays stay years ahead of their readers: the weekly run of
    the same commit sets the build's date (SOURCE_DATE_EPOCH) to the day it runs, before the
    build, in the job that tests and in the one that builds the sites."""
    workflow = load("ci.yml")
    [schedule] = workflow["on"]["schedule"]
    assert weekly(schedule["cron"]), schedule["cron"]
    job_steps = workflow["jobs"][job]["steps"]
    [dated] = [step for step in job_steps if "SOURCE_DATE_EPOCH" in step.get("run", "")]
    assert dated["if"] == "github.event_name == 'schedule'"
    assert job_steps.index(dated) < job_steps.index(next(s for s in job_steps if s.get("run", "").startswith(build)))
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
