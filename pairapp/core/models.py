"""The tables every feature shares: people, pairs, members, versioned units and their history."""

import datetime

from flask import has_request_context, request
from flask_login import UserMixin
from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import db

ROLES = ("mentor", "protege", "colleague")
ROLE_LABELS = {"mentor": "mentor", "protege": "protégé", "colleague": "colleague"}


def utcnow():
    """The current time in UTC, without tzinfo (stored as UTC)."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class BaseModel(Model):
    """Every table: bound to the app database, snake_case table names."""

    class Meta:
        database = db
        legacy_table_names = False


class User(UserMixin, BaseModel):
    email = CharField(unique=True)
    display_name = CharField()
    password_hash = CharField()
    is_admin = BooleanField(default=False)
    timezone = CharField(default="")
    # Bumped on log-out, password change and deletion: every copied cookie stops working.
    session_version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    # Set while an admin has disabled the account: it cannot log in, its sessions are over.
    disabled_at = DateTimeField(null=True)

    def get_id(self):
        """The login id: the user id and the session version."""
        return f"{self.id}:{self.session_version}"

    def set_password(self, password):
        """Store a salted hash of the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        """Whether the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @classmethod
    def by_email(cls, email):
        """The user with this email (case-insensitive), or None."""
        return cls.get_or_none(cls.email == normalise_email(email))

    @classmethod
    def from_login_id(cls, login_id):
        """The user a login id names, if its session version is still current."""
        user_id, _, version = str(login_id).partition(":")
        if not (user_id.isdigit() and version.isdigit()):
            return None
        return cls.get_or_none(
            (cls.id == int(user_id))
            & (cls.session_version == int(version))
            & cls.disabled_at.is_null()
        )


def normalise_email(email):
    """Emails compare case-insensitively and without surrounding spaces."""
    return (email or "").strip().lower()


class TokenLink:
    """The state of a link a token stands for (invite, sign-up, password reset, share,
    calendar): a model with revoked_at and expires_at (None: until revoked) mixes this in,
    and used_at too when the link works once."""

    def status(self, now=None):
        """One of: used, revoked, expired, open."""
        now = now or utcnow()
        if getattr(self, "used_at", None):
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "open"


class Pair(BaseModel):
    title = CharField()
    start_date = DateField()
    created_at = DateTimeField(default=utcnow)
    # Counts every change to the pair's content; pages poll with ?since=<this>.
    change_counter = IntegerField(default=0)
    # Set while the pair's cycle is closed: its content is a read-only archive until reopened.
    archived_at = DateTimeField(null=True)


class Membership(BaseModel):
    pair = ForeignKeyField(Pair, backref="memberships", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    role = CharField()
    joined_at = DateTimeField(default=utcnow)
    # When this member put away the pair home's first-steps guide (for them only).
    first_steps_dismissed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("pair", "user"), True),)

    @property
    def role_label(self):
        """The role as people read it."""
        return ROLE_LABELS[self.role]


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
    # The feature the change belongs to ("plan", "pairs", ...): a page's live updates and
    # agreement only look at their own feature's changes.
    feature = CharField(default="plan")
    part = CharField()
    kind = CharField()
    object_id = IntegerField()
    field = CharField(default="")
    # edit, set, create, delete, undelete, move, share, and events: show, hide, sign, join, leave
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
        indexes = (
            (("pair", "kind", "object_id"), False),
            (("pair", "seq"), False),
            (("pair", "feature", "seq"), False),
            # Each part's newest change (last-change lines, agreements): read from the index.
            (("pair", "feature", "part", "private_to", "id"), False),
        )

    @classmethod
    def visible_to(cls, user_id):
        """The condition that keeps other people's private changes out of a query."""
        return cls.private_to.is_null() | (cls.private_to == user_id)
