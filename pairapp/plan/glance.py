"""What other features read from the plan: dates, goals by status, steps, milestones."""

import datetime

from peewee import fn

from .data import PILOT_DAYS
from .models import GOAL_STATUSES, STEP_STATUSES, ActionStep, Goal, Milestone, PlanField

# Later reviews when the plan's timeline has no milestone for them (the full template's days).
REVIEW_MILESTONES = {"mid": ("Mid-cycle review", 182), "final": ("Final review", 364)}


def plan_values(pair, keys):
    """The plan's text of these (part, key) fields, as {(part, key): value}; one query."""
    query = PlanField.select(PlanField.part, PlanField.key, PlanField.value).where(
        (PlanField.pair == pair.id) & PlanField.deleted_at.is_null()
    )
    return {(f.part, f.key): f.value for f in query if (f.part, f.key) in keys}


def review_due_dates(pair, pilot_end_text):
    """When the pilot, mid-cycle and final reviews are due: the plan's dates, else defaults."""
    try:
        pilot = datetime.date.fromisoformat(pilot_end_text) if pilot_end_text else None
    except ValueError:
        pilot = None
    due = {"pilot": pilot or pair.start_date + datetime.timedelta(days=PILOT_DAYS)}
    milestones = Milestone.select(Milestone.title, Milestone.date).where(
        (Milestone.pair == pair.id)
        & Milestone.deleted_at.is_null()
        & Milestone.private_to.is_null()
        & Milestone.date.is_null(False)
    )
    found = list(milestones)
    for kind, (title, days) in REVIEW_MILESTONES.items():
        dated = [m.date for m in found if m.title.lower().startswith(title.lower())]
        due[kind] = min(dated) if dated else pair.start_date + datetime.timedelta(days=days)
    return due


def goals_by_status(pair, user):
    """How many goals this person may see are in each status, in the statuses' order."""
    query = (
        Goal.select(Goal.status, fn.COUNT(Goal.id).alias("n"))
        .where((Goal.pair == pair.id) & Goal.deleted_at.is_null() & Goal.visible_to(user.id))
        .group_by(Goal.status)
    )
    counts = {row.status: row.n for row in query}
    return [(label, counts.get(key, 0)) for key, label in GOAL_STATUSES]


def open_steps(pair, user, limit=50):
    """Action steps not completed, with a deadline, soonest first (at most `limit`)."""
    return list(
        ActionStep.select()
        .where(
            (ActionStep.pair == pair.id)
            & ActionStep.deleted_at.is_null()
            & ActionStep.visible_to(user.id)
            & (ActionStep.status != "completed")
            & ActionStep.deadline.is_null(False)
        )
        .order_by(ActionStep.deadline, ActionStep.id)
        .limit(limit)
    )


def steps_from(pair, user, keys):
    """Every live step made from each of these source keys, as {key: [steps]}; one query.

    Unlike action_steps_from (one step per source), a source may have several steps.
    """
    found = {}
    if not keys:
        return found
    query = (
        ActionStep.select()
        .where(
            (ActionStep.pair == pair.id)
            & ActionStep.deleted_at.is_null()
            & ActionStep.visible_to(user.id)
            & ActionStep.source_key.in_(list(keys))
        )
        .order_by(ActionStep.position, ActionStep.id)
    )
    for step in query:
        found.setdefault(step.source_key, []).append(step)
    return found


STEP_STATUS_LABELS = dict(STEP_STATUSES)
