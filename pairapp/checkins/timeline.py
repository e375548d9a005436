"""The reviews on the plan's timeline: each with its due date and whether it is written."""

from flask import url_for

from ..core import TimelineEntry
from ..core.display import day
from ..plan import plan_values
from . import data
from .units import today

PILOT_END = ("charter", "pilot_end")


def review_entries(pair, user):
    """The pilot, mid-cycle and final reviews as timeline rows, linking to where they are."""
    now = today()
    page = url_for("checkins.page", pair_id=pair.id)
    pilot_end = plan_values(pair, {PILOT_END}).get(PILOT_END, "")
    entries = []
    for review in data.reviews(pair, pilot_end):
        late = not review["done"] and review["due"] < now
        status, url = "still to come", f"{page}#part-reviews"
        if review["done"]:
            written = review["done"][0]
            status, url = f"written on {day(written.date)}", f"{page}#u-review-{written.id}"
        elif late:
            status = "not written yet, and past its date"
        entries.append(TimelineEntry(review["due"], review["label"], status, url, late))
    return entries
