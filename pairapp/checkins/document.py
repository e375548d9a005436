"""Check-ins and reviews in the pair's read-only document (a share link shows the reviews)."""

from flask import render_template

from ..core.document import PRINT, reader
from ..plan import RESPONSIBLE, plan_values
from . import data
from .units import CHECKIN, REVIEW, today
from .views import PLAN_FIELDS


def document_section(pair, viewer, audience):
    """The reviews with their due dates; for a member's print also every check-in."""
    plan = plan_values(pair, PLAN_FIELDS)
    checkins, steps = data.checkins(pair, reader(viewer)) if audience == PRINT else ([], {})
    return render_template(
        "checkins/_document.html",
        pair=pair,
        audience=audience,
        with_log=audience == PRINT,
        checkins=checkins,
        steps=steps,
        responsible=dict(RESPONSIBLE),
        reviews=data.reviews(pair, plan.get(("charter", "pilot_end"), "")),
        today=today(),
        checkin_type=CHECKIN,
        review_type=REVIEW,
    )
