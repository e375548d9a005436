"""The shared editing model: versioned units of shared content and their history."""

from flask import has_request_context, request
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .accounts import BaseModel, Pair, User, utcnow

PAGE_HEADER = "X-Pairapp-Page"


def requesting_page():
    """The id of the page that sent this request (htmx sends it in a header), or ""."""
    if not has_request_context():
        return ""
    return request.headers.get(PAGE_HEADER, "")[:40]


class Versioned(BaseModel):
    """An editable unit of a pair's content: versioned, attributed, soft-deleted, maybe private.

    Any feature's model inherits this to get conflict-safe saves, history with restore,
    privacy and live updates from pairapp.versioning.
    """

    pair = ForeignKeyField(Pair, on_delete="CASCADE")
    # Bumped by every saved change; a save from an older version is a conflict (409).
    version = IntegerField(default=1)
    # Order within its list; gaps are fine.
    position = IntegerField(default=0)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    updated_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)
    # Set while the unit is private to its author; null means shared with the pair.
    private_to = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")

    @classmethod
    def visible_to(cls, user_id):
        """The condition that keeps other people's private units out of a query."""
        return cls.private_to.is_null() | (cls.private_to == user_id)


class Revision(BaseModel):
    """One recorded change: who, when, which unit and field, from what, to what, and why."""

    pair = ForeignKeyField(Pair, on_delete="CASCADE")
    user = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    part = CharField()
    kind = CharField()
    object_id = IntegerField()
    field = CharField(default="")
    # edit, create, delete, undelete, move, share, show, hide, sign
    action = CharField(default="edit")
    # The pair's change counter after this change; live updates ask for seq > since.
    seq = IntegerField(default=0)
    old_value = TextField(null=True)
    new_value = TextField(null=True)
    reason = TextField(default="")
    # A change to a private unit stays private to its author, even after sharing.
    private_to = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
    # The open page (browser tab) that made the change: its own polls do not echo it back.
    page = CharField(default=requesting_page)

    class Meta:
        indexes = ((("pair", "kind", "object_id"), False), (("pair", "seq"), False))

    @classmethod
    def visible_to(cls, user_id):
        """The condition that keeps other people's private changes out of a query."""
        return cls.private_to.is_null() | (cls.private_to == user_id)
