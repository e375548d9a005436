"""History of a pair's shared content: the whole record, one unit's record, and restore."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from peewee import JOIN, ForeignKeyField

from . import versioning
from .access import bounded, member_pair_or_404
from .htmx import render
from .models import Pair, Revision, User
from .unit_types import registry

bp = Blueprint("history", __name__, url_prefix="/pairs/<int:pair_id>")

PAGE_SIZE = 100
# What happened to a unit, as history tells it; other events are told by their feature.
ACTIONS = {
    "edit": "changed",
    "create": "added",
    "delete": "removed",
    "undelete": "brought back",
    "move": "moved",
    "share": "shared",
    "set": "set",
}


class RestoreForm(FlaskForm):
    """Only the CSRF field; the version travels as a plain hidden input."""


def revisions_for(pair, user, unit_type=None, unit_id=None, before=None):
    """A page of the history this user may see, newest first, with who made each change."""
    query = (
        Revision.select(Revision, User)
        .join(User, JOIN.LEFT_OUTER, on=(Revision.user == User.id))
        .where((Revision.pair == pair.id) & Revision.visible_to(user.id))
        .order_by(Revision.id.desc())
        .limit(PAGE_SIZE)
    )
    if unit_type is not None:
        query = query.where((Revision.kind == unit_type.name) & (Revision.object_id == unit_id))
    if before:
        query = query.where(Revision.id < before)
    return list(query)


def changes_by(user_id):
    """Every change this person made, oldest first, as plain dicts for "Download my data".

    One query for all pairs and features, read row by row (never paged: it is all theirs).
    A row private to anyone else (a partner's private item) is never theirs to take.
    """
    query = (
        Revision.select(Revision, Pair.title)
        .join(Pair, on=(Revision.pair == Pair.id))
        .where((Revision.user == user_id) & Revision.visible_to(user_id))
        .order_by(Revision.id)
    )
    return [
        {
            "at": rev.created_at.isoformat(timespec="seconds") + "Z",
            "pair": rev.pair.title,
            "feature": rev.feature,
            "kind": rev.kind,
            "item_id": rev.object_id,
            "field": rev.field,
            "action": rev.action,
            "old_value": rev.old_value,
            "new_value": rev.new_value,
            "reason": rev.reason,
            "private": rev.private_to_id is not None,
        }
        for rev in query.iterator()
    ]


def units_for(revisions, user, pair):
    """The units the revisions are about, one query per unit type, visible ones only."""
    wanted = {}
    for rev in revisions:
        wanted.setdefault(rev.kind, set()).add(rev.object_id)
    units = {}
    for kind, ids in wanted.items():
        unit_type = registry().unit_types.get(kind)
        if unit_type is None:
            continue
        model = unit_type.model
        query = model.select().where(
            model.id.in_(ids) & (model.pair == pair.id) & model.visible_to(user.id)
        )
        units.update({(kind, unit.id): unit for unit in query})
    return units


def link_titles(revisions, user, pair):
    """{(kind, field, stored id): title} for changed links to other units (a step's goal).

    A unit the reader may not see reads as "(not shown)", never as its title or id.
    """
    targets = {t.model: t for t in registry().unit_types.values()}
    links, wanted = [], {}
    for rev in revisions:
        unit_type = registry().unit_types.get(rev.kind)
        model_field = unit_type.model._meta.fields.get(rev.field) if unit_type else None
        if not isinstance(model_field, ForeignKeyField) or model_field.rel_model not in targets:
            continue
        target = targets[model_field.rel_model]
        for text in (rev.old_value, rev.new_value):
            if text and text.isdigit():
                links.append((rev.kind, rev.field, text, target.name))
                wanted.setdefault(target.name, set()).add(int(text))
    found = {}
    for name, ids in wanted.items():  # one query per kind of linked unit
        target = registry().unit_types[name]
        model = target.model
        query = model.select().where(
            model.id.in_(list(ids)) & (model.pair == pair.id) & model.visible_to(user.id)
        )
        found.update({(name, unit.id): target.title_of(unit) for unit in query})
    return {
        (kind, field, text): found.get((name, int(text)), "(not shown)")
        for kind, field, text, name in links
    }


def history_context(pair, revisions, **extra):
    """What the history templates need."""
    return {
        "pair": pair,
        "revisions": revisions,
        "units": units_for(revisions, current_user, pair),
        "links": link_titles(revisions, current_user, pair),
        "unit_types": registry().unit_types,
        "features": registry().features,
        "actions": ACTIONS,
        "restore_form": RestoreForm(formdata=None),
        "page_size": PAGE_SIZE,
        **extra,
    }


def older_than():
    """The ?before= revision id that pages back through history (clamped, never a 500)."""
    return bounded(request.args.get("before"), default=None)


@bp.route("/history")
@login_required
def pair_history(pair_id):
    """Every change to the pair's shared content (and my own private items)."""
    pair, _membership = member_pair_or_404(pair_id)
    revisions = revisions_for(pair, current_user, before=older_than())
    return render("history/page.html", "history/_list.html", **history_context(pair, revisions))


@bp.route("/<type_name>/<int:unit_id>/history")
@login_required
def unit_history(pair_id, type_name, unit_id):
    """The changes to one field or item, each restorable."""
    pair, _membership = member_pair_or_404(pair_id)
    unit_type = registry().unit_types.get(type_name) or abort(404)
    unit = versioning.fetch(unit_type, pair, unit_id, current_user.id, include_deleted=True)
    if unit is None:
        abort(404)
    revisions = revisions_for(pair, current_user, unit_type, unit_id, before=older_than())
    context = history_context(pair, revisions, unit=unit, unit_type=unit_type)
    return render("history/page.html", "history/_list.html", **context)


@bp.route("/history/<int:revision_id>/restore", methods=["POST"])
@login_required
def restore(pair_id, revision_id):
    """Restore what a change replaced, as a new change; 409 if the unit moved on meanwhile."""
    pair, _membership = member_pair_or_404(pair_id)
    revision = (
        Revision.select()
        .where(
            (Revision.id == revision_id)
            & (Revision.pair == pair.id)
            & Revision.visible_to(current_user.id)
            & Revision.action.in_(("edit", "delete"))
        )
        .first()
    ) or abort(404)
    unit_type = registry().unit_types.get(revision.kind) or abort(404)
    unit = versioning.fetch(unit_type, pair, revision.object_id, current_user.id, True)
    if unit is None:
        abort(404)
    version = request.form.get("version", type=int)
    if version is None:
        abort(400)
    restored, current = versioning.restore(unit_type, revision, unit, version, current_user.id)
    if not restored:
        revisions = revisions_for(pair, current_user, unit_type, unit.id)
        context = history_context(pair, revisions, unit=current, unit_type=unit_type, stale=True)
        return render_template("history/page.html", **context), 409
    return redirect(
        url_for("history.unit_history", pair_id=pair.id, type_name=unit_type.name, unit_id=unit.id)
        + "#restored",
        code=303,
    )
