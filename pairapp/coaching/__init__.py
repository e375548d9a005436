"""Reciprocal coaching: an agreement and observation cycles in both directions."""

from ..core import Feature, register
from ..plan import step_url
from . import portable, views
from .calendar_events import coaching_calendar
from .document import document_section
from .home import home_section
from .nudges import debrief_nudges
from .routes import bp
from .units import UNIT_TYPES

__all__ = ["init_app"]

FEATURE = Feature(
    name="coaching",
    label="coaching",
    page_url=views.page_url,
    part_target=views.part_target,
    render_part=views.render_part,
    render_page=views.render_page_for_unit,
    render_changes=views.render_changes,
    events={
        "start": "started the coaching agreement",
        "to_plan": "added the next step “{value}” to the plan's action steps",
    },
    home_section=home_section,
    document_section=document_section,
    nudges=debrief_nudges,
    calendar_events=coaching_calendar,
    export=portable.export_coaching,
    import_=portable.import_coaching,
    personal_data=portable.personal_data,
)


def init_app(app):
    """Register coaching's routes and unit types."""
    app.register_blueprint(bp)
    register(app, FEATURE, *UNIT_TYPES)
    app.add_template_global(views.coaching_plan_goal_title)
    app.add_template_global(views.coaching_plan_step)
    app.add_template_global(step_url, "plan_step_url")
