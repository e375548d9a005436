"""The shared Mentoring Action Plan: parts, fields, goals, steps, milestones, agreement."""

from flask import url_for

from ..core import Feature, register
from . import card, portable, views
from .calendar_events import plan_calendar
from .catalogue import templates
from .data import action_steps_from, add_action_step, latest_start_date, start_plan, visible_goals
from .document import document_section
from .first_steps import plan_steps
from .glance import (
    STEP_STATUS_LABELS,
    goals_by_status,
    open_steps,
    plan_values,
    review_due_dates,
    steps_from,
)
from .models import RESPONSIBLE, Goal
from .routes import bp
from .units import STEP, UNIT_TYPES

__all__ = [
    "Goal",
    "RESPONSIBLE",
    "STEP",
    "STEP_STATUS_LABELS",
    "action_steps_from",
    "add_action_step",
    "goals_by_status",
    "init_app",
    "latest_start_date",
    "open_steps",
    "plan_values",
    "review_due_dates",
    "start_plan",
    "step_url",
    "steps_from",
    "templates",
    "visible_goals",
]


def page_url(pair, unit=None):
    """The plan page, with the lists in full that the unit (or the request) needs."""
    full = sorted(views.parts_in_full(unit))
    return url_for("plan.page", pair_id=pair.id, full=full or None)


def step_url(pair, step):
    """Where an action step shows in the plan."""
    return url_for("plan.page", pair_id=pair.id) + f"#u-step-{step.id}"


FEATURE = Feature(
    name="plan",
    label="the plan",
    page_url=page_url,
    part_target=lambda part_key: f"#part-body-{part_key}",
    render_part=views.render_part,
    render_page=views.render_page,
    render_changes=views.render_changes,
    render_after_change=views.render_after_change,
    document_section=document_section,
    events={
        "show": "showed the part “{value}”",
        "hide": "hid the part “{value}”",
        "sign": "signed the plan",
    },
    first_steps=plan_steps,
    calendar_events=plan_calendar,
    export=portable.export_plan,
    import_=portable.import_plan,
    personal_data=portable.personal_data,
    glance=card.glance,
)


def init_app(app):
    """Register the plan's routes, units and template helpers."""
    app.register_blueprint(bp)
    register(app, FEATURE, *UNIT_TYPES.values())
    app.add_template_global(views.linked_goal_title)
    app.add_template_global(views.timeline_entries, "plan_timeline_entries")
