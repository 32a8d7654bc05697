"""How building every setting scales (`make bench-scale`): prints figures, asserts nothing.

    python -m tools.bench_scale [--sizes 1 10 50]

In a copy of the project whose settings/ holds only generated example settings (valid and
varied: every nation and every kind, made from the two example settings), it measures:
- one standalone ``scripts/build`` of the first generated setting, for comparison;
- ``scripts/build-all`` of N settings from an empty cache, for each N: the total time, the time
  per setting and that as a share of the standalone build, the peak memory of all its processes
  together, and the bytes it wrote (the sites and the cache, each file counted once);
- a second run at the largest N with one setting's DSL changed, three times (another setting
  each time): what each rebuilt, and how long the median took against the amortised time of
  one setting.
The issue's targets are printed beside each figure.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sitedata import DATA_DIR, PROJECT_ROOT
from sitedata.files import SETTINGS, read_yaml

NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")
KINDS = ("school", "college", "childrens-home", "school-and-home")
# The example whose team has the roles each kind needs (data/pathways.yml, kind_roles).
TEMPLATE = {"school": "example-scotland-school", "college": "example-scotland-school",
            "childrens-home": "example-wales-home", "school-and-home": "example-scotland-school"}
# Brand colours in turn, each dark enough for white text (sitedata/colours.py checks).
BRAND_COLOURS = ("#1d4e89", "#1f5c3a", "#5b2a86", "#8a3b00", "#00596b")
PLACES = ("Ashby", "Brynmor", "Carrick", "Dunmore", "Eskdale", "Fairlie", "Glenmor", "Harlow", "Inverlee", "Kilbride")
# What the copy leaves out: neither code nor data. __pycache__ comes too, as `make install` leaves
# it (copytree keeps the sources' times, so the compiled modules stay valid): without it, where
# PYTHONDONTWRITEBYTECODE is set, every process would compile our code afresh.
NOT_COPIED = (".git", ".venv", ".cache", "site", "test-artefacts", "node_modules", ".pytest_cache")
# Second runs measured, each after changing another setting.
SECOND_RUNS = 3


def project_copy(folder: Path) -> Path:
    """The project without its settings, in ``folder``."""
    copy = folder / "project"
    shutil.copytree(PROJECT_ROOT, copy, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
    shutil.rmtree(copy / SETTINGS)
    (copy / SETTINGS).mkdir()
    return copy


def registered_manager(examples: Path) -> str:
    """The Registered Manager's entry of the Welsh example's team, for a school and home."""
    team = (examples / TEMPLATE["childrens-home"] / "team.yml").read_text(encoding="utf-8")
    return re.search(r"\n  - id: registered-manager\n.*?\n\n", team, re.DOTALL).group(0)


def generate(settings_dir: Path, count: int, examples: Path = PROJECT_ROOT / SETTINGS) -> list[str]:
    """``count`` example settings in ``settings_dir``: every nation and kind in turn, each with
    its own name, area, police force, brand colour and DSL. Returns their ids."""
    kind_names = read_yaml(DATA_DIR / "group.yml")["kinds"]
    ids = []
    for number, (nation, kind) in zip(range(1, count + 1), itertools.cycle(itertools.product(NATIONS, KINDS))):
        place = f"{PLACES[number % len(PLACES)]} {number}"
        setting_id = f"synthetic-{number:03d}"
        folder = settings_dir / setting_id
        shutil.copytree(examples / TEMPLATE[kind], folder)
        setting = (folder / "setting.yml").read_text(encoding="utf-8")
        for field, value in {"name": f"{place} {kind_names[kind]['name']} (synthetic)", "kind": kind,
                             "nation": nation, "local_authority_area": f"{place} (fictional)",
                             "police_force": f"{place} Police (fictional)",
                             "brand_colour": f'"{BRAND_COLOURS[number % len(BRAND_COLOURS)]}"'}.items():
            setting = re.sub(rf"^{field}: .*$", f"{field}: {value}", setting, count=1, flags=re.MULTILINE)
        (folder / "setting.yml").write_text(setting, encoding="utf-8")
        team = folder / "team.yml"
        text = re.sub(r"^(    name: )\w+ Example$", rf"\g<1>Dsl{number} Example", team.read_text(encoding="utf-8"),
                      count=1, flags=re.MULTILINE)
        if kind == "school-and-home":
            text = text.replace("\n  - id: head-of-service\n", registered_manager(examples) + "  - id: head-of-service\n", 1)
        team.write_text(text, encoding="utf-8")
        ids.append(setting_id)
    return ids


class PeakMemory:
    """The largest memory of a process and all its descendants together, sampled: the sum of
    their proportional set sizes (PSS), which counts a page that processes share (Chromium's
    many processes share most of theirs) once, not in each."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except OSError:
                    continue
                children.setdefault(parent, []).append(int(entry.name))
        tree, todo = [], [self.pid]
        while todo:
            tree.append(pid := todo.pop())
            todo += children.get(pid, [])
        return tree

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            return 0
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        return int(found.group(1)) * 1024 if found else 0

    def _sample(self) -> None:
        while not self._done.wait(0.5):
            self.peak = max(self.peak, sum(self._pss(pid) for pid in self._tree()))

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def bytes_in(*folders: Path) -> int:
    seen, total = set(), 0
    for folder in folders:
        for path in folder.rglob("*"):
            info = path.lstat()
            if path.is_file() and (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                total += info.st_size
    return total


def run(command: list[str], project: Path, **env: str) -> tuple[float, int, str]:
    """Seconds, peak memory and output of ``command`` run in ``project``."""
    started = time.monotonic()
    # The scripts run `python`: this one, whichever way the benchmark was started.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    process = subprocess.Popen(command, cwd=project, env={**os.environ, "PATH": path, **env}, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    memory = PeakMemory(process.pid)
    output, _ = process.communicate()
    peak = memory.stop()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    return time.monotonic() - started, peak, output


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    sizes = sorted(parser.parse_args(argv).sizes)
    os.environ["SOURCE_DATE_EPOCH"] = subprocess.run([sys.executable, "-m", "sitedata.build_date"], cwd=PROJECT_ROOT,
                                                     capture_output=True, text=True, check=True).stdout.strip()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temp:
        project = project_copy(Path(temp))
        ids = generate(project / SETTINGS, sizes[-1])
        print(f"{len(ids)} settings generated: every nation and kind; {os.cpu_count()} cores")
        alone, _, _ = run(["bash", "scripts/build", str(Path(temp) / "alone")], project, SETTING=ids[0])
        print(f"standalone scripts/build of one setting: {alone:.1f} s")
        per_setting = {}
        for size in sizes:
            out, cache = Path(temp) / f"out-{size}", project / ".cache"
            shutil.rmtree(cache, ignore_errors=True)
            seconds, peak, _ = run(["bash", "scripts/build-all", str(out), "--examples", "--only", *ids[:size]], project)
            per_setting[size] = seconds / size
            print(f"N={size:>3}: {seconds:6.1f} s in all, {per_setting[size]:5.1f} s per setting "
                  f"({per_setting[size] / alone:.0%} of standalone; target at N=50: at most 40%), "
                  f"peak memory {peak / 2**20:.0f} MiB (target under 2048), {bytes_in(out, cache) / 2**20:.0f} MiB written")
        if len(sizes) > 1:
            low, high = per_setting[sizes[-2]], per_setting[sizes[-1]]
            print(f"per setting at N={sizes[-1]} against N={sizes[-2]}: {high / low - 1:+.0%} (target within 15%)")
        # A second run is short, and one alone swings with whatever else the machine is doing:
        # three, each after changing another setting, and their median against the target.
        seconds_each = []
        for setting_id in ids[-SECOND_RUNS:]:
            changed = project / SETTINGS / setting_id / "team.yml"
            changed.write_text(changed.read_text(encoding="utf-8").replace("Example", "Changed", 1), encoding="utf-8")
            seconds, _, output = run(["bash", "scripts/build-all", str(Path(temp) / f"out-{sizes[-1]}"), "--examples",
                                      "--only", *ids[:sizes[-1]]], project)
            seconds_each.append(seconds)
            print(f"second run, {setting_id} changed: {seconds:.1f} s; {output.strip().splitlines()[-1]}")
        median = statistics.median(seconds_each)
        print(f"second run, median of {len(seconds_each)}: {median:.1f} s, {median / per_setting[sizes[-1]]:.2f}x the "
              f"amortised time of one setting (target at most 1.5x)")


if __name__ == "__main__":
    main(sys.argv[1:])
