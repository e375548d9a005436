"""Words people read (issue 11 line 7): history lines are sentences, one date format, one
meaning per word, and the conflict view's words fit a phone and a laptop."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from conftest import plain, text

from pairapp.core.forms import DATE_HINT
from pairapp.core.history import ACTIONS
from pairapp.core.models import Revision
from pairapp.core.unit_types import registry
from pairapp.models import Goal, Milestone

# How a phrase may begin inside "changed … of goal “…”": an article or a question word.
PHRASE_START = re.compile(r"^(the|how|what|who|whether|where|our) (I |[a-z])")
ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")


@pytest.fixture
def fields_of_every_type(app):
    """Every registered unit type, by name."""
    with app.app_context():
        yield {t.name: t for t in registry().unit_types.values()}


def test_every_field_of_every_unit_type_reads_as_part_of_a_sentence(fields_of_every_type):
    """'changed how we will know of goal “Run a meeting”', never 'the how we will know'."""
    checked = 0
    for unit_type in fields_of_every_type.values():
        for name, label in unit_type.fields.items():
            revision = Revision(kind=unit_type.name, field=name, action="edit", new_value="X")
            line = unit_type.describe(revision, None, ACTIONS)
            phrase = unit_type.phrase(name)
            where = f"{unit_type.name}.{name}"
            if len(unit_type.fields) > 1:
                assert line == f"changed {phrase} of {unit_type.label} “X”", where
                assert PHRASE_START.match(phrase), f"{where}: {phrase!r}"
                # "the goal of goal …" names the unit twice: its title reads as "the wording".
                assert not phrase.endswith(unit_type.label.split()[-1]), f"{where}: {phrase!r}"
            else:
                assert line == f"changed {unit_type.label} “X”", where
            assert "  " not in line and not re.search(r"\bthe (the|how|what|who)\b", line), line
            assert label[:1].isupper(), f"{where}: a label starts a line of its own"
            checked += 1
    assert checked > 50  # every feature's types were registered


def test_the_requested_history_line_reads_as_a_sentence(fields_of_every_type):
    goal = fields_of_every_type["goal"]
    revision = Revision(kind="goal", field="measure", action="edit", new_value="Run a meeting")
    assert goal.describe(revision, None, ACTIONS) == (
        "changed how we will know of goal “Run a meeting”"
    )


def test_term_means_one_thing_on_the_plan(fields_of_every_type):
    """The glossary holds words; "term" is only a goal's short or long term."""
    glossary = fields_of_every_type["term"]
    assert glossary.label == "glossary entry"
    assert "Term" not in glossary.fields.values()
    assert fields_of_every_type["goal"].fields["horizon"] == "Time frame"


def test_history_shows_dates_and_restores_in_the_readers_format(plan_world):
    """A changed date and a restore's reason read '24 Nov 2026' / '24 Nov 2026, 04:09' in the
    reader's timezone: never 2026-11-24 or UTC."""
    world = plan_world
    world.add("mentor", "milestone", title="Pilot ends", date="2026-12-01")
    milestone = Milestone.select().order_by(Milestone.id.desc()).get()
    assert world.save("mentor", "milestone", milestone, date="2027-01-15").status_code == 303
    pilot_end = world.field("pilot_end")  # a plan field of the date kind, kept as text
    assert world.save("mentor", "field", pilot_end, value="2027-02-01").status_code == 303
    field = world.field("roles")
    world.save("mentor", "field", field, value="First")
    world.save("protege", "field", world.field("roles"), value="Second")
    edit = Revision.select().where(Revision.kind == "field").order_by(Revision.id.desc()).get()
    edit.created_at = datetime.datetime(2026, 11, 24, 4, 9)
    edit.save()
    world.protege.timezone = "Europe/Berlin"  # UTC+1 in November
    world.protege.save()
    url = world.url(f"/history/{edit.id}/restore")
    assert world.as_("mentor").post(url, {"version": str(field.version + 2)}).status_code == 303
    page = plain(world.as_("protege").get(world.url("/history")))
    assert "1 Dec 2026" in page and "15 Jan 2027" in page and "1 Feb 2027" in page
    assert "Why: Restored the version from 24 Nov 2026, 05:09" in re.sub(r"<[^>]+>", "", page)
    body = re.sub(r'(datetime|href|action|value|id|content)="[^"]*"', "", page)
    assert not ISO_DATE.search(body), ISO_DATE.search(body)
    assert "UTC" not in body


def test_the_conflict_view_says_nothing_about_where_things_sit(plan_world):
    """'beside' on a laptop is 'below' on a phone: the words name what, not where."""
    world = plan_world
    goal_title = "Lead a project"
    world.add("mentor", "goal", title=goal_title)
    goal = Goal.get(Goal.title == goal_title)
    world.save("mentor", "goal", goal, measure="Theirs")
    response = world.save("protege", "goal", goal, version=goal.version, measure="Mine")
    assert response.status_code == 409
    page = plain(response)
    assert "What they saved for how we will know:" in page
    for word in ("beside", "below", "above", "left", "right"):
        assert not re.search(rf"\b{word}\b", page.split('id="main"')[1]), word


def test_sign_again_is_not_the_main_button_when_nothing_changed(plan_world):
    world = plan_world
    sign = {"name": "Mo Mentor"}
    assert world.as_("mentor").post(world.url("/plan/sign"), sign).status_code == 303
    page = text(world.as_("mentor").get(world.url("/plan")))
    agreement = page.split('id="agreement"')[1]
    assert "Nothing changed since you signed" in agreement
    assert '<button type="submit" class="secondary" aria-describedby="sign-unchanged">' in (
        agreement
    )
    world.save("protege", "field", world.field("roles"), value="Changed")
    agreement = text(world.as_("mentor").get(world.url("/plan"))).split('id="agreement"')[1]
    assert "Nothing changed since you signed" not in agreement
    assert '<button type="submit">Sign again</button>' in agreement


def test_every_recorded_event_reads_as_part_of_a_sentence(app):
    """'Pat signed the plan': each feature's event phrase follows a name, in lower case."""
    with app.app_context():
        phrases = [
            (feature.name, action, feature.describe(action, "X"))
            for feature in registry().features.values()
            for action in feature.events
        ]
    assert len(phrases) >= 8
    for name, action, line in phrases:
        assert re.match(r"^[a-z]+ ", line), (name, action, line)
        assert "{" not in line and "  " not in line, (name, action, line)


class VisibleText(HTMLParser):
    """The text a page shows (attribute values, e.g. <time datetime>, are not read)."""

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(page):
    parser = VisibleText()
    parser.feed(page)
    return " ".join(parser.parts)


def test_no_page_shows_an_iso_date_or_utc(plan_world):
    """One date format everywhere: every main page of a pair with dated things in it."""
    world = plan_world
    world.add("mentor", "milestone", title="Pilot ends", date="2026-12-01")
    world.save("mentor", "field", world.field("pilot_end"), value="2027-02-01")
    world.as_("mentor").post(world.url("/invites"), {"role": "colleague"})
    pages = ["/", *(world.url(p) for p in ("", "/plan", "/checklist", "/coaching", "/checkins"))]
    pages += [world.url("/members"), world.url("/history")]
    seen = {}
    for url in pages:
        response = world.as_("mentor").get(url)
        assert response.status_code == 200, url
        # The date fields' hint names the typed form (2026-11-24) on purpose: it is how to
        # write a date, not a date shown.
        shown = visible_text(text(response)).replace(DATE_HINT, "")
        assert not ISO_DATE.search(shown), (url, ISO_DATE.search(shown))
        assert not re.search(r"\bUTC\b", shown), url
        seen[url] = shown
    assert "1 Dec 2026" in seen[world.url("/plan")] and "1 Feb 2027" in seen[world.url("/plan")]
    assert re.search(r"expires \d+ \w{3} \d{4}, \d\d:\d\d", seen[world.url("/members")])
