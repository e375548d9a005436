"""A pair with content in every feature, private items of both partners among it."""

import datetime

import pytest

from pairapp.checkins.units import ASSESSMENT, CHECKIN, FEEDBACK, REVIEW, RUBRIC_ROW
from pairapp.checklist import start_checklist
from pairapp.checklist.models import ChecklistItem
from pairapp.checklist.units import ITEM
from pairapp.coaching.data import source_key as next_step_key
from pairapp.coaching.data import start_agreement, start_cycle
from pairapp.coaching.models import CoachingText
from pairapp.coaching.units import GOAL as COACHING_GOAL
from pairapp.coaching.units import NEXT_STEP, NOTE, TALLY
from pairapp.core.versioning import create, save, set_value
from pairapp.models import PlanField
from pairapp.plan import add_action_step
from pairapp.plan.units import FIELD, GOAL, MILESTONE, STEP, TERM
from pairapp.plan.units import NOTE as PLAN_NOTE

# Words that may only ever appear in the protégé's own export.
SENTINELS = ("SENTINEL-PROTEGE-GOAL", "SENTINEL-PROTEGE-NOTE", "SENTINEL-PROTEGE-FEEDBACK")
DAY = datetime.date(2026, 10, 5)


@pytest.fixture(name="app")
def export_app(reused_app):
    """One app for the module's tests, each on a fresh database."""
    return reused_app


def enrich(world):
    """Fill the world's pair: plan, checklist, coaching and check-ins, shared and private."""
    pair, mo, pat = world.pair, world.mentor.id, world.protege.id
    field = PlanField.get((PlanField.pair == pair.id) & (PlanField.key == "purpose_protege"))
    save(FIELD, field, {"value": "To lead meetings with ease"}, field.version, pat)
    goal = create(GOAL, pair, pat, {"title": "Run a team meeting", "target_date": DAY})
    create(GOAL, pair, mo, {"title": "Mentor's own private goal"}, private=True)
    secret = create(GOAL, pair, pat, {"title": SENTINELS[0]}, private=True)
    create(STEP, pair, mo, {"title": "Draft the agenda", "goal": goal.id, "deadline": DAY})
    # The partner's own step, linked to their private goal: in the mentor's file, unlinked.
    create(STEP, pair, pat, {"title": "Ask for the appraisal", "goal": secret.id})
    create(MILESTONE, pair, mo, {"title": "Our own milestone", "date": DAY})
    create(TERM, pair, mo, {"term": "Debrief", "definition": "The talk after watching"})
    create(PLAN_NOTE, pair, mo, {"text": "A note for both"})
    create(PLAN_NOTE, pair, mo, {"text": "The mentor's private note"}, private=True)
    create(PLAN_NOTE, pair, pat, {"text": SENTINELS[1]}, private=True)

    start_checklist(pair)
    first = (
        ChecklistItem.select()
        .where(ChecklistItem.pair == pair.id)
        .order_by(ChecklistItem.month, ChecklistItem.position)
        .first()
    )
    set_value(ITEM, first, mo, "strike", True)
    set_value(ITEM, first, pat, "done", True)
    create(ITEM, pair, pat, {"month": 2, "title": "Visit the library", "margin_place": "Room 4"})

    start_agreement(pair, mo)
    create(COACHING_GOAL, pair, mo, {"title": "Better questions", "plan_goal": goal.id})
    there = start_cycle(pair, mo, mo, pat)
    back = start_cycle(pair, pat, pat, mo)
    create(NOTE, pair, mo, {"cycle": there.id, "at": "09:05", "text": "Asked 3 open questions"})
    create(TALLY, pair, mo, {"cycle": there.id, "name": "Open questions", "count": 3})
    step = create(NEXT_STEP, pair, mo, {"cycle": there.id, "for_user": pat, "text": "Try it"})
    create(NEXT_STEP, pair, pat, {"cycle": back.id, "for_user": mo, "text": "Wait longer"})
    url = f"/pairs/{pair.id}/coaching/cycles/{there.id}#u-next_step-{step.id}"
    add_action_step(pair, mo, "Try it", "protege", (next_step_key(step), "a cycle", url))

    checkin = create(CHECKIN, pair, mo, {"date": DAY, "notes": "Went well"})
    values = {"title": "Book the room", "source_key": f"checkin-{checkin.id}"}
    create(STEP, pair, mo, values | {"source_label": "the check-in", "source_url": "/x"})
    create(FEEDBACK, pair, pat, {"helped": "Your questions helped"})
    create(FEEDBACK, pair, mo, {"helped": "My own reminder"}, private=True)
    create(FEEDBACK, pair, pat, {"helped": SENTINELS[2]}, private=True)
    row = create(RUBRIC_ROW, pair, mo, {"title": "Listening"})
    create(ASSESSMENT, pair, pat, {"row": f"row-{row.id}", "date": DAY, "score": 2})
    create(ASSESSMENT, pair, mo, {"row": "goals", "date": DAY, "score": 3})
    create(REVIEW, pair, mo, {"kind": "pilot", "date": DAY, "achieved": "A good start"})
    return world


def grow(world, count=12):
    """`count` more of every kind enrich made (shared and private, dated, linked), so a page's
    queries can be compared on the rich pair and on one many times its size."""
    pair, mo, pat = world.pair, world.mentor.id, world.protege.id
    for i in range(count):
        day = DAY + datetime.timedelta(days=i + 1)
        who, other = (mo, pat) if i % 2 else (pat, mo)
        goal = create(GOAL, pair, who, {"title": f"Grown goal {i}", "target_date": day})
        create(GOAL, pair, who, {"title": f"Grown private goal {i}"}, private=True)
        create(STEP, pair, other, {"title": f"Grown step {i}", "goal": goal.id, "deadline": day})
        create(MILESTONE, pair, who, {"title": f"Grown milestone {i}", "date": day})
        create(TERM, pair, who, {"term": f"Grown term {i}", "definition": "A word we use"})
        create(PLAN_NOTE, pair, who, {"text": f"Grown note {i}"}, private=i % 3 == 0)
        month = i % 12 + 1
        item = create(
            ITEM,
            pair,
            who,
            {
                "month": month,
                "title": f"Grown item {i}",
                "margin_date": day,
                "margin_place": "Hall",
            },
        )
        set_value(ITEM, item, other, "done", True)
        set_value(ITEM, item, who, "highlight", True)
        if i == 0:  # the agreement holds two shared goals at most: enrich made the first
            create(COACHING_GOAL, pair, who, {"title": "Grown coaching goal", "plan_goal": goal.id})
        cycle = start_cycle(pair, who, who, other)
        # The cycle's dates, as its page writes them: the calendar shows both.
        for key, value in (
            ("obs_date", day.isoformat()),
            ("obs_time", "09:30"),
            ("obs_place", f"Grown room {i}"),
            ("debrief_date", day.isoformat()),
        ):
            CoachingText.update(value=value).where(
                (CoachingText.cycle == cycle.id) & (CoachingText.key == key)
            ).execute()
        create(NOTE, pair, who, {"cycle": cycle.id, "at": "09:05", "text": f"Grown remark {i}"})
        create(TALLY, pair, who, {"cycle": cycle.id, "name": "Open questions", "count": i})
        create(NEXT_STEP, pair, who, {"cycle": cycle.id, "for_user": other, "text": "Try again"})
        create(CHECKIN, pair, who, {"date": day, "next_date": day, "notes": f"Grown check-in {i}"})
        create(FEEDBACK, pair, other, {"helped": f"Grown feedback {i}"}, private=i % 2 == 0)
        row = create(RUBRIC_ROW, pair, mo, {"title": f"Grown row {i}"})
        create(ASSESSMENT, pair, pat, {"row": f"row-{row.id}", "date": day, "score": 2})
        create(
            REVIEW,
            pair,
            mo,
            {
                "kind": ("pilot", "mid", "final")[i % 3],
                "date": day,
                "achieved": f"Grown review {i}",
            },
        )
    return world


def compare_queries(world, queries, fetch, shown):
    """(small, large, the large answer's text): the SQL of `fetch()` on the rich pair, then
    after grow(world).

    `shown` are texts the grown pair's answer must hold (one from each feature, say), so the
    large count is of real content.
    """
    response, small = queries(fetch)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    early = [text for text in shown if text in body]
    assert not early, f"{early} already in the small pair's answer"
    with world.app.test_request_context():
        grow(world)
    response, large = queries(fetch)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    missing = [text for text in shown if text not in body]
    assert not missing, f"{missing} not in the grown pair's answer"
    return small, large, body
