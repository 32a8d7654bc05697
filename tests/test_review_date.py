"""The footer's "Is this the current version?" prompt, a year after the policy's date (review_due:
the policy states none): the build shows it once the day has passed, and the reader's device
shows it when the day passes after the build, so that a copy not rebuilt since (an old zip, an
app that has not updated) still asks."""

from __future__ import annotations

import datetime

from conftest import BUILD_DATE, VIEWPORTS, build_site, copy_project, edit_yaml
from playwright.sync_api import expect

from tools.local_server import serve

WARNING = "Is this the current version?"


def test_a_site_built_after_its_review_date_warns_without_javascript(browser, site, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site_url)
    warning = page.get_by_text(WARNING)
    if site.versions.current.review_overdue(BUILD_DATE):
        expect(warning).to_be_visible()
    else:
        expect(warning).to_be_hidden()
    context.close()


def test_a_site_built_before_its_review_date_warns_once_it_has_passed(browser, tmp_path):
    project = copy_project(tmp_path)
    review_due = BUILD_DATE + datetime.timedelta(days=30)
    edit_yaml(lambda book: book["versions"][-1].update(review_due=review_due))(project / "data" / "versions.yml")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as url:
        for day, overdue in [(review_due - datetime.timedelta(days=1), False), (review_due, False),
                             (review_due + datetime.timedelta(days=1), True)]:
            context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
            page = context.new_page()
            page.clock.set_fixed_time(datetime.datetime.combine(day, datetime.time(12)))
            page.goto(url + "contacts/")
            warning = page.get_by_text(WARNING)
            if overdue:
                expect(warning).to_be_visible()
            else:
                expect(warning).to_be_hidden()
            context.close()
