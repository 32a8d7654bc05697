"""The site's components (overrides/partials/components/, macros/components.py), each rendered from
its examples without building the site, as govuk-frontend tests its components: ordinary values,
edge values and hostile ones, which must come out as text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from jinja2 import UndefinedError

from macros import components
from macros.text import Html

# What data/ may hold, to the letter: markup, Markdown, a template expression, quotes.
HOSTILE = '<script>alert(1)</script> *x* _y_ [z](http://e.example) {{ setting }} "\' &amp;'

# Each component's examples: (name, the view model, what the reader gets: the text, and each
# element's attributes in order, as a browser reads them).
LINK = "https://www.gov.uk/guidance/kcsie"
# Components inside components: a step's call button and its clause link.
CALL = components.render("contact-action", href="tel:999", text="Call 999", number=None, words=None, whom="",
                         primary=False)
CLAUSE = components.clause_link("11.5", "#clause-11-5")


def line(line_id: str, name: str) -> dict:
    """A line of a "who to call now" panel, as reach.now_panel gives it."""
    call = components.render("contact-action", href="tel:01632960123", text="Call 01632 960123", number=None,
                             words=None, whom=name, primary=True)
    return {"id": line_id, "hours": '{"open":[]}', "short_name": name, "name": name, "display": "01632 960123",
            "in_words": "Monday to Friday, 9am to 5pm", "disagree": None, "call": call}


DSL_CONTROL = dict(full=True, first=CALL, called="Kerry", anyone_clauses=CLAUSE, others=[CALL], team_href="#team",
                   emergency_call=CALL, danger_clauses=CLAUSE, on_calls=[{"call": CALL, "hours": "evenings"}],
                   senior_roles="the headteacher", senior_clauses=CLAUSE, senior_calls=[CALL])
OUTCOME = dict(id="immediate-danger", first=Html("First"), emergency=False, own_heading="What you do now",
               own=Html("<li>Own steps</li>"), consider="", next_heading="What happens next",
               others=Html("<li>Next steps</li>"), guide=Html("Guide"), sources=Html("Sources"))
CARD_FRONT = dict(title="Child Exploitation Policy", setting="Bankside (Example: not a real setting)",
                  emergency={"label": "Emergency", "href": "tel:999", "text": "999"},
                  people=[{"role": "DSL", "name": "Kerry", "href": "tel:01632960123", "number": "01632 960123"},
                          {"role": "Deputy DSL", "name": None, "href": None, "number": None}], situations=[])
CARD_BACK = dict(situations=[], helplines=[{"name": "Police", "href": "tel:101", "number": "101"}],
                 pairs=[{"name": "Children's services", "not_in_policy": True, "lines": [
                     {"hours": "Weekdays", "name": "Office", "href": "tel:01632960123", "number": "01632 960123"},
                     {"hours": "Other times", "name": "EDT", "href": "tel:01632960124", "number": "01632 960124"}]}],
                 qr=Html("<svg></svg>"), site_url="https://policy.example/", ask="ask your DSL",
                 title="Child Exploitation Policy", setting="Bankside", dated="1 September 2024")
SIGN = dict(id="missing", text="Going missing", kinds="indicators risk-factors", clauses="6.4 8.7",
            policy="Going missing County lines", words="missing runaway", lists=[
                {"href": "../policy/06/#sign-missing", "clause": "6.4", "name": "Indicators", "as_text": None},
                {"href": "../policy/08/#clause-8-7", "clause": "8.7", "name": "County lines",
                 "as_text": "Repeatedly going missing"}])
CARD = dict(anchor="contact-la-office", name="Children's services (office hours)", role="Front door",
            short_name="MASH", use_when="Referrals.", clauses=CLAUSE, buttons=[CALL], web=None,
            hours="Monday to Friday, 9am to 5pm", check="not-in-policy",
            source={"note": "The council's page.", "url": LINK, "checked_on": "1 May 2026"},
            hours_disagree="Its hours differ.", hours_sources=[{"says": "9 to 5", "url": LINK, "checked_on": "1 May 2026"}])
DRAWING = dict(width=328, height=120, mm=None, start="concern", marker="flowchart-arrow-concern", parts=[
    {"part": "box", "kind": "question", "node": "concern", "href": "../questions/concern/", "x": 0.5, "y": 0.5,
     "width": 327, "height": 40, "lines": [{"x": 8, "y": 20, "text": "Is a child in danger?"}], "page": None},
    {"part": "answer", "text": "No", "x": 24, "y": 55},
    {"part": "arrow", "from": "concern", "to": "dsl", "d": "M12 41 V80 H22"},
    {"part": "box", "kind": "outcome", "node": "dsl", "href": "../concern/", "x": 24.5, "y": 60.5, "width": 303,
     "height": 40, "lines": [{"x": 32, "y": 80, "text": "Tell the DSL"}],
     "page": {"address": "what-to-do/concern/", "x": 32, "y": 96}}])
CHANGE = dict(anchor="change-11-5", removed=False, name="Clause 11.5", link=CLAUSE, was=None, leads_to=None,
              paragraphs=None, marked=None)
CHANGES = dict(dated="1 September 2025", replaced="1 September 2024", groups=[
    {"title": "Changed", "about": "Words changed.", "entries": [
        dict(CHANGE, marked=[[{"kind": "same", "words": "Report"}, {"kind": "removed", "words": "today"},
                              {"kind": "added", "words": "at once"}, {"kind": "same", "words": "by phone."}]])]},
    {"title": "New", "about": "Clauses added.", "entries": [
        dict(CHANGE, anchor="change-11-9", name="Clause 11.9", paragraphs=["A new clause."])]},
    {"title": "Renumbered", "about": "Clauses moved.", "entries": [
        dict(CHANGE, anchor="change-12-8", name="Clause 12.8", link=Html("Clause 12.8"), was="12.7")]},
    {"title": "Removed", "about": "Clauses removed.", "entries": [
        dict(CHANGE, anchor="change-7-4", removed=True, name="Clause 7.4", link=None, leads_to=Html("7.5"),
             paragraphs=["Tell any DSL."])]}])
QUESTION = dict(id="refresh", number=1, total=10, question="How often must the course be refreshed?",
                options=["Every year", "Every 3 years"], answer="Every 3 years", feedback="Refresh it every 3 years.",
                clauses=CLAUSE)
SELF_CHECK = dict(questions=[Html("<section>Q1</section>"), Html("<section>Q2</section>")],
                  answers=[{"answer": "Every 3 years", "feedback": "Refresh it.", "clauses": CLAUSE}],
                  policy="Child Exploitation Policy", updated="1 September 2024", setting="Bankside College",
                  group="Outcomes First Group")
SCENARIO = dict(id="older-boyfriend", number=1, title="An older 'boyfriend'", situation="Sam, 16, has new clothes.",
                start="I'm worried about a young person", steps=[{"question": "Is anyone in danger?", "answer": "No"}],
                outcome="You are worried", outcome_href="../../what-to-do/concern/",
                signs=[{"text": "Unexplained gifts", "href": "../../signs/#signs-gifts", "clauses": CLAUSE}],
                discussion=[{"text": "CSE is not a choice.", "clauses": CLAUSE}])
SESSION = dict(title="An induction session", minutes=15, parts=[
    {"start": 0, "end": 5, "title": "Welcome", "minutes": 5, "clauses": CLAUSE, "use": None, "prompts": ["Say why."]},
    {"start": 5, "end": 15, "title": "Signs", "minutes": 10, "clauses": None,
     "use": {"href": "../signs/", "name": "Signs"}, "prompts": ["Ask: what would you do?"]}])
SITUATION = dict(title="A young person may be in danger", summary="Get help now.",
                 steps=[{"do": "Call 999.", "when": "now", "clauses": CLAUSE}])
HANDOUT = dict(first=SITUATION, others=[SITUATION], language=Html("<p>Guide</p>"),
               definitions=[{"term": "Child exploitation", "text": "Using children for another's gain.", "clauses": CLAUSE}],
               contacts=[{"who": "DSL", "when": "Any concern.", "number": None, "write_in": True, "inline": None,
                          "role": None, "not_in_policy": False},
                         {"who": "Police", "when": "Not an emergency.", "number": None, "write_in": False,
                          "inline": Html('<a href="tel:101">101</a>'), "role": "", "not_in_policy": True}])
PANEL = dict(for_reader=True, out_of_hours_reader=False, title="Children's services", status="Which line to call depends",
             bank_holidays="{}", years="2027-2032", uncertain=False, dsl_card="../contacts/#contact-la-office")
EXAMPLES = {
    "clause-link": [
        ("a clause", dict(text="11.5", href="../policy/11-concerns/#clause-11-5", beside_step=False),
         ("11.5", [{"href": "../policy/11-concerns/#clause-11-5"}])),
        ("beside a step", dict(text="12.7", href="#clause-12-7", beside_step=True),
         ("12.7", [{"href": "#clause-12-7", "class": "step__clause"}])),
        ("hostile", dict(text=HOSTILE, href='x" onclick="y', beside_step=False),
         (HOSTILE, [{"href": 'x" onclick="y'}])),
    ],
    "contact-action": [
        ("the first call", dict(href="tel:01632960123", text="Call the DSL, Kerry O'Brien", number="01632 960123",
                                words=None, whom="", primary=True),
         ("Call the DSL, Kerry O'Brien: 01632 960123",
          [{"class": "contact-action contact-action--call", "href": "tel:01632960123"},
           {"class": "contact-action__number"}])),
        ("a number with its cost, named for screen readers",
         dict(href="tel:08081234567", text="Call 0808 123 4567", number=None, words="free from any phone",
              whom="Helpline", primary=False),
         ("Call 0808 123 4567 (free from any phone), Helpline",
          [{"class": "contact-action", "href": "tel:08081234567"}, {"class": "contact-words"},
           {"class": "visually-hidden"}])),
        ("an email", dict(href="mailto:safe*guard*ing@example.org", text="Email the DSL",
                          number="safe*guard*ing@example.org", words=None, whom="", primary=False),
         ("Email the DSL: safe*guard*ing@example.org",
          [{"class": "contact-action", "href": "mailto:safe*guard*ing@example.org"}, {"class": "contact-action__number"}])),
        ("hostile", dict(href="tel:999", text=HOSTILE, number=None, words=HOSTILE, whom=HOSTILE, primary=True),
         (f"{HOSTILE} ({HOSTILE}), {HOSTILE}",
          [{"class": "contact-action contact-action--call", "href": "tel:999"}, {"class": "contact-words"},
           {"class": "visually-hidden"}])),
    ],
    "guidance-link": [
        ("published", dict(kind="published", text="KCSiE", url=LINK, publisher="DfE", successor=None, since=None),
         ("KCSiE", [{"href": LINK}])),
        ("replaced", dict(kind="published", text="KCSiE 2024", url=LINK, publisher="DfE",
                          successor=dict(url=LINK + "-2025", title="KCSiE 2025"), since="1 September 2025"),
         ("KCSiE 2024 (replaced from 1 September 2025 by KCSiE 2025)",
          [{"href": LINK}, {"class": "editorial"}, {"href": LINK + "-2025"}])),
        ("address not confirmed", dict(kind="unconfirmed", text="Gangs guide", url=None, publisher="Home Office",
                                       successor=None, since=None),
         ("Gangs guide (Home Office: address to be confirmed by the policy owner)", [{"class": "editorial"}])),
        ("internal", dict(kind="internal", text="Group safeguarding policy", url=None, publisher="the Group",
                          successor=None, since=None),
         ("Group safeguarding policy (an internal Group document: ask your DSL)", [{"class": "editorial"}])),
        ("hostile", dict(kind="unconfirmed", text=HOSTILE, url=None, publisher=HOSTILE, successor=None, since=None),
         (f"{HOSTILE} ({HOSTILE}: address to be confirmed by the policy owner)", [{"class": "editorial"}])),
    ],
    "step": [
        ("the reader's own, with a deadline, a word explained and a call",
         dict(do="Report it to the DSL", when="Immediately", term=Html('<p class="step__term">A term</p>'),
              actions=[CALL], who="You", who_for_screen_readers=True, clauses=CLAUSE, heading="What you do now"),
         ("When: Immediately: Report it to the DSL" "A term" "Call 999" "Who: You From the policy: 11.5",
          [{"class": "step"}, {"class": "step__do", "data-paper-heading": "What you do now"},
           {"class": "step__when-label"}, {"class": "visually-hidden"}, {"class": "step__when"},
           {"class": "step__term"}, {"class": "step__action"}, {"class": "contact-action", "href": "tel:999"},
           {"class": "step-meta"}, {"class": "visually-hidden"}, {}, {"class": "step__who"}, {"class": "step-source"},
           {"href": "#clause-11-5"}])),
        ("someone else's, with no deadline", dict(do="The DSL decides", when=None, term="", actions=[], who="The DSL",
                                                  who_for_screen_readers=False, clauses=CLAUSE, heading=""),
         (" The DSL decides" "Who: The DSL From the policy: 11.5",
          [{"class": "step"}, {"class": "step__do"}, {"class": "step__when-label"}, {"class": "step-meta"},
           {"class": "step-meta__who"}, {}, {"class": "step__who"}, {"class": "step-source"}, {"href": "#clause-11-5"}])),
        ("hostile", dict(do=HOSTILE, when=HOSTILE, term="", actions=[], who=HOSTILE, who_for_screen_readers=False,
                         clauses=CLAUSE, heading=HOSTILE),
         (f"When: {HOSTILE}: {HOSTILE}Who: {HOSTILE} From the policy: 11.5",
          [{"class": "step"}, {"class": "step__do", "data-paper-heading": HOSTILE}, {"class": "step__when-label"},
           {"class": "visually-hidden"}, {"class": "step__when"}, {"class": "step-meta"}, {"class": "step-meta__who"},
           {}, {"class": "step__who"}, {"class": "step-source"}, {"href": "#clause-11-5"}])),
    ],
    "card-link": [
        ("a service", dict(name="Children's services", href="../contacts/#contact-la"),
         ("Children's services", [{"href": "../contacts/#contact-la"}])),
        ("hostile", dict(name=HOSTILE, href=HOSTILE), (HOSTILE, [{"href": HOSTILE}])),
    ],
    "contacts-named": [
        ("two", dict(contacts=[{"name": "Children's services", "href": "../contacts/#contact-la"},
                               {"name": "Police", "href": "../contacts/#contact-police"}]),
         ("Contacts: Children's services, Police",
          [{"class": "step__contacts"}, {"href": "../contacts/#contact-la"}, {"href": "../contacts/#contact-police"}])),
        ("hostile", dict(contacts=[{"name": HOSTILE, "href": HOSTILE}]),
         (f"Contacts: {HOSTILE}", [{"class": "step__contacts"}, {"href": HOSTILE}])),
    ],
    "answer-first": [
        ("a call", dict(action=CALL), ("Do this firstCall 999", [
            {"class": "answer-first"}, {"class": "answer-first__title"}, {"class": "contact-action", "href": "tel:999"}])),
        ("hostile", dict(action=HOSTILE), (f"Do this first{HOSTILE}", [{"class": "answer-first"},
                                                                       {"class": "answer-first__title"}])),
    ],
    "now-panel": [
        ("two lines for the reader, one not in the policy",
         dict(PANEL, lines=[line("la-office", "Office"), line("la-edt", "Emergency Duty Team")]),
         lambda page: page.root == {"class": "now-panel now-panel--lines", "data-now-panel": None, "data-for": "reader",
                                    "data-bank-holidays": "{}", "data-years": "2027-2032"}
         and page.values("li", "data-line") == ["la-office", "la-edt"]
         and page.values("a", "href") == ["tel:01632960123", "tel:01632960123", "../contacts/#contact-la-office"]
         and "Emergency Duty Team: 01632 960123" in page.text),
        ("one line for others, its hours uncertain, out of hours the reader's",
         dict(PANEL, for_reader=False, out_of_hours_reader=True, uncertain=True, dsl_card=None,
              lines=[line("helpline", "Helpline")]),
         lambda page: page.root["class"] == "now-panel now-panel--one" and page.root["data-for"] == "others"
         and "data-hours-uncertain" in page.root and "data-reader-out-of-hours" in page.root
         and not page.values("p", "class").count("now-panel__title") and "When it answers" in page.text),
        ("hostile", dict(PANEL, title=HOSTILE, lines=[dict(line(HOSTILE, HOSTILE), in_words=HOSTILE, disagree=HOSTILE)]),
         lambda page: page.values("li", "data-line") == [HOSTILE] and page.text.count(HOSTILE) >= 4),
    ],
    "contact-words": [
        ("a cost", dict(words="free from any phone"), (" (free from any phone)", [{"class": "contact-words"}])),
        ("nothing to say", dict(words=None), ("", [])),
        ("hostile", dict(words=HOSTILE), (f" ({HOSTILE})", [{"class": "contact-words"}])),
    ],
    "person-first": [
        ("a call", dict(call=CALL, tell="Tell the DSL, Kerry, in person.", who="The DSL, Kerry"),
         ("Call 999", [{"class": "reach__first"}, {"class": "contact-action", "href": "tel:999"}])),
        ("in person, with a line on paper", dict(call=None, tell="Tell the DSL, Kerry, in person.", who="The DSL, Kerry"),
         ("Tell the DSL, Kerry, in person.The DSL, Kerry, number: ",
          [{"class": "reach__first reach__in-person"}, {}, {"class": "print-only"}, {"class": "write-in"}])),
        ("hostile", dict(call=None, tell=HOSTILE, who=HOSTILE),
         (f"{HOSTILE}{HOSTILE}, number: ",
          [{"class": "reach__first reach__in-person"}, {}, {"class": "print-only"}, {"class": "write-in"}])),
    ],
    "team-link": [
        ("the team", dict(team_href="../contacts/#contact-dsl"),
         ("The safeguarding team", [{"href": "../contacts/#contact-dsl"}])),
        ("hostile", dict(team_href=HOSTILE), ("The safeguarding team", [{"href": HOSTILE}])),
    ],
    "member-line": [
        ("a call", dict(first=CALL, team_href=None), ("Call 999", [{"class": "contact-action", "href": "tel:999"}])),
        ("in person", dict(first=Html("<p>Tell them.</p>"), team_href="#team"),
         ("Tell them.The safeguarding team", [{}, {"class": "reach__others"}, {"href": "#team"}])),
    ],
    "members-line": [
        ("every one a call", dict(calls=[CALL, CALL], team_href=None),
         ("Call 999 Call 999", [{"class": "contact-action", "href": "tel:999"}] * 2)),
        ("some in person", dict(calls=[CALL], team_href="#team"),
         ("Call 999Tell them in person. The safeguarding team",
          [{"class": "contact-action", "href": "tel:999"}, {"class": "reach__in-person"}, {"href": "#team"}])),
        ("none with a number", dict(calls=[], team_href="#team"),
         ("Tell them in person. The safeguarding team", [{"class": "reach__in-person"}, {"href": "#team"}])),
    ],
    "team-card": [
        ("every way", dict(call=CALL, email=CALL, where="Room 4", hours="9am to 5pm", note=None),
         ("Call 999Call 999Where to find them: Room 4Hours: 9am to 5pm",
          [{"class": "reach__card"}, {}, {"class": "contact-action", "href": "tel:999"}, {},
           {"class": "contact-action", "href": "tel:999"}, {}, {}, {}, {}])),
        ("nothing added yet", dict(call=None, email=None, where=None, hours=None,
                                   note="Contact details not added yet: ask the office or your line manager."),
         ("Contact details not added yet: ask the office or your line manager.",
          [{"class": "reach__card"}, {}, {"class": "reach__note"}])),
        ("hostile", dict(call=None, email=None, where=HOSTILE, hours=HOSTILE, note=HOSTILE),
         (f"Where to find them: {HOSTILE}Hours: {HOSTILE}{HOSTILE}",
          [{"class": "reach__card"}, {}, {}, {}, {}, {}, {"class": "reach__note"}])),
    ],
    "dsl-control": [
        ("a screen's second mention", dict(full=False, call=CALL),
         ("Call 999", [{"class": "reach reach--dsl"}, {"class": "reach__first"}, {"class": "contact-action", "href": "tel:999"}])),
        ("in full", dict(DSL_CONTROL),
         lambda page: page.text.startswith("Call 999If Kerry is not available")
         and page.values("a", "href") == ["tel:999", "#clause-11-5", "tel:999", "#team", "tel:999", "#clause-11-5",
                                          "tel:999", "#clause-11-5", "tel:999"]
         and "The setting's own on-call: Call 999 (evenings)" in page.text
         and "tell a senior manager: the headteacher, as appropriate." in page.text),
        ("hostile", dict(DSL_CONTROL, called=HOSTILE, senior_roles=HOSTILE, on_calls=[{"call": CALL, "hours": HOSTILE}]),
         lambda page: page.text.count(HOSTILE) == 3),
    ],
    "term-note": [
        ("a term", dict(term="Front door", means="The council's first contact for a concern."),
         ("Front door: The council's first contact for a concern. Not in the policy: check with your DSL.",
          [{"class": "step__term"}, {}, {"class": "step__term-note"}])),
        ("hostile", dict(term=HOSTILE, means=HOSTILE),
         (f"{HOSTILE}: {HOSTILE} Not in the policy: check with your DSL.",
          [{"class": "step__term"}, {}, {"class": "step__term-note"}])),
    ],
    "answer-summary": [
        ("a summary", dict(summary="Tell the DSL today."), ("Tell the DSL today.", [{"class": "lead answer__summary"}])),
        ("hostile", dict(summary=HOSTILE), (HOSTILE, [{"class": "lead answer__summary"}])),
    ],
    "outcome": [
        ("an emergency", dict(OUTCOME, emergency=True, own_heading="Immediate action required"),
         lambda page: page.root == {"class": "outcome", "data-outcome-body": "immediate-danger"}
         and page.values("div", "class")[1] == "steps steps--own emergency-card"
         and page.text == "FirstImmediate action requiredOwn stepsWhat happens nextNext stepsGuideSources"),
        ("the reader's own steps, then what happens next", dict(OUTCOME),
         lambda page: page.values("div", "class")[1:] == ["steps steps--own", "steps steps--next"]
         and page.text == "FirstWhat you do nowOwn stepsWhat happens nextNext stepsGuideSources"),
        ("no one's steps but others'", dict(OUTCOME, own="", consider=Html("<p>Consider</p>")),
         lambda page: page.values("div", "class")[1:] == ["steps steps--next"]
         and page.text == "FirstConsiderWhat happens nextNext stepsGuideSources"),
        ("hostile", dict(OUTCOME, id=HOSTILE, own_heading=HOSTILE, next_heading=HOSTILE),
         lambda page: page.root["data-outcome-body"] == HOSTILE and page.text.count(HOSTILE) == 2),
    ],
    "consider": [
        ("with an answer, and without", dict(items=[
            {"name": "Trafficking", "text": "Moving a child to exploit them.", "clauses": CLAUSE,
             "onward": {"href": "../trafficking/", "title": "Trafficking"}},
            {"name": "County lines", "text": "Drugs across areas.", "clauses": CLAUSE, "onward": None}]),
         lambda page: page.values("a", "href") == ["#clause-11-5", "../trafficking/", "#clause-11-5"]
         and "Trafficking: Moving a child to exploit them.From the policy: 11.5What to do: Trafficking" in page.text),
        ("hostile", dict(items=[{"name": HOSTILE, "text": HOSTILE, "clauses": CLAUSE,
                                 "onward": {"href": HOSTILE, "title": HOSTILE}}]),
         lambda page: page.text.count(HOSTILE) == 3 and HOSTILE in page.values("a", "href")),
    ],
    "sources": [
        ("clauses, a problem and facts from outside the policy", dict(
            sections=[{"section": "11", "clauses": CLAUSE}], cautions=[{"text": "12.7 names no deputy.", "clauses": CLAUSE}],
            outside=[{"what": "Children's services, 01632 960123", "hours": "Its hours differ.",
                      "source": {"note": "The council's page.", "url": LINK, "checked_on": "1 May 2026"}},
                     {"what": "Front door", "hours": None,
                      "source": {"note": "A term.", "url": LINK, "checked_on": "1 May 2026"}}]),
         lambda page: page.root == {"class": "outcome__sources quiet", "id": "where-this-comes-from"}
         and "Children's services, 01632 960123: The council's page. Source: " + LINK + ", checked on 1 May 2026. "
             "Hours: Its hours differ." in page.text
         and "Front door: A term. Source: " in page.text and "A problem in the policy12.7 names no deputy. (11.5)" in page.text),
        ("only clauses", dict(sections=[{"section": "11", "clauses": CLAUSE}], cautions=[], outside=[]),
         lambda page: "Not in the policy" not in page.text and "A problem" not in page.text),
        ("hostile", dict(sections=[{"section": HOSTILE, "clauses": CLAUSE}], cautions=[{"text": HOSTILE, "clauses": CLAUSE}],
                         outside=[{"what": HOSTILE, "hours": HOSTILE,
                                   "source": {"note": HOSTILE, "url": HOSTILE, "checked_on": HOSTILE}}]),
         lambda page: page.text.count(HOSTILE) == 7),
    ],
    "language-guide": [
        ("on screen", dict(handout=False, do=[{"text": "Listen.", "clauses": CLAUSE}], dont=[{"text": "Blame.", "clauses": CLAUSE}],
                         examples=[{"instead_of": "putting themselves at risk", "say": "being exploited", "clauses": CLAUSE}],
                         guidance=[components.render("guidance-link", kind="published", text="Guide", url=LINK,
                                                     publisher="DfE", successor=None, since=None)]),
         lambda page: page.values("ul", "class") == ["language__do", "language__dont", "language__examples"]
         and "Instead of “putting themselves at risk”, try “being exploited” (11.5)" in page.text
         and page.values("a", "href")[-1] == LINK),
        ("in the handout, as paper has it", dict(
            handout=True, do=[{"text": "Listen.", "clauses": CLAUSE}], dont=[{"text": "Blame.", "clauses": CLAUSE}],
            examples=[{"instead_of": "putting themselves at risk", "say": "being exploited", "clauses": CLAUSE}], guidance=[]),
         lambda page: page.values("div", "class") == ["language", "language__column", "language__column"]
         and page.values("p", "class") == ["language__note"] and "“putting themselves at risk”“being exploited”11.5" in page.text),
        ("hostile", dict(handout=False, do=[{"text": HOSTILE, "clauses": CLAUSE}], dont=[{"text": HOSTILE, "clauses": CLAUSE}],
                         examples=[{"instead_of": HOSTILE, "say": HOSTILE, "clauses": CLAUSE}], guidance=[]),
         lambda page: page.text.count(HOSTILE) == 4),
    ],
    "question-options": [
        ("two answers", dict(options=[{"href": "../in-danger/", "next": "in-danger", "label": "Yes"},
                                      {"href": "../concern/", "next": "concern", "label": "No"}]),
         ("YesNo", [{"class": "options", "role": "group", "aria-label": "Answers"}, {}, {},
                    {"class": "navigator__option", "href": "../in-danger/", "data-next": "in-danger"}, {},
                    {"class": "navigator__option", "href": "../concern/", "data-next": "concern"}])),
        ("hostile", dict(options=[{"href": HOSTILE, "next": HOSTILE, "label": HOSTILE}]),
         (HOSTILE, [{"class": "options", "role": "group", "aria-label": "Answers"}, {}, {},
                    {"class": "navigator__option", "href": HOSTILE, "data-next": HOSTILE}])),
    ],
    "write-in": [
        ("a line", dict(label="Number"), ("Number: ", [{"class": "write-in-line"}, {"class": "write-in"}])),
        ("hostile", dict(label=HOSTILE), (f"{HOSTILE}: ", [{"class": "write-in-line"}, {"class": "write-in"}])),
    ],
    "pocket-steps": [
        ("a situation", dict(heading="If a young person tells you", steps=[{"text": "Listen.", "clauses": CLAUSE}]),
         ("If a young person tells youListen. (11.5)", [{"class": "pocket-card__heading"}, {"class": "pocket-card__steps"},
                                                         {}, {"class": "pocket-card__clauses"}, {"href": "#clause-11-5"}])),
        ("hostile", dict(heading=HOSTILE, steps=[{"text": HOSTILE, "clauses": CLAUSE}]),
         lambda page: page.text.count(HOSTILE) == 2),
    ],
    "pocket-card-front": [
        ("a DSL with a number and a deputy without", dict(CARD_FRONT),
         lambda page: page.root == {"class": "pocket-card pocket-card--front"}
         and page.values("a", "href") == ["tel:999", "tel:01632960123"]
         and page.values("span", "class") == ["write-in", "write-in"]
         and page.text.startswith("Child Exploitation Policy Bankside (Example: not a real setting)Emergency: call 999")),
        ("hostile", dict(CARD_FRONT, title=HOSTILE, setting=HOSTILE,
                         people=[{"role": HOSTILE, "name": HOSTILE, "href": HOSTILE, "number": HOSTILE}]),
         lambda page: page.text.count(HOSTILE) == 5 and HOSTILE in page.values("a", "href")),
    ],
    "pocket-card-back": [
        ("with the site's address", dict(CARD_BACK),
         lambda page: page.values("a", "href") == ["tel:01632960123", "tel:01632960124", "tel:101"]
         and "Not in the policy: check with your DSL." in page.text and "https://policy.example/" in page.text
         and page.values("span", "class") == ["pocket-card__qr", "pocket-card__url"]),
        ("without it: a line to write it on", dict(CARD_BACK, qr=None, site_url=None),
         lambda page: "Site address:  (ask your DSL)" in page.text and page.values("span", "class") == ["write-in-line", "write-in"]),
        ("hostile", dict(CARD_BACK, qr=None, site_url=HOSTILE, title=HOSTILE, setting=HOSTILE, dated=HOSTILE),
         lambda page: page.text.count(HOSTILE) == 4),
    ],
    "pocket-card": [
        ("four copies of each face", dict(copies=4, faces=[Html("<section>Front</section>"), Html("<section>Back</section>")]),
         lambda page: page.values("div", "class") == ["pocket-sheet", *["pocket-sheet__cell"] * 4] * 2
         and page.text.endswith("Front" * 4 + "Back" * 4)),
    ],
    "sign": [
        ("in two lists, worded otherwise in the second", dict(SIGN),
         lambda page: page.root == {"class": "sign", "data-kinds": "indicators risk-factors", "data-clauses": "6.4 8.7",
                                    "data-policy": "Going missing County lines", "data-words": "missing runaway",
                                    "id": "signs-missing"}
         and page.values("a", "href") == ["../policy/06/#sign-missing", "../policy/08/#clause-8-7"]
         and "In the policy: 6.4 Indicators, 8.7 County lines (as “Repeatedly going missing”)" in page.text
         and page.values("input", "value") == ["missing"]),
        ("hostile", dict(SIGN, id=HOSTILE, text=HOSTILE, policy=HOSTILE, words=HOSTILE,
                         lists=[{"href": HOSTILE, "clause": "6.4", "name": HOSTILE, "as_text": HOSTILE}]),
         lambda page: page.root["id"] == f"signs-{HOSTILE}" and page.text.count(HOSTILE) == 4),
    ],
    "signs-group": [
        ("a list", dict(kind="indicators", anchor="6-4", clause="6.4", name="Indicators", signs=[Html("<li>A sign</li>")]),
         lambda page: page.root == {"class": "signs-group", "data-kind": "indicators", "markdown": None}
         and page.values("h2", "id") == ["signs-6-4"] and page.text.split() == ["6.4", "Indicators", "A", "sign"]),
        ("hostile", dict(kind=HOSTILE, anchor=HOSTILE, clause="6.4", name=HOSTILE, signs=[]),
         lambda page: page.root["data-kind"] == HOSTILE and page.text.strip() == f"6.4 {HOSTILE}"),
    ],
    "signs-tools": [
        ("the search and two lists", dict(total=49, kinds={"indicators": "Indicators", "county-lines": "County lines"},
                                          concern_href="../what-to-do/concern/"),
         lambda page: page.values("input", "value") == ["indicators", "county-lines"]
         and "Showing all 49 signs" in page.text and page.values("a", "href") == ["../what-to-do/concern/"]),
        ("hostile", dict(total=1, kinds={HOSTILE: HOSTILE}, concern_href=HOSTILE),
         lambda page: page.values("input", "value") == [HOSTILE] and page.text.count(HOSTILE) == 1),
    ],
    "signs-summary": [
        ("the summary", dict(reminder=Html("Not <strong>exhaustive</strong>."), reminder_clause=CLAUSE,
                             concern_href="../what-to-do/concern/"),
         lambda page: page.values("section", "id") == ["signs-summary"]
         and page.values("a", "href") == ["#signs-summary", "#clause-11-5", "../what-to-do/concern/"]
         and "Not exhaustive. (11.5)" in page.text),
        ("hostile", dict(reminder=HOSTILE, reminder_clause=CLAUSE, concern_href=HOSTILE),
         lambda page: page.text.count(HOSTILE) == 1 and HOSTILE in page.values("a", "href")),
    ],
    "contact-card": [
        ("a service with a number, not in the policy", dict(CARD),
         lambda page: page.root == {"class": "contact-card", "markdown": None}
         and page.values("h3", "id") == ["contact-la-office"]
         and page.values("span", "class")[-1] == "contact-card__check"
         and "Not in the policy: check with your DSL. Where this comes from" in page.text
         and "Hours: Monday to Friday, 9am to 5pm." in page.text and "Its hours differ. Check with your DSL." in page.text
         and "“9 to 5” (" + LINK + ", checked on 1 May 2026)" in page.text),
        ("a line of a panel above: no buttons or hours again", dict(CARD, buttons=[], hours=None, check=None,
                                                                    hours_disagree=None),
         lambda page: "Hours:" not in page.text and "contact-card__check" not in page.values("span", "class")
         and "tel:999" not in page.values("a", "href")),
        ("in the policy, nothing to source", dict(CARD, check=None, source=None, hours_disagree=None, hours_sources=None),
         lambda page: "Where this comes from" not in page.text),
        ("hostile", dict(CARD, anchor=HOSTILE, name=HOSTILE, role=HOSTILE, short_name=HOSTILE, use_when=HOSTILE,
                         hours=HOSTILE, hours_disagree=HOSTILE,
                         source={"note": HOSTILE, "url": HOSTILE, "checked_on": HOSTILE},
                         hours_sources=[{"says": HOSTILE, "url": HOSTILE, "checked_on": HOSTILE}]),
         lambda page: page.values("h3", "id") == [HOSTILE] and page.text.count(HOSTILE) == 12),
    ],
    "team-list": [
        ("one reachable, one not yet", dict(none_added="Contact details not added yet for some of them.", members=[
            {"anchor": "contact-dsl", "role": "DSL", "name": "Kerry", "use_when": "Any concern.", "clauses": CLAUSE,
             "card": CALL, "supplied": "the DSL, 1 May 2026"},
            {"anchor": "contact-deputy", "role": "Deputy DSL", "name": None, "use_when": "If the DSL is away.",
             "clauses": "", "card": "", "supplied": None}]),
         lambda page: page.values("li", "id") == ["contact-dsl", "contact-deputy"]
         and "DSL: KerryAny concern. (In the policy: 11.5)Call 999Supplied by the setting: the DSL, 1 May 2026." in page.text
         and "Deputy DSLIf the DSL is away." in page.text
         and page.values("p", "class") == ["team-list__none"]),
        ("12.7's chain: when to go to them said once by the page", dict(none_added=None, members=[
            {"anchor": "contact-head", "role": "Headteacher", "name": "Sam", "use_when": None, "clauses": CLAUSE,
             "card": CALL, "supplied": None}]),
         lambda page: page.text.strip() == "Headteacher: SamCall 999" and not page.values("p", "class")),
        ("hostile", dict(none_added=HOSTILE, members=[
            {"anchor": HOSTILE, "role": HOSTILE, "name": HOSTILE, "use_when": HOSTILE, "clauses": "", "card": "",
             "supplied": HOSTILE}]),
         lambda page: page.values("li", "id") == [HOSTILE] and page.text.count(HOSTILE) == 5),
    ],
    "flowchart-drawing": [
        ("a question, an answer and an outcome, on screen", dict(DRAWING),
         lambda page: page.root == {"class": "flowchart-svg", "viewbox": "0 0 328 120", "width": "328",
                                    "aria-hidden": "true", "focusable": "false", "data-start": "concern"}
         and [tag for tag, _ in page.elements] == ["svg", "defs", "marker", "path", "a", "rect", "text", "tspan", "text",
                                                   "path", "a", "rect", "text", "tspan", "tspan"]
         and page.values("a", "href") == ["../questions/concern/", "../concern/"]
         and page.values("tspan", "data-page") == ["what-to-do/concern/"]
         and page.text == "Is a child in danger?NoTell the DSL"),
        ("on paper, in millimetres", dict(DRAWING, mm=0.5),
         lambda page: page.root["width"] == "164.0mm" and page.root["height"] == "60.0mm"),
        ("hostile", dict(DRAWING, start=HOSTILE, parts=[dict(DRAWING["parts"][0], node=HOSTILE, href=HOSTILE,
                                                                 lines=[{"x": 8, "y": 20, "text": HOSTILE}])]),
         lambda page: page.root["data-start"] == HOSTILE and page.text == HOSTILE),
    ],
    "flowchart-sheet": [
        ("two ways in", dict(figures=[{"label": "Worried", "drawing": Html("<svg></svg>")},
                                      {"label": "Told", "drawing": Html("<svg></svg>")}]),
         lambda page: page.root == {"class": "flowchart-sheet print-only"} and page.text == "WorriedTold"
         and page.values("figure", "class") == ["flowchart-sheet__part"] * 2),
        ("hostile", dict(figures=[{"label": HOSTILE, "drawing": ""}]), lambda page: page.text == HOSTILE),
    ],
    "navigator-screens": [
        ("a question and an outcome", dict(hub_href=None, questions=[
            {"id": "concern", "title": "Is a child in danger?", "page": "what-to-do/questions/concern/", "help": "Now.",
             "options": Html("<div>Options</div>")}], outcomes=[
            {"id": "dsl", "title": "Tell the DSL", "href": "../concern/", "page": "what-to-do/concern/",
             "screen": Html("<p>Screen</p>")}]),
         lambda page: page.values("template", "data-nav-node") == ["concern", "dsl"]
         and page.values("template", "data-nav-outcome") == ["../concern/"]
         and page.values("a", "href") == ["../concern/"] and page.values("div", "hidden") == [None]),
        ("from the home page: where to find them", dict(hub_href="what-to-do/", questions=[], outcomes=[]),
         lambda page: page.elements == [("div", {"class": "navigator-screens", "data-navigator-screens": "what-to-do/",
                                                 "hidden": None})]),
        ("hostile", dict(hub_href=None, questions=[{"id": HOSTILE, "title": HOSTILE, "page": HOSTILE, "help": HOSTILE,
                                                    "options": ""}], outcomes=[]),
         lambda page: page.values("template", "data-nav-title") == [HOSTILE]),
    ],
    "print-summary": [
        ("the route and a situation", dict(emergency=[{"label": "Emergency", "text": "999"}], situations=[
            {"href": "../what-to-do/concern/", "title": "A concern", "page": Html('<span class="pdf-page"></span>'),
             "summary": "Tell the DSL."}]),
         lambda page: page.text.startswith("Emergency: 999Whatever the situation")
         and page.text.endswith("A concern: Tell the DSL.") and page.values("a", "href") == ["../what-to-do/concern/"]),
        ("hostile", dict(emergency=[{"label": HOSTILE, "text": HOSTILE}],
                         situations=[{"href": HOSTILE, "title": HOSTILE, "page": "", "summary": HOSTILE}]),
         lambda page: page.text.count(HOSTILE) == 4),
    ],
    "contacts-table": [
        ("the team and a group", dict(groups=[
            {"title": "The safeguarding team", "rows": [
                {"who": "DSL", "more": "Kerry", "when": "Any concern.", "clauses": CLAUSE,
                 "ways": [{"kind": "number", "value": "01632 960123"}, {"kind": "text", "value": "9am to 5pm"}]},
                {"who": "Deputy DSL", "more": None, "when": "If the DSL is away.", "clauses": None,
                 "ways": [{"kind": "write-in", "value": "Number"}]}]},
            {"title": "Police", "rows": [
                {"who": "Police", "more": "Non-emergency", "when": "Not an emergency.", "clauses": None,
                 "ways": [{"kind": "number", "value": "101"}, {"kind": "hours", "value": "at any time"},
                          {"kind": "not-in-policy", "value": None}]}]}]),
         lambda page: page.values("tbody", "class") == ["contacts-table__group"] * 2
         and "DSLKerryAny concern. (11.5)01632 9601239am to 5pm" in page.text
         and "Deputy DSLIf the DSL is away.Number: " in page.text
         and "101Open at any time.Not in the policy: check with your DSL" in page.text),
        ("hostile", dict(groups=[{"title": HOSTILE, "rows": [
            {"who": HOSTILE, "more": HOSTILE, "when": HOSTILE, "clauses": None,
             "ways": [{"kind": "text", "value": HOSTILE}, {"kind": "hours", "value": HOSTILE}]}]}]),
         lambda page: page.text.count(HOSTILE) == 6),
    ],
    "changes": [
        ("the first version", dict(dated="1 September 2024", replaced=None, groups=[]),
         lambda page: page.text.startswith("This is the first version of the policy published on this site, dated "
                                           "1 September 2024.") and not page.elements),
        ("a changed, an added, a renumbered and a removed clause", dict(CHANGES),
         lambda page: page.values("section", "id") == ["change-11-5", "change-11-9", "change-12-8", "change-7-4"]
         and page.values("del", "class") == ["critic"] and page.values("ins", "class") == ["critic"]
         and "Report removed: today (end of removed words) added: at once (end of added words) by phone." in page.text
         and "Clause 12.8 (was 12.7)Its words are the same." in page.text
         and "Clause 7.4 (removed)Its address now leads to 7.5.It said:Tell any DSL." in page.text),
        ("a new version that changed no words", dict(CHANGES, groups=[]),
         lambda page: page.text.strip().endswith("No clause's words changed.")),
        ("hostile", dict(dated=HOSTILE, replaced=HOSTILE, groups=[{"title": HOSTILE, "about": HOSTILE, "entries": [
            dict(CHANGE, anchor=HOSTILE, marked=[[{"kind": "removed", "words": HOSTILE}, {"kind": "same", "words": HOSTILE}]])]}]),
         lambda page: page.values("section", "id") == [HOSTILE] and page.text.count(HOSTILE) == 6),
    ],
    "change-marker": [
        ("a changed clause", dict(href="../changes/#change-11-5", words="changed on 1 September 2025"),
         ("(changed on 1 September 2025)", [{"class": "editorial"}, {"href": "../changes/#change-11-5"}])),
        ("hostile", dict(href=HOSTILE, words=HOSTILE), (f"({HOSTILE})", [{"class": "editorial"}, {"href": HOSTILE}])),
    ],
    "new-version-notice": [
        ("shown", dict(until="2025-10-31", hidden=False, dated="1 September 2025", changes_href="policy/changes/"),
         ("This is a new version, dated 1 September 2025. See what changed.",
          [{"class": "new-version screen-only", "data-show-until": "2025-10-31"}, {}, {"href": "policy/changes/"}])),
        ("past its 60 days when built", dict(until="2025-10-31", hidden=True, dated="1 September 2025",
                                             changes_href="policy/changes/"),
         lambda page: "hidden" in page.root),
        ("hostile", dict(until=HOSTILE, hidden=False, dated=HOSTILE, changes_href=HOSTILE),
         lambda page: page.root["data-show-until"] == HOSTILE and page.text.count(HOSTILE) == 1),
    ],
    "downloads-list": [
        ("the PDF and the offline copy", dict(downloads=[
            {"href": "../downloads/policy.pdf", "label": "The whole policy (PDF, A4)", "holds": "every section."},
            {"href": "../downloads/copy.zip", "label": "Offline copy (zip)", "holds": "this site to keep."}]),
         ("\nThe whole policy (PDF, A4): every section.\nOffline copy (zip): this site to keep.\n",
          [{"class": "downloads"}, {}, {"href": "../downloads/policy.pdf"}, {}, {"href": "../downloads/copy.zip"}])),
        ("hostile", dict(downloads=[{"href": HOSTILE, "label": HOSTILE, "holds": HOSTILE}]),
         lambda page: page.text.count(HOSTILE) == 2 and page.values("a", "href") == [HOSTILE]),
    ],
    "superseded-list": [
        ("one earlier version", dict(versions=[{"href": "child-exploitation-policy-2024-09-01.pdf",
                                                "dated": "1 September 2024", "replaced_on": "1 September 2025"}]),
         ("The policy dated 1 September 2024 (PDF): superseded on 1 September 2025. Kept for reference only: "
          "follow the current version.", [{"class": "downloads downloads--superseded"}, {},
                                          {"href": "child-exploitation-policy-2024-09-01.pdf"}])),
        ("hostile", dict(versions=[{"href": HOSTILE, "dated": HOSTILE, "replaced_on": HOSTILE}]),
         lambda page: page.text.count(HOSTILE) == 2 and page.values("a", "href") == [HOSTILE]),
    ],
    "selfcheck-question": [
        ("a question", dict(QUESTION),
         lambda page: page.values("section", "id") == ["question-refresh"]
         and page.values("h2", "tabindex") == ["-1"] and page.values("li", "data-correct") == [None]
         and "Question 1 of 10" in page.text and "The answer: Every 3 years" in page.text
         and "Refresh it every 3 years. (From the policy: 11.5)" in page.text),
        ("hostile", dict(QUESTION, id=HOSTILE, question=HOSTILE, options=[HOSTILE, "No"], answer=HOSTILE, feedback=HOSTILE),
         lambda page: page.values("section", "id") == [f"question-{HOSTILE}"] and page.text.count(HOSTILE) == 4
         and len(page.values("li", "data-correct")) == 1),
    ],
    "self-check": [
        ("two questions", dict(SELF_CHECK),
         lambda page: page.values("section", "id") == ["selfcheck-summary", "selfcheck-record"]
         and page.values("dd", "class").count("selfcheck-record__write") == 2
         and "Every 3 years" in page.text and "Child Exploitation Policy, updated 1 September 2024" in page.text
         and "nothing you answered was saved or sent anywhere" in page.text),
        ("hostile", dict(SELF_CHECK, policy=HOSTILE, updated=HOSTILE, setting=HOSTILE, group=HOSTILE,
                         answers=[{"answer": HOSTILE, "feedback": HOSTILE, "clauses": CLAUSE}]),
         lambda page: page.text.count(HOSTILE) == 6),
    ],
    "scenario": [
        ("a scenario with signs", dict(SCENARIO),
         lambda page: page.values("section", "id") == ["scenario-older-boyfriend"]
         and page.values("details", "id") == ["scenario-older-boyfriend-reveal"]
         and page.values("h3", "id") == ["scenario-older-boyfriend-answers", "scenario-older-boyfriend-signs",
                                         "scenario-older-boyfriend-discussion"]
         and "Start: I'm worried about a young person" in page.text and "Is anyone in danger? No" in page.text
         and page.values("a", "href")[:2] == ["../../what-to-do/concern/", "../../signs/#signs-gifts"]),
        ("no signs", dict(SCENARIO, signs=[]), lambda page: len(page.values("h3", "id")) == 2),
        ("hostile", dict(SCENARIO, id=HOSTILE, title=HOSTILE, situation=HOSTILE, start=HOSTILE,
                         steps=[{"question": HOSTILE, "answer": HOSTILE}], outcome=HOSTILE, outcome_href=HOSTILE,
                         signs=[{"text": HOSTILE, "href": HOSTILE, "clauses": CLAUSE}],
                         discussion=[{"text": HOSTILE, "clauses": CLAUSE}]),
         lambda page: page.values("section", "id") == [f"scenario-{HOSTILE}"] and page.text.count(HOSTILE) == 8),
    ],
    "scenarios": [
        ("two", dict(scenarios=[Html("<section>One</section>"), Html("<section>Two</section>")]),
         lambda page: page.root["data-trainer-label"] == "Scenarios" and page.text.split() == ["One", "Two"]),
    ],
    "contact-inline": [
        ("a number with its cost", dict(channel="phone", href="tel:08081234567", text="0808 123 4567",
                                        words="free from any phone"),
         ("0808 123 4567 (free from any phone)", [{"class": "contact-phone", "href": "tel:08081234567"},
                                                  {"class": "contact-words"}])),
        ("an address", dict(channel="email", href="mailto:safe*guard*ing@example.org", text="safe*guard*ing@example.org",
                            words=None),
         ("safe*guard*ing@example.org", [{"class": "contact-email", "href": "mailto:safe*guard*ing@example.org"}])),
        ("hostile", dict(channel="phone", href=HOSTILE, text=HOSTILE, words=None),
         (HOSTILE, [{"class": "contact-phone", "href": HOSTILE}])),
    ],
    "session-plan": [
        ("two parts", dict(SESSION),
         lambda page: page.values("section", "data-slide") == [None] * 3
         and "0–5 min1. Welcome11.5" in page.text and "5–15 min2. Signs–" in page.text
         and "Total: 15 minutes." in page.text and page.values("a", "href")[-1] == "../signs/"
         and "Open: Signs" in page.text and "Ask: what would you do?" in page.text),
        ("hostile", dict(SESSION, title=HOSTILE, parts=[dict(SESSION["parts"][0], title=HOSTILE, prompts=[HOSTILE])]),
         lambda page: page.text.count(HOSTILE) == 4),
    ],
    "handout": [
        ("two pages", dict(HANDOUT),
         lambda page: page.values("section", "class") == ["handout__page"] * 2
         and "Child exploitation: Using children for another's gain. (11.5)" in page.text
         and "Call 999. (now) (11.5)" in page.text and "Number: " in page.text
         and "Not in the policy: check with your DSL" in page.text and page.text.strip().endswith("Guide")),
        ("hostile", dict(HANDOUT, definitions=[{"term": HOSTILE, "text": HOSTILE, "clauses": CLAUSE}],
                         contacts=[dict(HANDOUT["contacts"][0], who=HOSTILE, when=HOSTILE)]),
         lambda page: page.text.count(HOSTILE) == 4),
    ],
    "starts": [
        ("the emergency and the main way in", dict(starts=[
            {"label": "Someone is in danger now", "href": "what-to-do/immediate-danger/", "id": "danger",
             "node": "immediate-danger", "emergency": True, "main": False},
            {"label": "I'm worried", "href": "what-to-do/", "id": "worried", "node": "in-danger", "emergency": False,
             "main": True}]),
         lambda page: page.text.split() == ["Someone", "is", "in", "danger", "now", "I'm", "worried"]
         and [attrs for _, attrs in page.elements] == [
             {"class": "options options--starts", "markdown": None}, {}, {},
             {"class": "start--emergency", "data-navigator-node": "immediate-danger", "data-navigator-start": "danger",
              "href": "what-to-do/immediate-danger/"}, {},
             {"data-navigator-main": "main", "data-navigator-node": "in-danger", "data-navigator-start": "worried",
              "href": "what-to-do/"}]),
        ("hostile", dict(starts=[{"label": HOSTILE, "href": HOSTILE, "id": HOSTILE, "node": HOSTILE, "emergency": False,
                                  "main": False}]),
         lambda page: page.values("a", "data-navigator-start") == [HOSTILE] and page.text.strip() == HOSTILE),
    ],
    "situations": [
        ("two", dict(situations=[{"href": "concern/", "title": "A concern", "summary": "Tell the DSL."},
                                 {"href": "disclosure/", "title": "A disclosure", "summary": "Listen."}]),
         lambda page: page.values("a", "href") == ["concern/", "disclosure/"] and page.text.split("\n")[1:3] == [
             "A concern: Tell the DSL.", "A disclosure: Listen."]),
        ("hostile", dict(situations=[{"href": HOSTILE, "title": HOSTILE, "summary": HOSTILE}]),
         lambda page: page.text.count(HOSTILE) == 2),
    ],
}


class Elements(HTMLParser):
    """The elements of a piece of HTML, with their attributes and text, as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.text = [], ""

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data

    @property
    def root(self) -> dict:
        return self.elements[0][1]

    def values(self, tag: str, attribute: str) -> list:
        return [attrs[attribute] for name, attrs in self.elements if name == tag and attribute in attrs]


def read(html: str) -> Elements:
    parsed = Elements()
    parsed.feed(str(html))  # plain text, not Markup: what is read is not escaped again
    parsed.close()
    return parsed


@pytest.mark.parametrize("name, view, expected", [
    pytest.param(name, view, expected, id=f"{name}: {example}")
    for name, examples in EXAMPLES.items() for example, view, expected in examples])
def test_each_component_renders_its_examples_as_text(name, view, expected):
    html = components.render(name, **view)
    parsed = read(html)
    # Nothing of a value is left to start markup, Markdown or a template: pages read all three.
    assert not [raw for raw in ("<script", "*x*", "_y_", "[z]", "{{") if raw in html]
    if callable(expected):  # a component too large to list: what its example must show
        assert expected(parsed)
        return
    text, attributes = expected
    assert parsed.text == text
    assert [attrs for _, attrs in parsed.elements] == attributes, "no element but the component's own"


def test_every_component_has_examples():
    # _phrases.html is the words they share, not a view of its own.
    assert {path.stem for path in components.COMPONENTS.glob("[!_]*.html")} == set(EXAMPLES)


def test_a_component_inside_another_is_kept_as_html():
    link = components.clause_link("11.5", "#clause-11-5")
    assert components.render("clause-link", text=link, href="#x", beside_step=False).count("<a") == 2


def test_a_missing_value_stops_the_render():
    with pytest.raises(UndefinedError, match="beside_step"):
        components.render("clause-link", text="11.5", href="#x")


# --- pages made from data, in Markdown (overrides/partials/pages/) --------------------------------

# Each page's example, and what its Markdown must hold. Addresses are Html: a Markdown link's target.
PAGE_EXAMPLES = {
    "outcome": (dict(title_yaml=Html('"An outcome"'), title=HOSTILE, answer=CLAUSE, guidance="",
                     see_also=[{"text": HOSTILE, "href": Html("../other/")}], hub_href=Html("../"),
                     flowchart_href=Html("../flowchart/"), contacts_href=Html("../../contacts/")),
                ["render_macros: false", 'title: "An outcome"', "scripts: [now]", "(../other/)",
                 "- [All situations: what to do now](../)", "- [The flowchart](../flowchart/)",
                 "- [All contacts](../../contacts/)", '<div class="screen-only" markdown>', str(CLAUSE)]),
    "question": (dict(title_yaml=Html('"A question"'), title=HOSTILE, help=HOSTILE, options=CLAUSE,
                      hub_href=Html("../../")),
                 ["render_macros: false", "search:\n  exclude: true", "{ .lead }", "[Start again](../../)", str(CLAUSE)]),
    "print-cover": (dict(setting=HOSTILE, title=HOSTILE, group=HOSTILE, dated=HOSTILE,
                         overdue={"title": Html("Is this the current version?"), "text": Html("Check with your DSL.")},
                         site_url=None, ask="ask your DSL", qr=None),
                    ['<div class="print-cover" markdown>', '!!! warning "Is this the current version?"\n    Check',
                     'Site address: <span class="write-in"></span> (ask your DSL)\n{ .print-cover__address }']),
    "print-contents": (dict(groups=[{"title": Html("What to do now"), "chapter_href": HOSTILE,
                                     "pages": [{"title": Html("Concern"), "href": Html("../concern/")}]}]),
                       ["## Contents", 'data-chapter="&#60;script&#62;', "### What to do now",
                        '- [Concern](../concern/)<span class="print-contents__page"></span>\n\n</div>']),
    "moved": (dict(dated=HOSTILE, new_heading=Html("11.0 Concerns"), new_href=Html("../11-concerns/"),
                   changes_href=Html("../changes/")),
              ["search:\n  exclude: true", "# This page has moved",
               "leads to [11.0 Concerns](../11-concerns/){ data-moved-to }.", "[what changed in this version](../changes/)"]),
    "earlier-versions": (dict(listed=HOSTILE), ["## Earlier versions\n\n&#60;script&#62;"]),
    "flowchart": (dict(paper_sheet=CLAUSE, starts=[{"label": HOSTILE, "drawing": CLAUSE, "rows": [
        {"indent": Html(""), "kind": "question", "text": HOSTILE, "href": Html("questions/in-danger/"), "slide": None},
        {"indent": Html("    "), "kind": "answer", "text": HOSTILE},
        {"indent": Html("        "), "kind": "question", "text": "Told you?", "href": Html("questions/told/"), "slide": 2},
        {"indent": Html("        "), "kind": "outcome", "text": "Concern", "href": Html("concern/"), "slide": None}]}]),
                  ['data-trainer data-trainer-label="The flowchart"', "](questions/in-danger/){ .flow-question }\n",
                   "\n    - *&#60;script&#62;",
                   '        - [Told you?](questions/told/){ .flow-question } <span class="flow-own-slide">(slide 2)</span>\n',
                   "        - [Concern](concern/){ .flow-outcome }\n\n</div>"]),
    "setup-checklist": (dict(count=2, not_supplied=Html("NOT SUPPLIED"), entries=[
        {"what": HOSTILE, "file": Html("settings/x/team.yml"), "item": Html("dsl"), "fields": [Html("phone_out"), None]}]),
                        ["2 values are still missing. In each, replace `NOT SUPPLIED` with the value",
                         "(`settings/x/team.yml`, entry `dsl`): `phone_out`, the whole entry, which has been removed: "
                         "add it back\n"]),
    "section-index": (dict(sections=[{"heading": Html("1.0 Introduction"), "href": Html("01-introduction.md")},
                                     {"heading": Html("2.0 Scope"), "href": Html("02-scope.md")}]),
                      ["- [1.0 Introduction](01-introduction.md)\n- [2.0 Scope](02-scope.md)\n"]),
    "link-card": (dict(id="kcsie", title=HOSTILE, publisher=HOSTILE, kind="statutory guidance", cited=CLAUSE,
                       text=HOSTILE, address={"url": HOSTILE, "target": Html("https://e.example/a%28b%29"),
                                              "words": "Moved", "leads_to": {"url": "https://e.example/new",
                                                                            "target": Html("https://e.example/new")},
                                              "result": None, "advice": Html("update the link"), "checked": "2 March 2026"},
                       successor={"title": "KCSiE 2025", "since": "1 September 2025", "check": {
                           "url": "https://e.example/b", "target": Html("https://e.example/b"), "words": "Broken",
                           "leads_to": None, "result": HOSTILE, "advice": None, "checked": "never"}}),
                  ["{ #link-kcsie }\n", f"- **In the policy:** {CLAUSE}, as “",
                   "](https://e.example/a%28b%29)\n- **Status:** Moved: it now leads to "
                   "[https://e.example/new](https://e.example/new); update the link.\n- **Last checked:** 2 March 2026\n",
                   "- **Replaced by:** KCSiE 2025, from 1 September 2025\n    - **Address:** [https://e.example/b]",
                   "    - **Status:** Broken (&#60;script&#62;", "    - **Last checked:** never\n"]),
    "nation-guidance": (dict(nation=HOSTILE, cited=CLAUSE, links=[CLAUSE, CLAUSE]),
                        ["## Guidance for settings in ", f"({CLAUSE}):", f"- {CLAUSE}\n- {CLAUSE}\n"]),
}


def holds_hostile(value) -> bool:
    if isinstance(value, dict):
        return any(map(holds_hostile, value.values()))
    if isinstance(value, list):
        return any(map(holds_hostile, value))
    return value == HOSTILE


@pytest.mark.parametrize("name", list(PAGE_EXAMPLES))
def test_each_markdown_page_renders_its_example_and_keeps_values_as_text(name):
    view, expected = PAGE_EXAMPLES[name]
    markdown = components.markdown_page(name, **view)
    assert not [raw for raw in ("<script", "*x*", "_y_", "[z]", "{{") if raw in markdown]
    assert HOSTILE not in markdown
    if holds_hostile(view):
        assert "&#60;script&#62;" in markdown  # the value is there, as text
    assert not [part for part in expected if part not in markdown]


def test_every_markdown_page_has_an_example():
    assert {path.stem for path in components.PAGES.glob("*.md")} == set(PAGE_EXAMPLES)


def test_a_setup_checklist_with_nothing_missing_says_so():
    assert components.markdown_page("setup-checklist", count=0, not_supplied=Html("NOT SUPPLIED"), entries=[]) == (
        "Nothing is missing: every value the setting supplies has been added.\n")
