"""The compiled templates kept between builds (macros/template_cache.py) save time only: a new
process reads what an earlier one compiled, and an edited template is compiled afresh."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader

from macros import template_cache
from macros.template_cache import CompiledTemplates


def process_rendering(templates, cache_folder, compiled: list[str]) -> str:
    """A fresh environment and cache, as a new process makes them, rendering page.html; the names
    of the templates it had to compile go into ``compiled``."""

    class Counting(Environment):
        def _compile(self, source, filename):
            compiled.append(filename.rsplit("/", 1)[-1])
            return super()._compile(source, filename)

    env = Counting(loader=FileSystemLoader(templates), bytecode_cache=CompiledTemplates(cache_folder))
    return env.get_template("page.html").render(name="Sam")


def test_a_later_process_reads_the_compiled_template_and_an_edited_one_is_compiled_again(tmp_path):
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    compiled: list[str] = []

    assert process_rendering(templates, cache, compiled) == "Hello Sam"
    assert compiled == ["page.html"] and any(cache.iterdir())
    assert process_rendering(templates, cache, compiled) == "Hello Sam"
    assert compiled == ["page.html"]  # read from the cache, not compiled again

    (templates / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert process_rendering(templates, cache, compiled) == "Goodbye Sam"
    assert compiled == ["page.html", "page.html"]


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(tmp_path):
    templates, blocked = tmp_path / "templates", tmp_path / "a-file"
    templates.mkdir()
    (templates / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    blocked.write_text("not a folder", encoding="utf-8")
    assert process_rendering(templates, blocked / "cache", []) == "Hello Sam"


def test_a_projects_template_has_one_key_wherever_the_project_is(tmp_path, monkeypatch):
    """So that a copy of the project (the tests build many) starts from the compiled templates
    copied with it (conftest.copy_project)."""
    keys = []
    for project in (tmp_path / "here", tmp_path / "there"):
        monkeypatch.setattr(template_cache, "PROJECT_ROOT", project)
        keys.append(CompiledTemplates(tmp_path).get_cache_key("main.html", str(project / template_cache.OWN_TEMPLATES / "main.html")))
    outside = CompiledTemplates(tmp_path).get_cache_key("main.html", str(tmp_path / "theme" / "main.html"))
    assert keys[0] == keys[1] != outside
