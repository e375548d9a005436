"""The plan's dated things for a member's calendar: step deadlines, goals' dates, milestones."""

from flask import url_for

from ..core.unit_types import CalendarEntry
from .catalogue import part_of_list
from .models import GOAL_STATUSES, RESPONSIBLE, STEP_STATUSES, ActionStep, Goal, Milestone

STATUS = dict(STEP_STATUSES)
GOAL_STATUS = dict(GOAL_STATUSES)
WHO = dict(RESPONSIBLE)


def dated(model, date_field, pair, viewer):
    """The pair's live units of a model with a date, that this member may see; one query."""
    return (
        model.select()
        .where(
            (model.pair == pair.id)
            & model.deleted_at.is_null()
            & model.visible_to(viewer.id)
            & date_field.is_null(False)
        )
        .order_by(date_field, model.id)
    )


def unit_url(pair, list_kind, name, unit):
    """The plan page with the unit's list shown whole, at the unit."""
    page = url_for("plan.page", pair_id=pair.id, full=part_of_list(list_kind))
    return f"{page}#u-{name}-{unit.id}"


def plan_calendar(pair, viewer):
    """Action-step deadlines, goals' target dates and milestones, in three queries."""
    entries = []
    for step in dated(ActionStep, ActionStep.deadline, pair, viewer):
        entries.append(
            CalendarEntry(
                uid=f"plan-step-{step.id}",
                title=f"Deadline: {step.title}",
                start=step.deadline,
                url=unit_url(pair, "action_step", "step", step),
                description=(
                    f"Action step for {WHO.get(step.responsible, 'both').lower()}. "
                    f"Status: {STATUS.get(step.status, step.status).lower()}."
                ),
                updated=step.updated_at,
            )
        )
    for goal in dated(Goal, Goal.target_date, pair, viewer):
        status = GOAL_STATUS.get(goal.status, goal.status).lower()
        private = " Private: only you see this goal." if goal.private_to_id else ""
        entries.append(
            CalendarEntry(
                uid=f"plan-goal-{goal.id}",
                title=f"Goal's target date: {goal.title}",
                start=goal.target_date,
                url=unit_url(pair, "goal", "goal", goal),
                description=f"Status: {status}.{private}",
                updated=goal.updated_at,
                private=bool(goal.private_to_id),
            )
        )
    for milestone in dated(Milestone, Milestone.date, pair, viewer):
        entries.append(
            CalendarEntry(
                uid=f"plan-milestone-{milestone.id}",
                title=f"Milestone: {milestone.title}",
                start=milestone.date,
                url=unit_url(pair, "milestone", "milestone", milestone),
                description="Reached." if milestone.done else "",
                updated=milestone.updated_at,
            )
        )
    return entries
