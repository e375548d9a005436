"""The check-ins' dated things for a member's calendar: check-ins, the next one, reviews."""

from flask import url_for

from ..core.unit_types import CalendarEntry
from ..plan import plan_values
from . import data
from .models import FORMATS, CheckIn
from .timeline import PILOT_END

FORMAT = dict(FORMATS)


def checkin_entries(pair, viewer, page):
    """Each check-in on its day, and the next one agreed at the newest; one query."""
    rows = list(
        data.visible(CheckIn, pair, viewer).order_by(CheckIn.date.desc(), CheckIn.id.desc())
    )
    entries = [
        CalendarEntry(
            uid=f"checkins-checkin-{row.id}",
            title=f"Check-in ({FORMAT.get(row.format, row.format).lower()})",
            start=row.date,
            url=f"{page}#u-checkin-{row.id}",
            description="The notes and decisions are in the check-in log.",
            updated=row.updated_at,
        )
        for row in rows
    ]
    newest = rows[0] if rows else None
    if newest is not None and newest.next_date and newest.next_date > newest.date:
        entries.append(
            CalendarEntry(
                # One UID for "the next check-in": a new date moves it instead of adding one.
                uid="checkins-next",
                title="Next check-in",
                start=newest.next_date,
                url=f"{page}#part-log",
                description=f"Agreed at the check-in of {newest.title}.",
                updated=newest.updated_at,
            )
        )
    return entries


def review_entries(pair, page):
    """The pilot, mid-cycle and final reviews: written ones on their day, else when due."""
    pilot_end = plan_values(pair, {PILOT_END}).get(PILOT_END, "")
    entries = []
    for review in data.reviews(pair, pilot_end):
        for written in review["done"]:
            entries.append(
                CalendarEntry(
                    uid=f"checkins-review-{written.id}",
                    title=review["label"],
                    start=written.date,
                    url=f"{page}#u-review-{written.id}",
                    description="Written: what we achieved and what carries on.",
                    updated=written.updated_at,
                )
            )
        if not review["done"]:
            entries.append(
                CalendarEntry(
                    uid=f"checkins-review-due-{review['kind']}",
                    title=f"{review['label']} due",
                    start=review["due"],
                    url=f"{page}#part-reviews",
                    description="Not written yet.",
                )
            )
    return entries


def checkins_calendar(pair, viewer):
    """Check-ins and reviews, in a fixed number of queries (four)."""
    page = url_for("checkins.page", pair_id=pair.id)
    return checkin_entries(pair, viewer, page) + review_entries(pair, page)
