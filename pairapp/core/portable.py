"""What a feature needs to put its part of a pair into an export file and to read it back.

The export package hands each feature's `export` and `import_` seam one of these contexts.
Units are named in the file by references local to the file ("goal-1", "checkin-2"), never by
database ids, so an export of an imported pair names them the same way; people are named by
their role in the pair ("mentor", "protege", "colleague"), never by account.
"""

import datetime

from peewee import BooleanField, DateField, IntegerField


class BadFile(Exception):
    """The file cannot be imported; the message says why in a sentence people understand."""


def to_json(model_field, value):
    """A model field's value as the file stores it."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(model_field, DateField):
        return None  # no date
    if isinstance(model_field, BooleanField):
        return bool(value)
    if isinstance(model_field, IntegerField):
        return int(value or 0)
    return "" if value is None else value


def from_json(model_field, value):
    """A value of the file as the model field stores it (the schema checked its type)."""
    if isinstance(model_field, DateField):
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise BadFile(f"“{value}” in the file is not a date (YYYY-MM-DD).") from None
    return value


class ExportContext:
    """One export: who asks, the members' roles, and the references handed out so far."""

    def __init__(self, pair, viewer_id, roles):
        self.pair = pair
        self.viewer_id = viewer_id
        self.roles = roles  # user id -> role in the pair
        self.refs = {}  # (kind, unit id) -> reference in the file
        self.counts = {}
        self.source_refs = {}  # another feature's source key -> reference in the file
        self.later = []

    def ref(self, kind, unit_id):
        """The file's reference for a unit, handed out in the order units are exported."""
        if unit_id is None:
            return None
        key = (kind, unit_id)
        if key not in self.refs:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.refs[key] = f"{kind}-{self.counts[kind]}"
        return self.refs[key]

    def known_ref(self, kind, unit_id):
        """The reference of a unit already exported, or None (not exported: private, removed)."""
        return self.refs.get((kind, unit_id))

    def role(self, user_id):
        """How the file names a person: their role in the pair, or None (a former member)."""
        return self.roles.get(user_id)

    def units(self, model, kind, fields, where=None):
        """The pair's live units this viewer may see, in list order, as dicts of the file.

        Each carries its reference, whether it is private (to the viewer: nobody else's
        private unit is ever selected) and who wrote it, by role.
        """
        query = model.select().where(
            (model.pair == self.pair.id)
            & model.deleted_at.is_null()
            & model.visible_to(self.viewer_id)
        )
        if where is not None:
            query = query.where(where)
        rows = []
        for unit in query.order_by(model.position, model.id):
            row = {"ref": self.ref(kind, unit.id)}
            for name in fields:
                row[name] = to_json(model._meta.fields[name], getattr(unit, name))
            row["private"] = unit.private_to_id is not None
            row["author"] = self.role(unit.created_by_id)
            rows.append((unit, row))
        return rows

    def after(self, callback):
        """Run this once every feature has exported (to fill references made later)."""
        self.later.append(callback)

    def finish(self):
        """Run the callbacks left for the end."""
        for callback in self.later:
            callback()


class ImportContext:
    """One import: the new pair, the importer, and the file's references mapped to new ids."""

    def __init__(self, pair, user_id, role):
        self.pair = pair
        self.user_id = user_id
        self.role = role  # the importer's role in the new pair
        self.ids = {}  # reference in the file -> new unit id
        # reference in the file -> (source key, label, url) of a unit other features' units
        # name as their source (a check-in, a next step), as its feature words them here
        self.sources = {}
        self.later = []

    def person(self, role):
        """The account a role of the file names here: the importer's own, else nobody yet."""
        return self.user_id if role == self.role else None

    def new_id(self, ref):
        """The new id of a unit the file named earlier (None for none); a reference to a unit
        the file does not hold means it was edited: refused."""
        if ref is None:
            return None
        if ref not in self.ids:
            raise BadFile(f"The file refers to “{ref}”, which it does not contain.")
        return self.ids[ref]

    def create(self, model, rows, fields, **values):
        """Create one unit per row of the file, in the file's order; returns the new units.

        A private row stays private to the importer; a shared one is shared with the pair. The
        importer's own rows are theirs; a partner's rows wait without an author (their account
        is not carried).
        `values` may hold a callable (row -> value) for a field the feature maps itself.
        """
        made = []
        for position, row in enumerate(rows, start=1):
            extra = {
                name: value(row) if callable(value) else value for name, value in values.items()
            }
            author = self.person(row["author"])
            unit = model.create(
                pair=self.pair.id,
                position=position,
                created_by=author,
                updated_by=author,
                private_to=self.user_id if row.get("private") else None,
                **{name: from_json(model._meta.fields[name], row[name]) for name in fields},
                **extra,
            )
            if row["ref"] in self.ids:
                raise BadFile(f"The file names “{row['ref']}” twice.")
            self.ids[row["ref"]] = unit.id
            made.append(unit)
        return made

    def after(self, callback):
        """Run this once every feature has imported (to link to units made later)."""
        self.later.append(callback)

    def finish(self):
        """Run the callbacks left for the end."""
        for callback in self.later:
            callback()


def written_by(model, user_id, fields):
    """The live units of any pair this person created, last changed or keeps private, as
    dicts for "Download my data" (their own private units included)."""
    query = model.select().where(
        model.deleted_at.is_null()
        & (
            (model.created_by == user_id)
            | (model.updated_by == user_id)
            | (model.private_to == user_id)
        )
    )
    return [
        {"pair_id": unit.pair_id, "private": unit.private_to_id is not None}
        | {name: to_json(model._meta.fields[name], getattr(unit, name)) for name in fields}
        for unit in query.order_by(model.pair, model.position, model.id)
    ]
