"""Coaching's dated things for a member's calendar: each cycle's observation and debrief."""

import datetime

from flask import url_for
from peewee import JOIN

from ..core.models import User
from ..core.unit_types import CalendarEntry
from .models import CoachingText, Cycle
from .units import TEXT

# (what, the date, time and place keys, the title's words)
EVENTS = (
    ("observation", "obs", "Observation: {observer} observes {observed}"),
    ("debrief", "debrief", "Debrief: {observer} and {observed} talk over the observation"),
)
KEYS = tuple(f"{prefix}_{part}" for _w, prefix, _t in EVENTS for part in ("date", "time", "place"))


def when(date_text, time_text):
    """A written date (and time of day) as a date or a wall-clock datetime; None if unreadable."""
    try:
        day = datetime.date.fromisoformat(date_text)
    except ValueError:
        return None
    try:
        hour, minute = (int(part) for part in time_text.split(":"))
        return datetime.datetime.combine(day, datetime.time(hour, minute))
    except ValueError:
        return day  # no time written (or not a time): an all-day item


def coaching_calendar(pair, viewer):
    """The observation and debrief of every cycle with a date written, in two queries."""
    observer, observed = User.alias(), User.alias()
    cycles = {
        cycle.id: cycle
        for cycle in Cycle.select(Cycle, observer, observed)
        .join(observer, JOIN.LEFT_OUTER, on=(Cycle.observer == observer.id), attr="observer")
        .switch(Cycle)
        .join(observed, JOIN.LEFT_OUTER, on=(Cycle.observed == observed.id), attr="observed")
        .where((Cycle.pair == pair.id) & Cycle.deleted_at.is_null() & Cycle.visible_to(viewer.id))
    }
    texts = {}
    for text in CoachingText.select().where(
        (CoachingText.pair == pair.id)
        & CoachingText.deleted_at.is_null()
        & CoachingText.visible_to(viewer.id)
        & CoachingText.key.in_(KEYS)
    ):
        texts.setdefault(text.cycle_id, {})[text.key] = text
    entries = []
    for cycle_id, found in texts.items():
        cycle = cycles.get(cycle_id)
        if cycle is None:
            continue
        names = {"observer": cycle.observer.display_name, "observed": cycle.observed.display_name}
        for what, prefix, title in EVENTS:
            date = found.get(f"{prefix}_date")
            time, place = found.get(f"{prefix}_time"), found.get(f"{prefix}_place")
            start = when(date.value, time.value if time else "") if date else None
            if start is None:
                continue
            changed = [t.updated_at for t in (date, time, place) if t is not None]
            entries.append(
                CalendarEntry(
                    uid=f"coaching-cycle-{cycle.id}-{what}",
                    title=title.format(**names),
                    start=start,
                    url=url_for("coaching.cycle", pair_id=pair.id, cycle_id=cycle.id)
                    + f"#u-{TEXT.name}-{date.id}",
                    description=f"Observation cycle, now {cycle.stage_label.lower()}.",
                    location=place.value if place else "",
                    updated=max(changed),
                )
            )
    return entries
