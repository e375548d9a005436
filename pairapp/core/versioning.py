"""The only writers of a pair's shared content: conflict-safe saves, set-actions, lists,
sharing, restore and recorded events, each with its history row and the pair's change counter.

Every feature registers a UnitType for its model (see unit_types.py) and changes it only
through these functions, so saves, history, restore, privacy and live updates work the same
everywhere.
"""

import datetime

from peewee import BooleanField, DateField, ForeignKeyField, IntegerField, fn

from ..db import write_transaction
from .models import Pair, Revision, utcnow


class Forbidden(Exception):
    """This person may not write that unit or field (the unit type's write rule)."""


class TooMany(Exception):
    """The list already holds the unit type's max_items: nothing was added or brought back."""

    def __init__(self, unit_type):
        super().__init__(unit_type.name)
        self.unit_type = unit_type


def refuse_beyond_max(unit_type, pair_id, scope_value):
    """Raise TooMany when the pair's list (in this scope) is full (inside the transaction)."""
    if unit_type.max_items is None:
        return
    model = unit_type.model
    query = model.select().where((model.pair == pair_id) & model.deleted_at.is_null())
    if unit_type.scope_field is not None:
        query = query.where(getattr(model, unit_type.scope_field) == scope_value)
    if query.count() >= unit_type.max_items:
        raise TooMany(unit_type)


# What a write rule is asked about removing or bringing back a unit (its soft-delete field).
REMOVAL = "deleted_at"


class Archived(Exception):
    """The pair's cycle is closed: its content is read-only until a partner reopens it."""


def refuse_if_archived(pair_id):
    """Raise Archived while the pair's cycle is closed (call inside the write transaction)."""
    if Pair.select().where((Pair.id == pair_id) & Pair.archived_at.is_null(False)).exists():
        raise Archived(pair_id)


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
        feature=unit_type.feature,
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


def record_event(pair_id, user_id, feature, action, part="", kind="", object_id=0, new=""):
    """Record a shared event that is not a unit's edit (sign, show, hide, join, leave, start).

    Call it inside the transaction that makes the change, so the two stand or fall together:
    while the pair's cycle is closed it raises Archived, and the change is rolled back.
    """
    refuse_if_archived(pair_id)
    return _event(pair_id, user_id, feature, action, part, kind, object_id, new)


def _event(pair_id, user_id, feature, action, part="", kind="", object_id=0, new=""):
    """Write an event's history row and step the pair's change counter."""
    seq = next_seq(pair_id, shared=True)
    return Revision.create(
        pair=pair_id,
        user=user_id,
        feature=feature,
        part=part,
        kind=kind,
        object_id=object_id,
        action=action,
        new_value=new,
        seq=seq,
    )


def set_archived(pair_id, user_id, feature, archived):
    """Close the pair's cycle (a read-only archive) or reopen it: a recorded, set-to-X event."""
    with write_transaction():
        pair = Pair.get_by_id(pair_id)
        if bool(pair.archived_at) == archived:
            return pair
        Pair.update(archived_at=utcnow() if archived else None).where(Pair.id == pair_id).execute()
        _event(pair_id, user_id, feature, "close" if archived else "reopen", "archive", "archive")
        return Pair.get_by_id(pair_id)


def check_writable(unit_type, unit, user_id, field_names=(None,)):
    """Raise Forbidden unless this person may write the unit (or each of these fields)."""
    for name in field_names:
        if not unit_type.writable(unit, user_id, name):
            raise Forbidden(name)


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
    Raises Forbidden when a changed field is not this person's to write.
    """
    model = unit_type.model
    with write_transaction():
        current = model.get_or_none(model.id == unit.id)
        if current is None or current.deleted_at:
            return False, current
        refuse_if_archived(current.pair_id)
        changed = {
            name: value
            for name, value in changes.items()
            if to_text(current_value(current, name)) != to_text(value)
        }
        if not changed:
            # Nothing to write, even from an older version: both already agree.
            return True, current
        check_writable(unit_type, current, user_id, changed)
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


def set_value(unit_type, unit, user_id, action_name, value):
    """Set a flag or value to X (strike, highlight, done): recorded, never a conflict.

    Repeating it changes nothing. It leaves the unit's version alone, so a note someone is
    editing meanwhile saves without a conflict: the two never touch the same field.
    """
    action = unit_type.set_actions[action_name]
    model = unit_type.model
    with write_transaction():
        current = model.get_by_id(unit.id)
        refuse_if_archived(current.pair_id)
        check_writable(unit_type, current, user_id, (action.field,))
        if to_text(getattr(current, action.field)) == to_text(value):
            return current
        values = {action.field: value}
        if action.also is not None:
            values.update(action.also(current, value, user_id))
        seq = next_seq(current.pair_id, current.private_to_id is None)
        model.update(**values, updated_by=user_id, updated_at=utcnow()).where(
            model.id == current.id
        ).execute()
        old = to_text(current_value(current, action.field))
        record(unit_type, current, user_id, "set", action.field, old, to_text(value), seq=seq)
        return model.get_by_id(current.id)


def create(unit_type, pair, user_id, values, private=False):
    """Add a unit at the end of its list (of its scope, when the type has one).

    Raises Forbidden when the type's write rule does not let this person write such a unit,
    and TooMany when the list already holds the type's max_items.
    """
    model = unit_type.model
    check_writable(unit_type, model(pair=pair.id, **values), user_id)
    with write_transaction():
        refuse_if_archived(pair.id)
        last = model.select(fn.MAX(model.position)).where(model.pair == pair.id)
        scope_value = None
        if unit_type.scope_field is not None:
            field = getattr(model, unit_type.scope_field)
            scope_value = values.get(unit_type.scope_field, field.default)
            last = last.where(field == scope_value)
        refuse_beyond_max(unit_type, pair.id, scope_value)
        unit = model.create(
            pair=pair.id,
            position=(last.scalar() or 0) + 1,
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

    A set-to-X action: repeating it changes nothing. Bringing one back into a list that
    already holds the type's max_items raises TooMany.
    """
    model = unit_type.model
    with write_transaction():
        current = model.get_by_id(unit.id)
        refuse_if_archived(current.pair_id)
        check_writable(unit_type, current, user_id, (REMOVAL,))
        if bool(current.deleted_at) == deleted:
            return current
        if not deleted:
            scope = unit_type.scope_field
            refuse_beyond_max(unit_type, current.pair_id, scope and current_value(current, scope))
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


def move(unit_type, unit, user_id, direction):
    """Swap a unit with its visible neighbour above or below, within the unit's scope."""
    model = unit_type.model
    with write_transaction():
        current = model.get_by_id(unit.id)
        refuse_if_archived(current.pair_id)
        query = model.select().where(
            (model.pair == current.pair_id)
            & model.deleted_at.is_null()
            & model.visible_to(user_id)
            & (model.id != current.id)
        )
        scope = unit_type.scope(current)
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
        refuse_if_archived(current.pair_id)
        if current.private_to_id != user_id:
            return current
        model.update(private_to=None, version=model.version + 1, updated_at=utcnow()).where(
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
