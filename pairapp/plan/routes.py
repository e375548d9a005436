"""The Mentoring Action Plan page: template chooser, parts shown or hidden, agreement."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from ..core.htmx import is_partial
from ..core.once import create_once
from ..core.versioning import record_event
from ..db import write_transaction
from . import catalogue
from .data import latest_start_date, newest_shared_change, set_folded, start_plan
from .forms import SignForm
from .models import Plan, PlanPart, Signature
from .views import chooser, page_context, render_page, render_whole_part, requested_in_full

bp = Blueprint("plan", __name__, url_prefix="/pairs/<int:pair_id>/plan")


@bp.route("")
@login_required
def page(pair_id):
    """The plan, or the template chooser when the pair has none yet."""
    pair, membership = member_pair_or_404(pair_id)
    return render_page(pair, current_user, membership=membership)


@bp.route("/start", methods=["POST"])
@login_required
def start(pair_id):
    """Start the plan from the chosen template."""
    pair, _membership = member_pair_or_404(pair_id)
    template_key = request.form.get("template", "")
    if template_key not in catalogue.templates():
        return chooser(pair, error="Choose one of the templates."), 422
    if pair.start_date > latest_start_date():
        error = "This pair's start date is too far in the future for a plan's milestones."
        return chooser(pair, error=error), 422
    start_plan(pair, template_key, current_user.id)
    return redirect(url_for("plan.page", pair_id=pair.id), code=303)


@bp.route("/parts/<part_key>")
@login_required
def part(pair_id, part_key):
    """A part with its lists whole ("Show all"): the fragment, or the page showing it."""
    pair, _membership = member_pair_or_404(pair_id)
    if part_key not in catalogue.parts() or not Plan.select().where(Plan.pair == pair.id).exists():
        abort(404)
    if is_partial():
        return render_whole_part(pair, current_user, part_key)
    full = sorted(requested_in_full() | {part_key})
    url = url_for("plan.page", pair_id=pair.id, full=full) + f"#part-{part_key}"
    return redirect(url, code=303)


@bp.route("/parts/<part_key>", methods=["POST"])
@login_required
def set_part_shown(pair_id, part_key):
    """Show or hide a part for the pair (its content is kept either way)."""
    pair, _membership = member_pair_or_404(pair_id)
    hidden = request.form.get("shown") != "yes"
    spec = catalogue.parts().get(part_key) or abort(404)
    with write_transaction():
        state = PlanPart.get_or_none((PlanPart.pair == pair.id) & (PlanPart.key == part_key))
        if state is None:
            abort(404)
        if state.hidden != hidden:
            PlanPart.update(hidden=hidden, version=PlanPart.version + 1).where(
                PlanPart.id == state.id
            ).execute()
            action = "hide" if hidden else "show"
            record_event(
                pair.id, current_user.id, "plan", action, part_key, "part", state.id, spec.title
            )
    anchor = "" if hidden else f"#part-{part_key}"
    return redirect(url_for("plan.page", pair_id=pair.id) + anchor, code=303)


@bp.route("/parts/<part_key>/fold", methods=["POST"])
@login_required
def fold(pair_id, part_key):
    """Fold a part (or keep it open) for this person only; the page remembers it."""
    pair, _membership = member_pair_or_404(pair_id)
    spec = catalogue.parts().get(part_key) or abort(404)
    choice = request.form.get("folded")
    if choice not in ("yes", "no"):
        abort(400)
    folded = choice == "yes"
    set_folded(pair, current_user, part_key, folded)
    if is_partial():
        return render_template("plan/_fold.html", pair=pair, part=spec, folded=folded)
    return redirect(url_for("plan.page", pair_id=pair.id) + f"#part-{part_key}", code=303)


def signed(pair, name):
    """A signature of the plan as it stands now, recorded in its history."""
    with write_transaction():
        signature = Signature.create(
            pair=pair.id,
            user=current_user.id,
            name=name,
            revision_id=newest_shared_change(pair) or 0,
        )
        record_event(
            pair.id,
            current_user.id,
            "plan",
            "sign",
            "agreement",
            "signature",
            signature.id,
            signature.name,
        )
    return signature


@bp.route("/sign", methods=["POST"])
@login_required
def sign(pair_id):
    """Sign off the plan as it stands now (again, after later changes)."""
    pair, membership = member_pair_or_404(pair_id)
    if not Plan.select().where(Plan.pair == pair.id).exists():
        return redirect(url_for("plan.page", pair_id=pair.id), code=303)  # nothing to sign yet
    form = SignForm()
    if not form.validate_on_submit():
        context = page_context(pair, membership, current_user, sign_form=form)
        return render_template("plan/page.html", **context), 422
    # A repeat of this very form (a double click) signs once; the answer is the same.
    create_once(lambda: signed(pair, form.name.data.strip()))
    return redirect(url_for("plan.page", pair_id=pair.id) + "#agreement", code=303)
