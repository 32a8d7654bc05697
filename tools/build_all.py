"""Every setting's site at once, for a group with many schools, colleges and children's homes.

    scripts/build-all OUT [--examples] [--only ID ...] [--shard K/N] [--jobs N] [--base-url URL]
    scripts/build-all OUT --index-only

Each setting that is not an example (``--examples`` adds them) is built into ``OUT/<id>/`` as
``scripts/build`` builds one: the pages, the PDFs and the copy opened from disk. OUT also gets
the group's index of every site (``group_index.py``) and the host's ``_headers`` and
``_redirects`` for them all. ``--index-only`` writes just those, for the sites already in OUT
(CI builds the settings in shards and joins them: .github/workflows/ci.yml).

What the settings share, so that each costs a fraction of a build of its own:
- Before anything is built, the Group's data is loaded and checked once, and the settings' ids
  and addresses are checked to be distinct: a mistake there would fail every setting.
- Worker processes, one per core, build the settings. Each imports MkDocs and the code once,
  compiles the templates once (macros/template_cache.py), and starts Chromium once to
  print every site it builds, all in one browser context (started while its first site's pages
  are built). A setting's build is two parts that
  two workers can build at once: its site (pages, then PDFs) and the pages of its copy opened
  from disk; so one setting changed is rebuilt on two cores, not one.
- A cache, ``.cache/sites/<id>/<key>/``: a site is built again only when its key changes. The
  key is a hash of all it is made of: the code, theme and pages, the Group's data and the
  policy's text, the setting's folder, the build date and the site's address. Only the newest
  site of each setting is kept.
A setting that fails is reported with its message and the others are built; the command then
exits 1 naming each failure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import logging
import multiprocessing
import os
import queue
import shutil
import sys
import time
import traceback
from pathlib import Path

from sitedata import DATA_DIR, PROJECT_ROOT
from sitedata.errors import DataError
from sitedata.settings import SETTINGS_DIR, SettingFolder, check_distinct_addresses, is_example, setting_folders, site_address

from .browser import HEADLESS_CHROMIUM

CACHE_DIR = PROJECT_ROOT / ".cache" / "sites"
# What no site is made of: left out of the cache key, so that editing them rebuilds nothing. So is
# every hidden folder (.git, .venv, .cache, tools' caches such as .ruff_cache).
NOT_INPUTS = {"site", "settings", "tests", "test-artefacts", "node_modules", "__pycache__", "README.md", "MAINTAINING.md"}
# What else decides a site's bytes: the build's date and whether it may be incomplete.
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "REQUIRE_COMPLETE")
COMPLETE = ".complete"  # written last into a cached site: a site without it was interrupted


@dataclasses.dataclass(frozen=True)
class Job:
    setting: str
    address: str
    key: str

    @property
    def cached(self) -> Path:
        return CACHE_DIR / self.setting / self.key

    @property
    def partial(self) -> Path:
        """The site while it is built: the pages and PDFs."""
        return self.cached.with_name(self.key + ".partial")

    @property
    def for_disk(self) -> Path:
        """The copy opened from disk while it is built, before it is zipped into the site."""
        return self.cached.with_name(self.key + ".disk")


# A setting's build in two parts, which two workers can build at once: its site (the pages, then
# the PDFs printed from them) and the pages of its copy opened from disk. Once both are built,
# the copy is zipped into the site's downloads with the PDFs.
SITE, FOR_DISK = "site", "for-disk"
PARTS = (SITE, FOR_DISK)


@dataclasses.dataclass(frozen=True)
class Result:
    setting: str
    seconds: float
    error: str | None = None
    from_cache: bool = False
    part: str | None = None  # one part's result (PARTS); None: the whole setting's


# --- what to build, and its key ----------------------------------------------------------------


def digest(paths: list[Path], root: Path) -> str:
    """A hash of the files' names (from ``root``) and bytes, in name order."""
    hashed = hashlib.sha256()
    for path in sorted(paths):
        hashed.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


def files_under(folder: Path, skip: set[str] = frozenset()) -> list[Path]:
    """The files in ``folder`` but those named in ``skip`` or inside a folder so named or hidden
    (which are not walked: .venv alone holds thousands), and compiled Python."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name not in skip and not name.startswith(".")]
        found += [Path(parent, name) for name in files if name not in skip and not name.endswith(".pyc")]
    return found


def shared_inputs_digest() -> str:
    """What every site is made of: the code, theme, pages and the Group's data, the Chromium that
    prints the PDFs, and the environment that changes a build."""
    hashed = hashlib.sha256(digest(files_under(PROJECT_ROOT, NOT_INPUTS), PROJECT_ROOT).encode())
    chromium = HEADLESS_CHROMIUM.resolve().stat() if HEADLESS_CHROMIUM.exists() else None
    hashed.update(repr((sys.version, chromium and (chromium.st_size, chromium.st_mtime_ns))).encode())
    hashed.update(repr([os.environ.get(name, "") for name in ENVIRONMENT]).encode())
    return hashed.hexdigest()


def jobs_for(folders: list[SettingFolder], base_url: str) -> list[Job]:
    shared = shared_inputs_digest()
    jobs = []
    for folder in folders:
        address = site_address(folder, base_url)
        key = hashlib.sha256(f"{shared}\0{digest(files_under(folder.path), folder.path)}\0{address}".encode())
        jobs.append(Job(folder.id, address, key.hexdigest()[:20]))
    return jobs


def chosen(folders: list[SettingFolder], examples: bool, only: list[str], shard: tuple[int, int]) -> list[SettingFolder]:
    """The settings to build: those named (``only``), else every one that is not an example
    (and the examples too, with ``examples``); of those, shard K of N takes every Nth."""
    known = {folder.id: folder for folder in folders}
    if unknown := [name for name in only if name not in known]:
        raise DataError(f"--only {' '.join(unknown)}", "the setting", f"is not a folder in {SETTINGS_DIR.name}/",
                        f"use one of: {', '.join(known)}")
    picked = [known[name] for name in only] if only else [f for f in folders if examples or not is_example(f)]
    number, count = shard
    return picked[number - 1::count]


# --- a worker: builds one setting after another, with one Chromium ------------------------------


_loop = None  # this worker's event loop, in which its Chromium lives from one setting to the next
_printing = None  # this worker's Chromium and its context for printing (contextlib.AsyncExitStack)
_context = None
_messages: list[str] = []


class Collect(logging.Handler):
    """MkDocs' warnings and errors for the setting being built, to report if it fails."""

    def emit(self, record: logging.LogRecord) -> None:
        _messages.append(record.getMessage())


def start_worker() -> None:
    os.chdir(PROJECT_ROOT)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(Collect(logging.WARNING))
    mkdocs_log.propagate = False


async def printing_context():
    """This worker's Chromium context for printing, started with its first setting (closed by
    ``worker``): it prints every site the worker builds."""
    global _printing, _context
    if _context is None:
        from .pdf import own_context

        started = contextlib.AsyncExitStack()
        _context = await started.enter_async_context(own_context())
        _printing = started
    return _context


async def build_site(folder: Path) -> None:
    """The pages, then the PDFs printed from them. Chromium starts (for the worker's first
    site) while the pages are built, in a thread of their own."""
    from tools import pages, pdf

    launching = asyncio.ensure_future(printing_context())
    try:
        await asyncio.to_thread(pages.build_here, folder)
    except BaseException:
        await asyncio.gather(launching, return_exceptions=True)
        raise
    await pdf.print_pdfs(folder, await launching)


def warm_up() -> None:
    """What every build needs, loaded while the main process finds the work: MkDocs, our code and
    the theme's plugins (loading the config imports them)."""
    from mkdocs.config import load_config

    from tools import offline_copy, pages, pdf  # noqa: F401

    # Only warming: a mistake in the config fails the build that meets it, with its message.
    with contextlib.suppress(Exception):
        load_config(str(PROJECT_ROOT / "mkdocs.yml"))


def worker(tasks, results) -> None:
    """A worker process: builds the parts it takes from ``tasks``, (job, part), until it takes None."""
    global _loop
    start_worker()
    warm_up()
    _loop = asyncio.new_event_loop()
    try:
        for job, part in iter(tasks.get, None):
            results.put(build_part(job, part))
    finally:
        if _printing is not None:
            _loop.run_until_complete(_printing.aclose())
        _loop.close()
    # Done: the results sent, the browser closed. What is left is Python's teardown of every object
    # MkDocs made, a fraction of a second that ends every run (the main process waits for it).
    results.close()
    results.join_thread()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def build_part(job: Job, part: str) -> Result:
    """One part of a setting's build (PARTS), as scripts/build builds it."""
    from tools import offline_copy, pages

    started = time.monotonic()
    os.environ["SETTING"], os.environ["SITE_URL"] = job.setting, job.address
    _messages.clear()
    folder = job.partial if part == SITE else job.for_disk
    shutil.rmtree(folder, ignore_errors=True)
    try:
        if part == SITE:
            _loop.run_until_complete(build_site(folder))
        else:
            offline_copy.build_copy_pages(folder, lambda copy: pages.build_here(copy, offline=True))
    except BaseException as error:  # noqa: BLE001 (reported, and the other settings are built)
        return Result(job.setting, time.monotonic() - started, failure(error), part=part)
    return Result(job.setting, time.monotonic() - started, part=part)


def finish_setting(job: Job) -> None:
    """Both parts built: the copy opened from disk zipped into the site, and the site cached."""
    from tools import offline_copy

    [copy] = job.for_disk.iterdir()
    offline_copy.zip_copy(job.partial, copy, job.setting)
    shutil.rmtree(job.for_disk)
    (job.partial / COMPLETE).touch()
    for older in job.cached.parent.iterdir():
        if older != job.partial:
            shutil.rmtree(older)
    job.partial.rename(job.cached)


def failure(error: BaseException) -> str:
    """What stopped a setting's build, as MkDocs or our tools said it: the file, item and fix."""
    said = [message for message in _messages if message.strip()]
    own = str(error) if not isinstance(error, SystemExit) or isinstance(error.code, str) else ""
    if own and not own.startswith("Aborted with"):
        said.append(own)
    if not said or os.environ.get("MKDOCS_DEBUG"):
        said.append("".join(traceback.format_exception(error)).strip())
    return "\n".join(said)


# --- the whole group ----------------------------------------------------------------------------


def link_or_copy(source: str, target: str) -> None:
    """The cached file in OUT without a second copy of its bytes where the file system allows."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def publish(job: Job, out: Path) -> None:
    """The job's cached site into OUT/<id>/, unless it is there already (the same files, linked)."""
    target = out / job.setting
    if (target / "index.html").exists() and (target / "index.html").samefile(job.cached / "index.html"):
        return
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(job.cached, target, copy_function=link_or_copy, ignore=shutil.ignore_patterns(COMPLETE))


class Workers:
    """Fresh processes (spawned: no state from this one) sharing out the parts of the jobs, each
    taking the next when it is done with one. They start before the work is known, so that their
    start (Python, MkDocs, the theme's plugins) overlaps the checks and hashing that find it, and
    what the caller does meanwhile (publishing the cached sites)."""

    def __init__(self, count: int):
        context = multiprocessing.get_context("spawn")
        self.tasks, self.results = context.Queue(), context.Queue()
        self.processes = [context.Process(target=worker, args=(self.tasks, self.results)) for _ in range(count)]
        for process in self.processes:
            process.start()
        self.told_to_end = False

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.end()

    def no_more_work(self) -> None:
        """Each process ends once it is done with the tasks given so far."""
        if not self.told_to_end:
            for _ in self.processes:
                self.tasks.put(None)
            self.told_to_end = True

    def end(self) -> None:
        self.no_more_work()
        for process in self.processes:
            process.join()

    def give(self, job: Job) -> None:
        for part in PARTS:
            self.tasks.put((job, part))

    def finish(self, to_build: list[Job], report) -> list[Result]:
        """Each job's result once both its parts are built (and the job finished), reported; a
        part that failed fails its job, and so does one whose worker died."""
        jobs = {job.setting: job for job in to_build}
        built: dict[str, list[Result]] = {setting: [] for setting in jobs}
        done = []
        while len(done) < len(jobs):
            try:
                part = self.results.get(timeout=1)
            except queue.Empty:
                if any(process.is_alive() for process in self.processes):
                    continue
                # Every worker has ended, and these were never reported: their worker died.
                done += [Result(setting, 0.0, "the process building it stopped unexpectedly")
                         for setting in sorted(set(jobs) - {result.setting for result in done})]
                break
            built[part.setting].append(part)
            if len(built[part.setting]) == len(PARTS):
                done.append(self.settle(jobs[part.setting], built[part.setting]))
                report(f"{part.setting}: " + (f"built in {done[-1].seconds:.1f} s" if not done[-1].error else "FAILED"))
        self.end()
        for job in to_build:  # what a failed or stopped build left
            shutil.rmtree(job.partial, ignore_errors=True)
            shutil.rmtree(job.for_disk, ignore_errors=True)
        return done

    @staticmethod
    def settle(job: Job, parts: list[Result]) -> Result:
        """The job's result from its parts' (its time: both parts' work), its site finished if both were built."""
        seconds = sum(part.seconds for part in parts)
        if errors := [part.error for part in parts if part.error]:
            return Result(job.setting, seconds, "\n".join(dict.fromkeys(errors)))
        try:
            finish_setting(job)
        except OSError as error:
            return Result(job.setting, seconds, f"the finished site could not be cached: {error}")
        return Result(job.setting, seconds)


def build_all(jobs: list[Job], out: Path, workers: Workers, report=print) -> list[Result]:
    """Each job's site into OUT/<id>/, from the cache or built by the ``workers``."""
    cached = [job for job in jobs if (job.cached / COMPLETE).exists()]
    to_build = [job for job in jobs if job not in cached]
    for job in to_build:
        workers.give(job)
    workers.no_more_work()
    for job in cached:
        publish(job, out)
    results = [Result(job.setting, 0.0, from_cache=True) for job in cached]
    results += workers.finish(to_build, report)
    for job in to_build:
        if (job.cached / COMPLETE).exists():
            publish(job, out)
    return results


def shard_of(text: str) -> tuple[int, int]:
    number, _, count = text.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
        raise argparse.ArgumentTypeError(f"{text!r} is not K/N with 1 <= K <= N, e.g. 2/4")
    return int(number), int(count)


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/build-all", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder for every site, OUT/<setting-id>/")
    parser.add_argument("--examples", action="store_true", help="build the example settings too")
    parser.add_argument("--only", nargs="+", default=[], metavar="ID", help="build only these settings")
    parser.add_argument("--shard", type=shard_of, default=(1, 1), metavar="K/N",
                        help="build every Nth setting from the Kth (CI's matrix)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="settings built at once (default: cores)")
    parser.add_argument("--base-url", default=os.environ.get("SITE_URL", ""),
                        help="where OUT is published; a site without a site_url is at BASE_URL/<id>/")
    parser.add_argument("--index-only", action="store_true", help="write only the index, _headers and _redirects")
    return parser.parse_args(argv)


def check_group(picked: list[SettingFolder]) -> None:
    """The Group's data, loaded and checked once before any setting is built: a mistake in it
    would fail every setting. (A mistake in a setting's own folder fails that setting alone.)"""
    from sitedata.load import SiteData

    for folder in picked:
        try:
            SiteData.load(DATA_DIR, folder)
            return
        except DataError as error:
            if not error.file.startswith(f"{SETTINGS_DIR.name}/"):
                raise


def main(argv: list[str]) -> int:
    from . import group_index

    args = arguments(argv)
    started = time.monotonic()
    try:
        folders = setting_folders(SETTINGS_DIR)
        check_distinct_addresses(SETTINGS_DIR, args.base_url)
        if args.index_only:
            group_index.write(args.out, folders, args.base_url)
            return 0
        picked = chosen(folders, args.examples, args.only, args.shard)
    except DataError as error:
        print(f"scripts/build-all: {error}", file=sys.stderr)
        return 1
    with Workers(min(args.jobs, len(PARTS) * len(picked))) as workers:
        try:
            check_group(picked)
        except DataError as error:
            print(f"scripts/build-all: {error}", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        results = build_all(jobs_for(picked, args.base_url), args.out, workers)
    group_index.write(args.out, folders, args.base_url)
    failed = [result for result in results if result.error]
    built = sum(1 for result in results if not result.error and not result.from_cache)
    print(f"{len(results)} settings: {built} built, {sum(r.from_cache for r in results)} from the cache, "
          f"{len(failed)} failed; {time.monotonic() - started:.1f} s")
    for result in failed:
        print(f"\n{result.setting} ({SETTINGS_DIR.name}/{result.setting}) failed:\n{result.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
