"""The check-ins' first step on the pair's home: the first check-in planned."""

from flask import url_for

from ..core import FirstStep
from ..plan import plan_values
from .models import CheckIn

# Either of these, once written, makes the next check-in proposed for the pair.
RHYTHM_FIELDS = {("charter", "meeting_rhythm"), ("checkins", "frequency")}


def checkin_step(pair, _user):
    """Planned: a shared check-in logged, or a meeting rhythm agreed in the plan (two queries)."""
    logged = (
        CheckIn.select()
        .where(
            (CheckIn.pair == pair.id) & CheckIn.deleted_at.is_null() & CheckIn.private_to.is_null()
        )
        .exists()
    )
    rhythm = any(value.strip() for value in plan_values(pair, RHYTHM_FIELDS).values())
    return [
        FirstStep(
            "Plan your first check-in",
            logged or rhythm,
            url_for("checkins.page", pair_id=pair.id) + "#part-log",
            "Agree how often you meet, or log your first check-in with its date.",
        )
    ]
