"""Generic routes for any registered unit: show, edit, save, add, remove, move, share, set."""

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from . import versioning
from .access import member_pair_or_404
from .document import SHARE
from .htmx import is_partial, render
from .models import User
from .once import create_once
from .unit_types import registry
from .versioning import TooMany, fetch, to_text

bp = Blueprint("units", __name__, url_prefix="/pairs/<int:pair_id>")


def unit_type_or_404(type_name, listed=False):
    """A registered unit type (a list type, when asked), or 404."""
    unit_type = registry().unit_types.get(type_name)
    if unit_type is None or (listed and not unit_type.listed):
        abort(404)
    return unit_type


def load(pair_id, type_name, unit_id, include_deleted=False):
    """The pair, unit type and unit, or 404 for non-members and units they may not see."""
    pair, _membership = member_pair_or_404(pair_id)
    unit_type = unit_type_or_404(type_name)
    unit = fetch(unit_type, pair, unit_id, current_user.id, include_deleted) or abort(404)
    return pair, unit_type, unit


def writable_or_403(unit_type, unit, field_name=None):
    """Stop here with 403 when the unit (or that field of it) is not this person's to write."""
    versioning.check_writable(unit_type, unit, current_user.id, (field_name,))


def form_prefix(unit_type, unit=None):
    """Field names unique on the page: several forms can be open at once."""
    return f"{unit_type.name}-{unit.id}" if unit is not None else f"new-{unit_type.name}"


def make_form(unit_type, pair, unit=None, from_request=True):
    """The unit type's form, from the request or filled from the unit (or blank)."""
    form_class = unit_type.form(unit)
    prefix = form_prefix(unit_type, unit)
    if from_request:
        form = form_class(prefix=prefix)
    else:
        form = form_class(formdata=None, obj=unit, prefix=prefix)
        if unit is not None:
            form.version.data = unit.version
    if unit_type.prepare_form:
        unit_type.prepare_form(form, pair, current_user)
    return form


@bp.app_template_global()
def blank_add_form(unit_type, pair):
    """An empty "add" form for a list under the plan."""
    return make_form(unit_type, pair, from_request=False)


@bp.app_template_global()
def unit_url_prefix(pair, unit_type):
    """'/pairs/1/goal/': a unit's routes are this plus '<id>' or '<id>/<action>'.

    Templates append the id and action, so a long list costs one url_for per unit type and
    request instead of several per item.
    """
    prefixes = g.setdefault("unit_url_prefixes", {})
    key = (pair.id, unit_type.name)
    if key not in prefixes:
        url = url_for("units.show", pair_id=pair.id, type_name=unit_type.name, unit_id=0)
        prefixes[key] = url.removesuffix("0")
    return prefixes[key]


def form_values(unit_type, form):
    """The submitted values of the unit's editable fields (blank numbers become defaults).

    A unit's form may carry only some of its type's fields (a checklist item copied from a
    guide edits its margin, not its title): the others are left as they are.
    """
    values = {}
    for name in unit_type.fields:
        if name not in form:
            continue
        value = form[name].data
        model_field = unit_type.model._meta.fields[name]
        if value is None and not model_field.null:
            value = model_field.default
        if isinstance(value, str) and name == unit_type.title_field:
            value = value.strip()
        values[name] = value
    return values


def keep_unseen_links(unit_type, form, unit, values):
    """A link the saver cannot see (to a partner's private goal) is kept, not cleared."""
    for name in unit_type.private_links:
        current = versioning.current_value(unit, name)
        offered = {choice.value for choice in form[name].choices}
        if current is not None and current not in offered and values.get(name) is None:
            values[name] = current
    return values


def differences(unit_type, form, theirs):
    """Fields where my unsaved text and the partner's saved text differ."""
    rows = []
    for name, label in unit_type.fields.items():
        if name not in form:
            continue
        saved = to_text(versioning.current_value(theirs, name))
        if to_text(form[name].data) != saved:
            # A choice filled per reader (a step's goal) reads as its label, like fixed choices.
            labels = {str(c.value): c.label for c in getattr(form[name], "choices", None) or ()}
            if saved and name in unit_type.private_links:
                # A link to a unit this reader may not see never shows its id or title.
                shown = labels.get(saved, "(not shown)")
            else:
                shown = labels.get(saved) or unit_type.show_value(name, saved)
            rows.append({"name": name, "label": label, "theirs": shown})
    return rows


def unit_context(pair, unit_type, unit, **extra):
    """What the unit's display and edit templates need."""
    return {"pair": pair, "unit_type": unit_type, "unit": unit, **extra}


@bp.app_template_global()
def render_readonly(unit_type, unit, pair, audience=None, **extra):
    """A unit's display without controls, for read-only views (share links, print).

    Markup: the rendered template is already escaped; a plain str would be escaped again
    where `{{ render_readonly(...) }}` puts it (the print view showed its tags as text).
    """
    # extra: what the display would otherwise look up for the logged-in reader (a share
    # link has none), e.g. the titles of linked goals this reader may see.
    # app_links: a share link's reader has no account, so a link into the app would only
    # land on the log-in page; displays show such a link's words as plain text instead.
    context = unit_context(
        pair, unit_type, unit, readonly=True, app_links=audience != SHARE, **extra
    )
    html = render_template("units/_unit.html", **context)
    return Markup(html)


def part_response(pair, unit_type, unit, status=200, **options):
    """After a list change: the re-rendered part (htmx), the page with errors, or 303 back."""
    feature = unit_type.home
    part = options.pop("part", None) or unit_type.part_of(unit)
    if is_partial():
        if status == 200:
            options["changed"] = unit  # the feature keeps it in view (a long list's tail)
        html = feature.render_part(pair, current_user, part, **options)
        extra = after_change(pair, unit_type, unit, part_sent=True) if status == 200 else ""
        return html + extra, status
    if status != 200:
        return feature.render_page(pair, current_user, **options), status
    return redirect(unit_type.page_url(pair, unit), code=303)


@bp.route("/<type_name>/<int:unit_id>")
@login_required
def show(pair_id, type_name, unit_id):
    """The unit's display fragment (after Cancel); a full request goes to its page."""
    pair, unit_type, unit = load(pair_id, type_name, unit_id)
    if not is_partial():
        return redirect(unit_type.page_url(pair, unit), code=303)
    return render_template("units/_unit.html", **unit_context(pair, unit_type, unit))


@bp.route("/<type_name>/<int:unit_id>/edit")
@login_required
def edit(pair_id, type_name, unit_id):
    """The edit form in place (htmx) or as its own page (no JavaScript)."""
    pair, unit_type, unit = load(pair_id, type_name, unit_id)
    writable_or_403(unit_type, unit)
    form = make_form(unit_type, pair, unit, from_request=False)
    return render(
        "units/edit.html", "units/_edit.html", **unit_context(pair, unit_type, unit, form=form)
    )


@bp.route("/<type_name>/<int:unit_id>", methods=["POST"])
@login_required
def save(pair_id, type_name, unit_id):
    """Save an edit made from a known version: 422 on bad input, 409 on a conflict."""
    pair, unit_type, unit = load(pair_id, type_name, unit_id, include_deleted=True)
    form = make_form(unit_type, pair, unit)
    valid = form.validate_on_submit()
    if form.version.data is None:
        form.version.errors = ["This form is incomplete: reload the page and try again."]
        valid = False
    if not valid:
        context = unit_context(pair, unit_type, unit, form=form)
        return render("units/edit.html", "units/_edit.html", 422, **context)
    version = form.version.data
    if unit.deleted_at and request.form.get("bring_back") == "yes" and version == unit.version:
        # The partner removed it while this person edited; they chose to keep their text.
        unit = versioning.set_deleted(unit_type, unit, current_user.id, deleted=False)
        version = unit.version
    values = keep_unseen_links(unit_type, form, unit, form_values(unit_type, form))
    saved, current = versioning.save(
        unit_type, unit, values, version, current_user.id, form.reason.data
    )
    if not saved:
        return conflict(pair, unit_type, form, current)
    if is_partial():
        html = render_template("units/_unit.html", **unit_context(pair, unit_type, current))
        return html + after_change(pair, unit_type, current)
    return redirect(unit_type.page_url(pair, current), code=303)


def after_change(pair, unit_type, unit, part_sent=False):
    """What one's own change also updates on the page (sent out of band), if anything."""
    render_after = unit_type.home.render_after_change
    if render_after is None:
        return ""
    return render_after(pair, current_user, unit_type.part_of(unit), part_sent=part_sent)


def conflict(pair, unit_type, form, theirs):
    """409: the partner's saved text beside mine, both kept, ready to choose or merge."""
    # The next save is made from their version; raw_data would otherwise echo the stale one.
    form.version.data = theirs.version
    form.version.raw_data = [str(theirs.version)]
    context = unit_context(
        pair,
        unit_type,
        theirs,
        form=form,
        conflict=differences(unit_type, form, theirs),
        removed=bool(theirs.deleted_at),
        editor=User.get_or_none(User.id == theirs.updated_by_id),
    )
    return render("units/edit.html", "units/_edit.html", 409, **context)


@bp.route("/<type_name>/new", methods=["POST"])
@login_required
def add(pair_id, type_name):
    """Add a list item; bad input keeps the text and answers 422."""
    pair, _membership = member_pair_or_404(pair_id)
    unit_type = unit_type_or_404(type_name, listed=True)
    form = make_form(unit_type, pair)
    values = form_values(unit_type, form)
    scope = unit_type.scope_field
    if scope is not None and scope in form:
        # The add form names the list it adds to (a month, say): a hidden field of its own.
        values[scope] = form[scope].data
    if form.validate_on_submit():
        private = unit_type.can_be_private and request.form.get("private") == "yes"
        try:
            unit, first_id = create_once(
                lambda: versioning.create(
                    unit_type, pair, current_user.id, values, private=private
                ),
                lambda created: str(created.id),
            )
        except TooMany:
            # The list is full (a hand-made request, or the partner added one meanwhile).
            # Said next to the add form's first field; the typed text stays in it.
            name = next(n for n in (*unit_type.add_fields, *unit_type.fields) if n in form)
            form[name].errors = [*form[name].errors, unit_type.too_many_message()]
        else:
            if unit is None:
                # A repeat of this very form (a double click): answered with the first item.
                unit = fetch(unit_type, pair, int(first_id), current_user.id, True) or abort(404)
            return part_response(pair, unit_type, unit)
    # The list the form belongs to (its scope, e.g. a month) is re-rendered with the errors.
    draft = unit_type.model(pair=pair.id, **values)
    part = unit_type.part_of(draft)
    return part_response(pair, unit_type, draft, 422, part=part, add_form=form, add_type=unit_type)


def list_action(pair_id, type_name, unit_id, include_deleted=False, field_name=None):
    """Load a list unit for a button action; the CSRF check has already run."""
    pair, unit_type, unit = load(pair_id, type_name, unit_id, include_deleted)
    if not unit_type.listed:
        abort(404)
    writable_or_403(unit_type, unit, field_name)
    return pair, unit_type, unit


@bp.route("/<type_name>/<int:unit_id>/delete", methods=["POST"])
@login_required
def delete(pair_id, type_name, unit_id):
    """Remove a list item; it can be brought back from history."""
    # A set-to-removed action: a second click (or the partner's) answers like the first.
    pair, unit_type, unit = list_action(
        pair_id, type_name, unit_id, include_deleted=True, field_name=versioning.REMOVAL
    )
    versioning.set_deleted(unit_type, unit, current_user.id, deleted=True)
    return part_response(pair, unit_type, unit, removed=unit, removed_type=unit_type)


@bp.route("/<type_name>/<int:unit_id>/undelete", methods=["POST"])
@login_required
def undelete(pair_id, type_name, unit_id):
    """Bring a removed list item back."""
    pair, unit_type, unit = list_action(
        pair_id, type_name, unit_id, include_deleted=True, field_name=versioning.REMOVAL
    )
    unit = versioning.set_deleted(unit_type, unit, current_user.id, deleted=False)
    return part_response(pair, unit_type, unit)


@bp.route("/<type_name>/<int:unit_id>/move", methods=["POST"])
@login_required
def move(pair_id, type_name, unit_id):
    """Move a list item one place up or down."""
    pair, unit_type, unit = list_action(pair_id, type_name, unit_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    versioning.move(unit_type, unit, current_user.id, direction)
    return part_response(pair, unit_type, unit)


@bp.route("/<type_name>/<int:unit_id>/share", methods=["POST"])
@login_required
def share(pair_id, type_name, unit_id):
    """Share a private item with the pair (only its author sees the button, or can)."""
    pair, unit_type, unit = list_action(pair_id, type_name, unit_id)
    if not unit_type.can_be_private:
        abort(404)
    versioning.share(unit_type, unit, current_user.id)
    return part_response(pair, unit_type, unit)


@bp.route("/<type_name>/<int:unit_id>/set/<action_name>", methods=["POST"])
@login_required
def set_value(pair_id, type_name, unit_id, action_name):
    """Set a flag or value to X (strike, highlight, done): one tap, never a conflict."""
    pair, unit_type, unit = load(pair_id, type_name, unit_id)
    action = unit_type.set_actions.get(action_name) or abort(404)
    raw = request.form.get("value", "")
    if raw not in action.values:
        abort(400)
    unit = versioning.set_value(unit_type, unit, current_user.id, action_name, action.values[raw])
    if is_partial():
        html = render_template("units/_unit.html", **unit_context(pair, unit_type, unit))
        return html + after_change(pair, unit_type, unit)
    return redirect(unit_type.page_url(pair, unit), code=303)
