"""Rendering coaching: the coaching page, a cycle's page, one part, and live updates."""

import re

from flask import abort, render_template, url_for
from flask_login import current_user

from ..core.access import member_pair_or_404
from ..plan import action_steps_from, visible_goals
from .data import agreement_data, cycle_data, cycle_or_404, overview, source_key
from .forms import NewCycleForm, member_choices
from .units import CYCLE, GOAL, NEXT_STEP, NOTE, TALLY, TEXT

PART = re.compile(r"^cycle-(\d+)(?:-(pre|obs|post))?$")
UNIT_TYPES = {
    "cycle_type": CYCLE,
    "goal_type": GOAL,
    "text_type": TEXT,
    "note_type": NOTE,
    "tally_type": TALLY,
    "step_type": NEXT_STEP,
}


def page_url(pair, unit=None):
    """The coaching page, or the page of the cycle a unit belongs to."""
    cycle_id = getattr(unit, "cycle_id", None) if unit is not None else None
    if unit is not None and unit.__class__ is CYCLE.model:
        cycle_id = unit.id
    if cycle_id:
        return url_for("coaching.cycle", pair_id=pair.id, cycle_id=cycle_id)
    return url_for("coaching.page", pair_id=pair.id)


def part_target(part_key):
    """The element that holds a part on its page."""
    if part_key == "agreement":
        return "#coaching-agreement"
    match = PART.match(part_key)
    if match and match.group(2):
        return f"#{part_key}"
    return f"#{part_key}-head"


def new_cycle_form(pair, user, formdata=None):
    """The new-cycle form, offering the pair's members, by default the reader observing."""
    form = NewCycleForm(formdata=formdata, prefix="new-cycle")
    choices = member_choices(pair)
    form.observer.choices = form.observed.choices = choices
    if formdata is None:
        others = [c.value for c in choices if c.value != user.id]
        form.observer.data = user.id
        form.observed.data = others[0] if others else None
    return form


def coaching_context(pair, membership, user, **options):
    """The coaching page's context."""
    return {
        "pair": pair,
        "membership": membership,
        "agreement": agreement_data(pair, user),
        "new_cycle_form": options.pop("new_cycle_form", None) or new_cycle_form(pair, user),
        **overview(pair, user),
        **UNIT_TYPES,
        **options,
    }


def render_page(pair, user, **options):
    """The coaching page (with options such as an add form holding errors)."""
    pair, membership = member_pair_or_404(pair.id)
    return render_template(
        "coaching/page.html", **coaching_context(pair, membership, user, **options)
    )


def cycle_context(pair, membership, user, cycle, **options):
    """A cycle page's context."""
    return {
        "pair": pair,
        "membership": membership,
        **cycle_data(pair, user, cycle),
        **UNIT_TYPES,
        **options,
    }


def render_cycle_page(pair, user, cycle_id, **options):
    """A cycle's page."""
    pair, membership = member_pair_or_404(pair.id)
    cycle = cycle_or_404(pair, cycle_id)
    return render_template(
        "coaching/cycle.html", **cycle_context(pair, membership, user, cycle, **options)
    )


def render_part(pair, user, part_key, oob=False, **options):
    """One part as its page shows it: the agreement, a cycle's head or one of its sections."""
    if part_key == "agreement":
        context = {"pair": pair, "agreement": agreement_data(pair, user), **UNIT_TYPES}
        return render_template("coaching/_agreement.html", oob=oob, **context, **options)
    match = PART.match(part_key) or abort(404)
    cycle = cycle_or_404(pair, int(match.group(1)))
    section = match.group(2) or "head"
    context = {"pair": pair, **cycle_data(pair, user, cycle), **UNIT_TYPES, **options}
    return render_template(f"coaching/_{section}.html", oob=oob, **context)


def render_page_for_unit(pair, user, **options):
    """After bad input without JavaScript: the page the list belongs to, with the errors."""
    form = options.get("add_form")
    cycle_id = getattr(form, "cycle", None) and form.cycle.data
    if cycle_id:
        return render_cycle_page(pair, user, cycle_id, **options)
    return render_page(pair, user, **options)


def render_changes(pair, user, parts, layout_changed=False, keep=()):
    """Coaching's share of a live update: changed parts, and the overview when cycles changed."""
    html = []
    cycles_changed = False
    for part in sorted(set(parts) - set(keep)):
        match = PART.match(part)
        if part == "agreement" or match:
            if match and match.group(2) in (None, "pre"):
                cycles_changed = True  # the balance, stages or what is due next
            if match and not exists(pair, int(match.group(1))):
                continue
            html.append(render_part(pair, user, part, oob=True))
    if cycles_changed:
        context = {"pair": pair, **overview(pair, user), **UNIT_TYPES}
        html.append(render_template("coaching/_overview.html", oob=True, **context))
    return "".join(html)


def exists(pair, cycle_id):
    """Whether the pair has this live cycle."""
    model = CYCLE.model
    return (
        model.select()
        .where((model.id == cycle_id) & (model.pair == pair.id) & model.deleted_at.is_null())
        .exists()
    )


def coaching_plan_goal_title(goal):
    """The title of the plan goal a shared goal links to, if the reader may see it."""
    pair = goal.pair
    return dict(visible_goals(pair, current_user.id)).get(goal.plan_goal_id)


def coaching_plan_step(step):
    """The plan's action step made from a next step, if any."""
    return action_steps_from(step.pair, [source_key(step)]).get(source_key(step))
