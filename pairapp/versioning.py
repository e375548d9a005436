"""Conflict-safe changes to versioned units, with history, privacy and a change counter.

Every feature that stores shared content registers a UnitType for its model and changes
it only through these functions, so saves, history, restore, privacy and live updates
work the same everywhere.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from peewee import BooleanField, DateField, ForeignKeyField, IntegerField, fn

from .db import write_transaction
from .models import Pair, Revision, utcnow

UNIT_TYPES = {}


@dataclass(frozen=True)
class UnitType:
    """What the shared machinery needs to know about one kind of editable unit."""

    name: str  # the URL segment and the Revision.kind, e.g. "goal"
    model: type
    label: str  # as people read it, e.g. "goal"
    form: Callable  # unit -> WTForms form class with the editable fields, version and reason
    display: str  # template of the unit's display fragment
    fields: dict  # editable field name -> label
    part_of: Callable  # unit -> the part key it belongs to
    page_url: Callable  # (pair, unit) -> the page the unit is shown on (no-JS return)
    render_part: Callable  # (pair, user, part key, **options) -> HTML of that part's body
    render_page: Callable  # (pair, user, **options) -> HTML of the whole page (no-JS errors)
    title_field: str = "title"
    listed: bool = True  # can be added, moved and removed
    can_be_private: bool = False
    choices: dict = field(default_factory=dict)  # field -> {stored value: label}
    prepare_form: Callable | None = None  # (form, pair, user) -> None, e.g. set choices
    add_fields: tuple = ()  # the fields the quick "add" form asks for
    private_links: tuple = ()  # links that may point at a unit the saver cannot see
    render_after_change: Callable | None = None  # (pair, user, part) -> out-of-band HTML

    def title_of(self, unit):
        """A short name for the unit in history and notices."""
        return str(getattr(unit, self.title_field) or "")[:80]

    def show_value(self, field_name, text):
        """A stored history value as people read it."""
        if text is None or text == "":
            return ""
        return self.choices.get(field_name, {}).get(text, text)


def register(unit_type):
    """Make a unit type available to the generic routes."""
    UNIT_TYPES[unit_type.name] = unit_type
    return unit_type


def to_text(value):
    """A field value as the text a Revision stores."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "id"):
        return str(value.id)
    return str(value)


def from_text(model_field, text):
    """A Revision's text turned back into a value for this model field."""
    if isinstance(model_field, BooleanField):
        return text == "yes"
    if isinstance(model_field, DateField):
        return datetime.date.fromisoformat(text) if text else None
    if isinstance(model_field, ForeignKeyField):
        return int(text) if text else None
    if isinstance(model_field, IntegerField):
        return int(text) if text else 0
    return text or ""


def current_value(unit, name):
    """A unit's value for a field, with foreign keys as their id."""
    model_field = unit._meta.fields[name]
    if isinstance(model_field, ForeignKeyField):
        return getattr(unit, model_field.column_name)
    return getattr(unit, name)


def next_seq(pair_id, shared):
    """Advance the pair's change counter for a shared change; return the counter."""
    if shared:
        Pair.update(change_counter=Pair.change_counter + 1).where(Pair.id == pair_id).execute()
    return Pair.select(Pair.change_counter).where(Pair.id == pair_id).scalar()


def record(
    unit_type, unit, user_id, action, field_name="", old="", new="", reason="", seq=0, private=False
):
    """Write one history row; a private unit's history stays private to its author."""
    return Revision.create(
        pair=unit.pair_id,
        user=user_id,
        part=unit_type.part_of(unit),
        kind=unit_type.name,
        object_id=unit.id,
        field=field_name,
        action=action,
        old_value=old,
        new_value=new,
        reason=(reason or "").strip(),
        seq=seq,
        private_to=user_id if private else unit.private_to_id,
    )


def fetch(unit_type, pair, unit_id, user_id, include_deleted=False):
    """One unit of this pair that the user may see, or None."""
    model = unit_type.model
    query = model.select().where(
        (model.id == unit_id) & (model.pair == pair.id) & model.visible_to(user_id)
    )
    if not include_deleted:
        query = query.where(model.deleted_at.is_null())
    return query.first()


def save(unit_type, unit, changes, expected_version, user_id, reason=""):
    """Apply changes if the unit is still at expected_version.

    Returns (True, saved unit), or (False, the unit as saved by someone else) on conflict.
    """
    model = unit_type.model
    with write_transaction():
        current = model.get_or_none(model.id == unit.id)
        if current is None or current.deleted_at:
            return False, current
        changed = {
            name: value
            for name, value in changes.items()
            if to_text(current_value(current, name)) != to_text(value)
        }
        if not changed:
            # Nothing to write, even from an older version: both already agree.
            return True, current
        if current.version != expected_version:
            return False, current
        seq = next_seq(current.pair_id, current.private_to_id is None)
        model.update(
            **changed, version=model.version + 1, updated_by=user_id, updated_at=utcnow()
        ).where((model.id == current.id) & (model.version == expected_version)).execute()
        for name, value in changed.items():
            old = to_text(current_value(current, name))
            record(unit_type, current, user_id, "edit", name, old, to_text(value), reason, seq)
        return True, model.get_by_id(current.id)


def create(unit_type, pair, user_id, values, private=False):
    """Add a unit at the end of its list."""
    model = unit_type.model
    with write_transaction():
        last = model.select(fn.MAX(model.position)).where(model.pair == pair.id).scalar() or 0
        unit = model.create(
            pair=pair.id,
            position=last + 1,
            created_by=user_id,
            updated_by=user_id,
            private_to=user_id if (private and unit_type.can_be_private) else None,
            **values,
        )
        seq = next_seq(pair.id, unit.private_to_id is None)
        record(unit_type, unit, user_id, "create", new=unit_type.title_of(unit), seq=seq)
    return unit


def set_deleted(unit_type, unit, user_id, deleted):
    """Remove a unit (it stays in history and can be brought back), or bring it back.

    A set-to-X action: repeating it changes nothing.
    """
    model = unit_type.model
    with write_transaction():
        current = model.get_by_id(unit.id)
        if bool(current.deleted_at) == deleted:
            return current
        seq = next_seq(current.pair_id, current.private_to_id is None)
        model.update(
            deleted_at=utcnow() if deleted else None,
            version=model.version + 1,
            updated_by=user_id,
            updated_at=utcnow(),
        ).where(model.id == current.id).execute()
        action = "delete" if deleted else "undelete"
        record(unit_type, current, user_id, action, new=unit_type.title_of(current), seq=seq)
        return model.get_by_id(current.id)


def move(unit_type, unit, user_id, direction, scope=None):
    """Swap a unit with its visible neighbour above or below."""
    model = unit_type.model
    with write_transaction():
        current = model.get_by_id(unit.id)
        query = model.select().where(
            (model.pair == current.pair_id)
            & model.deleted_at.is_null()
            & model.visible_to(user_id)
            & (model.id != current.id)
        )
        if scope is not None:
            query = query.where(scope)
        if direction == "up":
            query = query.where(model.position <= current.position).order_by(
                model.position.desc(), model.id.desc()
            )
        else:
            query = query.where(model.position >= current.position).order_by(
                model.position, model.id
            )
        neighbour = query.first()
        if neighbour is None:
            return False
        mine, theirs = current.position, neighbour.position
        if mine == theirs:  # equal positions: make room so the swap is visible
            theirs = mine + (-1 if direction == "up" else 1)
        # Swapping with a private item changes nothing the partner sees: the move stays private
        # (no history entry, no counter step that would hint at the private item).
        shared = current.private_to_id is None and neighbour.private_to_id is None
        seq = next_seq(current.pair_id, shared)
        model.update(position=theirs).where(model.id == current.id).execute()
        model.update(position=mine).where(model.id == neighbour.id).execute()
        record(unit_type, current, user_id, "move", new=direction, seq=seq, private=not shared)
        return True


def share(unit_type, unit, user_id):
    """Share a private unit with the pair; only its author can, and sharing is recorded."""
    model = unit_type.model
    with write_transaction():
        current = model.get_by_id(unit.id)
        if current.private_to_id != user_id:
            return current
        model.update(private_to=None, version=model.version + 1).where(
            model.id == current.id
        ).execute()
        current = model.get_by_id(current.id)
        seq = next_seq(current.pair_id, True)
        record(unit_type, current, user_id, "share", new=unit_type.title_of(current), seq=seq)
        return current


def restore(unit_type, revision, unit, expected_version, user_id):
    """Bring back what a revision changed: a new change, never a rewrite of history."""
    if revision.action == "delete":
        return True, set_deleted(unit_type, unit, user_id, deleted=False)
    model_field = unit_type.model._meta.fields[revision.field]
    value = from_text(model_field, revision.old_value)
    reason = f"Restored the version from {revision.created_at:%Y-%m-%d %H:%M} UTC"
    return save(unit_type, unit, {revision.field: value}, expected_version, user_id, reason)
