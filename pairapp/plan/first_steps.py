"""The plan's first steps on the pair's home: the charter agreed, two SMART goals set."""

from flask import url_for
from peewee import fn

from ..core import FirstStep
from .models import Goal, PlanField, PlanPart

# The charter is agreed once these say how the two work together.
CHARTER_FIELDS = ("roles", "boundaries", "communication")
GOALS_TO_SET = 2


def part_url(pair, key, hidden):
    """The part on the plan page, or the list of hidden parts when it is hidden."""
    anchor = "more-parts" if hidden.get(key, False) else f"part-{key}"
    return url_for("plan.page", pair_id=pair.id) + f"#{anchor}"


def plan_steps(pair, _user):
    """The charter and goal steps, from the pair's shared plan, in three queries."""
    parts = PlanPart.select(PlanPart.key, PlanPart.hidden).where(
        (PlanPart.pair == pair.id) & PlanPart.key.in_(["charter", "goals"])
    )
    hidden = {part.key: part.hidden for part in parts}
    if not hidden:
        # No plan yet: both steps start by choosing its template on the plan page.
        url = url_for("plan.page", pair_id=pair.id)
        return [
            FirstStep("Agree your charter", False, url, "Start your plan first."),
            FirstStep(f"Set {GOALS_TO_SET} SMART goals", False, url, "Start your plan first."),
        ]
    charter = PlanField.select(PlanField.key, PlanField.value).where(
        (PlanField.pair == pair.id)
        & (PlanField.part == "charter")
        & PlanField.key.in_(CHARTER_FIELDS)
        & PlanField.deleted_at.is_null()
    )
    written = {field.key for field in charter if field.value.strip()}
    # Shared goals only: a private one is not agreed between the two.
    goals = (
        Goal.select(fn.COUNT(Goal.id))
        .where((Goal.pair == pair.id) & Goal.deleted_at.is_null() & Goal.private_to.is_null())
        .scalar()
    )
    charter_hint = "Your roles, your boundaries and how you keep in touch."
    if hidden.get("charter"):
        charter_hint = "Show the Charter part of your plan, then write your roles, "
        charter_hint += "boundaries and how you keep in touch."
    return [
        FirstStep(
            "Agree your charter",
            written >= set(CHARTER_FIELDS),
            part_url(pair, "charter", hidden),
            charter_hint,
        ),
        FirstStep(
            f"Set {GOALS_TO_SET} SMART goals",
            goals >= GOALS_TO_SET,
            part_url(pair, "goals", hidden),
            "Specific, measurable, achievable, relevant and with a date."
            + (f" {goals} so far." if 0 < goals < GOALS_TO_SET else ""),
        ),
    ]
