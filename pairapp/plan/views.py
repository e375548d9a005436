"""Rendering the plan: the whole page, one part, and what a change updates elsewhere."""

from flask import render_template
from flask_login import current_user

from ..core.access import member_pair_or_404
from ..core.unit_types import registry
from . import catalogue
from .data import grouped_parts, plan_data
from .forms import SignForm
from .models import Goal, Plan


def page_context(pair, membership, user, **options):
    """The whole plan page's context."""
    data = plan_data(pair, user)
    groups, hidden = grouped_parts(data)
    return {
        "pair": pair,
        "membership": membership,
        "groups": groups,
        "hidden_parts": hidden,
        "sign_form": SignForm(formdata=None, name=user.display_name),
        **data,
        **options,
    }


def chooser(pair, error=None):
    """The template chooser, for a pair that has no plan yet."""
    return render_template(
        "plan/start.html", pair=pair, templates=catalogue.templates().values(), error=error
    )


def render_page(pair, user, **options):
    """The plan page with options such as an add form holding errors."""
    pair, membership = member_pair_or_404(pair.id)
    if not Plan.select().where(Plan.pair == pair.id).exists():
        return chooser(pair)
    return render_template("plan/page.html", **page_context(pair, membership, user, **options))


def render_part(pair, user, part_key, **options):
    """One part's body, as the page shows it."""
    data = plan_data(pair, user)
    if data is None:  # no plan yet (a hand-made request): offer to start one
        return chooser(pair)
    context = {"pair": pair, "part": catalogue.parts()[part_key], **data, **options}
    return render_template("plan/_part_body.html", **context)


def render_after_change(pair, user, part_key, part_sent=False):
    """Out-of-band updates for one's own page: the part's last change and the agreement."""
    data = plan_data(pair, user)
    if data is None:
        return ""
    return render_template(
        "plan/_after_change.html",
        pair=pair,
        part=catalogue.parts()[part_key],
        part_sent=part_sent,
        sign_form=SignForm(formdata=None, name=user.display_name),
        **data,
    )


def render_changes(pair, user, changed_parts, layout_changed=False, keep=()):
    """The plan's share of a live-update answer: the changed parts that are shown."""
    data = plan_data(pair, user)
    if data is None:
        return ""
    shown = {key for key, state in data["parts_state"].items() if not state.hidden}
    fresh = (changed_parts & shown) - set(keep)
    return render_template(
        "plan/_changes.html",
        pair=pair,
        parts=[part for key, part in catalogue.parts().items() if key in fresh],
        layout_changed=layout_changed,
        agreement_changed="agreement" in changed_parts,
        sign_form=SignForm(formdata=None, name=user.display_name),
        **data,
    )


def linked_goal_title(step):
    """The title of a step's goal, if this reader may see that goal."""
    goal = (
        Goal.select(Goal.title)
        .where(
            (Goal.id == step.goal_id) & Goal.deleted_at.is_null() & Goal.visible_to(current_user.id)
        )
        .first()
    )
    return goal.title if goal else None


def timeline_entries(pair, user):
    """The dated rows other features put on the timeline (reviews, say), soonest first, as
    (feature label, entries) per feature that has any."""
    found = []
    for feature in registry().features.values():
        if feature.timeline is not None:
            entries = sorted(feature.timeline(pair, user), key=lambda entry: entry.date)
            if entries:
                found.append((feature.label or feature.name, entries))
    return found
