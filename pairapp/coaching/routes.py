"""The coaching pages: the agreement and cycle list, starting things, a cycle, steps to plan."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from ..core.htmx import is_partial
from ..core.models import Membership
from ..core.once import create_once
from ..core.versioning import fetch, record_event
from ..db import write_transaction
from ..plan import RESPONSIBLE, add_action_step
from .data import source_key, start_agreement, start_cycle
from .forms import AgreementStartForm
from .units import NEXT_STEP
from .views import coaching_context, new_cycle_form, render_cycle_page, render_part

bp = Blueprint("coaching", __name__, url_prefix="/pairs/<int:pair_id>/coaching")


@bp.route("")
@login_required
def page(pair_id):
    """The balance of cycles, what is due next, the agreement and the cycles."""
    pair, membership = member_pair_or_404(pair_id)
    return render_template("coaching/page.html", **coaching_context(pair, membership, current_user))


@bp.route("/agreement", methods=["POST"])
@login_required
def start(pair_id):
    """Start the coaching agreement (a second start changes nothing)."""
    pair, _membership = member_pair_or_404(pair_id)
    AgreementStartForm()  # the CSRF check has run; the form has no fields
    start_agreement(pair, current_user.id)
    return redirect(url_for("coaching.page", pair_id=pair.id) + "#coaching-agreement", code=303)


@bp.route("/cycles", methods=["POST"])
@login_required
def new_cycle(pair_id):
    """Start an observation cycle: who observes whom, either way."""
    pair, membership = member_pair_or_404(pair_id)
    form = new_cycle_form(pair, current_user, formdata=request.form)
    if not form.validate():
        context = coaching_context(pair, membership, current_user, new_cycle_form=form)
        return render_template("coaching/page.html", **context), 422
    cycle, first_url = create_once(
        lambda: start_cycle(pair, current_user.id, form.observer.data, form.observed.data),
        lambda created: url_for("coaching.cycle", pair_id=pair.id, cycle_id=created.id),
    )
    if cycle is None:
        # A repeat of this very form (a double click): the cycle it already started.
        return redirect(first_url, code=303)
    return redirect(url_for("coaching.cycle", pair_id=pair.id, cycle_id=cycle.id), code=303)


@bp.route("/cycles/<int:cycle_id>")
@login_required
def cycle(pair_id, cycle_id):
    """One cycle: its stage, pre-conference, observation and post-conference."""
    pair, _membership = member_pair_or_404(pair_id)
    return render_cycle_page(pair, current_user, cycle_id)


def responsible(pair, user_id):
    """A member's role as a plan step's "responsible" (a colleague's step is both's)."""
    roles = {value for value, _label in RESPONSIBLE}
    role = (
        Membership.select(Membership.role)
        .where((Membership.pair == pair.id) & (Membership.user == user_id))
        .scalar()
    )
    return role if role in roles else "both"


@bp.route("/next-steps/<int:step_id>/plan", methods=["POST"])
@login_required
def to_plan(pair_id, step_id):
    """Make a next step an action step of the plan (once), linked both ways."""
    pair, _membership = member_pair_or_404(pair_id)
    step = fetch(NEXT_STEP, pair, step_id, current_user.id) or abort(404)
    AgreementStartForm()
    label = f"observation cycle {step.cycle_id}"
    url = url_for("coaching.cycle", pair_id=pair.id, cycle_id=step.cycle_id)
    with write_transaction():
        _plan_step, created = add_action_step(
            pair,
            current_user.id,
            step.text,
            responsible(pair, step.for_user_id),
            (source_key(step), label, f"{url}#u-next_step-{step.id}"),
        )
        if created:
            # An event, not a unit's edit: history tells it in the feature's own words.
            title = NEXT_STEP.title_of(step)
            part = NEXT_STEP.part_of(step)
            record_event(pair.id, current_user.id, "coaching", "to_plan", part, "", step.id, title)
    if is_partial():
        return render_part(pair, current_user, NEXT_STEP.part_of(step))
    return redirect(f"{url}#u-next_step-{step.id}", code=303)
