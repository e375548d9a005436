"""The checklist's dated things for a member's calendar: items with a date in the margin."""

import datetime

from flask import url_for

from ..core.unit_types import CalendarEntry
from .models import ChecklistItem


def wall_clock(day, time_text):
    """The margin's day, at its time of day when one is written ("HH:MM")."""
    try:
        hour, minute = (int(part) for part in time_text.split(":"))
        return datetime.datetime.combine(day, datetime.time(hour, minute))
    except ValueError:
        return day


def checklist_calendar(pair, viewer):
    """Every live item with a margin date, except those struck out; one query."""
    query = ChecklistItem.select().where(
        (ChecklistItem.pair == pair.id)
        & ChecklistItem.deleted_at.is_null()
        & ChecklistItem.visible_to(viewer.id)
        & ChecklistItem.margin_date.is_null(False)
        & (ChecklistItem.struck == False)  # noqa: E712 (a SQL comparison, not Python's)
    )
    return [
        CalendarEntry(
            uid=f"checklist-item-{item.id}",
            title=f"Checklist: {item.title}",
            start=wall_clock(item.margin_date, item.margin_time),
            url=url_for("checklist.month", pair_id=pair.id, number=item.month)
            + f"#u-item-{item.id}",
            description=f"From month {item.month} of the checklist."
            + (" Done." if item.done else ""),
            location=item.margin_place,
            updated=item.updated_at,
        )
        for item in query
    ]
