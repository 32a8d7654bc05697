"""Fidelity: every sentence of the policy as received appears, word for word, in the built site.

The source is the PDF-to-Markdown conversion in source/ (see its README). We strip
its Markdown, split it into sentences, and look for each one in the text of the built pages'
<article> (the site's own editorial notes removed). Quote marks are compared exactly: the site
must keep ’ “ ” and ' " as the policy has them.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import SOURCE_POLICY

# --- what the site deliberately does not show -------------------------------------------------
# Whole source lines that are conversion artefacts, not policy text: (line pattern, how many
# times it occurs in the source, why it is not on the site). The count keeps the list honest:
# if the source changes, the test says so instead of silently dropping other lines.
ARTEFACTS: list[tuple[str, int, str]] = [
    (
        r"\*\*Updated 1 September 2024\*\*", 1,
        "Cover date. The site shows it outside the page text, in the footer ('Dated 1 September "
        "2024.') and as 'last updated on 1 September 2024' on the home page.",
    ),
    (
        r"CONTENTS\tPAGE", 1,
        "Heading of the PDF's contents table; the site's navigation replaces it.",
    ),
    (
        r"\d+\.0 [A-Z ?()]+ ?\.{2,}\t\d+", 13,
        "Contents table entries with dot leaders and PDF page numbers; the site's navigation and "
        "policy index replace them (the section headings themselves are checked).",
    ),
    (
        r"## Child Exploitation Policy", 5,
        "Running page header repeated at each PDF page break (the cover title, '# **Child "
        "Exploitation Policy**', is not listed: it is checked).",
    ),
    (
        r"\*\*(Acorn Education|Momenta Connect|Options Autism)\*\*", 3,
        "Brand names from the Group's logo footer on the last PDF page, not policy text.",
    ),
]
# Not listed because they do appear on the site (home page): the cover's "Outcomes First Group."
# logo text and "Bankside College".

# --- structure the conversion broke -----------------------------------------------------------
# (text in the source, what it becomes, why). Each repair changes only where a sentence ends,
# never a word, so every source word is still checked.
REPAIRS: list[tuple[str, str, str]] = [
    (
        "Barnardo's Making Words Matter",
        "Barnardo's](#)\n\n[Making Words Matter",
        "10.0: two links (Barnardo's 'Language Matters' and the NWG Network's 'Making Words "
        "Matter') were run together into one; the site shows them as two links, so each half is "
        "checked as its own sentence.",
    ),
    (
        "- 13.0 Local Procedures. The DSL",
        "## 13.0 Local Procedures\n\n**Local Procedures. The DSL",
        "13.0 sits inside 12.7's list item in the conversion. The site gives 13.0 its own page "
        "with the heading '13.0 Local procedures', and the text still opens 'Local Procedures.' "
        "(as 7.4 does), so both are checked.",
    ),
]

# Split after . ! or ? followed by whitespace, except after "e.g." (12.2). We do not split on
# ; or : because that makes fragments too short to mean anything ("Local Procedures." is about
# the shortest we want), and short fragments match anywhere by chance. "(a)" and "D.4," are
# never followed by whitespace after the stop, so they need no special case.
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!e\.g\.)\s+")

# Elements that end a line of text on the page; only these get a space around them, so inline
# markup (links, <strong>, clause numbers) does not add spaces, e.g. "(KCSiE 2024)".
BLOCK_TAGS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th", "br", "summary"]


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space (line wrapping is not content)."""
    return " ".join(text.split())


def strip_markdown(text: str) -> str:
    text = re.sub(r"^#+\s*", "", text)  # heading marks
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](#) -> text
    text = re.sub(r"\\([()\[\]*_#.\-!|\\])", r"\1", text)  # \( -> (
    text = text.replace("*", "")  # bold and italic (the policy has no literal asterisks)
    return normalise(text)


def source_blocks(markdown: str) -> list[tuple[str, bool]]:
    """(text, is_heading) for each heading, paragraph and list item of the source."""
    for old, new, _ in REPAIRS:
        markdown = markdown.replace(old, new)
    artefact_lines = [re.compile(pattern) for pattern, _, _ in ARTEFACTS]

    blocks: list[list] = []  # [list of raw lines, is_heading]
    open_block = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if any(p.fullmatch(stripped) for p in artefact_lines):
            continue
        if not stripped or stripped == "---":  # blank line or rule: the block ends
            open_block = False
        elif stripped.startswith("#"):
            blocks.append([[stripped], True])
            open_block = False
        elif re.match(r"[-*] ", stripped):  # a list item starts a new block
            blocks.append([[stripped[2:]], False])
            open_block = True
        elif open_block:  # a wrapped line, or a hard line break ("  \n")
            blocks[-1][0].append(stripped)
        elif stripped[0].islower() and blocks:
            # A paragraph cannot start in lower case: a page break (and its running header)
            # cut the sentence in two, as in 8.3 "... placed by | introduced customers".
            blocks[-1][0].append(stripped)
            open_block = True
        else:
            blocks.append([[stripped], False])
            open_block = True
    return [(strip_markdown(" ".join(lines)), heading) for lines, heading in blocks]


def source_sentences(markdown: str) -> list[tuple[str, bool]]:
    """(sentence, is_heading) for every sentence of the source, in order."""
    return [
        (sentence, heading)
        for text, heading in source_blocks(markdown)
        for sentence in SENTENCE_END.split(text)
        if sentence
    ]


def page_text(html: str) -> str:
    """The text of a page's <article>, without the site's own notes."""
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    if article is None:
        return ""
    # .editorial is the site's own words inside policy text, e.g. "(address to be confirmed
    # by the policy owner)"; it is not policy text, and it sits between policy words.
    for element in article.select(".editorial, .headerlink"):
        element.decompose()
    for element in article.find_all(BLOCK_TAGS):
        element.insert_before(" ")
        element.insert_after(" ")
    return normalise(article.get_text())


def found(sentence: str, is_heading: bool, site_text: str) -> bool:
    # Source headings are ALL CAPS and the site uses sentence case ("11.0 What to do ..."),
    # so only headings are compared without case. Body text keeps its case: the policy's own
    # slips (e.g. "children can be trafficked" in 7.1) must be kept as they are.
    if is_heading:
        return sentence.casefold() in site_text.casefold()
    return sentence in site_text


@pytest.fixture(scope="module")
def source_markdown() -> str:
    return SOURCE_POLICY.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sentences(source_markdown) -> list[tuple[str, bool]]:
    return source_sentences(source_markdown)


@pytest.fixture(scope="module")
def site_text(built_site) -> str:
    """The article text of every built page, one after another."""
    return " ".join(page_text(page.read_text(encoding="utf-8")) for page in built_site.pages())


def test_every_source_sentence_is_on_the_site(sentences, site_text):
    missing = [sentence for sentence, heading in sentences if not found(sentence, heading, site_text)]
    if missing:  # list them all, so that one run shows every difference
        pytest.fail(
            f"{len(missing)} of {len(sentences)} source sentences are not in the built site's text:\n"
            + "\n".join(f"  - {sentence}" for sentence in missing),
            pytrace=False,
        )


def test_enough_sentences_are_checked(sentences):
    # Guards against a parser change that quietly checks (almost) nothing.
    print(f"\n{len(sentences)} source sentences checked")
    assert len(sentences) > 150
    # And none is so short that it would match anywhere by chance.
    too_short = [s for s, _ in sentences if len(s.split()) < 2]
    assert not too_short, f"fragments too short to be meaningful: {too_short}"


def test_artefacts_and_repairs_are_in_the_source(source_markdown):
    # So that neither list can go stale: each entry must still match the source as received.
    lines = [line.strip() for line in source_markdown.splitlines()]
    for pattern, expected, reason in ARTEFACTS:
        count = sum(1 for line in lines if re.fullmatch(pattern, line))
        assert count == expected, f"artefact {pattern!r} occurs {count} times, expected {expected} ({reason})"
    for old, _, reason in REPAIRS:
        assert source_markdown.count(old) == 1, f"repair {old!r} no longer matches the source once ({reason})"


@pytest.mark.parametrize(
    ("original", "altered"),
    [
        # One word changed.
        ("Child sexual exploitation is not a choice.", "Child sexual exploitation is always a choice."),
        (
            "Team members must report any concerns regarding trafficking to the Designated Safeguarding Lead (DSL)/ Safeguarding Lead.",
            "Team members may report any concerns regarding trafficking to the Designated Safeguarding Lead (DSL)/ Safeguarding Lead.",
        ),
        # Quote marks are compared exactly: the policy has a curly apostrophe here.
        (
            "This policy must be read in conjunction with the setting’s Safeguarding Policy,",
            "This policy must be read in conjunction with the setting's Safeguarding Policy,",
        ),
        # Body text keeps its case: 7.1 has "children" in lower case.
        (
            "children can be trafficked as part of sexual exploitation,",
            "Children can be trafficked as part of sexual exploitation,",
        ),
    ],
)
def test_the_check_tells_a_change(original, altered, site_text):
    """The comparison is not vacuous: the policy's words are found, a one-word change is not."""
    assert found(original, False, site_text)
    assert not found(altered, False, site_text)
