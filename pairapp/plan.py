"""The Mentoring Action Plan page: template chooser, parts shown or hidden, agreement."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from peewee import fn
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from . import plan_catalogue as catalogue
from .db import write_transaction
from .models import Goal, Plan, PlanPart, Revision, Signature
from .plan_data import grouped_parts, plan_data, start_plan
from .security import member_pair_or_404
from .versioning import next_seq

bp = Blueprint("plan", __name__, url_prefix="/pairs/<int:pair_id>/plan")


class SignForm(FlaskForm):
    name = StringField("Your name as you sign", [DataRequired(), Length(max=120)])


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


@bp.route("")
@login_required
def page(pair_id):
    """The plan, or the template chooser when the pair has none yet."""
    pair, membership = member_pair_or_404(pair_id)
    if not Plan.select().where(Plan.pair == pair.id).exists():
        return render_template(
            "plan/start.html", pair=pair, templates=catalogue.templates().values()
        )
    return render_template("plan/page.html", **page_context(pair, membership, current_user))


def render_plan_page(pair, user, **options):
    """The plan page with options such as an add form holding errors."""
    pair, membership = member_pair_or_404(pair.id)
    if not Plan.select().where(Plan.pair == pair.id).exists():
        return chooser(pair)
    return render_template("plan/page.html", **page_context(pair, membership, user, **options))


def render_part_body(pair, user, part_key, **options):
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


def chooser(pair):
    """The template chooser, for a pair that has no plan yet."""
    return render_template("plan/start.html", pair=pair, templates=catalogue.templates().values())


@bp.route("/start", methods=["POST"])
@login_required
def start(pair_id):
    """Start the plan from the chosen template."""
    pair, _membership = member_pair_or_404(pair_id)
    template_key = request.form.get("template", "")
    if template_key not in catalogue.templates():
        return (
            render_template(
                "plan/start.html",
                pair=pair,
                templates=catalogue.templates().values(),
                error="Choose one of the templates.",
            ),
            422,
        )
    start_plan(pair, template_key, current_user.id)
    return redirect(url_for("plan.page", pair_id=pair.id), code=303)


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
            seq = next_seq(pair.id, shared=True)
            PlanPart.update(hidden=hidden, version=PlanPart.version + 1).where(
                PlanPart.id == state.id
            ).execute()
            Revision.create(
                pair=pair.id,
                user=current_user.id,
                part=part_key,
                kind="part",
                object_id=state.id,
                action="hide" if hidden else "show",
                new_value=spec.title,
                seq=seq,
            )
    anchor = "" if hidden else f"#part-{part_key}"
    return redirect(url_for("plan.page", pair_id=pair.id) + anchor, code=303)


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
    with write_transaction():
        newest = (
            Revision.select(fn.MAX(Revision.id))
            .where((Revision.pair == pair.id) & Revision.private_to.is_null())
            .scalar()
        )
        seq = next_seq(pair.id, shared=True)
        signature = Signature.create(
            pair=pair.id, user=current_user.id, name=form.name.data.strip(), revision_id=newest or 0
        )
        Revision.create(
            pair=pair.id,
            user=current_user.id,
            part="agreement",
            kind="signature",
            object_id=signature.id,
            action="sign",
            new_value=signature.name,
            seq=seq,
        )
    return redirect(url_for("plan.page", pair_id=pair.id) + "#agreement", code=303)


@bp.app_template_global()
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
