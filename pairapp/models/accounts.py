"""Accounts, pairs, memberships and invite links."""

import datetime

from flask_login import UserMixin
from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
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
        return cls.get_or_none((cls.id == int(user_id)) & (cls.session_version == int(version)))


def normalise_email(email):
    """Emails compare case-insensitively and without surrounding spaces."""
    return (email or "").strip().lower()


class Pair(BaseModel):
    title = CharField()
    start_date = DateField()
    created_at = DateTimeField(default=utcnow)
    # Counts every change to the pair's content; pages poll with ?since=<this>.
    change_counter = IntegerField(default=0)


class Membership(BaseModel):
    pair = ForeignKeyField(Pair, backref="memberships", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    role = CharField()
    joined_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("pair", "user"), True),)

    @property
    def role_label(self):
        """The role as people read it."""
        return ROLE_LABELS[self.role]


class Invite(BaseModel):
    pair = ForeignKeyField(Pair, backref="invites", on_delete="CASCADE")
    role = CharField()
    # Only the SHA-256 of the token is stored; the token itself is shown once.
    token_hash = CharField(unique=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)
    used_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    revoked_at = DateTimeField(null=True)

    @property
    def role_label(self):
        """The role as people read it."""
        return ROLE_LABELS[self.role]

    def status(self, now=None):
        """One of: used, revoked, expired, open."""
        now = now or utcnow()
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "open"


ACCOUNT_MODELS = [User, Pair, Membership, Invite]
