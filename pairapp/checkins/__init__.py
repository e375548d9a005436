"""Check-ins and feedback: the check-in log, feedback, self-assessment, reviews, the home."""

from ..core import Feature, register
from . import card, portable, views
from .calendar_events import checkins_calendar
from .document import document_section
from .first_steps import checkin_step
from .home import home_section
from .routes import bp, page_url
from .timeline import review_entries
from .units import UNIT_TYPES

__all__ = ["init_app"]

FEATURE = Feature(
    name="checkins",
    label="the check-ins",
    page_url=page_url,
    part_target=lambda part_key: f"#part-{part_key}",
    render_part=views.render_part,
    render_page=views.render_page,
    render_changes=views.render_changes,
    events={"close": "closed the cycle", "reopen": "reopened the cycle"},
    home_section=home_section,
    document_section=document_section,
    timeline=review_entries,
    first_steps=checkin_step,
    calendar_events=checkins_calendar,
    export=portable.export_checkins,
    import_=portable.import_checkins,
    personal_data=portable.personal_data,
    glance=card.glance,
)


def init_app(app):
    """Register the check-ins' routes, units and home section."""
    app.register_blueprint(bp)
    register(app, FEATURE, *UNIT_TYPES)
