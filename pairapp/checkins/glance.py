"""The facts the pair's home and its nudges are made of, in a fixed number of queries."""

import datetime

from peewee import fn

from ..core.models import utcnow
from ..plan import goals_by_status, open_steps, plan_values
from . import data
from .models import CheckIn, Feedback
from .rhythm import proposed_next
from .units import today

PLAN_FIELDS = {("charter", "meeting_rhythm"), ("checkins", "frequency"), ("charter", "pilot_end")}
MONTHS = 6  # the check-ins chart covers this many months, the current one last


def month_starts(now, count=MONTHS):
    """The first day of the last `count` months, oldest first."""
    starts = []
    year, month = now.year, now.month
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def checkins_by_month(pair, user, now):
    """How many check-ins each month had, as (label, count): the last months, from the pair's
    start month on (or from an earlier check-in's month: one may be logged before the start)."""
    starts = month_starts(now)
    query = CheckIn.select(CheckIn.date).where(
        (CheckIn.pair == pair.id)
        & CheckIn.deleted_at.is_null()
        & CheckIn.visible_to(user.id)
        & (CheckIn.date >= starts[0])
        & (CheckIn.date <= now)
    )
    counts = {start: 0 for start in starts}
    for row in query:
        counts[row.date.replace(day=1)] += 1
    # Months before the pair began are all zero and say nothing; the current month always shows.
    first = min([pair.start_date.replace(day=1), starts[-1]] + [s for s in starts if counts[s]])
    return [(f"{start:%b %Y}", counts[start]) for start in starts if start >= first]


def last_and_next_checkin(pair, user):
    """The latest check-in on or before today, and the soonest next date agreed or proposed."""
    now = today()
    base = CheckIn.select().where(
        (CheckIn.pair == pair.id) & CheckIn.deleted_at.is_null() & CheckIn.visible_to(user.id)
    )
    last = base.where(CheckIn.date <= now).order_by(CheckIn.date.desc(), CheckIn.id.desc()).first()
    upcoming = base.select(fn.MIN(CheckIn.next_date)).where(CheckIn.next_date >= now).scalar()
    return last, upcoming


def facts(pair, user):
    """Everything the home shows about check-ins, reviews, steps, goals and activity."""
    now = today()
    plan = plan_values(pair, PLAN_FIELDS)
    rhythm = plan.get(("charter", "meeting_rhythm"), "") or plan.get(("checkins", "frequency"), "")
    last, upcoming = last_and_next_checkin(pair, user)
    if isinstance(upcoming, str):
        upcoming = datetime.date.fromisoformat(upcoming)
    proposed = upcoming or proposed_next(last.date if last else None, rhythm)
    steps = open_steps(pair, user)
    activity = data.last_activity(pair, user)
    shared_feedback = (
        Feedback.select()
        .where(
            (Feedback.pair == pair.id)
            & Feedback.deleted_at.is_null()
            & Feedback.visible_to(user.id)
        )
        .count()
    )
    return {
        "today": now,
        "last_checkin": last,
        "next_checkin": proposed,
        "next_agreed": upcoming is not None,
        "reviews": data.reviews(pair, plan.get(("charter", "pilot_end"), "")),
        "overdue": [s for s in steps if s.deadline < now],
        "steps": steps,
        "goals": goals_by_status(pair, user),
        "by_month": checkins_by_month(pair, user, now),
        "days_quiet": (utcnow() - activity).days if activity else None,
        "feedback_count": shared_feedback,
    }


def due_next(found, limit=4):
    """What is due next, soonest first: the next check-in, reviews, step deadlines."""
    now = found["today"]
    items = []
    if found["next_checkin"] and found["next_checkin"] >= now:
        items.append((found["next_checkin"], "The next check-in"))
    for review in found["reviews"]:
        if not review["done"] and review["due"] >= now:
            items.append((review["due"], f"The {review['label'].lower()}"))
    for step in found["steps"]:
        if step.deadline >= now:
            items.append((step.deadline, f"Action step “{step.title}”"))
    return sorted(items, key=lambda item: item[0])[:limit]
