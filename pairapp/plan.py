"""The Mentoring Action Plan page: start from a template, parts, live updates, agreement."""

import datetime

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from peewee import JOIN, IntegrityError, fn
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from . import plan_catalogue as catalogue
from .db import write_transaction
from .htmx import is_partial
from .models import Goal, Milestone, Plan, PlanField, PlanPart, Revision, Signature, User
from .plan_units import FIELD, LIST_TYPES
from .security import member_pair_or_404
from .versioning import UNIT_TYPES, next_seq

bp = Blueprint("plan", __name__, url_prefix="/pairs/<int:pair_id>/plan")

PILOT_DAYS = 42  # the pilot period: six weeks by default, ending in the first review


class SignForm(FlaskForm):
    name = StringField("Your name as you sign", [DataRequired(), Length(max=120)])


def start_plan(pair, template_key, user_id):
    """Create the pair's plan from a template: parts, empty fields, proposed milestones."""
    template = catalogue.templates()[template_key]
    shown = {key for group in template.groups for key in group.parts}
    with write_transaction():
        try:
            Plan.create(pair=pair.id, template=template_key)
        except IntegrityError:
            return  # the partner started it a moment ago: keep theirs
        for position, part in enumerate(catalogue.parts().values()):
            PlanPart.create(
                pair=pair.id, key=part.key, hidden=part.key not in shown, position=position
            )
            for field in part.fields:
                value = ""
                if field.key == "pilot_end" and template.milestones:
                    value = (pair.start_date + datetime.timedelta(days=PILOT_DAYS)).isoformat()
                PlanField.create(pair=pair.id, part=part.key, key=field.key, value=value)
        for position, (title, days) in enumerate(template.milestones, start=1):
            Milestone.create(
                pair=pair.id,
                title=title,
                date=pair.start_date + datetime.timedelta(days=days),
                position=position,
                created_by=user_id,
            )
        next_seq(pair.id, shared=True)


def visible(model, pair, user):
    """The pair's live units of a model that this user may see, in list order."""
    return (
        model.select()
        .where((model.pair == pair.id) & model.deleted_at.is_null() & model.visible_to(user.id))
        .order_by(model.position, model.id)
    )


def last_changes(pair, user):
    """The newest change this user may see, per part, with who made it."""
    newest = (
        Revision.select(fn.MAX(Revision.id))
        .where((Revision.pair == pair.id) & Revision.visible_to(user.id))
        .group_by(Revision.part)
    )
    query = (
        Revision.select(Revision, User)
        .join(User, JOIN.LEFT_OUTER, on=(Revision.user == User.id))
        .where(Revision.id.in_(newest))
    )
    return {rev.part: rev for rev in query}


def shared_change_ids(pair):
    """The newest shared revision id per part (signatures compare against these)."""
    query = (
        Revision.select(Revision.part, fn.MAX(Revision.id).alias("newest"))
        .where((Revision.pair == pair.id) & Revision.private_to.is_null())
        .where(Revision.part != "agreement")
        .group_by(Revision.part)
    )
    return {row.part: row.newest for row in query}


def current_signatures(pair):
    """Each member's latest signature, oldest first."""
    latest = {}
    query = (
        Signature.select(Signature, User)
        .join(User)
        .where(Signature.pair == pair.id)
        .order_by(Signature.id)
    )
    for signature in query:
        latest[signature.user_id] = signature
    return list(latest.values())


def plan_data(pair, user):
    """Everything the plan page shows, in a fixed number of queries whatever the plan's size."""
    plan = Plan.get_or_none(Plan.pair == pair.id)
    if plan is None:
        return None
    fields, lists = {}, {}
    for unit in visible(PlanField, pair, user):
        fields.setdefault(unit.part, []).append(unit)
    for list_kind, unit_type in LIST_TYPES.items():
        lists[list_kind] = list(visible(unit_type.model, pair, user))
    goals = lists["goal"]
    parts_state = {p.key: p for p in PlanPart.select().where(PlanPart.pair == pair.id)}
    changed = shared_change_ids(pair)
    signatures = current_signatures(pair)
    return {
        "plan": plan,
        "template": catalogue.templates()[plan.template],
        "catalogue": catalogue.parts(),
        "parts_state": parts_state,
        "fields": fields,
        "lists": lists,
        "list_types": LIST_TYPES,
        "field_type": FIELD,
        "goal_titles": {g.id: g.title for g in goals},
        "last_changes": last_changes(pair, user),
        "signatures": signatures,
        "changed_since_signing": changed_since(signatures, changed),
        "change_counter": pair.change_counter,
    }


def changed_since(signatures, changed):
    """Per signature, the parts changed after it was made."""
    return {
        sig.id: [part for part, newest in changed.items() if newest > sig.revision_id]
        for sig in signatures
    }


def grouped_parts(data):
    """The template's groups with only shown parts, plus the hidden parts."""
    hidden_keys = {key for key, state in data["parts_state"].items() if state.hidden}
    groups = []
    placed = set()
    for group in data["template"].groups:
        keys = [k for k in group.parts if k not in hidden_keys]
        placed.update(group.parts)
        groups.append({"title": group.title, "summary": group.summary, "parts": keys})
    # Parts the pair chose to show that the template had hidden come after the groups.
    extra = [k for k in catalogue.parts() if k not in placed and k not in hidden_keys]
    if extra:
        groups.append(
            {
                "title": "Other parts" if data["template"].groups[0].title else None,
                "summary": "",
                "parts": extra,
            }
        )
    hidden = [k for k in catalogue.parts() if k in hidden_keys]
    return [g for g in groups if g["parts"]], hidden


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


@bp.route("/changes")
@login_required
def changes(pair_id):
    """Live updates: 204 when nothing shared changed since the counter, else fresh parts."""
    pair, _membership = member_pair_or_404(pair_id)
    since = request.args.get("since", type=int, default=0)
    if pair.change_counter <= since or not is_partial():
        return "", 204
    changed = (
        Revision.select(Revision.part, Revision.action)
        .where((Revision.pair == pair.id) & (Revision.seq > since))
        .where(Revision.private_to.is_null())
        .distinct()
    )
    changed_parts = {row.part for row in changed}
    layout_changed = any(row.action in ("show", "hide") for row in changed)
    data = plan_data(pair, current_user)
    if data is None:
        return "", 204
    shown = {key for key, state in data["parts_state"].items() if not state.hidden}
    notices = editing_notices(data)
    # A form open on a unit the partner removed has no place in a fresh part: keep the part.
    shown -= {n["part"] for n in notices if n.get("removed")}
    return render_template(
        "plan/_changes.html",
        pair=pair,
        parts=[catalogue.parts()[k] for k in catalogue.parts() if k in changed_parts & shown],
        layout_changed=layout_changed,
        agreement_changed="agreement" in changed_parts,
        notices=notices,
        sign_form=SignForm(formdata=None, name=current_user.display_name),
        **data,
    )


def editing_notices(data):
    """Units this person is editing that someone else has saved since they opened them."""
    units = {("field", u.id): u for units in data["fields"].values() for u in units}
    for list_kind, unit_type in data["list_types"].items():
        units.update({(unit_type.name, u.id): u for u in data["lists"][list_kind]})
    notices = []
    missing = {}
    for token in request.args.getlist("editing"):
        type_name, _, rest = token.partition(":")
        unit_id, _, version = rest.partition(":")
        if not (unit_id.isdigit() and version.isdigit()):
            continue
        unit = units.get((type_name, int(unit_id)))
        if unit is None:
            missing.setdefault(type_name, {})[int(unit_id)] = int(version)
        elif (
            unit is not None
            and unit.version > int(version)
            and unit.updated_by_id != current_user.id
        ):
            notices.append({"type_name": type_name, "unit": unit})
    notices += removed_notices(data["plan"].pair_id, missing)
    editors = {n["unit"].updated_by_id for n in notices}
    names = (
        {u.id: u.display_name for u in User.select().where(User.id.in_(editors))} if editors else {}
    )
    for notice in notices:
        notice["editor"] = names.get(notice["unit"].updated_by_id, "Your partner")
    return notices


def removed_notices(pair_id, missing):
    """Units this person is editing that someone else has removed since they opened them."""
    notices = []
    for type_name, versions in missing.items():  # one query per kind of unit, at most
        unit_type = UNIT_TYPES.get(type_name)
        if unit_type is None or not unit_type.listed:
            continue
        model = unit_type.model
        query = model.select().where(
            model.id.in_(list(versions))
            & (model.pair == pair_id)
            & model.visible_to(current_user.id)
            & model.deleted_at.is_null(False)
        )
        notices += [
            {"type_name": type_name, "unit": unit, "removed": True, "part": unit_type.part_of(unit)}
            for unit in query
            if unit.version > versions[unit.id] and unit.updated_by_id != current_user.id
        ]
    return notices


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
