"""Live partner updates for any feature's page: a poll that answers 204 or the fresh parts.

A page names its feature; the poll looks only at that feature's shared changes, skips the
page's own, and adds notices for forms open on units someone else saved or removed meanwhile.
The feature renders its changed parts (Feature.render_changes); the rest is here.
"""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, login_required

from .access import MAX_ID, bounded, member_pair_or_404
from .htmx import is_partial
from .models import Revision, User, requesting_page
from .unit_types import registry

bp = Blueprint("live", __name__, url_prefix="/pairs/<int:pair_id>")

MAX_EDITING = 50  # forms one page can report open; more is not a person typing


@bp.route("/<feature_name>/changes")
@login_required
def changes(pair_id, feature_name):
    """204 when nothing of this feature changed since the counter, else the fresh parts."""
    pair, _membership = member_pair_or_404(pair_id)
    feature = registry().features.get(feature_name)
    if feature is None or feature.render_changes is None:
        abort(404)
    since = bounded(request.args.get("since"))
    if pair.change_counter <= since or not is_partial():
        return "", 204
    rows = (
        Revision.select(Revision.part, Revision.action)
        .where((Revision.pair == pair.id) & (Revision.feature == feature.name))
        .where((Revision.seq > since) & Revision.private_to.is_null())
        .distinct()
    )
    page = requesting_page()
    if page:
        # This page already shows its own changes: re-sending them would redraw parts under
        # the person's hands (losing focus and the Undo notice).
        rows = rows.where(Revision.page != page)
    rows = list(rows)
    poller = render_template(
        "live/_poll.html", pair=pair, feature=feature.name, change_counter=pair.change_counter
    )
    if not rows:
        # Only other features changed, or this page itself: move the poller on, so its next
        # polls are 204 from the counter alone.
        return poller
    notices = editing_notices(pair)
    # A form open on a unit the partner removed has no place in a fresh part: keep the part.
    keep = {n["part"] for n in notices if n["removed"]}
    html = feature.render_changes(
        pair,
        current_user,
        {row.part for row in rows},
        layout_changed=any(row.action in ("show", "hide") for row in rows),
        keep=keep,
    )
    return poller + html + render_template("live/_notices.html", notices=notices)


def editing_tokens():
    """The forms the page reports open, as {type name: {unit id: version}}."""
    wanted = {}
    for token in request.args.getlist("editing")[:MAX_EDITING]:
        type_name, _, rest = token.partition(":")
        unit_id, _, version = rest.partition(":")
        if unit_id.isdigit() and version.isdigit() and int(unit_id) <= MAX_ID:
            wanted.setdefault(type_name, {})[int(unit_id)] = bounded(version)
    return wanted


def editing_notices(pair):
    """Units this person is editing that someone else has saved or removed since they opened
    them; one query per kind of unit, at most."""
    notices = []
    unit_types = registry().unit_types
    for type_name, versions in editing_tokens().items():
        unit_type = unit_types.get(type_name)
        if unit_type is None:
            continue
        model = unit_type.model
        query = model.select().where(
            model.id.in_(list(versions))
            & (model.pair == pair.id)
            & model.visible_to(current_user.id)
        )
        notices += [
            {
                "type_name": type_name,
                "unit": unit,
                "removed": bool(unit.deleted_at),
                "part": unit_type.part_of(unit),
            }
            for unit in query
            if unit.version > versions[unit.id] and unit.updated_by_id != current_user.id
        ]
    editors = {n["unit"].updated_by_id for n in notices}
    names = (
        {u.id: u.display_name for u in User.select().where(User.id.in_(editors))} if editors else {}
    )
    for notice in notices:
        notice["editor"] = names.get(notice["unit"].updated_by_id, "Your partner")
    return notices
