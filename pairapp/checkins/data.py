"""The check-ins' queries: each part's units as one reader may see them, in fixed queries."""

from ..core.models import Revision
from ..plan import review_due_dates, steps_from
from .models import (
    REVIEW_KINDS,
    STANDARD_ROWS,
    Assessment,
    CheckIn,
    Feedback,
    Review,
    RubricRow,
)


def visible(model, pair, user):
    """The pair's live units of a model that this user may see."""
    return model.select().where(
        (model.pair == pair.id) & model.deleted_at.is_null() & model.visible_to(user.id)
    )


def checkins(pair, user):
    """Every check-in, newest first, with the steps agreed in each."""
    rows = list(visible(CheckIn, pair, user).order_by(CheckIn.date.desc(), CheckIn.id.desc()))
    steps = steps_from(pair, user, [source_key(c) for c in rows])
    return rows, {c.id: steps.get(source_key(c), []) for c in rows}


def source_key(checkin):
    """The key the plan's steps agreed in a check-in carry."""
    return f"checkin-{checkin.id}"


def feedback(pair, user):
    """The feedback entries this person may see: shared ones and their own private notes."""
    return list(visible(Feedback, pair, user).order_by(Feedback.id.desc()))


def rubric(pair):
    """The rubric's rows: the standard four, then the pair's own, as (key, label, unit)."""
    own = (
        RubricRow.select()
        .where((RubricRow.pair == pair.id) & RubricRow.deleted_at.is_null())
        .order_by(RubricRow.position, RubricRow.id)
    )
    return [(key, label, None) for key, label in STANDARD_ROWS] + [
        (f"row-{row.id}", row.title, row) for row in own
    ]


def assessments(pair, user):
    """(my assessments, the partner's shared ones), each newest first."""
    query = visible(Assessment, pair, user).order_by(Assessment.date.desc(), Assessment.id.desc())
    mine, shared = [], []
    for unit in query:
        (mine if unit.created_by_id == user.id else shared).append(unit)
    return mine, shared


def reviews(pair, pilot_end):
    """Each kind of review with its due date and the reviews written for it."""
    written = {}
    query = (
        Review.select()
        .where((Review.pair == pair.id) & Review.deleted_at.is_null())
        .order_by(Review.date, Review.id)
    )
    for unit in query:
        written.setdefault(unit.kind, []).append(unit)
    due = review_due_dates(pair, pilot_end)
    return [
        {"kind": kind, "label": label, "due": due[kind], "done": written.get(kind, [])}
        for kind, label in REVIEW_KINDS
    ]


def last_activity(pair, user):
    """When the newest change this person may see was made, or None."""
    row = (
        Revision.select(Revision.created_at)
        .where((Revision.pair == pair.id) & Revision.visible_to(user.id))
        .order_by(Revision.id.desc())
        .first()
    )
    return row.created_at if row else None
