"""Date fields accept what people type, show the expected form, and keep a mistyped date."""

import datetime
import html
import re

import pytest
from conftest import HTMX_PARTIAL, by_id, text
from form_fields import form_fields

from pairapp.checkins.units import CHECKIN
from pairapp.checklist import start_checklist
from pairapp.checklist.models import ChecklistItem
from pairapp.coaching.data import start_cycle
from pairapp.coaching.models import CoachingText
from pairapp.core.forms import DATE_HINT, parse_date
from pairapp.core.versioning import create
from pairapp.models import Goal, Milestone
from pairapp.plan.units import GOAL, STEP

NOV_24 = datetime.date(2026, 11, 24)


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


@pytest.mark.parametrize(
    "typed",
    [
        "2026-11-24",
        " 2026-11-24 ",
        "2026/11/24",
        "2026.11.24",
        "24 Nov 2026",
        "24 nov. 2026",
        "24 November 2026",
        "24th November 2026",
        "Nov 24 2026",
        "November 24, 2026",
        "24-Nov-2026",
    ],
)
def test_accepted_forms_parse(typed):
    assert parse_date(typed.replace("-Nov-", " Nov ")) == NOV_24


@pytest.mark.parametrize(
    "typed",
    [
        "24/11/2026",  # day and month order cannot be told from 3/4/2026: refused, all alike
        "11/24/2026",
        "24.11.2026",
        "2026-02-30",
        "30 Febtember 2026",
        "tomorrow",
        "2026-11",
        "",
        "9" * 40,
    ],
)
def test_unclear_or_impossible_dates_are_refused(typed):
    assert parse_date(typed) is None


def a_checkin(w):
    return create(CHECKIN, w.pair, w.mentor.id, {"date": datetime.date.today()})


def an_item(w):
    start_checklist(w.pair)
    return ChecklistItem.select().where(ChecklistItem.pair == w.pair.id).first()


def a_date_text(w):
    cycle = start_cycle(w.pair, w.mentor.id, w.mentor.id, w.protege.id)
    return CoachingText.get((CoachingText.cycle == cycle.id) & (CoachingText.key == "obs_date"))


def pilot_end(w):
    return w.field("pilot_end")


# name: (setup(world) -> x, page, action, date field's name, other values) ({x} as in setup)
DATE_FIELDS = {
    "new pair": (None, "/pairs/new", "/pairs/new", "start_date", {"title": "Dated"}),
    "milestone (add)": (
        None,
        "/plan",
        "/milestone/new",
        "new-milestone-date",
        {"new-milestone-title": "Dry run"},
    ),
    "goal target (edit)": (
        lambda w: create(GOAL, w.pair, w.mentor.id, {"title": "A goal"}),
        "/goal/{x.id}/edit",
        "/goal/{x.id}",
        "goal-{x.id}-target_date",
        {},
    ),
    "step deadline (edit)": (
        lambda w: create(STEP, w.pair, w.mentor.id, {"title": "A step"}),
        "/step/{x.id}/edit",
        "/step/{x.id}",
        "step-{x.id}-deadline",
        {},
    ),
    "plan date field (edit)": (
        pilot_end,
        "/field/{x.id}/edit",
        "/field/{x.id}",
        "field-{x.id}-value",
        {},
    ),
    "check-in (add)": (None, "/checkins", "/checkin/new", "new-checkin-date", {}),
    "next check-in (edit)": (
        a_checkin,
        "/checkin/{x.id}/edit",
        "/checkin/{x.id}",
        "checkin-{x.id}-next_date",
        {},
    ),
    "review (add)": (None, "/checkins", "/review/new", "new-review-date", {}),
    "check-in step deadline": (
        a_checkin,
        "/checkins",
        "/checkins/{x.id}/steps",
        "checkin-{x.id}-step-deadline",
        {"checkin-{x.id}-step-title": "Call the team"},
    ),
    "self-assessment": (None, "/checkins", "/checkins/assess", "date", {"score-goals": "3"}),
    "checklist margin (edit)": (
        an_item,
        "/item/{x.id}/edit",
        "/item/{x.id}",
        "item-{x.id}-margin_date",
        {},
    ),
    "coaching date (edit)": (
        a_date_text,
        "/coaching_text/{x.id}/edit",
        "/coaching_text/{x.id}",
        "coaching_text-{x.id}-value",
        {},
    ),
}


def url(w, path, x):
    path = path.format(x=x)
    return path if path == "/pairs/new" else w.url(path)


def tag_of(body, name):
    """The <input> with this name, as HTML."""
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', body)
    assert match, f"no input named {name}"
    return match.group(0)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("name", list(DATE_FIELDS))
def test_a_mistyped_date_keeps_its_text_with_the_expected_form(plan_world, name, htmx):
    w = plan_world
    setup, page, action, field, others = DATE_FIELDS[name]
    x = setup(w) if setup else None
    field = field.format(x=x)
    mentor = w.as_("mentor")
    shown = text(mentor.get(url(w, page, x)))
    # Every date field shows the expected form under it, tied to it for screen readers.
    date_input = tag_of(shown, field)
    assert 'type="date"' in date_input
    field_id = re.search(r'id="([^"]+)"', date_input).group(1)
    hint = by_id(shown, f"{field_id}-hint")
    assert hint and DATE_HINT in html.unescape(shown)
    assert f"{field_id}-hint" in re.search(r'aria-describedby="([^"]+)"', date_input).group(1)

    data = form_fields(shown, url(w, action, x))
    data.update({k.format(x=x): v for k, v in others.items()})
    data[field] = "24/11/2026"
    headers = HTMX_PARTIAL if htmx else {}
    answer = mentor.client.post(url(w, action, x), data=data, headers=headers)
    assert answer.status_code == 422
    body = text(answer)
    kept = tag_of(body, field)
    assert 'value="24/11/2026"' in kept and 'type="text"' in kept, kept
    assert 'aria-invalid="true"' in kept
    words = html.unescape(body)
    assert "Write the date as 2026-11-24, or pick it from the calendar." in words
    assert DATE_HINT in words

    data[field] = "24 Nov 2026"
    data["once"] = "another-key"
    answer = mentor.client.post(url(w, action, x), data=data, headers=headers)
    assert answer.status_code in (200, 303), text(answer)[:2000]


def test_typed_words_are_saved_as_the_date(plan_world):
    w = plan_world
    response = w.add("mentor", "milestone", title="Dry run", date="24 November 2026")
    assert response.status_code == 303
    assert Milestone.get(Milestone.title == "Dry run").date == NOV_24
    goal = create(GOAL, w.pair, w.mentor.id, {"title": "A goal"})
    assert w.save("mentor", "goal", goal, target_date="2026-11-24").status_code == 303
    assert Goal.get_by_id(goal.id).target_date == NOV_24


def test_a_date_read_from_words_shows_in_the_picker_as_iso(plan_world):
    """A 422 for another field keeps a good date visible: the picker shows it as ISO."""
    w = plan_world
    response = w.add("mentor", "milestone", title="", date="24 Nov 2026")
    assert response.status_code == 422
    tag = tag_of(text(response), "new-milestone-date")
    assert 'type="date"' in tag and 'value="2026-11-24"' in tag
