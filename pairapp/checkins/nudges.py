"""Gentle nudges for the pair's members: each person can put each one away for themselves."""

import datetime

from ..core.unit_types import registry
from .glance import facts as glance_facts
from .models import Dismissal

QUIET_DAYS = 28  # no check-in logged for four weeks
REVIEW_SOON_DAYS = 7  # a review shows as due a week before its date


def candidates(found, pair):
    """The nudges the facts call for, as (key, sentence)."""
    now = found["today"]
    out = []
    last = found["last_checkin"]
    since = last.date if last else pair.start_date
    if now - since >= datetime.timedelta(days=QUIET_DAYS):
        what = "No check-in has been logged" if last is None else "Your last check-in was"
        when = "since you started" if last is None else f"{(now - since).days} days ago"
        out.append(
            (f"quiet-{since.isoformat()}", f"{what} {when}. A short one keeps the momentum.")
        )
    for review in found["reviews"]:
        if not review["done"] and review["due"] - now <= datetime.timedelta(REVIEW_SOON_DAYS):
            past = review["due"] < now
            verb = "was due on" if past else "is due on"
            out.append(
                (
                    f"review-{review['kind']}",
                    f"The {review['label'].lower()} {verb} {review['due'].day} "
                    f"{review['due']:%b %Y}. Set a time to look back together.",
                )
            )
    overdue = found["overdue"]
    if overdue:
        first = overdue[0]
        more = f", and {len(overdue) - 1} more" if len(overdue) > 1 else ""
        out.append(
            (
                f"overdue-{first.id}-{len(overdue)}",
                f"Action step “{first.title}” is past its deadline{more}. "
                "Is it still the right step?",
            )
        )
    return out


def dismissed(pair, user):
    """The keys of the nudges this person has put away."""
    query = Dismissal.select(Dismissal.key).where(
        (Dismissal.pair == pair.id) & (Dismissal.user == user.id)
    )
    return {row.key for row in query}


def from_features(pair, user):
    """The nudges other features give this person (Feature.nudges), as (key, sentence)."""
    out = []
    for feature in registry().features.values():
        if feature.nudges is not None:
            out += feature.nudges(pair, user)
    return out


def shown(found, pair, user):
    """The nudges this person has not put away: the check-ins' own, then other features'."""
    away = dismissed(pair, user)
    every = candidates(found, pair) + from_features(pair, user)
    return [(key, text) for key, text in every if key not in away]


def for_person(pair, user):
    """This person's nudges, from fresh facts."""
    return shown(glance_facts(pair, user), pair, user)


def dismiss(pair, user, key):
    """Put a nudge away for this person; repeating it changes nothing."""
    Dismissal.insert(pair=pair.id, user=user.id, key=key).on_conflict_ignore().execute()
