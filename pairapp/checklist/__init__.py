"""The monthly checklist: the organisation's guides and each pair's adapted copy."""

from ..core import Feature, register
from ..core.htmx import is_partial
from . import portable, views
from .calendar_events import checklist_calendar
from .commands import guide_group
from .data import start_checklist
from .document import document_section
from .home import home_section
from .routes import bp
from .units import ITEM

__all__ = ["guide_group", "init_app", "start_checklist"]

FEATURE = Feature(
    name="checklist",
    label="the checklist",
    page_url=views.page_url,
    part_target=lambda part_key: f"#part-{part_key}",
    render_part=views.render_part,
    render_page=views.render_page,
    render_changes=views.render_changes,
    render_after_change=views.render_after_change,
    document_section=document_section,
    home_section=home_section,
    calendar_events=checklist_calendar,
    export=portable.export_checklist,
    import_=portable.import_checklist,
    personal_data=portable.personal_data,
)


def init_app(app):
    """Register the checklist's pages, its item unit type and template helpers."""
    app.register_blueprint(bp)
    register(app, FEATURE, ITEM)
    app.add_template_global(views.member_names, "checklist_names")
    app.add_template_global(is_partial, "checklist_partial")
