"""Fidelity, both ways: every sentence of the current version of the policy is on its clause's
page under that clause, and every sentence of a policy page is the policy's or marked as the
site's own. The build checks it (macros/fidelity.py); here, the reading of the received text,
the check itself on small pages, the real build's pages, and the build refusing a page that
says what the policy does not.
"""

from __future__ import annotations

import pytest
from conftest import copy_project, failed_build_output

from macros.fidelity import check_page, page_clauses
from sitedata.policy_text import Block, Clause

# --- the policy as received, read into clauses -----------------------------------------------


def test_the_current_version_reads_into_every_section_and_clause(site):
    policy = site.policy
    assert policy.sections() == [f"{n}.0" for n in range(1, 14)]
    assert policy.clauses_of("11.0") == [f"11.{n}" for n in range(1, 8)]
    sentences = [s for clause in policy.clauses.values() for s, _ in clause.sentences()]
    print(f"\n{len(sentences)} sentences of the policy checked")
    assert len(sentences) > 150  # a parser that quietly checks (almost) nothing fails here
    assert not [s for s in sentences if len(s.split()) < 2], "fragments too short to mean anything"


def test_what_the_conversion_added_is_in_no_clause(site):
    clauses = site.policy.clauses
    everything = " ".join(clause.text for clause in clauses.values())
    for artefact in ["CONTENTS", "PAGE", "Acorn Education", "Options Autism", "Updated 1 September 2024",
                     "Child Exploitation Policy"]:
        assert artefact not in everything, artefact  # contents, logos, cover, running headers
    # A page break (and its running header) cut 8.3 in two: it is one sentence again.
    assert "orders are placed by introduced customers" in clauses["8.3"].text
    # 13.0 starts inside 12.7's list item: it is a section, titled by the contents table.
    assert clauses["13.0"].blocks[0] == Block("13.0 LOCAL PROCEDURES", True, clauses["13.0"].line)
    assert clauses["12.7"].text.endswith("reporting concerns.")


# --- the check, on pages made for it -----------------------------------------------------------

CLAUSE = Clause("11.5", (Block("11.5 Team members must tell the DSL. They must do it today.", False, 1),))
PAGE = ('<p><a class="clause-number" href="#clause-11-5" id="clause-11-5">11.5</a> Team members must '
        '<strong>tell</strong> the DSL. They must do it today.</p>')


def differences(html: str, clause: Clause = CLAUSE) -> list[str]:
    return [difference.problem for difference in check_page("docs/p.md", html, {clause.number: clause}, "source/x.md")]


def test_a_page_that_says_what_the_policy_says_passes():
    assert differences(PAGE) == []
    # The site's own words inside the policy's text are marked, and left out.
    assert differences(PAGE.replace("</p>", ' <span class="editorial">(check with your DSL)</span></p>')) == []


@pytest.mark.parametrize(("page", "expected"), [
    (PAGE.replace("today.", "today. Or tomorrow."), ["“Or tomorrow.” is on the page but not in source/x.md"]),
    (PAGE.replace(" They must do it today.", ""), ["“They must do it today.” is in source/x.md but not on the page"]),
    (PAGE.replace("must <strong>tell", "may <strong>tell"),
     ["“11.5 Team members must tell the DSL.” is in source/x.md but not on the page",
      "“11.5 Team members may tell the DSL.” is on the page but not in source/x.md"]),
    (PAGE.replace("today.", "today.</p><p>A note of ours."), ["“A note of ours.” is on the page but not in source/x.md"]),
    (PAGE.replace("11-5", "11-6").replace(">11.5<", ">11.6<"),
     ['is missing: add {{ clause("11.5") }} and its text from source/x.md, line 1',
      "is not a clause of this section in source/x.md: remove it, or give its text the number the policy gives it"]),
])
def test_the_check_tells_each_difference(page, expected):
    assert differences(page) == expected


def test_headings_compare_without_case_and_body_text_with_it():
    heading = Clause("7.0", (Block("7.0 TRAFFICKING", True, 1),))
    assert differences('<h1 id="clause-7-0">7.0 Trafficking</h1>', heading) == []
    assert differences(PAGE.replace("Team members", "team members")) != []


def test_a_settings_local_paragraphs_can_be_checked_against_its_own_text(site):
    """The hook for a setting's copy of the policy (issue 26): 7.4's local procedures replaced."""
    group = site.policy.clauses["7.4"]
    local = group.with_local("Local Procedures.", ["Local Procedures. Refer to the Head of Care."])
    assert local.blocks[:2] == group.blocks[:2] and local.text.endswith("Refer to the Head of Care.")
    page = ('<p><a class="clause-number" href="#clause-7-4" id="clause-7-4">7.4</a> '
            f"{group.blocks[0].text.removeprefix('7.4 ')}</p><p>{group.blocks[1].text}</p>"
            "<p>Local Procedures. Refer to the Head of Care.</p>")
    assert differences(page, local) == []
    assert differences(page, group) != []


def test_until_a_setting_has_its_own_the_local_paragraphs_are_left_out(site):
    """data/sections.yml's local: 7.4's local procedures name the setting's DSL."""
    clause = site.policy.clauses["7.4"]
    page = "".join(f"<p>{text}</p>" for text in [clause.blocks[0].text.replace("7.4 ", '<a id="clause-7-4">7.4</a> '),
                                                   *(block.text for block in clause.blocks[1:])])
    renamed = page.replace("Kerry O'Brien", "Sam Jones")
    assert check_page("p", renamed, {"7.4": clause}, "s", {"7.4": "Local Procedures."}) == []
    assert differences(renamed, clause) != []
    # The Group's paragraphs before them are still checked.
    changed = renamed.replace("Team members must report", "Team members may report", 1)
    assert check_page("p", changed, {"7.4": clause}, "s", {"7.4": "Local Procedures."}) != []


# --- the real site --------------------------------------------------------------------------------


def article(built_site, page: str) -> str:
    html = built_site.page(page.removesuffix(".md") + "/").read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_every_policy_page_says_what_the_current_version_says(site, built_site):
    """What the build checked, checked again on the pages as published (markers and all)."""
    found = []
    for section in site.sections.sections:
        expected = {n: site.policy.clauses[n] for n in [section.section, *section.clauses]}
        found += check_page(section.page, article(built_site, section.page), expected, site.policy.file, section.local)
        assert set(page_clauses(article(built_site, section.page))) == set(expected)
    assert found == []


@pytest.mark.parametrize(("page", "original", "altered"), [
    ("policy/04-child-sexual-exploitation.md", "Child sexual exploitation is not a choice.",
     "Child sexual exploitation is always a choice."),
    ("policy/07-trafficking.md", "Team members must report any concerns regarding trafficking",
     "Team members may report any concerns regarding trafficking"),
    # Quote marks are compared exactly: the policy has a curly apostrophe here.
    ("policy/01-introduction.md", "the setting’s Safeguarding Policy", "the setting's Safeguarding Policy"),
    # Body text keeps its case: 7.1 has "children" in lower case.
    ("policy/07-trafficking.md", "children can be trafficked", "Children can be trafficked"),
])
def test_a_one_word_change_to_a_published_page_is_found(site, built_site, page, original, altered):
    html = article(built_site, page)
    assert original in html
    section = next(s for s in site.sections.sections if s.page == page)
    expected = {n: site.policy.clauses[n] for n in [section.section, *section.clauses]}
    found = check_page(page, html.replace(original, altered, 1), expected, site.policy.file)
    assert any(altered in difference.problem and "not in" in difference.problem for difference in found), found


def test_a_sentence_added_to_a_policy_page_stops_the_build(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "policy" / "11-concerns.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("safeguard the young person/s.", "safeguard the young person/s. A week will do."),
                    encoding="utf-8")
    output = failed_build_output(project, tmp_path)
    assert "docs/policy/11-concerns.md: clause 11.5: “A week will do.” is on the page but not in source/2024-09-01.md" \
        in output, output
    assert "Fix:" in output
