"""Coaching's gentle nudges: a cycle observed some days ago and not debriefed yet."""

import datetime

from peewee import JOIN

from ..core.display import day, reader_zone
from ..core.models import User
from .data import with_people
from .models import CoachingText, Cycle

DEBRIEF_AFTER_DAYS = 3  # a post-observation conference is best written while it is fresh


def observed_not_debriefed(pair, user):
    """This person's cycles at the "observed" stage, each with both people and the date of
    the observation as written in its pre-conference (or None); one query."""
    observer, observed = User.alias(), User.alias()
    obs_date = CoachingText.alias()
    query = (
        Cycle.select(Cycle, observer, observed, obs_date.value)
        .join(observer, JOIN.LEFT_OUTER, on=(Cycle.observer == observer.id), attr="observer")
        .switch(Cycle)
        .join(observed, JOIN.LEFT_OUTER, on=(Cycle.observed == observed.id), attr="observed")
        .switch(Cycle)
        .join(
            obs_date,
            JOIN.LEFT_OUTER,
            on=(obs_date.cycle == Cycle.id) & (obs_date.key == "obs_date"),
            attr="obs_text",
        )
        .where(
            (Cycle.pair == pair.id)
            & Cycle.deleted_at.is_null()
            & (Cycle.stage == "observed")
            & ((Cycle.observer == user.id) | (Cycle.observed == user.id))
        )
        .order_by(Cycle.id)
    )
    return [with_people(cycle) for cycle in query]


def observed_on(cycle):
    """When the observation took place: its written date, else when the stage last moved."""
    written = getattr(cycle, "obs_text", None)  # None when the left join found no text
    text = (written.value if written is not None else "") or ""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return cycle.updated_at.date()


def debrief_nudges(pair, user):
    """A nudge per cycle of this person observed DEBRIEF_AFTER_DAYS ago or more and not
    debriefed, as (key, sentence)."""
    now = datetime.datetime.now(reader_zone()).date()
    out = []
    for cycle in observed_not_debriefed(pair, user):
        when = observed_on(cycle)
        if now - when < datetime.timedelta(days=DEBRIEF_AFTER_DAYS):
            continue
        if cycle.observer_id == user.id:
            who = f"you observed {cycle.observed.display_name}"
        else:
            who = f"{cycle.observer.display_name} observed you"
        out.append(
            (
                f"coaching-debrief-{cycle.id}",
                f"Observation cycle {cycle.id} ({who} on {day(when)}) is not debriefed yet. "
                "Write the post-observation conference together while it is fresh.",
            )
        )
    return out
