"""Live partner updates on the plan page: a poll that answers 204 or the fresh parts."""

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from . import plan_catalogue as catalogue
from .htmx import is_partial
from .models import Revision, User
from .models.versioned import requesting_page
from .plan import SignForm
from .plan_data import plan_data
from .security import member_pair_or_404
from .versioning import UNIT_TYPES

bp = Blueprint("live", __name__, url_prefix="/pairs/<int:pair_id>/plan")


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
    page = requesting_page()
    if page:
        # This page already shows its own changes: re-sending them would redraw parts under
        # the person's hands (losing focus and the Undo notice).
        changed = changed.where(Revision.page != page)
    changed_parts = {row.part for row in changed}
    if not changed_parts:
        # Only this page's own changes (or none that show): just move the poller on.
        return render_template("plan/_poll.html", pair=pair, change_counter=pair.change_counter)
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
