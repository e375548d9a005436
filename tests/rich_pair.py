"""A pair with content in every feature, private items of both partners among it."""

import datetime

import pytest

from pairapp.checkins.units import ASSESSMENT, CHECKIN, FEEDBACK, REVIEW, RUBRIC_ROW
from pairapp.checklist import start_checklist
from pairapp.checklist.models import ChecklistItem
from pairapp.checklist.units import ITEM
from pairapp.coaching.data import source_key as next_step_key
from pairapp.coaching.data import start_agreement, start_cycle
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
